import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, smoke } from '#functions/cli/smoke.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const collect = () => {
  let text = '';
  return { stream: { write: (chunk: string) => (text += chunk) }, text: () => text };
};

describe('npm run smoke', { timeout: 60_000 }, () => {
  let dataDir: string;
  let server: ServerProcess;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'vagvisaren-smoke-'));
    server = await startServerProcess({ DATA_DIR: dataDir });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('passes every check against the local server and exits 0', async () => {
    const out = collect();
    expect(await main([server.url], out.stream, collect().stream)).toBe(0);
    expect(out.text()).toMatch(/^ok {4}health: 200/m);
    expect(out.text()).toMatch(/^ok {4}search \(JSON API, through the index alias\): 200, \d+ results/m);
    expect(out.text()).toMatch(/^ok {4}search page: 200 text\/html/m);
    expect(out.text()).toMatch(/^ok {4}sign-in: 200/m);
    expect(out.text()).toMatch(/smoke: 4 of 4 checks passed/);
  });

  it('fails the search check when search does not answer, and still runs the others', async () => {
    const checks = await smoke(new URL(server.url), (input, init) => fetch(String(input).replace('/v1/search', '/v1/nothing'), init));
    expect(checks.find((c) => c.name.startsWith('search ('))).toMatchObject({ ok: false });
    expect(checks.find((c) => c.name === 'health')).toMatchObject({ ok: true });
  });

  it('reports an unreachable stage as failed checks, not a crash', async () => {
    const out = collect();
    expect(await main(['http://127.0.0.1:9/'], out.stream, collect().stream)).toBe(1);
    expect(out.text()).toMatch(/smoke: 0 of 4 checks passed/);
  });

  it('accepts a redirect to the user pool\'s hosted sign-in as the AWS sign-in, and nothing else', async () => {
    const redirect = (location: string) => async (input: string | URL | Request) =>
      String(input).endsWith('/sign-in') ? new Response(null, { status: 302, headers: { location } }) : fetch(input);
    const hosted = await smoke(new URL(server.url), redirect('https://vagvisaren-prod.auth.eu-north-1.amazoncognito.com/oauth2/authorize?client_id=x') as typeof fetch);
    expect(hosted.find((c) => c.name === 'sign-in')).toMatchObject({ ok: true });
    const elsewhere = await smoke(new URL(server.url), redirect('https://example.com/') as typeof fetch);
    expect(elsewhere.find((c) => c.name === 'sign-in')).toMatchObject({ ok: false });
  });

  it('refuses a missing or malformed base URL with the usage and exit 2', async () => {
    const err = collect();
    expect(await main([], collect().stream, err.stream)).toBe(2);
    expect(err.text()).toMatch(/Usage: npm run smoke -- <base-url>/);
    expect(await main(['ftp://x'], collect().stream, collect().stream)).toBe(2);
  });
});
