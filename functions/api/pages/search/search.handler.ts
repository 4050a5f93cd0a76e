/**
 * The start and search page (GET /): runs the visitor's search (the search service reads filter words
 * when nothing holds all the words), and when nothing fits works out which filter to drop and who
 * routes companies onward.
 */
import type { Context } from 'hono';
import { SearchQuery } from '#shared/domain/search.ts';
import { FACETS, type Taxonomy } from '#shared/domain/taxonomy.ts';
import { swedishDate } from '#shared/ports/clock.ts';
import type { ExplainedHit, SearchResponse } from '#shared/services/search.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import { onEveryAnswer } from '../../middleware/public-answer-cache.ts';
import { badRequestPage } from '../errors.tsx';
import { commaList, listFormat, termLabel } from '../format.ts';
import { messagesFor, type Messages } from '../messages/index.ts';
import { parseSearchState } from '../params.ts';
import { noFilters, searchHref, type Filters, type SearchState } from '../urls.ts';
import { renderSearchPage } from './search.view.tsx';

export const PAGE_SIZE = 20;

export type Suggestion = { label: string; href: string; count: number };
export type EmptyHelp = { suggestions: Suggestion[]; routers: ExplainedHit[]; routerAreas: string | undefined };

type Run = (state: { q: string; filters: Filters; page?: number }, pageSize?: number, interpret?: boolean) => Promise<SearchResponse>;

const runner = (deps: AppDeps, lang: SearchState['lang']): Run => {
  const today = swedishDate(deps.clock.now());
  return (state, pageSize = PAGE_SIZE, interpret = false) =>
    deps.search.search(SearchQuery.parse({ q: state.q, filters: state.filters, page: state.page ?? 1, pageSize, language: lang, today }), { interpret });
};

const filterLabel = (facet: (typeof FACETS)[number], values: readonly string[], t: Messages, taxonomy: Taxonomy) =>
  `${t.search.facetLegend[facet]}: ${commaList(values.map((v) => termLabel(taxonomy, facet, v, t.lang)))}`;

/**
 * What to do when nothing fits: each single filter (or the words) whose removal gives hits, with the
 * count, most hits first; and advisory actors for the chosen areas and municipality (no wrong door).
 */
export const emptyHelp = async (run: Run, state: SearchState, t: Messages, taxonomy: Taxonomy): Promise<EmptyHelp> => {
  const widenings: { label: string; state: SearchState }[] = [
    ...FACETS.filter((facet) => state.filters[facet].length > 0).map((facet) => ({
      label: t.search.dropFilter(filterLabel(facet, state.filters[facet], t, taxonomy)),
      state: { ...state, page: 1, filters: { ...state.filters, [facet]: [] } },
    })),
    ...(state.q ? [{ label: t.search.dropWords(state.q), state: { ...state, q: '', page: 1 } }] : []),
  ];
  const counted = await Promise.all(
    widenings.map(async (w) => ({ label: w.label, href: searchHref(w.state, 'results'), count: (await run(w.state, 1)).total })),
  );
  const suggestions = counted.filter((s) => s.count > 0).sort((a, b) => b.count - a.count);

  const advisory = (area: string[], municipality: string[]) =>
    run({ q: '', filters: { ...noFilters(), kind: ['actor'], supportType: ['advice'], area, municipality } }, 5);
  const { area, municipality } = state.filters;
  let routers = await advisory(area, municipality);
  if (routers.total === 0 && municipality.length > 0) routers = await advisory(area, []);
  if (routers.total === 0 && area.length > 0) routers = await advisory([], municipality);
  return {
    suggestions,
    routers: routers.hits,
    routerAreas: area.length > 0 ? listFormat(area.map((a) => termLabel(taxonomy, 'area', a, t.lang)), t) : undefined,
  };
};

export const searchPageHandler = (deps: AppDeps) => async (c: Context<AppEnv>) => {
  const { state, issues } = parseSearchState(c.req.queries(), deps.taxonomy);
  const t = messagesFor(state.lang);
  if (issues.length > 0) return badRequestPage(c, t, issues);
  const run = runner(deps, state.lang);
  const response = await run(state, PAGE_SIZE, true);
  const effective: SearchState = { ...state, q: response.query.q, filters: response.query.filters as Filters };
  const help = response.total === 0 ? await emptyHelp(run, effective, t, deps.taxonomy) : undefined;
  onEveryAnswer(c, () => deps.demand.search({ q: state.q, filters: state.filters, page: state.page ?? 1 }, response.total));
  return renderSearchPage(c, { t, taxonomy: deps.taxonomy, state: effective, response, help });
};
