/**
 * The stream handler writing the embedded engine's snapshot (search mode `embedded` in AWS): the
 * snapshot on a real S3 protocol server (s3rver), its pointer and the audit trail on dynalite.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { DynamoSnapshotPointer } from '#shared/adapters/search-snapshot/dynamo-snapshot-pointer.ts';
import { S3SearchSnapshotStore } from '#shared/adapters/search-snapshot/s3-search-snapshot-store.ts';
import { SnapshotSearchIndex } from '#shared/adapters/search-snapshot/snapshot-search-index.ts';
import type { SearchSnapshotStore } from '#shared/ports/search-snapshot-store.ts';
import { recordAuditTrail } from '#shared/services/audit-trail.ts';
import { createIndexer } from '#shared/services/indexer.ts';
import { createStreamHandler } from '#functions/indexer/handler.ts';
import { aQuery, fixedClock, taxonomy } from '../support/builders.ts';
import { dynamoClient, useDynalite } from '../support/dynamo.ts';
import { SNAPSHOT_BUCKET, useS3rver } from '../support/s3.ts';
import { fixture, recordingLogger } from './support.ts';

const dynalite = useDynalite();
const s3 = useS3rver();
let trail: DynamoEntryRepository;
beforeAll(async () => {
  trail = await dynalite.freshRepository();
});

let tables = 0;
const freshStore = async (): Promise<SearchSnapshotStore> => {
  tables += 1;
  const table = `snapshot-stream-${process.pid}-${tables}`;
  await ensureTable(dynamoClient(dynalite.endpoint), table);
  return new S3SearchSnapshotStore(s3.bucket(), new DynamoSnapshotPointer(documentClient(dynamoClient(dynalite.endpoint)), table), fixedClock);
};

/** One indexer container: its own engine, writing to the shared store. */
const container = async (store: SearchSnapshotStore) => {
  const { logger, lines } = recordingLogger();
  const index = await SnapshotSearchIndex.open(store, {}, { clock: fixedClock, log: logger });
  return { handle: createStreamHandler({ indexer: createIndexer({ index, taxonomy, clock: fixedClock }), recordAudit: recordAuditTrail(trail), logger }), lines };
};

/** What a freshly started API instance finds in the current snapshot. */
const searchable = async (store: SearchSnapshotStore) => {
  const reader = await SnapshotSearchIndex.open(store, {}, { clock: fixedClock, log: { error: () => {} } });
  return (await reader.search(aQuery({}))).hits.map((hit) => `${hit.id}: ${hit.name.sv}`).sort();
};

const none = { batchItemFailures: [] };

describe('stream handler on the embedded engine\'s snapshot', () => {
  it('saves a batch into the snapshot, reporting a poison record alone and applying the rest', async () => {
    const store = await freshStore();
    const { handle } = await container(store);
    expect(await handle(fixture('poison'))).toEqual({ batchItemFailures: [{ itemIdentifier: '700000000000000000002' }] });
    expect((await searchable(store)).map((hit) => hit.split(':')[0])).toEqual(['almi-foretagspartner', 'region-orebro-lan']);
  });

  it('keeps the newer version under out-of-order and redelivered batches', async () => {
    const store = await freshStore();
    const { handle } = await container(store);
    expect(await handle(fixture('out-of-order'))).toEqual(none);
    expect(await handle(fixture('out-of-order'))).toEqual(none);
    await handle(fixture('insert'));
    expect(await searchable(store)).toEqual(['innovationskontoret: Innovationskontoret Eken']);
  });

  it('loses neither of two batches that containers on different shards save at the same time', async () => {
    const store = await freshStore();
    const [first, second] = await Promise.all([container(store), container(store)]);
    expect(await Promise.all([first.handle(fixture('two-inserts')), second.handle(fixture('out-of-order'))])).toEqual([none, none]);
    expect((await searchable(store)).map((hit) => hit.split(':')[0])).toEqual(['almi-foretagspartner', 'innovationskontoret', 'region-orebro-lan']);
  });
});
