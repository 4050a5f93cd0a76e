import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_ENTRY_FILE, LEFT_OUT, bundleFunction, bundleGraph } from '#infra/bundling.ts';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { DynamoSnapshotPointer } from '#shared/adapters/search-snapshot/dynamo-snapshot-pointer.ts';
import { S3SearchSnapshotStore } from '#shared/adapters/search-snapshot/s3-search-snapshot-store.ts';
import { replaceSnapshot } from '#shared/adapters/search-snapshot/snapshot-search-index.ts';
import { awsEnvironment, fakeOpenSearch, probe, snapshotEnvironment } from '../bench/lambda-section.ts';
import { aDocument } from '../support/builders.ts';
import { dynamoClient, useDynalite } from '../support/dynamo.ts';
import { SNAPSHOT_BUCKET, s3rverCredentials, useS3rver } from '../support/s3.ts';

const dynalite = useDynalite();
const s3 = useS3rver();

describe('the API function as bundled for Lambda', () => {
  let outDir: string | undefined;
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('answers a search through its SigV4-signed calls to OpenSearch', async () => {
    outDir = await mkdtemp(join(tmpdir(), 'vagvisaren-lambda-bundle-'));
    await bundleFunction('functions/api/lambda.ts', outDir);

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

  it('loads at import only what a search needs: pages, other clients and zod\'s other locales load on first use or not at all', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vagvisaren-lambda-graph-'));
    try {
      const graph = await bundleGraph('functions/api/lambda.ts', dir);
      const loadedAtImport = [...graph.staticInputs];
      const lazy = [
        'functions/api/pages/messages/',
        'functions/api/pages/layout.tsx',
        'functions/api/pages/errors.tsx',
        'functions/api/pages/search/',
        'functions/api/pages/editor/',
        'functions/api/pages/follow-up/follow-up.view.tsx',
        'functions/api/pages/format.ts',
        'node_modules/hono/dist/jsx/',
        'functions/api/pages/referrals/',
        'node_modules/@aws-sdk/client-dynamodb/',
        'node_modules/@aws-sdk/lib-dynamodb/',
        'node_modules/@aws-sdk/credential-provider-node/',
        'node_modules/@opensearch-project/',
        'node_modules/csv-stringify/',
        'node_modules/jose/dist/webapi/jwks/',
        'node_modules/jose/dist/webapi/jwt/verify.js',
        'shared/adapters/embedded-search/',
      ];
      expect(lazy.filter((path) => loadedAtImport.some((input) => input.includes(path)))).toEqual([]);
      expect(loadedAtImport.filter((input) => input.includes('node_modules/zod/') && input.includes('/locales/') && !input.endsWith('/en.js'))).toEqual([]);
      expect(loadedAtImport).toContain('functions/api/routes/search/search.handlers.ts');
      expect([...graph.inputs].filter((input) => input.startsWith('left-out:')).sort()).toEqual(Object.keys(LEFT_OUT).map((name) => `left-out:${name}`).sort());
      const leftOutSources = ['node_modules/bowser/', 'node_modules/zod/v4/core/compile.js', 'node_modules/zod/v4/classic/from-json-schema.js', 'node_modules/@opensearch-project/', 'node_modules/@aws-sdk/nested-clients/', 'node_modules/@aws-sdk/credential-provider-sso/', 'node_modules/@aws-sdk/credential-provider-ini/', 'node_modules/@smithy/credential-provider-imds/'];
      expect([...graph.inputs].filter((input) => leftOutSources.some((source) => input.includes(source)))).toEqual([]);
      expect(graph.entryGraphBytes).toBeLessThanOrEqual(440_000);
      expect(graph.totalBytes).toBeLessThanOrEqual(1_200_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('answers a search from the snapshot it loads at init from S3 (s3rver), its pointer read from the table (dynalite)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vagvisaren-lambda-snapshot-'));
    try {
      const table = 'Vagvisaren-bundle-Table';
      await ensureTable(dynamoClient(dynalite.endpoint), table);
      const store = new S3SearchSnapshotStore(s3.bucket(), new DynamoSnapshotPointer(documentClient(dynamoClient(dynalite.endpoint)), table), { now: () => new Date() });
      const engine = new EmbeddedSearchIndex({ lexicon: ['innovation'] });
      await engine.apply([{ type: 'upsert', document: aDocument({ id: 'fran-snapshot', name: { sv: 'Innovation i Örebro' } }) }]);
      await replaceSnapshot(store, engine, {});
      await bundleFunction('functions/api/lambda.ts', dir);
      const result = await probe(
        join(dir, BUNDLE_ENTRY_FILE),
        snapshotEnvironment({ s3Endpoint: s3.endpoint, bucket: SNAPSHOT_BUCKET, dynamoEndpoint: dynalite.endpoint, table, credentials: s3rverCredentials }),
      );
      expect(result.statuses).toEqual([200, 200]);
      expect((JSON.parse(result.firstBody) as { hits: { id: string }[] }).hits.map((hit) => hit.id)).toEqual(['fran-snapshot']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
