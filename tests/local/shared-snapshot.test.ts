/**
 * Two app processes sharing one table (dynalite) and one search snapshot store (s3rver), as two
 * Lambda instances of the `embedded` search mode do: an entry published through one is found by the
 * other, which loaded the snapshot before the entry existed, within 5 seconds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDevIssuer } from '#functions/local/dev-issuer.ts';
import { anOfferingDraft } from '../support/builders.ts';
import { useDynalite } from '../support/dynamo.ts';
import { SNAPSHOT_BUCKET, s3rverCredentials, useS3rver } from '../support/s3.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const dynalite = useDynalite();
const s3 = useS3rver();
const dirs: string[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const startInstance = async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'vagvisaren-instance-'));
  dirs.push(dataDir);
  const server = await startServerProcess(
    {
      DATA_DIR: dataDir,
      DYNAMODB_ENDPOINT: dynalite.endpoint,
      SEARCH_SNAPSHOT_BUCKET: SNAPSHOT_BUCKET,
      S3_ENDPOINT: s3.endpoint,
      AWS_ACCESS_KEY_ID: s3rverCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3rverCredentials.secretAccessKey,
    },
    60_000,
  );
  servers.push(server);
  return { server, dataDir };
};

const editorHeaders = async (dataDir: string, etag?: string) => {
  const issuer = await createDevIssuer({ keyPath: join(dataDir, 'dev-issuer', 'signing-key.json') });
  return { authorization: `Bearer ${await issuer.issue('demo-editor')}`, 'content-type': 'application/json', ...(etag ? { 'if-match': etag } : {}) };
};

const draft = anOfferingDraft({ sv: 'Snapshotprovet Exportlyftet' });

const hitIds = async (url: string, q: string): Promise<string[]> => {
  const response = await fetch(`${url}/v1/search?q=${encodeURIComponent(q)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { hits: { id: string }[] }).hits.map((hit) => hit.id);
};

describe('two app instances on one table and one search snapshot store', () => {
  it('finds an entry published through one instance in the other within 5 seconds', async () => {
    const writer = await startInstance();
    expect(writer.server.output()).toMatch(/Seeded \d+ demonstration entries/);
    const reader = await startInstance();
    expect(reader.server.output()).toMatch(/Loaded the search snapshot of bucket search-snapshots-test: \d+ searchable entries/);
    expect((await hitIds(reader.server.url, 'finansiering')).length).toBeGreaterThan(0);
    expect(await hitIds(reader.server.url, 'Snapshotprovet')).toEqual([]);

    const created = await fetch(`${writer.server.url}/v1/editor/entries`, { method: 'POST', headers: await editorHeaders(writer.dataDir), body: JSON.stringify(draft) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const published = await fetch(`${writer.server.url}/v1/editor/entries/${id}/publish`, { method: 'POST', headers: await editorHeaders(writer.dataDir, created.headers.get('etag')!) });
    expect(published.status).toBe(200);
    const publishedAt = Date.now();

    let found: string[] = [];
    while (Date.now() - publishedAt <= 5_000) {
      found = await hitIds(reader.server.url, 'Snapshotprovet');
      if (found.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(found).toEqual([id]);
    expect(Date.now() - publishedAt).toBeLessThanOrEqual(5_000);
    expect(await hitIds(writer.server.url, 'Snapshotprovet')).toEqual([id]);
  }, 180_000);
});
