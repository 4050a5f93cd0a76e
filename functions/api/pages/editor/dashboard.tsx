/**
 * The editor's dashboard (GET /editor): links to create each kind the user may create, then three
 * sections — the entries the user may change, their drafts, and the verification queue (entries not
 * verified for the freshness period, with the days since they were).
 */
import type { Context } from 'hono';
import { ENTRY_KINDS, type Entry, type EntryKind } from '#shared/domain/entry.ts';
import type { Principal } from '#shared/domain/identity.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { mayEdit } from '#shared/services/editor.ts';
import type { AppEnv } from '../../env.ts';
import { formatDate } from '../format.ts';
import { renderPage } from '../layout.tsx';
import type { Messages } from '../messages/index.ts';
import { entryHref } from '../urls.ts';
import { editorHref } from './editor-urls.ts';

const DAY = 86_400_000;

/** The kinds a principal may create: those whose new entry (provided by their organisation) they may edit. */
export const creatableKinds = (principal: Principal): EntryKind[] =>
  ENTRY_KINDS.filter((kind) =>
    mayEdit(principal, {
      id: 'new-entry' as Entry['id'],
      kind,
      providerId: kind === 'actor' ? undefined : (principal.organisationId as Entry['id'] | undefined),
    }),
  );

/** Whole days from a verification to now (never negative). */
export const daysSince = (iso: string, now: Date): number => Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / DAY));

export type DashboardModel = {
  t: Messages;
  taxonomy: Taxonomy;
  principal: Principal;
  now: Date;
  freshnessDays: number;
  editable: readonly Entry[];
  queue: readonly Entry[];
};

const EntryList = (props: { model: DashboardModel; entries: readonly Entry[]; empty: string; showDays?: boolean }) => {
  const { t, taxonomy, now } = props.model;
  if (props.entries.length === 0) return <p>{props.empty}</p>;
  return (
    <ul class="editor-list">
      {props.entries.map((entry) => {
        const name = (t.lang === 'en' ? entry.name.en : undefined) ?? entry.name.sv;
        const verified = entry.lastVerifiedAt
          ? `${t.editor.lastVerified(formatDate(entry.lastVerifiedAt, t))}${props.showDays ? ` (${t.editor.daysSince(daysSince(entry.lastVerifiedAt, now))})` : ''}`
          : t.editor.neverVerified;
        return (
          <li>
            <h3>
              <a href={editorHref(`/editor/${entry.kind === 'establishment-offer' ? 'offers' : 'entries'}/${entry.id}/edit`, t.lang)}>{name}</a>
            </h3>
            <p class="meta">
              {taxonomy.kinds.find((k) => k.code === entry.kind)?.label[t.lang] ?? entry.kind} ·{' '}
              <span class={`status status-${entry.status}`}>{t.editor.status[entry.status]}</span> · {verified}
            </p>
            {entry.kind === 'actor' && entry.intakeEmailBounce && (
              <p class="meta intake-bounce">{t.editor.intakeBounced(entry.intakeEmailBounce.reason, entry.intakeEmailBounce.address, formatDate(entry.intakeEmailBounce.at, t))}</p>
            )}
            <p class="meta">
              <a href={editorHref(`/editor/entries/${entry.id}/history`, t.lang)}>
                {t.editor.history}
                <span class="vh">: {name}</span>
              </a>
              {entry.status === 'published' && (
                <>
                  {' · '}
                  <a href={entryHref(entry.id, t.lang)}>
                    {t.editor.publicPage}
                    <span class="vh">: {name}</span>
                  </a>
                </>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
};

export const renderDashboard = (c: Context<AppEnv>, model: DashboardModel) => {
  const { t, taxonomy, principal } = model;
  const drafts = model.editable.filter((entry) => entry.status === 'draft');
  const kinds = creatableKinds(principal);
  const sections = [
    { id: 'mine', heading: t.editor.mine, count: model.editable.length },
    { id: 'drafts', heading: t.editor.drafts, count: drafts.length },
    { id: 'queue', heading: t.editor.queue, count: model.queue.length },
  ];
  return renderPage(
    c,
    { t, title: t.editor.dashboardTitle, current: 'editor' },
    <>
      <h1>{t.editor.dashboardTitle}</h1>
      <p class="lead">{t.editor.dashboardLead(principal.name)}</p>
      <nav aria-label={t.editor.sectionsNav}>
        <ul class="chips">
          {sections.map((section) => (
            <li>
              <a href={`#${section.id}`}>{`${section.heading} (${section.count})`}</a>
            </li>
          ))}
        </ul>
      </nav>
      {kinds.length > 0 && (
        <section aria-labelledby="new">
          <h2 id="new">{t.editor.newHeading}</h2>
          <p>{t.editor.newLead}</p>
          <ul class="new-kinds">
            {kinds.map((kind) => (
              <li>
                {kind === 'establishment-offer' ? (
                  <a class="button secondary-link" href={editorHref('/editor/offers/new', t.lang)}>
                    {t.offers.form.listOffer}
                  </a>
                ) : (
                  <a class="button secondary-link" href={editorHref('/editor/entries/new', t.lang, { kind })}>
                    {t.editor.newOf(taxonomy.kinds.find((k) => k.code === kind)?.label[t.lang] ?? kind)}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="mine">
        <h2 id="mine">
          {t.editor.mine} <span class="count">({t.editor.count(model.editable.length)})</span>
        </h2>
        <p>{t.editor.mineLead}</p>
        <EntryList model={model} entries={model.editable} empty={t.editor.none} />
      </section>
      <section aria-labelledby="drafts">
        <h2 id="drafts">
          {t.editor.drafts} <span class="count">({t.editor.count(drafts.length)})</span>
        </h2>
        <p>{t.editor.draftsLead}</p>
        <EntryList model={model} entries={drafts} empty={t.editor.none} />
      </section>
      <section aria-labelledby="queue">
        <h2 id="queue">
          {t.editor.queue} <span class="count">({t.editor.count(model.queue.length)})</span>
        </h2>
        <p>{t.editor.queueLead(model.freshnessDays)}</p>
        <EntryList model={model} entries={model.queue} empty={t.editor.queueEmpty} showDays />
      </section>
    </>,
  );
};
