/**
 * The editor's dashboard (GET /editor): links to create each kind the user may create, shortcuts to
 * drafts, the verification queue and actors missing an intake address, then the entries the user may
 * change as a table to filter (a GET form), sort (column header links) and page through.
 */
import type { Context } from 'hono';
import { ENTRY_KINDS, EntryStatus, type Entry, type EntryKind } from '#shared/domain/entry.ts';
import type { Principal } from '#shared/domain/identity.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { mayEdit } from '#shared/services/editor.ts';
import type { AppEnv } from '../../env.ts';
import { formatDate } from '../format.ts';
import { renderPage } from '../layout.tsx';
import type { Messages } from '../messages/index.ts';
import { entryHref } from '../urls.ts';
import { Pagination } from '../components/pagination.tsx';
import {
  DASHBOARD_SORTS,
  dashboardParams,
  entryName,
  FIRST_DIRECTION,
  intakeMissing,
  listDashboard,
  type DashboardList,
  type DashboardQuery,
  type DashboardSort,
  type SortDirection,
} from './dashboard-query.ts';
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
  query: DashboardQuery;
};

const kindLabel = (taxonomy: Taxonomy, t: Messages, kind: EntryKind) => taxonomy.kinds.find((k) => k.code === kind)?.label[t.lang] ?? kind;

/** The organisations the list can be narrowed to: each provider (or actor) among the entries, by name. */
const providerOptions = (editable: readonly Entry[], t: Messages) => {
  const names = new Map(editable.filter((entry) => entry.kind === 'actor').map((entry) => [entry.id as string, entryName(entry, t.lang)]));
  const ids = new Set(editable.flatMap((entry) => (entry.kind === 'actor' ? [entry.id as string] : entry.providerId ? [entry.providerId as string] : [])));
  return [...ids].map((id) => ({ value: id, label: names.get(id) ?? id })).sort((a, b) => a.label.localeCompare(b.label, t.locale));
};

/** "Typ: Aktör, Status: Utkast" — the filters in use, as the visitor chose them. */
const activeFilters = (model: DashboardModel, providers: readonly { value: string; label: string }[]): string[] => {
  const { t, taxonomy, query } = model;
  const f = t.editor.list.filters;
  return [
    query.q && `${f.q}: “${query.q}”`,
    query.kind && `${f.kind}: ${kindLabel(taxonomy, t, query.kind)}`,
    query.status && `${f.status}: ${t.editor.status[query.status]}`,
    query.provider && `${f.provider}: ${providers.find((p) => p.value === query.provider)?.label ?? query.provider}`,
    query.due && t.editor.queue,
    query.intake && t.editor.list.missingIntake,
  ].filter((text): text is string => Boolean(text));
};

const EntryRow = (props: { model: DashboardModel; entry: Entry; due: boolean }) => {
  const { t, taxonomy, now } = props.model;
  const { entry } = props;
  const name = entryName(entry, t.lang);
  return (
    <tr>
      <th scope="row">
        <a href={editorHref(`/editor/${entry.kind === 'establishment-offer' ? 'offers' : 'entries'}/${entry.id}/edit`, t.lang)}>{name}</a>
        {entry.kind === 'actor' && entry.intakeEmailBounce && (
          <p class="meta intake-bounce">{t.editor.intakeBounced(entry.intakeEmailBounce.reason, entry.intakeEmailBounce.address, formatDate(entry.intakeEmailBounce.at, t))}</p>
        )}
        {entry.kind === 'actor' && !entry.referralIntakeEmail && <p class="meta intake-none">{t.editor.list.intakeNone}</p>}
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
      </th>
      <td>{kindLabel(taxonomy, t, entry.kind)}</td>
      <td>
        <span class={`status status-${entry.status}`}>{t.editor.status[entry.status]}</span>
      </td>
      <td>{formatDate(entry.updatedAt, t)}</td>
      <td class={props.due ? 'due' : undefined}>
        {entry.lastVerifiedAt
          ? `${t.editor.lastVerified(formatDate(entry.lastVerifiedAt, t))}${props.due ? ` (${t.editor.daysSince(daysSince(entry.lastVerifiedAt, now))})` : ''}`
          : t.editor.neverVerified}
      </td>
    </tr>
  );
};

