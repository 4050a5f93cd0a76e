/**
 * The HTTP part of `npm run bench`: Vägvisaren's /health, /v1/search?q=innovation and the HTML
 * search page beside a bare Hono hello server, each server in its own process, loaded by
 * autocannon from this process over loopback with the same settings, in interleaved rounds. A third
 * server answers /health with the app's /health answer as a constant (`health-constant`): the most
 * the answer's required headers leave for /health. All servers run from a bundle, as `npm start`
 * runs the app (functions/local/local-bundle.mjs).
 *
 * The repeated query is what the goals name, and an anonymous visitor's repeated search is answered
 * from the public answer cache; the `uncached` targets are the figures without it: the judged
 * queries in turn (tests/relevance/judged-queries.json), each request with a cookie, which the cache
 * never answers.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { localBundle } from '#functions/local/local-bundle.mjs';
import { median, round } from './measure.ts';

const JUDGED_QUERIES = (JSON.parse(readFileSync(new URL('../relevance/judged-queries.json', import.meta.url), 'utf8')) as { queries: { q: string }[] }).queries.map((query) => query.q);
const inTurn = (path: (q: string) => string) => JUDGED_QUERIES.map((q) => path(encodeURIComponent(q)));
const UNCACHED = { cookie: 'bench=uncached' };

type Server = 'hello' | 'app' | 'health-constant';
type Target = { server: Server; path: string; rotate?: readonly string[]; headers?: Record<string, string> };

export const HTTP_TARGETS = {
  hello: { server: 'hello', path: '/' },
  health: { server: 'app', path: '/health' },
  'health-constant': { server: 'health-constant', path: '/health' },
  search: { server: 'app', path: '/v1/search?q=innovation' },
  page: { server: 'app', path: '/?q=innovation' },
  'search-uncached': { server: 'app', path: '/v1/search', rotate: inTurn((q) => `/v1/search?q=${q}`), headers: UNCACHED },
  'page-uncached': { server: 'app', path: '/', rotate: inTurn((q) => `/?q=${q}`), headers: UNCACHED },
} as const satisfies Record<string, Target>;
export type HttpTarget = keyof typeof HTTP_TARGETS;

export type HttpRun = {
  connections: number;
  secondsPerSample: number;
  rounds: number;
  loadAverage: { start: number; end: number };
  targets: Record<HttpTarget, { requestsPerSecond: number; p99Ms: number; samples: number[]; errors: number }>;
  /** Median of per-round ratios to the hello server's requests per second in the same round. */
  ratioToHello: Record<Exclude<HttpTarget, 'hello'>, number>;
};

const CONNECTIONS = 10;

/** Both servers run from one bundle of http-server.ts, as `npm start` runs the app (no tsx). */
const startServer = (module: string, kind: Server): Promise<{ child: ChildProcess; port: number }> =>
  new Promise((resolve, reject) => {
    const child = fork(module, [kind], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    child.once('message', (message) => resolve({ child, port: (message as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });

const load = async (base: string, target: Target, seconds: number) => {
  let turn = 0;
  const rotate = target.rotate;
  const result = await autocannon({
    url: `${base}${target.path}`,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    ...(target.headers ? { headers: target.headers } : {}),
    ...(rotate ? { requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: rotate[turn++ % rotate.length]! }) }] } : {}),
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
};

export const measureHttp = async (options: { quick: boolean; log: (line: string) => void }): Promise<HttpRun> => {
  const loadStart = loadavg()[0]!;
  const seconds = options.quick ? 1 : 3;
  const rounds = options.quick ? 2 : 5;
  const module = await localBundle('tests/bench/http-server.ts', '.data/bench/http-server');
  const servers = { hello: await startServer(module, 'hello'), app: await startServer(module, 'app'), 'health-constant': await startServer(module, 'health-constant') };
  try {
    const names = Object.keys(HTTP_TARGETS) as HttpTarget[];
    const run = (t: HttpTarget, seconds: number) => load(`http://127.0.0.1:${servers[HTTP_TARGETS[t].server].port}`, HTTP_TARGETS[t], seconds);
    for (const target of names) await run(target, 1);
    const samples = new Map(names.map((t) => [t, [] as { rps: number; p99: number; errors: number }[]]));
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < names.length; k++) {
        const target = names[(k + r) % names.length]!;
        samples.get(target)!.push(await run(target, seconds));
      }
      options.log(`http: round ${r + 1}/${rounds}: ${names.map((t) => `${t} ${samples.get(t)!.at(-1)!.rps.toFixed(0)} req/s`).join(', ')}`);
    }
    const targets = Object.fromEntries(names.map((t) => {
      const s = samples.get(t)!;
      return [t, { requestsPerSecond: round(median(s.map((x) => x.rps)), 0), p99Ms: round(median(s.map((x) => x.p99)), 1), samples: s.map((x) => round(x.rps, 0)), errors: s.reduce((sum, x) => sum + x.errors, 0) }];
    })) as HttpRun['targets'];
    const ratio = (t: HttpTarget) => round(median(samples.get(t)!.map((x, r) => x.rps / samples.get('hello')![r]!.rps)), 3);
    return {
      connections: CONNECTIONS,
      secondsPerSample: seconds,
      rounds,
      loadAverage: { start: round(loadStart, 2), end: round(loadavg()[0]!, 2) },
      targets,
      ratioToHello: Object.fromEntries(names.filter((t) => t !== 'hello').map((t) => [t, ratio(t)])) as HttpRun['ratioToHello'],
    };
  } finally {
    for (const { child } of Object.values(servers)) child.kill();
  }
};
