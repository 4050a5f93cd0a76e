/**
 * `npm run bench`: the product's own benchmark, in one run. The engine at 1k, 10k and 100k entries
 * beside bare MiniSearch and a linear scan; the HTTP paths beside a bare Hono hello server; the
 * Lambda API bundle's import and first two calls beside an empty module; `npm start` to its first
 * answer; the embedded search mode's snapshot load, size and cold-start addition. Prints the ratios against the goals and which are met (progress to stderr), and writes
 * .data/bench/report.json.
 *
 * Options: --quick (1k and 10k, fewer rounds: under a minute on an idle machine)
 *          --only=engine,http,lambda,start,snapshot   --sizes=1000,10000,100000   --out=<path>
 *          --compare-engines (the MiniSearch / Orama / FlexSearch study instead; see compare-engines.ts)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureEngines, type EngineSizeRun } from './engine-section.ts';
import { measureHttp, type HttpRun } from './http-section.ts';
import { measureLambda, type LambdaRun } from './lambda-section.ts';
import { now, round } from './measure.ts';
import { measureSnapshots, type SnapshotRun } from './snapshot-section.ts';
import { measureStart, type StartRun } from './start-section.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = 20_251_127;
const args = process.argv.slice(2);
const arg = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

if (args.includes('--compare-engines')) {
  await import('./compare-engines.ts');
} else {
  const quick = args.includes('--quick');
  const sections = new Set((arg('only') ?? 'engine,http,lambda,start,snapshot').split(','));
  const sizes = (arg('sizes') ?? (quick ? '1000,10000' : '1000,10000,100000')).split(',').map(Number).filter((n) => n > 0);
  const out = resolve(ROOT, arg('out') ?? '.data/bench/report.json');
  const started = now();
  const log = (line: string) => process.stderr.write(`[bench ${((now() - started) / 1000).toFixed(1).padStart(6)}s] ${line}\n`);

  const report: {
    generatedAt: string; quick: boolean; environment: Record<string, unknown>;
    engine?: EngineSizeRun[]; http?: HttpRun; lambda?: LambdaRun; start?: StartRun; snapshot?: SnapshotRun; goals?: Goal[];
  } = {
    generatedAt: new Date().toISOString(),
    quick,
    environment: { node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`, loadAverageAtStart: round(loadavg()[0]!, 2) },
  };
  if (sections.has('http')) report.http = await measureHttp({ quick, log });
  if (sections.has('lambda')) report.lambda = await measureLambda({ quick, outDir: resolve(ROOT, '.data/bench/lambda'), log });
  if (sections.has('start')) report.start = await measureStart({ quick, log });
  if (sections.has('snapshot')) report.snapshot = await measureSnapshots({ quick, seed: SEED, outDir: resolve(ROOT, '.data/bench/snapshot'), log });
  if (sections.has('engine')) {
    report.engine = [];
    for (const n of sizes) report.engine.push(await measureEngines(n, { quick, seed: SEED, log }));
  }
  report.environment.loadAverageAtEnd = round(loadavg()[0]!, 2);
  report.goals = goals(report);

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${summary(report)}\nreport: ${out} (${((now() - started) / 1000).toFixed(0)} s)\n`);
}

type Goal = { goal: string; measured: string; met: boolean };

function goals(report: { engine?: EngineSizeRun[]; http?: HttpRun; lambda?: LambdaRun; start?: StartRun; snapshot?: SnapshotRun }): Goal[] {
  const list: Goal[] = [];
  const add = (goal: string, measured: string, met: boolean) => list.push({ goal, measured, met });
  for (const run of report.engine ?? []) {
    if (run.n < 10_000) continue;
    const { vagvisaren: v, minisearch: m, 'linear-scan': s } = run.engines;
    const tf = 'text-filters-facets';
    add(`engine ${run.n}: text + 2 filters + facets p99 ≤ scan p99`, `${v.byClass[tf].p99Ms} vs ${s.byClass[tf].p99Ms} ms`, v.byClass[tf].p99Ms <= s.byClass[tf].p99Ms);
    add(`engine ${run.n}: text + 2 filters + facets p99 ≤ ⅓ MiniSearch p99`, `${v.byClass[tf].p99Ms} vs ${round(m.byClass[tf].p99Ms / 3)} ms`, v.byClass[tf].p99Ms <= m.byClass[tf].p99Ms / 3);
    add(`engine ${run.n}: filters-only p99 ≤ scan p99`, `${v.byClass['filters-only'].p99Ms} vs ${s.byClass['filters-only'].p99Ms} ms`, v.byClass['filters-only'].p99Ms <= s.byClass['filters-only'].p99Ms);
    add(`engine ${run.n}: build ≤ MiniSearch build`, `${v.buildMs} vs ${m.buildMs} ms`, v.buildMs <= m.buildMs);
    add(`engine ${run.n}: heap ≤ 1.5× MiniSearch heap`, `${v.heapMB} vs ${round(m.heapMB * 1.5, 1)} MB`, v.heapMB <= m.heapMB * 1.5);
  }
  if (report.http) {
    const r = report.http.ratioToHello;
    add('HTTP /health ≥ 0.7× Hono hello', `${r.health}× (its answer sent as a constant by bare Hono: ${r['health-constant']}×)`, r.health >= 0.7);
    add('HTTP /v1/search?q=innovation ≥ 0.3× Hono hello', `${r.search}×`, r.search >= 0.3);
    add('HTTP HTML search page ≥ 0.15× Hono hello', `${r.page}×`, r.page >= 0.15);
  }
  if (report.lambda) {
    const l = report.lambda;
    add('Lambda API bundle imports in ≤ 120 ms', `${l.api.importMs} ms (empty module ${l.empty.importMs} ms; the stack's libraries alone ${l.stack.importMs} ms)`, l.api.importMs <= 120);
    add('Lambda first call ≤ 2× second call', `${l.api.firstCallMs} vs ${l.api.secondCallMs} ms`, l.api.firstCallMs <= 2 * l.api.secondCallMs);
    add('Lambda bundle ≤ 1 MB', `${round(l.bundle.api.totalBytes / 1e6, 2)} MB in all, ${round(l.bundle.api.entryGraphBytes / 1e6, 2)} MB loaded by the entry's static imports`, l.bundle.api.totalBytes <= 1e6);
  }
  if (report.start) add('npm start answers within 1 s on a warm store', `${report.start.firstAnswerMs} ms`, report.start.firstAnswerMs <= 1000);
  for (const run of report.snapshot?.sizes ?? []) {
    const limit = run.n <= 1000 ? 150 : 1000;
    add(`search snapshot ${run.n}: loads and answers in ≤ ${limit} ms`, `${run.loadMs} ms`, run.loadMs <= limit);
    add(`search snapshot ${run.n}: ≤ 2× the catalogue's JSON`, `${run.sizeRatio}× (${round(run.snapshotBytes / 1e6, 2)} vs ${round(run.catalogueBytes / 1e6, 2)} MB)`, run.sizeRatio <= 2);
  }
  if (report.snapshot) {
    const c = report.snapshot.coldStart;
    add('API cold start with a 1k snapshot adds ≤ 200 ms', `${c.addedMs} ms (init ${c.importMs} ms in the embedded mode vs ${c.baselineImportMs} ms in the opensearch mode)`, c.addedMs <= 200);
  }
  return list;
}

function summary(report: { engine?: EngineSizeRun[]; http?: HttpRun; lambda?: LambdaRun; start?: StartRun; snapshot?: SnapshotRun; goals?: Goal[]; environment: Record<string, unknown> }): string {
  const lines: string[] = [`Vägvisaren bench — node ${String(report.environment.node)}, ${String(report.environment.cpus)}, load ${String(report.environment.loadAverageAtStart)} → ${String(report.environment.loadAverageAtEnd)}`];
  for (const run of report.engine ?? []) {
    lines.push('', `engine N=${run.n} (${run.rounds} rounds; p50 / p99 ms)`);
    for (const [name, e] of Object.entries(run.engines)) {
      const classes = Object.entries(e.byClass).map(([c, s]) => `${c} ${s.p50Ms}/${s.p99Ms}`).join(', ');
      lines.push(`  ${name.padEnd(11)} build ${e.buildMs} ms, heap ${e.heapMB} MB; ${classes}`);
    }
  }
  if (report.http) {
    lines.push('', `HTTP (${report.http.connections} connections, ${report.http.rounds} rounds of ${report.http.secondsPerSample} s)`);
    const ratios: Record<string, number> = report.http.ratioToHello;
    for (const [t, s] of Object.entries(report.http.targets)) {
      const ratio = ratios[t] === undefined ? '' : `, ${ratios[t]}× hello`;
      lines.push(`  ${t.padEnd(15)} ${s.requestsPerSecond} req/s, p99 ${s.p99Ms} ms${ratio}${s.errors ? `, ${s.errors} errors` : ''}`);
    }
    lines.push('  (search and page: one query repeated, answered from the public answer cache; -uncached: the judged queries in turn, with a cookie, never cached)');
  }
  if (report.lambda) {
    const l = report.lambda;
    lines.push('', `Lambda (${l.runs} cold starts each): api import ${l.api.importMs} ms, calls ${l.api.firstCallMs} / ${l.api.secondCallMs} ms (status ${l.api.statuses.join(', ')}); empty module ${l.empty.importMs} ms, calls ${l.empty.firstCallMs} / ${l.empty.secondCallMs} ms; the stack's libraries alone ${l.stack.importMs} ms (${round(l.bundle.stack.totalBytes / 1e6, 2)} MB), calls ${l.stack.firstCallMs} / ${l.stack.secondCallMs} ms`);
  }
  if (report.start) lines.push('', `npm start on a warm store: first answer after ${report.start.samplesMs.join(', ')} ms`);
  if (report.snapshot) {
    lines.push('', 'Search snapshot (embedded search mode)');
    for (const run of report.snapshot.sizes) lines.push(`  ${run.n} entries: load + first search ${run.loadMs} ms, ${run.snapshotBytes} bytes (${run.sizeRatio}× the catalogue's JSON)`);
    const c = report.snapshot.coldStart;
    lines.push(`  API cold start with 1k: init ${c.importMs} ms (opensearch mode ${c.baselineImportMs} ms, +${c.addedMs} ms), calls ${c.firstCallMs} / ${c.secondCallMs} ms`);
  }
  lines.push('', 'Goals:');
  for (const g of report.goals ?? []) lines.push(`  ${g.met ? 'met    ' : 'NOT met'}  ${g.goal}: ${g.measured}`);
  return lines.join('\n');
}
