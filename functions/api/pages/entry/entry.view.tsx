/**
 * The entry page: every fact of an entry by kind, contact, provider and its other entries, sources and freshness.
 * An establishment offer leads with the facts an investor compares, and its contact names whom to ask.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { ENTRY_KINDS, type ContactChannel, type Entry } from '#shared/domain/entry.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { localize, type LocalizedText } from '#shared/domain/text.ts';
import type { ExplainedHit } from '#shared/services/search.ts';
import { LocalText } from '../components/local-text.tsx';
import { commaList, fallbackLang, formatDate, formatNumber, languageName, listFormat, profileAreaLabel, termLabel } from '../format.ts';
import { renderPage } from '../layout.tsx';
import type { Messages } from '../messages/index.ts';
import { ReferLink } from '../referrals/refer-link.tsx';
import { mailtoHref, safeHref, telHref } from '../safe-url.ts';
import { areaHref, entryHref, pageHref } from '../urls.ts';
import { ChannelLink, channelsOf, OrganisationChannels } from '../offers/offer-contact.tsx';
import { OfferCompareFacts, OfferFacts } from '../offers/offer-facts.tsx';

export type EntryPageModel = {
  t: Messages;
  taxonomy: Taxonomy;
  entry: Entry;
  provider: Entry | undefined;
  related: ExplainedHit[];
  /** For an establishment offer: the region's investment promotion, whom to ask when neither offer nor provider says. */
  promotion?: Entry | undefined;
};

/** A link when the URL is https/mailto/tel, otherwise the text alone. */
const SafeLink = (props: { href: string | undefined; children: Child }) =>
  props.href ? <a href={props.href}>{props.children}</a> : <>{props.children}</>;

