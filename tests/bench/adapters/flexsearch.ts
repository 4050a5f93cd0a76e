/**
 * FlexSearch adapter: a Document index with one strict (whole-token) field index per text
 * field and the benchmark tokenizer as encoder. FlexSearch matches all words only within one
 * field and its tag filters are OR'ed across fields (see probes), so each word is looked
 * up across all fields (unlimited), words are intersected, ranked (field boost, FlexSearch's
 * in-field order as tiebreak), filtered and faceted in plain code.
 */
import FlexSearch, { type Document, type Id } from 'flexsearch';
import {
  BOOST, FacetMasks, TEXT_FIELDS, pageOf, queryTerms, textOf, tokenize,
  type EngineAdapter, type SearchDoc, type SearchQuery, type SearchResult, type TextField,
} from '../engine.ts';

type FlexDoc = { position: number } & Partial<Record<TextField, string>>;

export const flexDoc = (doc: SearchDoc, position: number): FlexDoc => ({
  position,
  ...Object.fromEntries(TEXT_FIELDS.flatMap((f) => {
    const text = textOf(doc, f);
    return text === undefined ? [] : [[f, text]];
  })),
});

export const flexFields = () => TEXT_FIELDS.map((field) => ({ field, tokenize: 'strict' as const, encode: tokenize }));

export class FlexSearchAdapter implements EngineAdapter {
  readonly name = 'flexsearch';
  readonly notes = [
    'Text matching per word and field: FlexSearch Document (tokenize "strict", benchmark tokenizer as encoder).',
    'FlexSearch ANDs the words of a query only within one field and returns per-field lists without scores, so each word is searched alone over all fields with no limit, words are intersected, and ranking (sum of field boosts, FlexSearch in-field order as tiebreak) is plain code.',
    'Filters and disjunctive facets: plain code. FlexSearch tag filters are OR\'ed across tag fields, limits apply per field, and with several tag fields it also dropped docs matching all of them (see probes), so this index declares no tags.',
  ];
  private index: Document | undefined;
  private docs: readonly SearchDoc[] = [];
  private masks: FacetMasks | undefined;

  build(docs: readonly SearchDoc[]): void {
    this.docs = docs;
    this.masks = new FacetMasks(docs);
    const index: Document = new FlexSearch.Document({ document: { id: 'position', index: flexFields() } });
    docs.forEach((doc, i) => index.add(flexDoc(doc, i)));
    this.index = index;
  }

  search({ q, filters, page, pageSize }: SearchQuery): SearchResult {
    const terms = queryTerms(q);
    const candidates = terms.length === 0 ? null : this.textMatches(terms);
    const { matched, facets } = this.masks!.apply(candidates, filters);
    return { total: matched.length, ids: pageOf(matched, page, pageSize).map((p) => this.docs[p]!.id), facets };
  }

  private textMatches(terms: string[]): number[] {
    const limit = this.docs.length;
    let scores: Map<number, number> | undefined;
    for (const term of terms) {
      const perField = this.index!.search(term, { index: [...TEXT_FIELDS], limit });
      const termScores = new Map<number, number>();
      for (const { field, result } of perField) {
        const boost = BOOST[field as TextField];
        const n = result.length;
        result.forEach((id: Id, rank: number) => {
          const position = id as number;
          const s = boost * (1 - (0.5 * rank) / n);
          termScores.set(position, (termScores.get(position) ?? 0) + s);
        });
      }
      if (scores === undefined) scores = termScores;
      else {
        const next = new Map<number, number>();
        for (const [position, s] of termScores) {
          const previous = scores.get(position);
          if (previous !== undefined) next.set(position, previous + s);
        }
        scores = next;
      }
      if (scores.size === 0) break;
    }
    return [...scores!.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([p]) => p);
  }
}
