/**
 * The search snapshot store on a real S3 protocol server (s3rver) and the table on dynalite: saves,
 * conflicts, concurrent writers, and processes that follow the current snapshot.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { DynamoSnapshotPointer } from '#shared/adapters/search-snapshot/dynamo-snapshot-pointer.ts';
import { S3SearchSnapshotStore } from '#shared/adapters/search-snapshot/s3-search-snapshot-store.ts';
import { SNAPSHOT_PREFIX } from '#shared/adapters/search-snapshot/layout.ts';
import { SnapshotSearchIndex, replaceSnapshot } from '#shared/adapters/search-snapshot/snapshot-search-index.ts';
import type { EntryId } from '#shared/domain/entry.ts';
import { SnapshotConflict, type SearchSnapshotStore } from '#shared/ports/search-snapshot-store.ts';
import type { Clock } from '#shared/ports/clock.ts';
import { aDocument, aQuery } from '../support/builders.ts';
import { dynamoClient, useDynalite } from '../support/dynamo.ts';
import { SNAPSHOT_BUCKET, useS3rver } from '../support/s3.ts';

const dynalite = useDynalite();
const s3 = useS3rver();
let tables = 0;

const freshStore = async (): Promise<SearchSnapshotStore> => {
  tables += 1;
  const name = `snapshot-${process.pid}-${tables}`;
  await ensureTable(dynamoClient(dynalite.endpoint), name);
  const pointer = new DynamoSnapshotPointer(documentClient(dynamoClient(dynalite.endpoint)), name);
  return new S3SearchSnapshotStore(s3.bucket(), pointer, { now: () => new Date() });
};

const snapshotObjects = async () =>
  ((await s3.client().send(new ListObjectsV2Command({ Bucket: SNAPSHOT_BUCKET, Prefix: SNAPSHOT_PREFIX }))).Contents ?? []).map((object) => object.Key);

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined) => (data ? new TextDecoder().decode(data) : undefined);

/** A clock the test moves by hand. */
const manualClock = () => {
  let now = Date.parse('2026-12-03T10:00:00Z');
  return { clock: { now: () => new Date(now) } satisfies Clock, advance: (ms: number) => (now += ms) };
};

/** The store with its current() calls counted (the warm instances' checks) and able to fail. */
const observed = (store: SearchSnapshotStore) => {
  const state = { checks: 0, failing: false };
  const wrapped: SearchSnapshotStore = {
    current: async () => {
      state.checks += 1;
      if (state.failing) throw new Error('throttled');
      return store.current();
    },
    read: (ref) => store.read(ref),
    save: (data, expected) => store.save(data, expected),
  };
  return { state, store: wrapped };
};

const upsert = (overrides: Parameters<typeof aDocument>[0]) => ({ type: 'upsert' as const, document: aDocument(overrides) });
const log = { error: () => {} };
const found = async (index: SnapshotSearchIndex, q: string) => (await index.search(aQuery({ q }))).hits.map((hit) => hit.id);

describe('S3 search snapshot store', () => {
  it('saves a first snapshot and a next one, reading back the current bytes', async () => {
    const store = await freshStore();
    expect(await store.current()).toBeUndefined();
    const first = await store.save(bytes('one'), undefined);
    const second = await store.save(bytes('two'), first);
    expect(second.version).toBe(2);
    expect(await store.current()).toEqual(second);
    expect(text(await store.read(second))).toBe('two');
  });

  it('removes the object a save replaced, so only the current one stays', async () => {
    const store = await freshStore();
    const before = new Set(await snapshotObjects());
    const first = await store.save(bytes('one'), undefined);
    const second = await store.save(bytes('two'), first);
    expect(await store.read(first)).toBeUndefined();
    expect((await snapshotObjects()).filter((key) => !before.has(key))).toEqual([second.key]);
  });

  it('refuses a save from a version that is no longer current and leaves the store as it was', async () => {
    const store = await freshStore();
    const first = await store.save(bytes('one'), undefined);
    const winner = await store.save(bytes('winner'), first);
    const objects = await snapshotObjects();
    await expect(store.save(bytes('loser'), first)).rejects.toBeInstanceOf(SnapshotConflict);
    await expect(store.save(bytes('also a first'), undefined)).rejects.toBeInstanceOf(SnapshotConflict);
    expect(await store.current()).toEqual(winner);
    expect(text(await store.read(winner))).toBe('winner');
    expect(await snapshotObjects()).toEqual(objects);
  });
});

