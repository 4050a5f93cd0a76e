/**
 * The search use case: checks the query's sort, runs it on the index and labels its facets from the
 * taxonomy, selected values first-class.
 */
import type { SearchHit, SearchQuery, Suggestion, SuggestQuery } from '#shared/domain/search.ts';
import { FACETS, facetTerms, type Facet, type Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Label } from '#shared/domain/text.ts';
import type { SearchIndex } from '#shared/ports/search-index.ts';
import { assertMeasurable } from './offer-query.ts';

export type FacetValue = { value: string; label: Label; count: number; selected: boolean };

/** The chosen filter values a hit satisfies, so a page can say why it fits. */
export type MatchedFilter = { facet: Facet; values: string[] };
export type ExplainedHit = SearchHit & { matchedFilters: MatchedFilter[] };

export type SearchResponse = {
  query: SearchQuery;
  total: number;
  /** True when no entry matched every word of the query and the hits match some of them. */
  relaxed: boolean;
  page: number;
  pageSize: number;
  pageCount: number;
  hits: ExplainedHit[];
  facets: Record<Facet, FacetValue[]>;
};

export type SearchService = {
  search(query: SearchQuery): Promise<SearchResponse>;
  suggest(query: SuggestQuery): Promise<Suggestion[]>;
};

export const createSearchService = (deps: { index: SearchIndex; taxonomy: Taxonomy }): SearchService => ({
  suggest: (query) => deps.index.suggest(query),
  async search(query) {
    assertMeasurable(query);
    const result = await deps.index.search(query);
    const facets = Object.fromEntries(
      FACETS.map((facet) => [
        facet,
        facetTerms(deps.taxonomy, facet).map((term) => ({
          value: term.code,
          label: term.label,
          count: result.facets[facet][term.code] ?? 0,
          selected: query.filters[facet].includes(term.code),
        })),
      ]),
    ) as Record<Facet, FacetValue[]>;
    return {
      query,
      total: result.total,
      relaxed: result.relaxed,
      page: query.page,
      pageSize: query.pageSize,
      pageCount: Math.ceil(result.total / query.pageSize),
      hits: result.hits.map((hit) => ({ ...hit, matchedFilters: matchedFilters(hit, query) })),
      facets,
    };
  },
});

const matchedFilters = (hit: SearchHit, query: SearchQuery): MatchedFilter[] =>
  FACETS.flatMap((facet) => {
    const chosen = query.filters[facet];
    if (chosen.length === 0) return [];
    const values = hit.facets[facet].filter((value) => chosen.includes(value));
    return values.length > 0 ? [{ facet, values }] : [];
  });
