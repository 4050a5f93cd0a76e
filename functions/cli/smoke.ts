/**
 * `npm run smoke -- <base-url>`: checks a running stage from outside, as a visitor's browser would:
 * health, a search (which needs the index alias in AWS), the search page, and the sign-in (a redirect
 * to the user pool's hosted pages in AWS, the demo sign-in page locally). One line per check;
 * exit 0 when all pass, 1 when one fails, 2 on a wrong command line.
 */
import { exitCodeFor, runAsProgram, UsageError } from './command-line.ts';
import type { ProgressStream } from './progress.ts';

export const SMOKE_USAGE = 'Usage: npm run smoke -- <base-url>   e.g. npm run smoke -- https://abc123.execute-api.eu-north-1.amazonaws.com\n';

const TIMEOUT_MS = 10_000;

export type SmokeCheck = { name: string; ok: boolean; detail: string };

type Probe = (base: URL, send: typeof fetch) => Promise<Omit<SmokeCheck, 'name'>>;

const get = (base: URL, path: string, send: typeof fetch, init: RequestInit = {}) =>
  send(new URL(path, base), { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });

const PROBES: readonly [string, Probe][] = [
  ['health', async (base, send) => {
    const response = await get(base, '/health', send);
    const body = (await response.json().catch(() => undefined)) as { status?: string } | undefined;
    return { ok: response.status === 200 && body?.status === 'ok', detail: `${response.status} ${JSON.stringify(body)}` };
  }],
  ['search (JSON API, through the index alias)', async (base, send) => {
    const response = await get(base, '/v1/search?q=finansiering', send);
    const body = (await response.json().catch(() => undefined)) as { total?: unknown } | undefined;
    return { ok: response.status === 200 && typeof body?.total === 'number', detail: `${response.status}, ${String(body?.total)} results` };
  }],
  ['search page', async (base, send) => {
    const response = await get(base, '/?q=innovation', send);
    const html = await response.text();
    return { ok: response.status === 200 && /<html/i.test(html), detail: `${response.status} ${response.headers.get('content-type') ?? ''}` };
  }],
  ['sign-in', async (base, send) => {
    const response = await get(base, '/sign-in', send, { redirect: 'manual' });
    const location = response.headers.get('location') ?? '';
    if (response.status >= 300 && response.status < 400) {
      return { ok: /\/oauth2\/authorize\?/.test(location), detail: `${response.status} to ${location.split('?')[0]}` };
    }
    return { ok: response.status === 200, detail: `${response.status} (the demo sign-in page: no user pool here)` };
  }],
];

/** Runs every check against `base`, in order, whatever the earlier ones found. */
export const smoke = async (base: URL, send: typeof fetch = fetch): Promise<SmokeCheck[]> => {
  const checks: SmokeCheck[] = [];
  for (const [name, probe] of PROBES) {
    try {
      checks.push({ name, ...(await probe(base, send)) });
    } catch (error) {
      checks.push({ name, ok: false, detail: (error as Error).message });
    }
  }
  return checks;
};

export const parseBaseUrl = (args: readonly string[]): URL => {
  const [value, ...rest] = args;
  if (!value || rest.length > 0) throw new UsageError('Give exactly one base URL.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`Not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`Not an http(s) URL: ${value}`);
  return url;
};

export const main = async (args: readonly string[], out: ProgressStream = process.stdout, err: ProgressStream = process.stderr): Promise<number> => {
  try {
    const base = parseBaseUrl(args);
    const checks = await smoke(base);
    for (const check of checks) out.write(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}\n`);
    const failed = checks.filter((check) => !check.ok).length;
    out.write(`smoke: ${checks.length - failed} of ${checks.length} checks passed\n`);
    return failed === 0 ? 0 : 1;
  } catch (error) {
    return exitCodeFor(error, err, SMOKE_USAGE);
  }
};

runAsProgram(import.meta.url, 'smoke', () => main(process.argv.slice(2)));