describe('search index shared through snapshots', () => {
  it('loses no update when many writers apply batches at once', async () => {
    const store = await freshStore();
    const writers = await Promise.all(Array.from({ length: 8 }, () => SnapshotSearchIndex.open(store, {}, { clock: { now: () => new Date() }, log })));
    await Promise.all(writers.map((writer, n) => writer.apply([upsert({ id: `writer-${n}`, name: { sv: `Skrivare ${n}` } })])));
    const reader = await SnapshotSearchIndex.open(store, {}, { clock: { now: () => new Date() }, log });
    expect(await reader.size()).toBe(8);
    expect((await store.current())?.version).toBe(8);
  });

  it('keeps the newest version under redelivery and out-of-order batches, and saves nothing for a stale batch', async () => {
    const store = await freshStore();
    const writer = await SnapshotSearchIndex.open(store, {}, { clock: { now: () => new Date() }, log });
    await writer.apply([upsert({ id: 'ordning', version: 3, name: { sv: 'Nyaste namnet' } })]);
    const saved = await store.current();
    const outcomes = await writer.apply([upsert({ id: 'ordning', version: 2, name: { sv: 'Äldre namnet' } }), upsert({ id: 'ordning', version: 3, name: { sv: 'Nyaste namnet' } })]);
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['stale', 'stale']);
    expect(await store.current()).toEqual(saved);
    await writer.apply([{ type: 'delete', id: 'ordning' as EntryId, version: 4 }]);
    await writer.apply([upsert({ id: 'ordning', version: 3, name: { sv: 'Nyaste namnet' } })]);
    const reader = await SnapshotSearchIndex.open(store, {}, { clock: { now: () => new Date() }, log });
    expect(await reader.size()).toBe(0);
  });

  it('shows another process\'s change after the next check, asking at most once a second however many searches come', async () => {
    const store = await freshStore();
    const writer = await SnapshotSearchIndex.open(store, {}, { clock: { now: () => new Date() }, log });
    await writer.apply([upsert({ id: 'forst', name: { sv: 'Första posten' } })]);
    const { clock, advance } = manualClock();
    const counted = observed(store);
    const reader = await SnapshotSearchIndex.open(counted.store, {}, { clock, log });
    const checksAtOpen = counted.state.checks;

    await writer.apply([upsert({ id: 'nyinkommen', name: { sv: 'Nyinkommen post' } })]);
    for (let n = 0; n < 20; n += 1) expect(await found(reader, 'nyinkommen')).toEqual([]);
    expect(counted.state.checks).toBe(checksAtOpen);

    advance(1000);
    await Promise.all(Array.from({ length: 20 }, () => reader.search(aQuery({ q: 'nyinkommen' }))));
    expect(await found(reader, 'nyinkommen')).toEqual(['nyinkommen']);
    expect(counted.state.checks - checksAtOpen).toBe(1);
    expect(reader.version).toBe(2);
  });

  it('answers from the loaded snapshot when a check fails', async () => {
    const store = await freshStore();
    const writer = await SnapshotSearchIndex.open(store, {}, { clock: { now: () => new Date() }, log });
    await writer.apply([upsert({ id: 'kvar', name: { sv: 'Kvarvarande post' } })]);
    const { clock, advance } = manualClock();
    const flaky = observed(store);
    const errors: string[] = [];
    const reader = await SnapshotSearchIndex.open(flaky.store, {}, { clock, log: { error: (message) => errors.push(message) } });
    flaky.state.failing = true;
    advance(1000);
    expect(await found(reader, 'kvarvarande')).toEqual(['kvar']);
    expect(errors).toEqual(['search snapshot check failed; answering from the loaded one']);
  });

  it('rebuilds with a fresh engine and keeps what writers saved meanwhile', async () => {
    const store = await freshStore();
    const writer = await SnapshotSearchIndex.open(store, {}, { clock: { now: () => new Date() }, log });
    await writer.apply([upsert({ id: 'under', version: 2, name: { sv: 'Ändrad under omindexeringen' } })]);
    const rebuilt = new EmbeddedSearchIndex({ lexicon: ['omindexering'] });
    await rebuilt.apply([upsert({ id: 'under', version: 1, name: { sv: 'Läst av omindexeringen' } }), upsert({ id: 'tabell', name: { sv: 'Bara i tabellen' } })]);
    await replaceSnapshot(store, rebuilt, {});
    const reader = await SnapshotSearchIndex.open(store, {}, { clock: { now: () => new Date() }, log });
    expect(await found(reader, 'ändrad')).toEqual(['under']);
    expect(await found(reader, 'tabellen')).toEqual(['tabell']);
  });
});
