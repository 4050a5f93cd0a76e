/**
 * Brute-force correctness reference: a doc matches when every query word is a token of some
 * text field and every filter field shares a value with the doc; facets are counted
 * disjunctively by scanning. A boosted BM25 score over the six fields orders the matches, only
 * to judge how alike the engines' first pages are.
 */
import {
  BOOST, FILTER_FIELDS, TEXT_FIELDS, activeFilters, emptyFacets, queryTerms, textOf, tokenize, valuesOf,
  type FacetCounts, type FilterField, type Filters, type SearchDoc,
} from './engine.ts';

export interface ReferenceResult {
  /** Matching positions, best reference score first (ties by position). */
  ranked: number[];
  scores: Map<number, number>;
  facets: FacetCounts;
}

const K1 = 1.2;
const B = 0.75;

export class Reference {
  private readonly tokens: Set<string>[];
  private readonly fieldTokens: string[][][];
  private readonly avgLength: number[];

  constructor(private readonly docs: readonly SearchDoc[]) {
    this.fieldTokens = docs.map((doc) => TEXT_FIELDS.map((f) => tokenize(textOf(doc, f) ?? '')));
    this.tokens = this.fieldTokens.map((fields) => new Set(fields.flat()));
    this.avgLength = TEXT_FIELDS.map((_, f) =>
      this.fieldTokens.reduce((sum, fields) => sum + fields[f]!.length, 0) / Math.max(1, docs.length));
  }

  search(q: string, filters: Filters): ReferenceResult {
    const terms = queryTerms(q);
    const active = activeFilters(filters);
    const passes = (doc: SearchDoc, field: FilterField, values: string[]) => valuesOf(doc, field).some((v) => values.includes(v));
    const facets = emptyFacets();
    const matches: number[] = [];
    this.docs.forEach((doc, i) => {
      if (!terms.every((t) => this.tokens[i]!.has(t))) return;
      const failing = active.filter(([field, values]) => !passes(doc, field, values)).map(([field]) => field);
      for (const field of FILTER_FIELDS) {
        if (failing.length === 0 || (failing.length === 1 && failing[0] === field)) {
          for (const v of valuesOf(doc, field)) facets[field][v] = (facets[field][v] ?? 0) + 1;
        }
      }
      if (failing.length === 0) matches.push(i);
    });
    const scores = new Map(matches.map((i) => [i, this.score(i, terms)]));
    const ranked = [...matches].sort((a, b) => scores.get(b)! - scores.get(a)! || a - b);
    return { ranked, scores, facets };
  }

  private score(doc: number, terms: string[]): number {
    let total = 0;
    for (const term of terms) {
      const df = this.documentFrequency(term);
      const idf = Math.log(1 + (this.docs.length - df + 0.5) / (df + 0.5));
      TEXT_FIELDS.forEach((field, f) => {
        const tokens = this.fieldTokens[doc]![f]!;
        let tf = 0;
        for (const t of tokens) if (t === term) tf++;
        if (tf === 0) return;
        const norm = 1 - B + (B * tokens.length) / (this.avgLength[f] || 1);
        total += BOOST[field] * idf * ((tf * (K1 + 1)) / (tf + K1 * norm));
      });
    }
    return total;
  }

  private readonly dfCache = new Map<string, number>();
  private documentFrequency(term: string): number {
    let df = this.dfCache.get(term);
    if (df === undefined) {
      df = 0;
      for (const set of this.tokens) if (set.has(term)) df++;
      this.dfCache.set(term, df);
    }
    return df;
  }
}