const SortHeader = (props: { model: DashboardModel; list: DashboardList; column: DashboardSort }) => {
  const { t, query } = props.model;
  const { list, column } = props;
  const sorted = list.sort === column;
  const next: SortDirection = sorted ? (list.dir === 'asc' ? 'desc' : 'asc') : FIRST_DIRECTION[column];
  return (
    <th scope="col" aria-sort={sorted ? (list.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={editorHref('/editor', t.lang, dashboardParams(query, { sort: column, dir: next, page: undefined }))}>
        {t.editor.list.columns[column]}
        <span class="vh">{t.editor.list.sortHint(next)}</span>
        {sorted && <span aria-hidden="true">{list.dir === 'asc' ? ' ▲' : ' ▼'}</span>}
      </a>
    </th>
  );
};

const FilterForm = (props: { model: DashboardModel; providers: readonly { value: string; label: string }[] }) => {
  const { t, taxonomy, query, editable } = props.model;
  const f = t.editor.list.filters;
  const kinds = ENTRY_KINDS.filter((kind) => kind === query.kind || editable.some((entry) => entry.kind === kind));
  return (
    <form method="get" action="/editor" class="dashboard-filters" aria-labelledby="filters">
      <h3 id="filters">{t.editor.list.filtersHeading}</h3>
      {t.lang === 'en' && <input type="hidden" name="lang" value="en" />}
      {query.sort && <input type="hidden" name="sort" value={query.sort} />}
      {query.dir && <input type="hidden" name="dir" value={query.dir} />}
      <p>
        <label for="filter-q">{f.q}</label>
        <input type="search" id="filter-q" name="q" value={query.q} maxlength={100} />
      </p>
      <p>
        <label for="filter-kind">{f.kind}</label>
        <select id="filter-kind" name="kind">
          <option value="">{t.editor.list.anyOption}</option>
          {kinds.map((kind) => (
            <option value={kind} selected={query.kind === kind}>
              {kindLabel(taxonomy, t, kind)}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for="filter-status">{f.status}</label>
        <select id="filter-status" name="status">
          <option value="">{t.editor.list.anyOption}</option>
          {EntryStatus.options.map((status) => (
            <option value={status} selected={query.status === status}>
              {t.editor.status[status]}
            </option>
          ))}
        </select>
      </p>
      {props.providers.length > 1 && (
        <p>
          <label for="filter-provider">{f.provider}</label>
          <select id="filter-provider" name="provider">
            <option value="">{t.editor.list.anyOption}</option>
            {props.providers.map((provider) => (
              <option value={provider.value} selected={query.provider === provider.value}>
                {provider.label}
              </option>
            ))}
          </select>
        </p>
      )}
      <p class="checkbox">
        <input type="checkbox" id="filter-due" name="due" value="1" checked={query.due === '1'} />
        <label for="filter-due">{f.due}</label>
      </p>
      {kinds.includes('actor') && (
        <p class="checkbox">
          <input type="checkbox" id="filter-intake" name="intake" value="missing" checked={query.intake === 'missing'} />
          <label for="filter-intake">{f.intake}</label>
        </p>
      )}
      <p>
        <button type="submit">{t.editor.list.apply}</button> <a href={editorHref('/editor', t.lang)}>{t.editor.list.clear}</a>
      </p>
    </form>
  );
};

export const renderDashboard = (c: Context<AppEnv>, model: DashboardModel) => {
  const { t, taxonomy, principal, query } = model;
  const due = new Set<string>(model.queue.map((entry) => entry.id));
  const list = listDashboard(model.editable, due, query, t.lang, t.locale);
  const providers = providerOptions(model.editable, t);
  const filters = activeFilters(model, providers);
  const kinds = creatableKinds(principal);
  const shortcuts: { label: string; params: Record<string, string>; count: number }[] = [
    { label: t.editor.list.all, params: {}, count: model.editable.length },
    { label: t.editor.drafts, params: { status: 'draft' }, count: model.editable.filter((entry) => entry.status === 'draft').length },
    { label: t.editor.queue, params: { due: '1' }, count: model.queue.length },
    ...(model.editable.some((entry) => entry.kind === 'actor')
      ? [{ label: t.editor.list.missingIntake, params: { intake: 'missing' }, count: model.editable.filter(intakeMissing).length }]
      : []),
  ];
  const pageHref = (page: number) => editorHref('/editor', t.lang, dashboardParams(query, { page }));
  return renderPage(
    c,
    { t, title: list.pageCount > 1 ? `${t.editor.dashboardTitle} (${t.editor.list.pageOf(list.page, list.pageCount)})` : t.editor.dashboardTitle, current: 'editor' },
    <>
      <h1>{t.editor.dashboardTitle}</h1>
      <p class="lead">{t.editor.dashboardLead(principal.name)}</p>
      <nav aria-label={t.editor.sectionsNav}>
        <ul class="chips">
          {shortcuts.map((shortcut) => (
            <li>
              <a href={editorHref('/editor', t.lang, shortcut.params)}>{`${shortcut.label} (${shortcut.count})`}</a>
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
                    {t.editor.newOf(kindLabel(taxonomy, t, kind))}
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
        {query.due && <p>{t.editor.queueLead(model.freshnessDays)}</p>}
        <FilterForm model={model} providers={providers} />
        <p id="result-count" class="result-count">
          {t.editor.list.result(list.matching, list.total)}
          {list.pageCount > 1 && ` · ${t.editor.list.pageOf(list.page, list.pageCount)}`}
        </p>
        {list.entries.length === 0 ? (
          <div class="empty-state">
            <p>{filters.length > 0 ? t.editor.list.empty(filters.join(', ')) : t.editor.none}</p>
            {filters.length > 0 && (
              <p>
                {t.editor.list.emptyLoosen} <a href={editorHref('/editor', t.lang)}>{t.editor.list.clear.toLocaleLowerCase(t.locale)}</a>.
              </p>
            )}
          </div>
        ) : (
          <div class="table-scroll editor-table-scroll" role="region" aria-labelledby="mine" tabindex={0}>
            <table class="editor-table" aria-describedby="result-count">
              <caption class="vh">{t.editor.mine}</caption>
              <thead>
                <tr>
                  {DASHBOARD_SORTS.map((column) => (
                    <SortHeader model={model} list={list} column={column} />
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.entries.map((entry) => (
                  <EntryRow model={model} entry={entry} due={due.has(entry.id)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.pageCount > 1 && (
          <>
            <p class="page-of">{t.editor.list.pageOf(list.page, list.pageCount)}</p>
            <Pagination t={t} page={list.page} pageCount={list.pageCount} href={pageHref} />
          </>
        )}
      </section>
    </>,
  );
};
