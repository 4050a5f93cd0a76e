/** Page URLs: every search state, finder state and language is a link, so every view can be shared. */
import { FACETS, type Facet } from '#shared/domain/taxonomy.ts';
import type { Language } from '#shared/domain/text.ts';

export type Filters = Record<Facet, string[]>;

/** What a search page shows; the URL is its only storage. */
export type SearchState = { q: string; filters: Filters; page: number; lang: Language };

/** Where a signed-in person starts (sign-in/home.ts). */
export const HOME_PATH = '/home';
/** The development outbox page, local only (dev/outbox.tsx). */
export const DEV_OUTBOX_PATH = '/dev/outbox';

export const noFilters = (): Filters => ({ kind: [], area: [], stage: [], municipality: [], supportType: [], focus: [] });

export const selectedCount = (filters: Filters): number => FACETS.reduce((sum, facet) => sum + filters[facet].length, 0);

const withQuery = (path: string, params: URLSearchParams, fragment?: string): string => {
  const query = params.toString();
  return `${path}${query ? `?${query}` : ''}${fragment ? `#${fragment}` : ''}`;
};

const langParams = (lang: Language): URLSearchParams => new URLSearchParams(lang === 'en' ? { lang } : {});

/** A page path in a language (Swedish needs no parameter). */
export const pageHref = (path: string, lang: Language, fragment?: string): string => withQuery(path, langParams(lang), fragment);

/** The search page for a state: `q`, the filters in facet order, `page` when not 1, `lang` when not Swedish. */
export const searchHref = (state: Partial<SearchState> & { lang: Language }, fragment?: string): string => {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of FACETS) for (const value of state.filters?.[facet] ?? []) params.append(facet, value);
  if (state.page && state.page > 1) params.set('page', String(state.page));
  if (state.lang === 'en') params.set('lang', 'en');
  return withQuery('/', params, fragment);
};

export const entryHref = (id: string, lang: Language): string => pageHref(`/entries/${encodeURIComponent(id)}`, lang);

export const areaHref = (code: string, lang: Language, page = 1): string => {
  const params = langParams(lang);
  if (page > 1) params.set('page', String(page));
  return withQuery(`/areas/${encodeURIComponent(code)}`, params);
};

/** The same path and query in the other language: the language switch keeps the page and its filters. */
export const switchLanguageHref = (url: URL, target: Language): string => {
  const params = new URLSearchParams(url.search);
  params.set('lang', target);
  return withQuery(url.pathname, params);
};

/** A finder step (or the finder's start when `step` is undefined) carrying the answers given so far. */
export const finderHref = (step: string | undefined, answers: Readonly<Record<string, string | undefined>>, lang: Language): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(answers)) if (value) params.set(name, value);
  if (lang === 'en') params.set('lang', 'en');
  return withQuery(step ? `/finder/${step}` : '/finder', params);
};
