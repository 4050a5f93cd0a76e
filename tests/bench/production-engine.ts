/**
 * The engine Vägvisaren runs — EmbeddedSearchIndex: its own inverted index plus Swedish analysis (stems,
 * compounds, synonyms, one typo), need words, filters and disjunctive facets — as the bench drives
 * it: built as the product builds it (the lexicon of the taxonomy and the entries, the region's
 * synonyms and query vocabulary; documents carry their taxonomy labels), searched with the app's
 * query shape. Also measures it side by side with bare MiniSearch for the engine comparison.
 */
import { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { SearchDocument, SearchQuery, taxonomyKeywords } from '#shared/domain/search.ts';
import { buildLexicon } from '#shared/search/lexicon.ts';
import { loadSynonyms } from '#shared/search/synonyms.ts';
import { loadQueryVocabulary } from '#shared/search/understanding.ts';
import { taxonomyTexts } from '#shared/services/catalogue-lexicon.ts';
import { loadTaxonomy } from '#shared/taxonomy/regions.ts';
import { MiniSearchAdapter } from './adapters/minisearch.ts';
import type { SearchDoc } from './engine.ts';
import { median, mb, now, quantile, round, settle } from './measure.ts';
import type { BenchQuery } from './queries.ts';

const TODAY = '2026-11-27';
/** Recall is checked on queries with at most this many bare matches (paging through more takes minutes). */
const RECALL_CHECK_LIMIT = 1000;

const taxonomy = loadTaxonomy();

export const toDocument = (doc: SearchDoc): SearchDocument =>
  SearchDocument.parse({
    id: doc.id,
    version: 1,
    kind: doc.kind,
    name: doc.name,
    summary: doc.summary,
    description: doc.description,
    sectors: [],
    keywords: taxonomyKeywords(doc, taxonomy),
    wholeCounty: false,
    facets: { kind: [doc.kind], area: doc.areas, stage: doc.stages, municipality: doc.municipalities, supportType: doc.supportTypes, focus: [doc.focus] },
  });

export const toQuery = (query: Pick<BenchQuery, 'q' | 'filters' | 'page'>, pageSize: number): SearchQuery =>
  SearchQuery.parse({
    q: query.q,
    filters: {
      kind: query.filters.kind ?? [],
      area: query.filters.areas ?? [],
      stage: query.filters.stages ?? [],
      municipality: query.filters.municipalities ?? [],
      supportType: query.filters.supportTypes ?? [],
      focus: query.filters.focus ?? [],
    },
    page: query.page,
    pageSize,
    today: TODAY,
  });

/** An empty engine configured as the product configures it for these documents. */
export const productionIndex = (docs: readonly SearchDoc[]): EmbeddedSearchIndex => {
  const texts = [...taxonomyTexts(taxonomy), ...docs.flatMap((d) => [d.name.sv, d.summary.sv, d.description.sv])];
  return new EmbeddedSearchIndex({ lexicon: buildLexicon(texts), synonyms: loadSynonyms('orebro-lan'), understanding: loadQueryVocabulary('orebro-lan') });
};

/** The production engine with the bench's build-and-search shape (asynchronous, as the app calls it). */
export class ProductionEngine {
  readonly name = 'vagvisaren';
  private index: EmbeddedSearchIndex | undefined;
  private readonly queries = new WeakMap<object, Map<number, SearchQuery>>();

  /** The engine built last. */
  get built(): EmbeddedSearchIndex {
    return this.index!;
  }

  /** `documents`: the docs as the app's search documents, when made beforehand. */
  async build(docs: readonly SearchDoc[], documents: readonly SearchDocument[] = docs.map(toDocument)): Promise<void> {
    this.index = productionIndex(docs);
    await this.index.apply(documents.map((document) => ({ type: 'upsert', document })));
  }

  /** Ids of the page's hits, the total and the facet counts, as the app reads them. */
  async search(query: Pick<BenchQuery, 'q' | 'filters' | 'page'>, pageSize = 20): Promise<{ total: number; ids: string[]; facets: Record<string, Record<string, number>> }> {
    const result = await this.index!.search(this.parsed(query, pageSize));
    return { total: result.total, ids: result.hits.map((hit) => hit.id), facets: result.facets };
  }

  /**
   * The query as the engine receives it, validated once per bench query: the app validates a request before it
   * reaches the engine, and the other engines are handed their queries ready-made too.
   */
  private parsed(query: Pick<BenchQuery, 'q' | 'filters' | 'page'>, pageSize: number): SearchQuery {
    let bySize = this.queries.get(query);
    if (!bySize) this.queries.set(query, (bySize = new Map()));
    let parsed = bySize.get(pageSize);
    if (!parsed) bySize.set(pageSize, (parsed = toQuery(query, pageSize)));
    return parsed;
  }

  /** Every id the engine matches, paging through all results. */
  async allIds(query: Pick<BenchQuery, 'q' | 'filters'>): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; ; page += 1) {
      const result = await this.search({ ...query, page }, 50);
      ids.push(...result.ids);
      if (ids.length >= result.total || result.ids.length === 0) return ids;
    }
  }
}

