import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_ENTRY_FILE, bundleFunction } from '#infra/bundling.ts';
import { awsEnvironment, fakeOpenSearch, probe } from '../bench/lambda-section.ts';

describe('the API function as bundled for Lambda', () => {
  let outDir: string | undefined;
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('answers a search through its SigV4-signed OpenSearch client, though the client’s generated API methods are left out', async () => {
    outDir = await mkdtemp(join(tmpdir(), 'vagvisaren-lambda-bundle-'));
    await bundleFunction('functions/api/lambda.ts', outDir);
    const chunks = join(outDir, 'chunks');
    const code = await Promise.all((await readdir(chunks)).filter((f) => f.endsWith('.mjs')).map((f) => readFile(join(chunks, f), 'utf8')));
    expect(code.some((text) => text.includes('/_plugins/_ml/'))).toBe(false);

    const requests: Pick<IncomingMessage, 'method' | 'url' | 'headers'>[] = [];
    const server = fakeOpenSearch((request) => requests.push({ method: request.method, url: request.url, headers: request.headers }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const result = await probe(join(outDir, BUNDLE_ENTRY_FILE), awsEnvironment(`http://127.0.0.1:${port}`));
      expect(result.statuses).toEqual([200, 200]);
    } finally {
      server.close();
    }
    const searches = requests.filter((r) => r.method === 'POST' && r.url?.includes('/_search'));
    expect(searches.length).toBeGreaterThanOrEqual(2);
    expect(String(searches[0]!.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=bench\/\d{8}\/eu-north-1\/es\/aws4_request/);
  }, 120_000);
});