const displayUrl = (url: string) => url.replace(/^https?:\/\//, '').replace(/\/$/, '');

const Paragraphs = (props: { text: LocalizedText; lang: Messages['lang'] }) => (
  <>
    {localize(props.text, props.lang)
      .split(/\n\s*\n|\n/)
      .filter((p) => p.trim() !== '')
      .map((p) => (
        <p lang={fallbackLang(props.text, props.lang)}>{p}</p>
      ))}
  </>
);

const Fact = (props: { label: string; children: Child }) => (
  <div>
    <dt>{props.label}</dt>
    <dd>{props.children}</dd>
  </div>
);

const TextList = (props: { items: readonly LocalizedText[]; lang: Messages['lang'] }) => (
  <ul>
    {props.items.map((item) => (
      <li>
        <LocalText text={item} lang={props.lang} />
      </li>
    ))}
  </ul>
);

const KindFacts = (props: { t: Messages; taxonomy: Taxonomy; entry: Entry; provider?: Entry | undefined }): Child => {
  const { t, taxonomy, entry } = props;
  switch (entry.kind) {
    case 'actor':
      return null;
    case 'offering': {
      const o = entry.offering;
      const period = o.applicationPeriod;
      return (
        <>
          {(o.cost || o.costNote) && (
            <Fact label={t.entry.cost}>
              {o.cost && t.entry.costValues[o.cost]}
              {o.cost && o.costNote && '. '}
              {o.costNote && <LocalText text={o.costNote} lang={t.lang} />}
            </Fact>
          )}
          {period && (period.opens || period.closes || period.note) && (
            <Fact label={t.entry.applicationPeriod}>
              {listFormat(
                [period.opens ? t.entry.opens(formatDate(period.opens, t)) : '', period.closes ? t.entry.closes(formatDate(period.closes, t)) : ''].filter(Boolean),
                t,
              )}
              {(period.opens || period.closes) && period.note && '. '}
              {period.note && <LocalText text={period.note} lang={t.lang} />}
            </Fact>
          )}
        </>
      );
    }
    case 'testbed': {
      const tb = entry.testbed;
      return (
        <>
          {tb.capabilities.length > 0 && (
            <Fact label={t.entry.capabilities}>
              <TextList items={tb.capabilities} lang={t.lang} />
            </Fact>
          )}
          {tb.trl && <Fact label={t.entry.trl}>{t.entry.trlRange(tb.trl.min, tb.trl.max)}</Fact>}
          {tb.accessTerms && (
            <Fact label={t.entry.accessTerms}>
              <LocalText text={tb.accessTerms} lang={t.lang} />
            </Fact>
          )}
        </>
      );
    }
    case 'investor': {
      const inv = entry.investor;
      const ticket = inv.ticketSizeSek;
      return (
        <>
          <Fact label={t.entry.instruments}>{listFormat(inv.instruments.map((i) => t.entry.instrumentValues[i]), t)}</Fact>
          {ticket && (ticket.min !== undefined || ticket.max !== undefined) && (
            <Fact label={t.entry.ticketSize}>
              {t.entry.ticketRange(
                ticket.min !== undefined ? formatNumber(ticket.min, t) : undefined,
                ticket.max !== undefined ? formatNumber(ticket.max, t) : undefined,
              )}
            </Fact>
          )}
          {inv.investmentStages.length > 0 && (
            <Fact label={t.entry.investmentStages}>{listFormat(inv.investmentStages.map((s) => termLabel(taxonomy, 'stage', s, t.lang)), t)}</Fact>
          )}
        </>
      );
    }
    case 'establishment-offer':
      return <OfferFacts t={t} entry={entry} provider={props.provider} />;
  }
};

const contactLink = (channel: ContactChannel, t: Messages) => {
  switch (channel.type) {
    case 'web':
      return (
        <>
          {t.entry.web}:{' '}
          <SafeLink href={safeHref(channel.url)}>{channel.label ? <LocalText text={channel.label} lang={t.lang} /> : displayUrl(channel.url)}</SafeLink>
        </>
      );
    case 'email':
      return (
        <>
          {t.entry.email}: <SafeLink href={mailtoHref(channel.address)}>{channel.address}</SafeLink>
        </>
      );
    case 'phone':
      return (
        <>
          {t.entry.phone}: <SafeLink href={telHref(channel.number)}>{channel.number}</SafeLink>
        </>
      );
  }
};

const Related = (props: { t: Messages; taxonomy: Taxonomy; heading: string; hits: ExplainedHit[] }) => {
  const { t } = props;
  return (
    <section aria-labelledby="related-heading">
      <h2 id="related-heading">{props.heading}</h2>
      {ENTRY_KINDS.map((kind) => {
        const hits = props.hits.filter((h) => h.kind === kind);
        return hits.length === 0 ? null : (
          <>
            <h3>{t.kindPlural[kind]}</h3>
            <ul>
              {hits.map((hit) => (
                <li>
                  <a href={entryHref(hit.id, t.lang)}>
                    <LocalText text={hit.name} lang={t.lang} />
                  </a>
                </li>
              ))}
            </ul>
          </>
        );
      })}
    </section>
  );
};

/** An offer's contact: its own channels, then its provider's; without either, the region's investment promotion's, said plainly. */
const OfferContact = (props: { t: Messages; entry: Entry; provider: Entry | undefined; promotion: Entry | undefined }) => {
  const { t, entry, provider, promotion } = props;
  const f = t.offers.facts;
  const own = channelsOf(entry);
  const who = provider ?? (own.length === 0 ? promotion : undefined);
  return (
    <section class="side-box" aria-labelledby="contact-heading">
      <h2 id="contact-heading">{f.contactHeading}</h2>
      {own.length > 0 && (
        <ul class="plain">
          {own.map((channel) => (
            <li>
              <ChannelLink channel={channel} t={t} />
            </li>
          ))}
        </ul>
      )}
      {who && (
        <>
          <p>{provider ? f.contactVia(localize(provider.name, t.lang)) : f.contactRegion(localize(who.name, t.lang))}</p>
          <OrganisationChannels organisation={who} t={t} />
        </>
      )}
      {own.length === 0 && !who && <p>{t.entry.noContact}</p>}
    </section>
  );
};

export const renderEntryPage = (c: Context, model: EntryPageModel) => {
  const { t, taxonomy, entry, provider, related } = model;
  const name = localize(entry.name, t.lang);
  const providerName = provider ? localize(provider.name, t.lang) : undefined;
  const website = entry.website ? safeHref(entry.website) : undefined;
  return renderPage(
    c,
    { t, title: name },
    <article class="entry">
      <p class="back">
        <a href={pageHref('/', t.lang)}>← {t.entry.backToSearch}</a>
      </p>
      <p class="kind-label">{termLabel(taxonomy, 'kind', entry.kind, t.lang)}</p>
      <h1 lang={fallbackLang(entry.name, t.lang)}>{name}</h1>
      {entry.demo && <p class="notice">{t.entry.demoNotice}</p>}
      <p class="lead" lang={fallbackLang(entry.summary, t.lang)}>
        {localize(entry.summary, t.lang)}
      </p>
      <div class="entry-layout">
        <div>
          {entry.kind === 'establishment-offer' && (
            <>
              <h2>{t.offers.facts.compareHeading}</h2>
              <OfferCompareFacts t={t} taxonomy={taxonomy} entry={entry} />
            </>
          )}
          <h2>{t.entry.aboutHeading}</h2>
          <Paragraphs text={entry.description} lang={t.lang} />
          <h2>{t.entry.factsHeading}</h2>
          <dl class="facts">
            <Fact label={t.entry.kind}>{termLabel(taxonomy, 'kind', entry.kind, t.lang)}</Fact>
            <Fact label={t.entry.areas}>
              <ul class="plain">
                {entry.areas.map((code) => (
                  <li>
                    <a href={areaHref(code, t.lang)}>{termLabel(taxonomy, 'area', code, t.lang)}</a>
                  </li>
                ))}
              </ul>
            </Fact>
            <Fact label={t.entry.stages}>{listFormat(entry.stages.map((s) => termLabel(taxonomy, 'stage', s, t.lang)), t)}</Fact>
            {entry.supportTypes.length > 0 && (
              <Fact label={t.entry.supportTypes}>{commaList(entry.supportTypes.map((s) => termLabel(taxonomy, 'supportType', s, t.lang)))}</Fact>
            )}
            <Fact label={t.entry.focus}>
              {termLabel(taxonomy, 'focus', entry.focus.level, t.lang)}
              {entry.focus.profileAreas.length > 0 &&
                ` – ${t.entry.profileAreas.toLowerCase()}: ${listFormat(entry.focus.profileAreas.map((p) => profileAreaLabel(taxonomy, p, t.lang)), t)}`}
            </Fact>
            {entry.greenTransition === true && <Fact label={t.entry.greenTransition}>{t.entry.greenTransitionValue}</Fact>}
            <Fact label={t.entry.municipalities}>
              {entry.municipalities === 'county'
                ? t.entry.wholeCounty
                : listFormat(entry.municipalities.map((m) => termLabel(taxonomy, 'municipality', m, t.lang)), t)}
            </Fact>
            {entry.sectors.length > 0 && (
              <Fact label={t.entry.sectors}>
                <span lang={t.lang === 'sv' ? undefined : 'sv'}>{entry.sectors.join(', ')}</span>
              </Fact>
            )}
            <Fact label={t.entry.languages}>{listFormat(entry.languages.map((l) => languageName(l, t)), t)}</Fact>
            {entry.validUntil && <Fact label={t.entry.validUntil}>{formatDate(entry.validUntil, t)}</Fact>}
            <KindFacts t={t} taxonomy={taxonomy} entry={entry} provider={provider} />
          </dl>
        </div>
        <div>
          <ReferLink t={t} entry={entry} />
          {entry.kind === 'establishment-offer' ? (
            <OfferContact t={t} entry={entry} provider={provider} promotion={model.promotion} />
          ) : (
            <section class="side-box" aria-labelledby="contact-heading">
              <h2 id="contact-heading">{t.entry.contactHeading}</h2>
              <ul class="plain">
                {entry.website && (
                  <li>
                    {t.entry.website}: <SafeLink href={website}>{displayUrl(entry.website)}</SafeLink>
                  </li>
                )}
                {entry.contact.map((channel) => (
                  <li>{contactLink(channel, t)}</li>
                ))}
              </ul>
              {entry.contact.length === 0 && <p>{t.entry.noContact}</p>}
            </section>
          )}
          {provider && providerName && (
            <section class="side-box" aria-labelledby="provider-heading">
              <h2 id="provider-heading">{t.entry.providerHeading}</h2>
              <p>
                {t.entry.providedBy}{' '}
                <a href={entryHref(provider.id, t.lang)}>
                  <LocalText text={provider.name} lang={t.lang} />
                </a>
              </p>
              <p lang={fallbackLang(provider.summary, t.lang)}>{localize(provider.summary, t.lang)}</p>
            </section>
          )}
        </div>
      </div>
      {related.length > 0 && (
        <Related
          t={t}
          taxonomy={taxonomy}
          heading={entry.kind === 'actor' ? t.entry.offeringsOf(name) : t.entry.moreFrom(providerName ?? '')}
          hits={related}
        />
      )}
      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">{t.entry.sourcesHeading}</h2>
        <p>{entry.lastVerifiedAt ? t.entry.lastVerified(formatDate(entry.lastVerifiedAt, t)) : t.entry.notVerified}</p>
        {entry.sources.length > 0 && (
          <>
            <p>{t.entry.sourcesLead}</p>
            <ul>
              {entry.sources.map((source) => (
                <li>
                  <SafeLink href={safeHref(source)?.startsWith('https:') ? safeHref(source) : undefined}>{source}</SafeLink>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </article>,
  );
};