export type ProductionRun = {
  n: number;
  build: { vagvisarenMs: number; minisearchMs: number; ratio: number; vagvisarenHeapMB: number; minisearchHeapMB: number };
  latency: { vagvisaren: { medianMs: number; p95Ms: number }; minisearch: { medianMs: number; p95Ms: number }; medianRatio: number };
  perQueryMedianMs: Record<string, { vagvisaren: number; minisearch: number }>;
  /** Hits found by the bare engine that the production engine also finds (it should find more, never fewer). */
  minRecallOfBareMatches: number;
};

export const measureProductionEngine = async (docs: readonly SearchDoc[], queries: readonly BenchQuery[], rounds: number, log: (line: string) => void): Promise<ProductionRun> => {
  const documents = docs.map(toDocument);

  let before = settle();
  let started = now();
  const bare = new MiniSearchAdapter();
  bare.build(docs);
  const minisearchMs = now() - started;
  const minisearchHeapMB = mb(settle() - before);

  before = settle();
  started = now();
  const production = productionIndex(docs);
  await production.apply(documents.map((document) => ({ type: 'upsert', document })));
  const vagvisarenMs = now() - started;
  const vagvisarenHeapMB = mb(settle() - before);
  log(`production engine: built ${docs.length} docs in ${vagvisarenMs.toFixed(0)} ms (bare MiniSearch ${minisearchMs.toFixed(0)} ms)`);

  const samples = { vagvisaren: new Map<string, number[]>(), minisearch: new Map<string, number[]>() };
  const record = (engine: keyof typeof samples, label: string, ms: number) => samples[engine].set(label, [...(samples[engine].get(label) ?? []), ms]);
  for (let round_ = 0; round_ <= rounds; round_ += 1) {
    for (const [i, query] of queries.entries()) {
      const order = (round_ + i) % 2 === 0 ? (['vagvisaren', 'minisearch'] as const) : (['minisearch', 'vagvisaren'] as const);
      for (const engine of order) {
        const t0 = now();
        if (engine === 'vagvisaren') await production.search(toQuery(query, 20));
        else bare.search({ q: query.q, filters: query.filters, page: query.page, pageSize: 20 });
        if (round_ > 0) record(engine, query.label, now() - t0);
      }
    }
  }

  let minRecall = 1;
  for (const query of queries) {
    const bareIds = bare.search({ q: query.q, filters: query.filters, page: 1, pageSize: docs.length }).ids;
    if (bareIds.length === 0 || bareIds.length > RECALL_CHECK_LIMIT) continue;
    const found = new Set(await allIds(production, query, docs.length));
    minRecall = Math.min(minRecall, bareIds.filter((id) => found.has(id)).length / bareIds.length);
  }

  const pooled = (engine: keyof typeof samples) => [...samples[engine].values()].flat();
  const stats = (engine: keyof typeof samples) => ({ medianMs: round(median(pooled(engine))), p95Ms: round(quantile(pooled(engine), 0.95)) });
  const vagvisaren = stats('vagvisaren');
  const minisearch = stats('minisearch');
  return {
    n: docs.length,
    build: { vagvisarenMs: round(vagvisarenMs, 0), minisearchMs: round(minisearchMs, 0), ratio: round(vagvisarenMs / minisearchMs, 2), vagvisarenHeapMB, minisearchHeapMB },
    latency: { vagvisaren, minisearch, medianRatio: round(vagvisaren.medianMs / minisearch.medianMs, 2) },
    perQueryMedianMs: Object.fromEntries(
      queries.map((q) => [q.label, { vagvisaren: round(median(samples.vagvisaren.get(q.label) ?? [])), minisearch: round(median(samples.minisearch.get(q.label) ?? [])) }]),
    ),
    minRecallOfBareMatches: round(minRecall),
  };
};

const allIds = async (index: EmbeddedSearchIndex, query: BenchQuery, n: number): Promise<string[]> => {
  const ids: string[] = [];
  for (let page = 1; page <= Math.ceil(n / 50); page += 1) {
    const result = await index.search(toQuery({ ...query, page }, 50));
    ids.push(...result.hits.map((h) => h.id));
    if (ids.length >= result.total) break;
  }
  return ids;
};
