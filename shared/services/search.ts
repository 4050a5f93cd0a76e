/**
 * The search use case: checks the query's sort, runs it on the index, reads the query's filter words
 * as filters when asked (and when that helps), reports how the query was read, and labels its facets
 * from the taxonomy, selected values first-class.
 */
import type { EngineResult, SearchHit, SearchQuery, Suggestion, SuggestQuery } from '#shared/domain/search.ts';
import { FACETS, facetTerms, type Facet, type Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Label } from '#shared/domain/text.ts';
import type { SearchIndex } from '#shared/ports/search-index.ts';
import { filterDictionary, readFilterWords, type ReadFilterWord } from '#shared/search/filter-words.ts';
import { compileUnderstanding, readQuery, type Meaning, type QueryReading, type QueryVocabulary } from '#shared/search/understanding.ts';
import { assertMeasurable } from './offer-query.ts';

export type FacetValue = { value: string; label: Label; count: number; selected: boolean };

/** The chosen filter values a hit satisfies, so a page can say why it fits. */
export type MatchedFilter = { facet: Facet; values: string[] };
export type ExplainedHit = SearchHit & { matchedFilters: MatchedFilter[] };

/**
 * How a query was read: the words searched for, the filter words taken as filters (`filters`, already
 * in the query's filters), the need words and what they mean, and the words not searched (filler, sizes).
 */
export type SearchReading = {
  q: string;
  filters: ReadFilterWord[];
  needs: { words: string; means: Meaning }[];
  ignored: string[];
};

export type SearchResponse = {
  /** The query answered: the one asked, or with its filter words read as filters (see `reading`). */
  query: SearchQuery;
  /** Present when the query had words. */
  reading?: SearchReading;
  total: number;
  /** True when no entry matched every word of the query and the hits match some of them. */
  relaxed: boolean;
  page: number;
  pageSize: number;
  pageCount: number;
  hits: ExplainedHit[];
  facets: Record<Facet, FacetValue[]>;
};

export type SearchOptions = {
  /**
   * Read filter words ("Karlskoga", "tillväxtfas", "testbäddar") as filters, the remaining words staying
   * search words, when the query is a sentence (it has filler), or nothing but filter and need words
   * ("investerare tillväxt Karlskoga"), or no entry holds all its words; and only when that finds entries
   * holding every remaining word (or the words as typed did not). A municipality read also ranks its
   * own entries above county-wide ones (its own door first).
   */
  interpret?: boolean;
};

export type SearchService = {
  search(query: SearchQuery, options?: SearchOptions): Promise<SearchResponse>;
  suggest(query: SuggestQuery): Promise<Suggestion[]>;
};

export const createSearchService = (deps: { index: SearchIndex; taxonomy: Taxonomy; vocabulary: QueryVocabulary }): SearchService => {
  const dictionary = filterDictionary(deps.taxonomy, deps.vocabulary);
  const understanding = compileUnderstanding(deps.vocabulary);

  const interpreted = async (
    query: SearchQuery,
    asked: EngineResult,
    askedReading: QueryReading,
  ): Promise<{ query: SearchQuery; result: EngineResult; read: ReadFilterWord[] } | undefined> => {
    const read = readFilterWords(query.q, dictionary, query.filters, understanding);
    if (!read || read.read.length === 0) return undefined;
    const onlyFiltersAndNeeds = readQuery(read.q, understanding).plain.length === 0;
    const sentence = askedReading.ignored.length > 0;
    if (!onlyFiltersAndNeeds && !sentence && asked.total > 0 && !asked.relaxed) return undefined;
    const places = read.read.filter((r) => r.facet === 'municipality').map((r) => r.value);
    const candidate: SearchQuery = {
      ...query,
      q: read.q,
      filters: read.filters,
      ...(places.length > 0 ? { prefer: { ...query.prefer, municipality: [...(query.prefer?.municipality ?? []), ...places] } } : {}),
    };
    const result = await deps.index.search(candidate);
    const better = result.total > 0 && (!result.relaxed || asked.total === 0 || asked.relaxed);
    return better ? { query: candidate, result, read: read.read } : undefined;
  };

  return {
    suggest: (query) => deps.index.suggest(query),
    async search(asked, options = {}) {
      assertMeasurable(asked);
      let query = asked;
      let result = await deps.index.search(asked);
      let readFilters: ReadFilterWord[] = [];
      const askedReading = asked.q.trim() === '' ? undefined : readQuery(asked.q, understanding);
      if (options.interpret && askedReading) {
        const better = await interpreted(asked, result, askedReading);
        if (better) [query, result, readFilters] = [better.query, better.result, better.read];
      }
      const reading: SearchReading | undefined = askedReading && {
        q: query.q,
        filters: readFilters,
        needs: (query.q === asked.q ? askedReading : readQuery(query.q, understanding)).needs,
        ignored: askedReading.ignored,
      };
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
        ...(reading ? { reading } : {}),
        total: result.total,
        relaxed: result.relaxed,
        page: query.page,
        pageSize: query.pageSize,
        pageCount: Math.ceil(result.total / query.pageSize),
        hits: result.hits.map((hit) => ({ ...hit, matchedFilters: matchedFilters(hit, query) })),
        facets,
      };
    },
  };
};

const matchedFilters = (hit: SearchHit, query: SearchQuery): MatchedFilter[] =>
  FACETS.flatMap((facet) => {
    const chosen = query.filters[facet];
    if (chosen.length === 0) return [];
    const values = hit.facets[facet].filter((value) => chosen.includes(value));
    return values.length > 0 ? [{ facet, values }] : [];
  });
