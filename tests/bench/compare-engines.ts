/**
 * `npm run bench -- --compare-engines`: builds MiniSearch, Orama and FlexSearch side by side on
 * synthetic catalogues of several sizes, measures build time, retained heap and interleaved query
 * latency, judges every engine against the brute-force reference, probes the engines' native
 * behaviour, prints a summary table to stdout (progress to stderr) and writes
 * .data/bench/engines.json. The study that chose MiniSearch; the product's own bench is main.ts.
 *
 * Options: --sizes=1000,10000,50000  --budget=<seconds of timed queries per size>  --out=<path>
 *          --all-engines (also run engines that are skipped above 10 000 docs; adds minutes)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlexSearchAdapter } from './adapters/flexsearch.ts';
import { MiniSearchAdapter } from './adapters/minisearch.ts';
import { measureProductionEngine } from './production-engine.ts';
import { OramaAdapter } from './adapters/orama.ts';
import { PAGE_SIZE, judge, type EngineVerdict } from './correctness.ts';
import type { EngineAdapter } from './engine.ts';
import { gcMethod, geomean, mb, median, now, quantile, round, settle, time } from './measure.ts';
import { runProbes, type Probe } from './probes.ts';
import { QUERIES, type QueryCategory } from './queries.ts';
import { Reference } from './reference.ts';
import { mulberry32, syntheticCatalogue } from './synthetic-catalogue.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = 20_251_127;
const PROBE_SIZE = 2_000;
const PRODUCTION_SIZE = 10_000;
const PRODUCTION_ROUNDS = 5;

const arg = (name: string): string | undefined =>
  process.argv.slice(2).find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const SIZES = (arg('sizes') ?? '1000,10000,50000').split(',').map(Number).filter((n) => n > 0);
const OUT = resolve(ROOT, arg('out') ?? '.data/bench/engines.json');
const budgetFor = (n: number): number => 1000 * Number(arg('budget') ?? (n <= 1_000 ? 4 : n <= 10_000 ? 15 : 10));
const buildRepsFor = (n: number): number => (n <= 1_000 ? 3 : n <= 10_000 ? 2 : 1);
const minRoundsFor = (n: number): number => (n <= 10_000 ? 5 : 3);
const MAX_ROUNDS = 200;
const warmupPassesFor = (n: number): number => (n <= 1_000 ? 3 : 1);
const LARGE = 10_000;
/** Engines left out above LARGE docs unless --all-engines, with the measured reason. */
const SKIP_WHEN_LARGE: Record<string, string> = {
  orama: 'left out above 10 000 docs by default: one --all-engines run at 50 000 docs here (node 20, 2 cores) built it in 39 s, retained 879 MB and took 1–4 s per multi-word or broad query, so a single round of the query set takes over a minute; pass --all-engines to include it',
};
const ALL_ENGINES = process.argv.includes('--all-engines');

const ENGINES: readonly (() => EngineAdapter)[] = [
  () => new MiniSearchAdapter(),
  () => new OramaAdapter(),
  () => new FlexSearchAdapter(),
];

const started = now();
const log = (msg: string): void => {
  process.stderr.write(`[bench ${((now() - started) / 1000).toFixed(1).padStart(6)}s] ${msg}\n`);
};

/** Latest retained heap per engine, so kept indexes are built smallest first. */
const knownHeap = new Map<string, number>();

const shuffle = <T>(items: T[], rng: () => number): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
};

const rotate = <T>(items: readonly T[], by: number): T[] => items.map((_, i) => items[(i + by) % items.length]!);

