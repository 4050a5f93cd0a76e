/** `npm run reindex` in the `embedded` search mode: the snapshot rebuilt from the table, on a local S3 server (s3rver). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runReindex } from '#functions/cli/reindex.ts';
import { startDynalite } from '#functions/local/dynalite.ts';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { DynamoSnapshotPointer } from '#shared/adapters/search-snapshot/dynamo-snapshot-pointer.ts';
import { S3SearchSnapshotStore } from '#shared/adapters/search-snapshot/s3-search-snapshot-store.ts';
import { SnapshotSearchIndex } from '#shared/adapters/search-snapshot/snapshot-search-index.ts';
import { anEntry, aQuery, fixedClock } from '../support/builders.ts';
import { dynamoClient } from '../support/dynamo.ts';
import { SNAPSHOT_BUCKET, s3rverCredentials, useS3rver } from '../support/s3.ts';

const s3 = useS3rver();

const capture = () => {
  const chunks = { out: [] as string[], err: [] as string[] };
  return {
    out: { isTTY: false, write: (text: string) => chunks.out.push(text) },
    err: { isTTY: false, write: (text: string) => chunks.err.push(text) },
    text: () => chunks.out.join(''),
  };
};

describe('npm run reindex with SEARCH_SNAPSHOT_BUCKET', () => {
  it('refuses the snapshot bucket without a deployed table or a local S3 server', async () => {
    const io = capture();
    expect(await runReindex({ SEARCH_SNAPSHOT_BUCKET: 'vagvisaren-snapshots' }, io.out as never, io.err as never)).toBe(2);
  });

  it('saves a snapshot rebuilt from the store that a starting API instance searches', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vagvisaren-reindex-snapshot-'));
    vi.stubEnv('AWS_ACCESS_KEY_ID', s3rverCredentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', s3rverCredentials.secretAccessKey);
    try {
      const seed = await startDynalite({ path: join(dataDir, 'dynamodb') });
      const client = dynamoClient(seed.endpoint);
      await ensureTable(client, 'vagvisaren');
      const repository = new DynamoEntryRepository(documentClient(client), 'vagvisaren');
      await repository.save(anEntry({ id: 'published-entry', name: { sv: 'Omindexerad rådgivning' } }));
      await repository.save(anEntry({ id: 'draft-entry', status: 'draft' }));
      client.destroy();
      await seed.close();

      const io = capture();
      expect(await runReindex({ DATA_DIR: dataDir, SEARCH_SNAPSHOT_BUCKET: SNAPSHOT_BUCKET, S3_ENDPOINT: s3.endpoint }, io.out as never, io.err as never)).toBe(0);
      expect(io.text()).toContain('2 entries read: 1 searchable, 1 not searchable');
      expect(io.text()).toContain('Saved it as search snapshot version 1');

      const store = await startDynalite({ path: join(dataDir, 'dynamodb') });
      try {
        const pointer = new DynamoSnapshotPointer(documentClient(dynamoClient(store.endpoint)), 'vagvisaren');
        const snapshots = new S3SearchSnapshotStore(s3.bucket(), pointer, fixedClock);
        const api = await SnapshotSearchIndex.open(snapshots, {}, { clock: fixedClock, log: { error: () => {} } });
        expect((await api.search(aQuery({ q: 'rådgivning' }))).hits.map((hit) => hit.id)).toEqual(['published-entry']);
      } finally {
        await store.close();
      }
    } finally {
      vi.unstubAllEnvs();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
