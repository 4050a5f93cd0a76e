/**
 * The editor dashboard's list: its query parameters (parsed with zod; a wrong value is a ParamIssue for
 * the 400 page), and the filtering, sorting and paging of the entries a principal may change.
 */
import { z } from 'zod';
import { ENTRY_KINDS, EntryStatus, type Entry } from '#shared/domain/entry.ts';
import type { Language } from '#shared/domain/text.ts';
import { fold } from '#shared/search/analysis.ts';
import type { ParamIssue, Queries } from '../params.ts';

export const DASHBOARD_PAGE_SIZE = 25;
export const MAX_NAME_SEARCH = 100;
export const DASHBOARD_SORTS = ['name', 'kind', 'status', 'changed', 'due'] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

/** The direction a column sorts in when first chosen: newest changes and oldest verifications first. */
export const FIRST_DIRECTION: Record<DashboardSort, SortDirection> = { name: 'asc', kind: 'asc', status: 'asc', changed: 'desc', due: 'asc' };

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const DashboardQuery = z.object({
  q: z.preprocess((value) => (typeof value === 'string' ? value.trim() : value), z.string().max(MAX_NAME_SEARCH)).default(''),
  kind: optional(z.enum(ENTRY_KINDS)),
  status: optional(EntryStatus),
  provider: optional(z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/)),
  due: optional(z.literal('1')),
  intake: optional(z.literal('missing')),
  sort: optional(z.enum(DASHBOARD_SORTS)),
  dir: optional(z.enum(['asc', 'desc'])),
  page: optional(z.string().regex(/^\d{1,4}$/).transform(Number).pipe(z.number().int().min(1))),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** The filters that narrow the list (not sort or page). */
export const FILTER_PARAMS = ['q', 'kind', 'status', 'provider', 'due', 'intake'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/** Reads the dashboard's parameters (last value of each); every wrong one is an issue naming it. */
export const parseDashboardQuery = (queries: Queries): { query: DashboardQuery; issues: ParamIssue[] } => {
  const raw = Object.fromEntries(Object.keys(DashboardQuery.shape).map((name) => [name, queries[name]?.at(-1)]));
  const parsed = DashboardQuery.safeParse(raw);
  if (parsed.success) return { query: parsed.data, issues: [] };
  const issues = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))].map((name): ParamIssue => {
    const value = raw[name] ?? '';
    if (name === 'q') return { name, value: `${value.slice(0, 40)}…`, problem: 'too-long', max: MAX_NAME_SEARCH };
    return { name, value, problem: name === 'page' ? 'not-a-page' : 'unknown-value' };
  });
  return { query: DashboardQuery.parse({}), issues };
};

/** Lower case without diacritics: "Örebro" matches "orebro". */
const foldName = (text: string) => fold(text.toLocaleLowerCase('sv'));

export const entryName = (entry: Entry, lang: Language) => (lang === 'en' ? entry.name.en : undefined) ?? entry.name.sv;

/** An actor whose referral intake is unreachable: no address, or the address bounced. */
export const intakeMissing = (entry: Entry) => entry.kind === 'actor' && (!entry.referralIntakeEmail || entry.intakeEmailBounce !== undefined);

export type DashboardList = {
  entries: Entry[];
  total: number;
  matching: number;
  page: number;
  pageCount: number;
  sort: DashboardSort;
  dir: SortDirection;
};

/**
 * Filters, sorts and pages `editable`; `due` is the set of ids due for verification. Sorted by name unless
 * asked, or oldest verification first when only due entries are shown. A page past the end shows the last.
 */
export const listDashboard = (editable: readonly Entry[], due: ReadonlySet<string>, query: DashboardQuery, lang: Language, locale: string): DashboardList => {
  const words = foldName(query.q).split(/\s+/).filter(Boolean);
  const matches = editable.filter((entry) => {
    if (query.kind && entry.kind !== query.kind) return false;
    if (query.status && entry.status !== query.status) return false;
    if (query.provider && entry.providerId !== query.provider && entry.id !== query.provider) return false;
    if (query.due && !due.has(entry.id)) return false;
    if (query.intake && !intakeMissing(entry)) return false;
    if (words.length === 0) return true;
    const names = foldName(`${entry.name.sv} ${entry.name.en ?? ''}`);
    return words.every((word) => names.includes(word));
  });
  const sort = query.sort ?? (query.due ? 'due' : 'name');
  const dir = query.dir ?? FIRST_DIRECTION[sort];
  const byName = (a: Entry, b: Entry) => entryName(a, lang).localeCompare(entryName(b, lang), locale);
  const key: Record<DashboardSort, (a: Entry, b: Entry) => number> = {
    name: () => 0,
    kind: (a, b) => ENTRY_KINDS.indexOf(a.kind) - ENTRY_KINDS.indexOf(b.kind),
    status: (a, b) => EntryStatus.options.indexOf(a.status) - EntryStatus.options.indexOf(b.status),
    changed: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
    due: (a, b) => (a.lastVerifiedAt ?? '').localeCompare(b.lastVerifiedAt ?? ''),
  };
  const sign = dir === 'asc' ? 1 : -1;
  const sorted = [...matches].sort((a, b) => sign * (key[sort](a, b) || byName(a, b)) || byName(a, b));
  const pageCount = Math.max(1, Math.ceil(sorted.length / DASHBOARD_PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pageCount);
  return {
    entries: sorted.slice((page - 1) * DASHBOARD_PAGE_SIZE, page * DASHBOARD_PAGE_SIZE),
    total: editable.length,
    matching: sorted.length,
    page,
    pageCount,
    sort,
    dir,
  };
};

/** The dashboard URL for a query with some parameters changed (undefined removes one); defaults are left out. */
export const dashboardParams = (query: DashboardQuery, change: Partial<Record<keyof DashboardQuery, string | number | undefined>> = {}): Record<string, string> => {
  const merged: Record<string, unknown> = { ...query, ...change };
  const params: Record<string, string> = {};
  for (const name of Object.keys(DashboardQuery.shape)) {
    const value = merged[name];
    if (value === undefined || value === '' || (name === 'page' && value === 1)) continue;
    params[name] = String(value);
  }
  return params;
};