const versionOf = (pkg: string): string => {
  try {
    return (JSON.parse(readFileSync(resolve(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
};

interface EngineRun {
  build: { medianMs: number; medianCpuMs: number; samplesMs: number[]; samplesCpuMs: number[]; heapMB: number; heapSamplesMB: number[] };
  latency: {
    samples: number;
    medianMs: number;
    p95Ms: number;
    meanMs: number;
    cpuMedianMs: number;
    cpuP95Ms: number;
    perQueryMedianMs: Record<string, number>;
    byCategoryMedianMs: Partial<Record<QueryCategory, number>>;
  };
  ratioToFastest: {
    median: number; p95: number; geomeanPerQuery: number; cpuMedian: number; build: number; buildCpu: number; heap: number;
  };
  correctness: EngineVerdict;
  notes: readonly string[];
}

interface SizeRun {
  n: number;
  /** 1-minute load averages when the size started and ended: other work on the machine skews wall times. */
  loadAverage: { start: number; end: number };
  skipped: Record<string, string>;
  buildReps: number;
  rounds: number;
  timedQueryMs: number;
  engines: Record<string, EngineRun>;
}

const measureSize = (n: number): SizeRun => {
  const loadStart = loadavg()[0]!;
  log(`N=${n}: generating catalogue (load average ${loadStart.toFixed(2)})`);
  const docs = syntheticCatalogue(n, SEED);
  const skipped = n > LARGE && !ALL_ENGINES ? SKIP_WHEN_LARGE : {};
  const makers = ENGINES.filter((make) => !(make().name in skipped));
  const names = makers.map((make) => make().name);
  const reps = buildRepsFor(n);
  const builds = new Map<string, { ms: number[]; cpu: number[]; heap: number[] }>(names.map((e) => [e, { ms: [], cpu: [], heap: [] }]));

  const timedBuild = (make: () => EngineAdapter, label: string): EngineAdapter => {
    const adapter = make();
    const before = settle();
    const { wallMs, cpuMs } = time(() => adapter.build(docs));
    const heap = settle() - before;
    const record = builds.get(adapter.name)!;
    record.ms.push(wallMs);
    record.cpu.push(cpuMs);
    record.heap.push(heap);
    knownHeap.set(adapter.name, heap);
    log(`N=${n}: ${label} build ${adapter.name} ${wallMs.toFixed(0)} ms (cpu ${cpuMs.toFixed(0)} ms), ${mb(heap)} MB`);
    return adapter;
  };
  for (let rep = 0; rep < reps - 1; rep++) {
    for (const make of rotate(makers, rep)) timedBuild(make, `isolated ${rep + 1}/${reps}`);
  }
  const heapOf = (make: () => EngineAdapter) => knownHeap.get(names[makers.indexOf(make)]!) ?? 0;
  const smallestFirst = [...makers].sort((a, b) => heapOf(a) - heapOf(b));
  const built = smallestFirst.map((make) => timedBuild(make, `kept ${reps}/${reps}`));
  const ordered = names.map((name) => built.find((a) => a.name === name)!);
  const adapters = new Map(ordered.map((a) => [a.name, a]));
  const query = (adapter: EngineAdapter, qi: number) => {
    const q = QUERIES[qi]!;
    return adapter.search({ q: q.q, filters: q.filters, page: q.page, pageSize: PAGE_SIZE });
  };
  let sink = 0;
  log(`N=${n}: warm-up`);
  for (let pass = 0; pass < warmupPassesFor(n); pass++) {
    for (let qi = 0; qi < QUERIES.length; qi++) for (const adapter of ordered) sink += query(adapter, qi).total;
  }

  const samples = new Map<string, number[][]>(names.map((e) => [e, QUERIES.map(() => [])]));
  const cpuSamples = new Map<string, number[][]>(names.map((e) => [e, QUERIES.map(() => [])]));
  const rng = mulberry32(SEED + n);
  const budget = budgetFor(n);
  const t0 = now();
  let rounds = 0;
  while (rounds < MAX_ROUNDS && (rounds < minRoundsFor(n) || now() - t0 < budget)) {
    const order = shuffle(QUERIES.map((_, i) => i), rng);
    order.forEach((qi, k) => {
      for (const adapter of rotate(ordered, rounds + k)) {
        const { wallMs, cpuMs } = time(() => {
          sink += query(adapter, qi).total;
        });
        samples.get(adapter.name)![qi]!.push(wallMs);
        cpuSamples.get(adapter.name)![qi]!.push(cpuMs);
      }
    });
    rounds++;
    if (rounds % 10 === 0) log(`N=${n}: ${rounds} rounds`);
  }
  const timedQueryMs = now() - t0;
  log(`N=${n}: ${rounds} rounds of ${QUERIES.length} queries × ${ordered.length} engines in ${(timedQueryMs / 1000).toFixed(1)} s (checksum ${sink})`);

  log(`N=${n}: reference and correctness`);
  const reference = new Reference(docs);
  const references = QUERIES.map((q) => reference.search(q.q, q.filters));
  const verdicts = new Map(ordered.map((a) => [a.name, judge(a, docs, QUERIES, references)]));

  const perQuery = new Map(names.map((e) => [e, samples.get(e)!.map((s) => median(s))]));
  const pooled = new Map(names.map((e) => [e, samples.get(e)!.flat()]));
  const medians = new Map(names.map((e) => [e, median(pooled.get(e)!)]));
  const cpuPooled = new Map(names.map((e) => [e, cpuSamples.get(e)!.flat()]));
  const cpuMedians = new Map(names.map((e) => [e, median(cpuPooled.get(e)!)]));
  const buildCpuMedians = new Map(names.map((e) => [e, median(builds.get(e)!.cpu)]));
  const p95s = new Map(names.map((e) => [e, quantile(pooled.get(e)!, 0.95)]));
  const buildMedians = new Map(names.map((e) => [e, median(builds.get(e)!.ms)]));
  const heapMedians = new Map(names.map((e) => [e, median(builds.get(e)!.heap)]));
  const best = (m: Map<string, number>) => Math.min(...m.values());
  const bestPerQuery = QUERIES.map((_, qi) => Math.min(...names.map((e) => perQuery.get(e)![qi]!)));

  const engines: Record<string, EngineRun> = {};
  for (const e of names) {
    const byCategory: Partial<Record<QueryCategory, number>> = {};
    for (const category of new Set(QUERIES.map((q) => q.category))) {
      byCategory[category] = round(median(QUERIES.flatMap((q, qi) => (q.category === category ? [perQuery.get(e)![qi]!] : []))));
    }
    engines[e] = {
      build: {
        medianMs: round(buildMedians.get(e)!, 1),
        medianCpuMs: round(buildCpuMedians.get(e)!, 1),
        samplesMs: builds.get(e)!.ms.map((v) => round(v, 1)),
        samplesCpuMs: builds.get(e)!.cpu.map((v) => round(v, 1)),
        heapMB: mb(heapMedians.get(e)!),
        heapSamplesMB: builds.get(e)!.heap.map(mb),
      },
      latency: {
        samples: pooled.get(e)!.length,
        medianMs: round(medians.get(e)!),
        p95Ms: round(p95s.get(e)!),
        meanMs: round(pooled.get(e)!.reduce((s, v) => s + v, 0) / pooled.get(e)!.length),
        cpuMedianMs: round(cpuMedians.get(e)!),
        cpuP95Ms: round(quantile(cpuPooled.get(e)!, 0.95)),
        perQueryMedianMs: Object.fromEntries(QUERIES.map((q, qi) => [q.label, round(perQuery.get(e)![qi]!)])),
        byCategoryMedianMs: byCategory,
      },
      ratioToFastest: {
        median: round(medians.get(e)! / best(medians), 2),
        p95: round(p95s.get(e)! / best(p95s), 2),
        geomeanPerQuery: round(geomean(QUERIES.map((_, qi) => perQuery.get(e)![qi]! / bestPerQuery[qi]!)), 2),
        cpuMedian: round(cpuMedians.get(e)! / best(cpuMedians), 2),
        build: round(buildMedians.get(e)! / best(buildMedians), 2),
        buildCpu: round(buildCpuMedians.get(e)! / best(buildCpuMedians), 2),
        heap: round(heapMedians.get(e)! / best(heapMedians), 2),
      },
      correctness: verdicts.get(e)!,
      notes: adapters.get(e)!.notes,
    };
  }
  return { n, loadAverage: { start: round(loadStart, 2), end: round(loadavg()[0]!, 2) }, skipped, buildReps: reps, rounds, timedQueryMs: round(timedQueryMs, 0), engines };
};

const pad = (s: string | number, w: number): string => String(s).padStart(w);

const table = (runs: SizeRun[]): string => {
  const head = [
    'N'.padEnd(6), 'engine'.padEnd(11), pad('build ms', 9), pad('cpu ms', 8), pad('heap MB', 8), pad('q med', 8),
    pad('q p95', 8), pad('cpu med', 8), pad('×med', 6), pad('×geo', 6), pad('×p95', 6), pad('×cpu', 6),
    pad('recall', 7), pad('prec', 6), pad('totals', 7), pad('facets', 7), pad('top20', 6),
  ].join(' ');
  const lines = [head, '-'.repeat(head.length)];
  for (const run of runs) {
    for (const [name, e] of Object.entries(run.engines)) {
      const c = e.correctness.summary;
      const r = e.ratioToFastest;
      lines.push([
        String(run.n).padEnd(6), name.padEnd(11), pad(e.build.medianMs.toFixed(0), 9), pad(e.build.medianCpuMs.toFixed(0), 8),
        pad(e.build.heapMB.toFixed(1), 8), pad(e.latency.medianMs.toFixed(3), 8), pad(e.latency.p95Ms.toFixed(2), 8),
        pad(e.latency.cpuMedianMs.toFixed(3), 8), pad(r.median.toFixed(2), 6), pad(r.geomeanPerQuery.toFixed(2), 6),
        pad(r.p95.toFixed(2), 6), pad(r.cpuMedian.toFixed(2), 6), pad(c.minRecall.toFixed(3), 7),
        pad(c.minPrecision.toFixed(3), 6), pad(c.totalsAgree, 7), pad(c.facetsAgree, 7), pad(c.meanTop20Agreement.toFixed(2), 6),
      ].join(' '));
    }
    for (const name of Object.keys(run.skipped)) lines.push(`${String(run.n).padEnd(6)} ${name.padEnd(11)} skipped (see report: runs[].skipped)`);
    lines.push(`${String(run.n).padEnd(6)} load average ${run.loadAverage.start} → ${run.loadAverage.end} on ${cpus().length} cpus; ${run.rounds} rounds, ${run.buildReps} build rep(s)`);
  }
  return lines.join('\n');
};

const categoryTable = (runs: SizeRun[]): string => {
  const categories = [...new Set(QUERIES.map((q) => q.category))];
  const lines = [['N'.padEnd(6), 'engine'.padEnd(11), ...categories.map((c) => pad(c, 11))].join(' ')];
  for (const run of runs) {
    for (const [name, e] of Object.entries(run.engines)) {
      lines.push([String(run.n).padEnd(6), name.padEnd(11),
        ...categories.map((c) => pad((e.latency.byCategoryMedianMs[c] ?? Number.NaN).toFixed(3), 11))].join(' '));
    }
  }
  return lines.join('\n');
};

const main = async (): Promise<void> => {
  log(`sizes ${SIZES.join(', ')}; gc: ${gcMethod}`);
  const runs = SIZES.map(measureSize);

  log(`production engine side by side with bare MiniSearch on N=${PRODUCTION_SIZE}`);
  const production = await measureProductionEngine(syntheticCatalogue(PRODUCTION_SIZE, SEED), QUERIES, PRODUCTION_ROUNDS, log);

  log(`probes on N=${PROBE_SIZE}`);
  const probeDocs = syntheticCatalogue(PROBE_SIZE, SEED);
  const probes: Probe[] = runProbes(probeDocs, new Reference(probeDocs), log);

  const report = {
    generatedAt: new Date().toISOString(),
    environment: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
      memoryGB: round(totalmem() / 1024 ** 3, 1),
      gc: gcMethod,
      engines: Object.fromEntries(['minisearch', '@orama/orama', 'flexsearch'].map((p) => [p, versionOf(p)])),
    },
    method: {
      seed: SEED,
      sizes: SIZES,
      pageSize: PAGE_SIZE,
      queries: QUERIES.map((q) => ({ label: q.label, category: q.category, q: q.q, filters: q.filters, page: q.page })),
      build: 'per size, each engine is built `buildReps` times, all timed (heap = heapUsed after full GC minus before; the shared docs excluded). All but the last rep run in rotated order with no other index alive; the last rep builds the indexes that are then queried, smallest (by heap measured so far) first, so no build is timed while a larger index is alive',
      latency: `warm-up passes (3 at ≤1 000 docs, run first, then 1), then rounds (at least 5, 3 above 10 000 docs; then until the time budget per size) of all queries in shuffled order, engines rotated per query, one synchronous search per sample; medians/p95 pooled over all samples; ratios against the fastest engine at the same size, geomeanPerQuery = geometric mean over queries of per-query median / fastest per-query median`,
      correctness: 'full result sets (pageSize = N) against a brute-force scan: recall, precision, total agreement, disjunctive facet equality, paging consistency; top20 = share of the first page scoring at least the reference\'s 20th-best boosted BM25 score (informational: engines rank differently)',
      tokenizer: 'lower-case, split on anything not a letter or digit, nothing stripped; every engine configured with it',
    },
    runs,
    production,
    probes,
  };

  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);

  const out: string[] = [];
  out.push(`Search engine benchmark — node ${process.version}, ${cpus().length} cpus, gc: ${gcMethod}`);
  out.push(`engines: ${Object.entries(report.environment.engines).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push('');
  out.push(table(runs));
  out.push('');
  out.push('Times in ms. build ms/cpu ms: median wall / process-CPU time of a build; q med/q p95/cpu med: per query, pooled over all rounds.');
  out.push('×med/×geo/×p95/×cpu: query latency relative to the fastest engine at that N (pooled median, per-query geometric mean, pooled p95, CPU median).');
  out.push('recall/prec: minimum over queries; totals/facets: queries agreeing exactly with the reference; top20: mean tie-aware overlap with reference ranking.');
  out.push('');
  out.push('Median query ms by category (median of per-query medians):');
  out.push(categoryTable(runs));
  out.push('');
  out.push(`Vägvisaren's engine (MiniSearch + Swedish analysis, filters, facets) beside bare MiniSearch, N=${production.n}:`);
  out.push(`  build ${production.build.vagvisarenMs} ms vs ${production.build.minisearchMs} ms (×${production.build.ratio}), heap ${production.build.vagvisarenHeapMB} MB vs ${production.build.minisearchHeapMB} MB`);
  out.push(`  query median ${production.latency.vagvisaren.medianMs} ms vs ${production.latency.minisearch.medianMs} ms (×${production.latency.medianRatio}), p95 ${production.latency.vagvisaren.p95Ms} ms vs ${production.latency.minisearch.p95Ms} ms`);
  out.push(`  finds at least ${(production.minRecallOfBareMatches * 100).toFixed(1)}% of what bare MiniSearch finds on every query (and more: stems, compounds, synonyms)`);
  out.push('');
  out.push(`Probes of native behaviour (N=${PROBE_SIZE}):`);
  for (const p of probes) out.push(`- ${p.engine}, ${p.behaviour}: ${p.finding}`);
  out.push('');
  out.push(`report: ${OUT} (total ${((now() - started) / 1000).toFixed(0)} s)`);
  process.stdout.write(`${out.join('\n')}\n`);
};

await main();
