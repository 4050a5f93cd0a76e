/**
 * The engine part of `npm run bench`: at each catalogue size, Vägvisaren's engine beside bare
 * MiniSearch and a linear scan — build time, retained heap, and p50/p99 per query class, the three
 * engines interleaved query by query in shuffled rounds.
 */
import { loadavg } from 'node:os';
import { MiniSearchAdapter } from './adapters/minisearch.ts';
import { LinearScanAdapter } from './adapters/linear-scan.ts';
import type { SearchDoc } from './engine.ts';
import { mb, median, now, quantile, round, settle } from './measure.ts';
import type { SearchDocument } from '#shared/domain/search.ts';
import { ProductionEngine, toDocument } from './production-engine.ts';
import { CLASS_QUERIES, QUERY_CLASSES, type ClassQuery, type QueryClass } from './queries.ts';
import { mulberry32, syntheticCatalogue } from './synthetic-catalogue.ts';

export const ENGINES = ['vagvisaren', 'minisearch', 'linear-scan'] as const;
export type EngineName = (typeof ENGINES)[number];

/** `prepare`: turns the bench's documents into the engine's own (outside the build time, inside its heap). */
type Searcher = { prepare?(docs: readonly SearchDoc[]): void; build(docs: readonly SearchDoc[]): Promise<void> | void; search(query: ClassQuery): Promise<unknown> | unknown };

const PAGE_SIZE = 20;

const makeEngine = (name: EngineName): Searcher => {
  if (name === 'vagvisaren') {
    const production = new ProductionEngine();
    let documents: SearchDocument[] = [];
    return {
      prepare: (docs) => (documents = docs.map(toDocument)),
      build: (docs) => production.build(docs, documents.length === docs.length ? documents : undefined),
      search: (q) => production.search(q, PAGE_SIZE),
    };
  }
  const adapter = name === 'minisearch' ? new MiniSearchAdapter() : new LinearScanAdapter();
  return { build: (docs) => adapter.build(docs), search: (q) => adapter.search({ q: q.q, filters: q.filters, page: q.page, pageSize: PAGE_SIZE }) };
};

export type LatencyStats = { p50Ms: number; p99Ms: number; samples: number };

export type EngineAtSize = {
  buildMs: number;
  heapMB: number;
  byClass: Record<QueryClass, LatencyStats>;
};

export type EngineSizeRun = {
  n: number;
  rounds: number;
  /** Builds per engine; build time and heap are their medians. */
  builds: number;
  loadAverage: { start: number; end: number };
  engines: Record<EngineName, EngineAtSize>;
  /** Vägvisaren's engine saved and loaded back (sizes up to SNAPSHOT_MAX_N). */
};

const shuffle = <T>(items: T[], rng: () => number): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
};

/** Builds per engine and size, interleaved, their medians reported: one build's time is at the mercy of a busy machine. */
export const buildsFor = (n: number, quick: boolean): number => (quick || n > 10_000 ? 1 : 3);

/**
 * Unmeasured rounds of the class queries before the measured ones, for every engine alike: a server answers
 * warmed up, and the first hundred-odd queries of an engine run while V8 is still compiling it.
 */
export const warmUpRoundsFor = (n: number): number => (n <= 10_000 ? 20 : 1);

/** Rounds of the class queries per size: enough samples for a p99 at small sizes, bounded at 100k. */
export const roundsFor = (n: number, quick: boolean): number =>
  quick ? (n <= 1_000 ? 15 : n <= 10_000 ? 6 : 2) : n <= 1_000 ? 60 : n <= 10_000 ? 25 : 6;

export const measureEngines = async (n: number, options: { quick: boolean; seed: number; log: (line: string) => void }): Promise<EngineSizeRun> => {
  const loadStart = loadavg()[0]!;
  const docs = syntheticCatalogue(n, options.seed);
  const engines = new Map<EngineName, Searcher>();
  const builds = new Map<EngineName, { ms: number; heap: number }>();
  const times = buildsFor(n, options.quick);
  const measured = new Map<EngineName, { ms: number[]; heap: number[] }>(ENGINES.map((name) => [name, { ms: [], heap: [] }]));
  for (let build = 0; build < times; build++) {
    for (const name of [...ENGINES].reverse()) {
      engines.delete(name);
      const engine = makeEngine(name);
      const before = settle();
      engine.prepare?.(docs);
      const started = now();
      await engine.build(docs);
      const ms = now() - started;
      const heap = settle() - before;
      measured.get(name)!.ms.push(ms);
      measured.get(name)!.heap.push(heap);
      engines.set(name, engine);
      options.log(`engine N=${n}: built ${name} in ${ms.toFixed(0)} ms, ${mb(heap)} MB`);
    }
  }
  for (const name of ENGINES) builds.set(name, { ms: median(measured.get(name)!.ms), heap: median(measured.get(name)!.heap) });

  for (let round_ = 0; round_ < warmUpRoundsFor(n); round_++) {
    for (const query of CLASS_QUERIES) for (const name of ENGINES) await engines.get(name)!.search(query);
  }

  const samples = new Map<EngineName, Map<QueryClass, number[]>>(ENGINES.map((e) => [e, new Map(QUERY_CLASSES.map((c) => [c, []]))]));
  const rng = mulberry32(options.seed + n);
  const rounds = roundsFor(n, options.quick);
  for (let round_ = 0; round_ < rounds; round_++) {
    const order = shuffle([...CLASS_QUERIES], rng);
    for (const [k, query] of order.entries()) {
      for (let e = 0; e < ENGINES.length; e++) {
        const name = ENGINES[(e + round_ + k) % ENGINES.length]!;
        const started = now();
        await engines.get(name)!.search(query);
        samples.get(name)!.get(query.queryClass)!.push(now() - started);
      }
    }
  }
  options.log(`engine N=${n}: ${rounds} rounds of ${CLASS_QUERIES.length} queries × ${ENGINES.length} engines`);

  const stats = (values: number[]): LatencyStats => ({ p50Ms: round(median(values)), p99Ms: round(quantile(values, 0.99)), samples: values.length });
  const result = Object.fromEntries(ENGINES.map((name) => [name, {
    buildMs: round(builds.get(name)!.ms, 0),
    heapMB: mb(builds.get(name)!.heap),
    byClass: Object.fromEntries(QUERY_CLASSES.map((c) => [c, stats(samples.get(name)!.get(c)!)])) as Record<QueryClass, LatencyStats>,
  }])) as Record<EngineName, EngineAtSize>;
  return { n, rounds, builds: times, loadAverage: { start: round(loadStart, 2), end: round(loadavg()[0]!, 2) }, engines: result };
};
