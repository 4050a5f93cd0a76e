/**
 * Whom a visitor contacts about establishing: an offer's own channels, else its provider's, else the
 * region's investment-promotion actor (named in the taxonomy); and that actor's channels as links.
 * Only catalogue data is shown, so a channel the catalogue lacks is never made up.
 */
import type { ContactChannel, Entry, EntryId } from '#shared/domain/entry.ts';
import { NotFoundError } from '#shared/domain/errors.ts';
import { localize } from '#shared/domain/text.ts';
import type { AppDeps } from '../../env.ts';
import type { Messages } from '../messages/index.ts';
import { mailtoHref, safeHref, telHref } from '../safe-url.ts';
import { entryHref } from '../urls.ts';

/** The published region's investment-promotion actor, or undefined when the region names none or it is not visible. */
export const investmentPromotion = async (deps: Pick<AppDeps, 'catalogue' | 'taxonomy'>): Promise<Entry | undefined> => {
  const id = deps.taxonomy.region.investmentPromotion;
  if (!id) return undefined;
  return deps.catalogue.getPublished(id as EntryId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
};

/** An entry's website and contact channels, website first. */
export const channelsOf = (entry: Entry): ContactChannel[] => [
  ...(entry.website && !entry.contact.some((c) => c.type === 'web' && c.url === entry.website) ? [{ type: 'web' as const, url: entry.website }] : []),
  ...entry.contact,
];

const displayUrl = (url: string) => url.replace(/^https?:\/\//, '').replace(/\/$/, '');

/** One channel as a link (https, mailto, tel only), or its text when it cannot be linked. */
export const ChannelLink = (props: { channel: ContactChannel; t: Messages; mailto?: { subject: string; body: string } | undefined }) => {
  const { channel, t } = props;
  switch (channel.type) {
    case 'web': {
      const href = safeHref(channel.url);
      return (
        <>
          {t.entry.web}: {href ? <a href={href}>{displayUrl(channel.url)}</a> : displayUrl(channel.url)}
        </>
      );
    }
    case 'email': {
      const base = mailtoHref(channel.address);
      const href = base && props.mailto ? `${base}?subject=${encodeURIComponent(props.mailto.subject)}&body=${encodeURIComponent(props.mailto.body)}` : base;
      return (
        <>
          {t.entry.email}: {href ? <a href={href}>{channel.address}</a> : channel.address}
        </>
      );
    }
    case 'phone': {
      const href = telHref(channel.number);
      return (
        <>
          {t.entry.phone}: {href ? <a href={href}>{channel.number}</a> : channel.number}
        </>
      );
    }
  }
};

/** The organisation and its channels as a list, or a plain sentence that the catalogue has none. */
export const OrganisationChannels = (props: { organisation: Entry; t: Messages; mailto?: { subject: string; body: string } | undefined }) => {
  const { organisation, t } = props;
  const channels = channelsOf(organisation);
  const name = localize(organisation.name, t.lang);
  return (
    <ul class="plain">
      {channels.map((channel) => (
        <li>
          <ChannelLink channel={channel} t={t} mailto={props.mailto} />
        </li>
      ))}
      {channels.length === 0 && <li>{t.offers.facts.noChannels(name)}</li>}
      <li>
        <a href={entryHref(organisation.id, t.lang)}>{t.offers.enquiry.readMore(name)}</a>
      </li>
    </ul>
  );
};
