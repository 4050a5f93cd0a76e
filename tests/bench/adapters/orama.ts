/**
 * Orama adapter: six string properties plus enum/enum[] filter properties, BM25 with field
 * boosts, the benchmark tokenizer with an end-of-token sentinel (so Orama's prefix lookup only
 * matches whole tokens). Single-word and empty queries use Orama `where` + `facets`, with one
 * `preflight` search per filtered field for disjunctive counts; multi-word queries run one
 * Orama search per word and intersect in plain code, because Orama's all-words mode
 * (threshold 0) only accepts docs where all words fall in one property.
 */
import { create, insert, search, type AnyOrama, type Results, type SearchParams } from '@orama/orama';
import {
  BOOST, FILTER_FIELDS, FacetMasks, TEXT_FIELDS, activeFilters, emptyFacets, pageOf, queryTerms, textOf,
  tokenize, type EngineAdapter, type FacetCounts, type FilterField, type Filters, type SearchDoc,
  type SearchQuery, type SearchResult,
} from '../engine.ts';

const SENTINEL = '$';

const schema = {
  name_sv: 'string', name_en: 'string', summary_sv: 'string', summary_en: 'string',
  description_sv: 'string', description_en: 'string',
  kind: 'enum', focus: 'enum',
  areas: 'enum[]', stages: 'enum[]', municipalities: 'enum[]', supportTypes: 'enum[]',
} as const;

const SCALAR: ReadonlySet<FilterField> = new Set(['kind', 'focus']);
const ALL_FACETS = Object.fromEntries(FILTER_FIELDS.map((f) => [f, {}]));

/** The benchmark tokenizer as an Orama tokenizer component; `sentinel` marks token ends. */
export const oramaTokenizer = (sentinel: string) => ({
  language: 'swedish',
  normalizationCache: new Map<string, string>(),
  tokenize: (raw: string): string[] => [...new Set(tokenize(raw))].map((t) => t + sentinel),
});

export const oramaDoc = (doc: SearchDoc) => ({
  id: doc.id,
  ...Object.fromEntries(TEXT_FIELDS.flatMap((f) => {
    const text = textOf(doc, f);
    return text === undefined ? [] : [[f, text]];
  })),
  kind: doc.kind, focus: doc.focus,
  areas: doc.areas, stages: doc.stages, municipalities: doc.municipalities, supportTypes: doc.supportTypes,
});

export const oramaWhere = (filters: Filters, except?: FilterField) =>
  Object.fromEntries(activeFilters(filters).filter(([f]) => f !== except).map(([f, values]) =>
    [f, SCALAR.has(f) ? { in: values } : { containsAny: values }]));

export const syncResults = (r: Results<unknown> | Promise<Results<unknown>>): Results<unknown> => {
  if (r instanceof Promise) throw new Error('Orama returned a promise; the benchmark expects synchronous search');
  return r;
};

export class OramaAdapter implements EngineAdapter {
  readonly name = 'orama';
  readonly notes = [
    'Tokenizer: the benchmark tokenizer plus a "$" end-of-token sentinel; Orama otherwise matches query words as prefixes, and its `exact: true` adds a case-sensitive, non-Unicode \\b regex post-filter that rejects "örebro" against "Örebro".',
    'Single-word and empty queries: Orama `where` (enum `in`, enum[] `containsAny`) + `facets`, plus one `preflight` search per filtered field for disjunctive counts.',
    'Multi-word queries: Orama threshold 0 requires all words within ONE property, so each word is searched separately (all hits) and intersected in plain code; filters and facets for these are plain code.',
  ];
  private db: AnyOrama | undefined;
  private docs: readonly SearchDoc[] = [];
  private masks: FacetMasks | undefined;
  private positionOf = new Map<string, number>();

  build(docs: readonly SearchDoc[]): void {
    this.docs = docs;
    this.masks = new FacetMasks(docs);
    this.positionOf = new Map(docs.map((d, i) => [d.id, i]));
    const db = create({ schema, components: { tokenizer: oramaTokenizer(SENTINEL) } });
    for (const doc of docs) {
      const id = insert(db, oramaDoc(doc));
      if (id instanceof Promise) throw new Error('Orama insert returned a promise');
    }
    this.db = db;
  }

  search({ q, filters, page, pageSize }: SearchQuery): SearchResult {
    const terms = queryTerms(q);
    return terms.length <= 1 ? this.native(terms[0] ?? '', filters, page, pageSize) : this.perWord(terms, filters, page, pageSize);
  }

  private run(params: SearchParams<AnyOrama>): Results<unknown> {
    return syncResults(search(this.db!, params));
  }

  private native(term: string, filters: Filters, page: number, pageSize: number): SearchResult {
    const text = term === '' ? {} : { term, properties: [...TEXT_FIELDS], boost: BOOST, threshold: 0 };
    const main = this.run({
      ...text, where: oramaWhere(filters), facets: ALL_FACETS, limit: pageSize, offset: (page - 1) * pageSize,
    });
    const facets: FacetCounts = emptyFacets();
    for (const f of FILTER_FIELDS) facets[f] = { ...(main.facets?.[f]?.values ?? {}) };
    for (const [field] of activeFilters(filters)) {
      const pre = this.run({ ...text, where: oramaWhere(filters, field), facets: { [field]: {} }, preflight: true });
      facets[field] = { ...(pre.facets?.[field]?.values ?? {}) };
    }
    return { total: main.count, ids: main.hits.map((h) => h.id), facets };
  }

  private perWord(terms: string[], filters: Filters, page: number, pageSize: number): SearchResult {
    const size = this.docs.length;
    let scores: Map<number, number> | undefined;
    for (const term of terms) {
      const r = this.run({ term, properties: [...TEXT_FIELDS], boost: BOOST, threshold: 0, limit: size });
      const next = new Map<number, number>();
      for (const hit of r.hits) {
        const position = this.positionOf.get(hit.id)!;
        if (scores === undefined) next.set(position, hit.score);
        else {
          const previous = scores.get(position);
          if (previous !== undefined) next.set(position, previous + hit.score);
        }
      }
      scores = next;
      if (scores.size === 0) break;
    }
    const ranked = [...scores!.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([p]) => p);
    const { matched, facets } = this.masks!.apply(ranked, filters);
    return { total: matched.length, ids: pageOf(matched, page, pageSize).map((p) => this.docs[p]!.id), facets };
  }
}
