/**
 * The editor pages' handlers: the dashboard, the entry form (new, create, edit, save), the status
 * buttons and the history. They call the editor service directly with the signed-in principal; the
 * route policy has already admitted only editing roles, and the service decides per entry.
 */
import type { Context } from 'hono';
import { ENTRY_KINDS, EntryId, type Entry, type EntryKind } from '#shared/domain/entry.ts';
import { ForbiddenError, PreconditionFailedError, ValidationError } from '#shared/domain/errors.ts';
import { hasRole, type Principal } from '#shared/domain/identity.ts';
import { MAX_PAGE_SIZE, SearchQuery } from '#shared/domain/search.ts';
import { swedishDate } from '#shared/ports/clock.ts';
import { principalOf } from '../../request.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import { badRequestPage, errorPage, notFoundPage } from '../errors.tsx';
import { messagesFor, type Messages } from '../messages/index.ts';
import { readLang } from '../params.ts';
import { noFilters } from '../urls.ts';
import { creatableKinds, renderDashboard } from './dashboard.tsx';
import { parseDashboardQuery } from './dashboard-query.ts';
import { editorHref, readNotice, type Notice } from './editor-urls.ts';
import { entryToForm, formToInput, issuesFromService, newEntryForm, unknownFields, type FormIssue, type FormValues } from './entry-form.ts';
import { postedForm } from '../form-values.ts';
import { renderChooseKind, renderEntryForm, type EntryFormModel, type Option } from './entry-form.view.tsx';
import { renderHistory } from './history.tsx';

export type TransitionAction = 'publish' | 'unpublish' | 'archive' | 'verify';

const DONE: Record<TransitionAction, Notice> = { publish: 'published', unpublish: 'unpublished', archive: 'archived', verify: 'verified' };


/** The page's language from `?lang=` (forms post to URLs that keep it). */
export const messagesOf = (c: Context<AppEnv>) => {
  const { lang, issues } = readLang(c.req.queries());
  return { t: messagesFor(lang), issues };
};


const entryIdOf = (c: Context<AppEnv>): EntryId | undefined => {
  const parsed = EntryId.safeParse(c.req.param('id'));
  return parsed.success ? parsed.data : undefined;
};

/** The version the form was read at, or undefined when it is missing or not a version. */
export const postedVersion = (values: FormValues): number | undefined => {
  const raw = values.version?.at(-1) ?? '';
  return /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
};

/** A 400 page naming the fields a form may not carry. */
export const unknownFieldsPage = (c: Context<AppEnv>, t: Messages, names: readonly string[]) =>
  errorPage(c, t, 400, t.editor.unknownFieldsTitle, t.editor.unknownFieldsLead, names.map((name) => `“${name.slice(0, 80)}”`));

/** Who may provide an entry: actor staff their organisation only; editors every actor they can see. */
const providerOptions = async (deps: AppDeps, principal: Principal, t: Messages, current?: string): Promise<{ options: Option[]; optional: boolean }> => {
  const label = (entry: { name: { sv: string; en?: string | undefined } }) => (t.lang === 'en' ? entry.name.en : undefined) ?? entry.name.sv;
  const editsAll = hasRole(principal, 'admin', 'editor');
  const staffOnly = !editsAll && !hasRole(principal, 'investment-promotion') && hasRole(principal, 'actor-staff');
  const options = new Map<string, string>();
  if (staffOnly) {
    const organisation = principal.organisationId;
    if (organisation) {
      const entry = await deps.editor.get(principal, organisation).catch(() => undefined);
      options.set(organisation, entry ? label(entry) : organisation);
    }
    return { options: [...options].map(([value, text]) => ({ value, label: text })), optional: false };
  }
  if (editsAll) {
    for (const entry of await deps.editor.editable(principal)) if (entry.kind === 'actor') options.set(entry.id, label(entry));
  } else {
    const today = swedishDate(deps.clock.now());
    for (let page = 1; page <= 20; page += 1) {
      const result = await deps.search.search(
        SearchQuery.parse({ q: '', filters: { ...noFilters(), kind: ['actor'] }, page, pageSize: MAX_PAGE_SIZE, language: t.lang, today }),
      );
      for (const hit of result.hits) options.set(hit.id, label(hit));
      if (page * MAX_PAGE_SIZE >= result.total) break;
    }
  }
  if (current && !options.has(current)) options.set(current, current);
  const sorted = [...options].map(([value, text]) => ({ value, label: text })).sort((a, b) => a.label.localeCompare(b.label, t.locale));
  return { options: sorted, optional: true };
};

