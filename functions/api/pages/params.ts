/**
 * Reads page parameters. Page URLs are typed and shared by hand, so unknown parameters (utm_*, …)
 * are ignored, but a known parameter with a wrong value is reported on a helpful 400 page.
 */
import { MAX_PAGE, MAX_QUERY_LENGTH } from '#shared/domain/search.ts';
import { FACETS, facetTerms, type Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Language } from '#shared/domain/text.ts';
import { noFilters, type SearchState } from './urls.ts';

export type ParamIssue =
  | { name: string; value: string; problem: 'unknown-value' | 'not-a-page' }
  | { name: string; value: string; problem: 'too-long'; max: number };

export type Queries = Record<string, string[] | undefined>;

/** The page language: `lang=en` gives English, anything else Swedish (a wrong value is also an issue). */
export const readLang = (queries: Queries): { lang: Language; issues: ParamIssue[] } => {
  const value = queries.lang?.at(-1);
  if (value === undefined || value === '' || value === 'sv') return { lang: 'sv', issues: [] };
  if (value === 'en') return { lang: 'en', issues: [] };
  return { lang: 'sv', issues: [{ name: 'lang', value, problem: 'unknown-value' }] };
};

/** A page number from 1 to MAX_PAGE; absent or empty means 1. */
export const readPage = (queries: Queries): { page: number; issues: ParamIssue[] } => {
  const value = queries.page?.at(-1);
  if (value === undefined || value === '') return { page: 1, issues: [] };
  const page = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  return page >= 1 && page <= MAX_PAGE ? { page, issues: [] } : { page: 1, issues: [{ name: 'page', value, problem: 'not-a-page' }] };
};

/** Reads a value that must be one of `codes`; absent or empty is undefined. */
export const readChoice = (queries: Queries, name: string, codes: readonly string[]): { value?: string; issues: ParamIssue[] } => {
  const value = queries[name]?.at(-1);
  if (value === undefined || value === '') return { issues: [] };
  return codes.includes(value) ? { value, issues: [] } : { issues: [{ name, value, problem: 'unknown-value' }] };
};

export const parseSearchState = (queries: Queries, taxonomy: Taxonomy): { state: SearchState; issues: ParamIssue[] } => {
  const issues: ParamIssue[] = [];
  const { lang, issues: langIssues } = readLang(queries);
  const { page, issues: pageIssues } = readPage(queries);
  issues.push(...langIssues, ...pageIssues);
  const q = (queries.q?.at(-1) ?? '').trim();
  if (q.length > MAX_QUERY_LENGTH) issues.push({ name: 'q', value: `${q.slice(0, 40)}…`, problem: 'too-long', max: MAX_QUERY_LENGTH });
  const filters = noFilters();
  for (const facet of FACETS) {
    const codes = new Set(facetTerms(taxonomy, facet).map((t) => t.code));
    for (const value of queries[facet] ?? []) {
      if (value === '') continue;
      if (!codes.has(value)) issues.push({ name: facet, value, problem: 'unknown-value' });
      else if (!filters[facet].includes(value)) filters[facet].push(value);
    }
  }
  return { state: { q: q.slice(0, MAX_QUERY_LENGTH), filters, page, lang }, issues };
};
