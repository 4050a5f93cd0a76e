/**
 * MiniSearch adapter: one index over the six text fields, all-words AND across fields
 * (`combineWith: 'AND'`), field boosts, no prefix or fuzzy matching. MiniSearch's `filter`
 * callback sees every text match once; it applies the filters and tallies disjunctive facets
 * in the same pass.
 */
import MiniSearch from 'minisearch';
import {
  BOOST, FacetMasks, TEXT_FIELDS, pageOf, queryTerms, textOf, toFacetCounts, tokenize,
  type EngineAdapter, type SearchDoc, type SearchQuery, type SearchResult, type TextField,
} from '../engine.ts';

export class MiniSearchAdapter implements EngineAdapter {
  readonly name = 'minisearch';
  readonly notes = [
    'Text matching, AND across words and fields, boosts and ranking: MiniSearch (combineWith AND, prefix/fuzzy off).',
    'Filters: MiniSearch `filter` callback; MiniSearch has no facets, so the same callback counts disjunctive facets in plain code over every text match.',
    'Empty query: MiniSearch.wildcard.',
  ];
  private index: MiniSearch<SearchDoc> | undefined;
  private docs: readonly SearchDoc[] = [];
  private masks: FacetMasks | undefined;

  build(docs: readonly SearchDoc[]): void {
    this.docs = docs;
    this.masks = new FacetMasks(docs);
    const positionOf = new Map<SearchDoc, number>();
    docs.forEach((doc, i) => positionOf.set(doc, i));
    const index = new MiniSearch<SearchDoc>({
      idField: 'position',
      fields: [...TEXT_FIELDS],
      extractField: (doc, field) => (field === 'position' ? positionOf.get(doc) : textOf(doc, field as TextField)),
      tokenize,
      processTerm: (term) => term,
      searchOptions: { tokenize, processTerm: (term) => term },
    });
    index.addAll(docs);
    this.index = index;
  }

  search({ q, filters, page, pageSize }: SearchQuery): SearchResult {
    const index = this.index!;
    const masks = this.masks!;
    const compiled = masks.compile(filters);
    const counts = masks.newCounts();
    const terms = queryTerms(q);
    const hits = index.search(terms.length === 0 ? MiniSearch.wildcard : terms.join(' '), {
      combineWith: 'AND',
      prefix: false,
      fuzzy: false,
      boost: BOOST,
      filter: (hit) => masks.visit(hit.id as number, compiled, counts),
    });
    return {
      total: hits.length,
      ids: pageOf(hits, page, pageSize).map((hit) => this.docs[hit.id as number]!.id),
      facets: toFacetCounts(counts),
    };
  }
}
