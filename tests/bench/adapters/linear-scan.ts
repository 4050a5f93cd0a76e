/**
 * The linear-scan reference engine: every doc's tokens in a Set, every query a pass over all docs
 * that checks each word and the filters (with disjunctive facet counts) per doc, then scores the
 * matches by boosted term frequency and sorts them. What a search costs with no index at all.
 */
import {
  BOOST, FacetMasks, TEXT_FIELDS, pageOf, queryTerms, textOf, toFacetCounts, tokenize,
  type EngineAdapter, type SearchDoc, type SearchQuery, type SearchResult,
} from '../engine.ts';

export class LinearScanAdapter implements EngineAdapter {
  readonly name = 'linear-scan';
  readonly notes = ['No index: a pass over every doc per query; ranking by boosted term frequency.'];
  private docs: readonly SearchDoc[] = [];
  private weights: Map<string, number>[] = [];
  private masks: FacetMasks | undefined;

  build(docs: readonly SearchDoc[]): void {
    this.docs = docs;
    this.masks = new FacetMasks(docs);
    this.weights = docs.map((doc) => {
      const weights = new Map<string, number>();
      for (const field of TEXT_FIELDS) {
        for (const token of tokenize(textOf(doc, field) ?? '')) weights.set(token, (weights.get(token) ?? 0) + BOOST[field]);
      }
      return weights;
    });
  }

  search({ q, filters, page, pageSize }: SearchQuery): SearchResult {
    const masks = this.masks!;
    const compiled = masks.compile(filters);
    const counts = masks.newCounts();
    const terms = queryTerms(q);
    const matched: number[] = [];
    const scores: number[] = [];
    for (let doc = 0; doc < this.docs.length; doc++) {
      const weights = this.weights[doc]!;
      let score = 0;
      let all = true;
      for (const term of terms) {
        const weight = weights.get(term);
        if (weight === undefined) {
          all = false;
          break;
        }
        score += weight;
      }
      if (!all || !masks.visit(doc, compiled, counts)) continue;
      matched.push(doc);
      scores[doc] = score;
    }
    matched.sort((a, b) => scores[b]! - scores[a]! || a - b);
    return {
      total: matched.length,
      ids: pageOf(matched, page, pageSize).map((doc) => this.docs[doc]!.id),
      facets: toFacetCounts(counts),
    };
  }
}