export type FormPage = Omit<EntryFormModel, 't' | 'taxonomy' | 'providers' | 'providerOptional'>;

export const formPage = async (c: Context<AppEnv>, deps: AppDeps, t: Messages, page: FormPage) => {
  const principal = principalOf(c);
  const providers = await providerOptions(deps, principal, t, page.values.providerId?.at(-1));
  return renderEntryForm(c, { ...page, t, taxonomy: deps.taxonomy, providers: providers.options, providerOptional: providers.optional });
};

const isKind = (value: string | undefined): value is EntryKind => (ENTRY_KINDS as readonly string[]).includes(value ?? '');

/** Where a set of editor pages lives (`/editor/entries`, or `/editor/offers` for establishment offers only). */
export type EditorScope = { base: string; kind?: EntryKind };

export const editorPageHandlers = (deps: AppDeps, scope: EditorScope = { base: '/editor/entries' }) => {
  /** Loads an entry the principal may edit; 404 for a malformed id (the service answers 404 and 403 itself). */
  const load = async (c: Context<AppEnv>, t: Messages): Promise<Entry | Response> => {
    const id = entryIdOf(c);
    if (!id) return notFoundPage(c, t, t.errors.entryNotFoundLead);
    const entry = await deps.editor.get(principalOf(c), id);
    return scope.kind && entry.kind !== scope.kind ? notFoundPage(c, t, t.errors.entryNotFoundLead) : entry;
  };

  return {
    dashboard: async (c: Context<AppEnv>) => {
      const { t, issues } = messagesOf(c);
      const { query, issues: queryIssues } = parseDashboardQuery(c.req.queries());
      if (issues.length + queryIssues.length > 0) return badRequestPage(c, t, [...issues, ...queryIssues]);
      const principal = principalOf(c);
      const editable = await deps.editor.editable(principal);
      const queue = deps.editor.dueForVerification(editable);
      return renderDashboard(c, { t, taxonomy: deps.taxonomy, principal, now: deps.clock.now(), freshnessDays: deps.editor.freshnessDays, editable, queue, query });
    },

    newEntry: async (c: Context<AppEnv>) => {
      const { t, issues } = messagesOf(c);
      if (issues.length > 0) return badRequestPage(c, t, issues);
      const principal = principalOf(c);
      const kinds = creatableKinds(principal);
      const kind = scope.kind ?? c.req.query('kind');
      if (kind === undefined || kind === '') return renderChooseKind(c, t, deps.taxonomy, kinds);
      if (!isKind(kind)) return badRequestPage(c, t, [{ name: 'kind', value: kind, problem: 'unknown-value' }]);
      if (!kinds.includes(kind)) throw new ForbiddenError(`You may not create entries of kind "${kind}".`);
      const values = newEntryForm();
      if (principal.organisationId && kind !== 'actor' && !hasRole(principal, 'admin', 'editor')) values.providerId = [principal.organisationId];
      return formPage(c, deps, t, { base: scope.base, kind, values, issues: [] });
    },

    create: async (c: Context<AppEnv>) => {
      const { t } = messagesOf(c);
      const principal = principalOf(c);
      const values = await postedForm(c);
      const kind = values.kind?.at(-1);
      if (!isKind(kind) || (scope.kind && kind !== scope.kind)) return errorPage(c, t, 400, t.editor.unknownFieldsTitle, t.editor.badKind);
      if (!creatableKinds(principal).includes(kind)) throw new ForbiddenError(`You may not create entries of kind "${kind}".`);
      const unknown = unknownFields(values, kind);
      if (unknown.length > 0) return unknownFieldsPage(c, t, unknown);
      const result = formToInput(values, kind, { taxonomy: deps.taxonomy, lang: t.lang });
      const refused = (issues: FormIssue[]) => formPage(c, deps, t, { base: scope.base, kind, values, issues, status: 400 });
      if (!result.ok) return refused(result.issues);
      let entry: Entry;
      try {
        entry = await deps.editor.create(principal, result.input);
      } catch (error) {
        if (error instanceof ValidationError) return refused(issuesFromService(error.issues, kind));
        throw error;
      }
      c.header('Cache-Control', 'no-store');
      return c.redirect(editorHref(`${scope.base}/${entry.id}/edit`, t.lang, { notice: 'created' }), 303);
    },

    edit: async (c: Context<AppEnv>) => {
      const { t, issues } = messagesOf(c);
      if (issues.length > 0) return badRequestPage(c, t, issues);
      const entry = await load(c, t);
      if (entry instanceof Response) return entry;
      return formPage(c, deps, t, { base: scope.base, kind: entry.kind, values: entryToForm(entry), issues: [], entry, version: entry.version, notice: readNotice(c.req.query('notice')) });
    },

    save: async (c: Context<AppEnv>) => {
      const { t } = messagesOf(c);
      const entry = await load(c, t);
      if (entry instanceof Response) return entry;
      const values = await postedForm(c);
      const unknown = unknownFields(values, entry.kind);
      if (unknown.length > 0) return unknownFieldsPage(c, t, unknown);
      if ((values.kind?.at(-1) ?? entry.kind) !== entry.kind) return errorPage(c, t, 400, t.editor.unknownFieldsTitle, t.editor.badKind);
      const version = postedVersion(values);
      if (version === undefined) return errorPage(c, t, 400, t.editor.unknownFieldsTitle, t.editor.badVersion);
      const page = (extra: Pick<FormPage, 'issues' | 'status'> & { stale?: 'save' }) =>
        formPage(c, deps, t, { base: scope.base, kind: entry.kind, values, entry, version, ...extra });
      // A form read at an older version is refused before anything else: nothing is overwritten.
      if (version !== entry.version) return page({ issues: [], stale: 'save', status: 409 });
      const result = formToInput(values, entry.kind, { taxonomy: deps.taxonomy, preserved: { contact: entry.contact, stages: entry.stages, municipalities: entry.municipalities }, existingId: entry.id, lang: t.lang });
      if (!result.ok) return page({ issues: result.issues, status: 400 });
      let updated: Entry;
      try {
        updated = await deps.editor.update(principalOf(c), entry.id, result.input, version);
      } catch (error) {
        if (error instanceof PreconditionFailedError) return page({ issues: [], stale: 'save', status: 409 });
        if (error instanceof ValidationError) return page({ issues: issuesFromService(error.issues, entry.kind), status: 400 });
        throw error;
      }
      c.header('Cache-Control', 'no-store');
      const notice: Notice = updated.version === entry.version ? 'unchanged' : 'saved';
      return c.redirect(editorHref(`${scope.base}/${entry.id}/edit`, t.lang, { notice }), 303);
    },

    transition: (action: TransitionAction) => async (c: Context<AppEnv>) => {
      const { t } = messagesOf(c);
      const entry = await load(c, t);
      if (entry instanceof Response) return entry;
      const values = await postedForm(c);
      const unknown = Object.keys(values).filter((name) => name !== '_csrf' && name !== 'version');
      if (unknown.length > 0) return unknownFieldsPage(c, t, unknown);
      const version = postedVersion(values);
      if (version === undefined) return errorPage(c, t, 400, t.editor.unknownFieldsTitle, t.editor.badVersion);
      const stale = () =>
        formPage(c, deps, t, { base: scope.base, kind: entry.kind, values: entryToForm(entry), issues: [], entry, version: entry.version, stale: 'action', status: 409 });
      if (version !== entry.version) return stale();
      try {
        await deps.editor[action](principalOf(c), entry.id, version);
      } catch (error) {
        if (error instanceof PreconditionFailedError) return stale();
        throw error;
      }
      c.header('Cache-Control', 'no-store');
      return c.redirect(editorHref(`${scope.base}/${entry.id}/edit`, t.lang, { notice: DONE[action] }), 303);
    },

    history: async (c: Context<AppEnv>) => {
      const { t, issues } = messagesOf(c);
      if (issues.length > 0) return badRequestPage(c, t, issues);
      const entry = await load(c, t);
      if (entry instanceof Response) return entry;
      const records = await deps.editor.history(principalOf(c), entry.id);
      return renderHistory(c, { t, taxonomy: deps.taxonomy, entry, records });
    },
  };
};
