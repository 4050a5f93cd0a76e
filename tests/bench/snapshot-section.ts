/**
 * The bench's search snapshot section (the `embedded` search mode): how long a saved snapshot takes
 * to load and answer its first search at 1k and 10k entries, its size beside the catalogue's JSON,
 * and what the API's cold start adds with a 1k catalogue — the S3 client's import in a fresh
 * process, plus opening the store and loading the snapshot from a local S3 server (s3rver) and
 * dynalite — against the goals ≤150 ms, ≤1 s, ≤2× and ≤200 ms.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import S3rver from 's3rver';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { loadSearchSnapshot, saveSearchSnapshot } from '#shared/adapters/embedded-search/embedded-search-snapshot.ts';
import { DynamoSnapshotPointer } from '#shared/adapters/search-snapshot/dynamo-snapshot-pointer.ts';
import { S3Bucket } from '#shared/adapters/search-snapshot/s3-bucket.ts';
import { S3SearchSnapshotStore } from '#shared/adapters/search-snapshot/s3-search-snapshot-store.ts';
import { SnapshotSearchIndex } from '#shared/adapters/search-snapshot/snapshot-search-index.ts';
import { systemClock } from '#shared/ports/clock.ts';
import { buildLexicon } from '#shared/search/lexicon.ts';
import { loadSynonyms } from '#shared/search/synonyms.ts';
import { loadQueryVocabulary } from '#shared/search/understanding.ts';
import { startDynalite } from '#functions/local/dynalite.ts';
import { median, now, round } from './measure.ts';
import { toDocument, toQuery } from './production-engine.ts';
import { syntheticCatalogue } from './synthetic-catalogue.ts';

export type SnapshotSizeRun = { n: number; loadMs: number; snapshotBytes: number; catalogueBytes: number; sizeRatio: number };
export type SnapshotRun = { sizes: SnapshotSizeRun[]; coldStart: { s3ImportMs: number; openMs: number; addedMs: number } };

const language = () => ({ synonyms: loadSynonyms('orebro-lan'), understanding: loadQueryVocabulary('orebro-lan') });
const firstQuery = toQuery({ q: 'innovation', filters: {}, page: 1 }, 10);

const builtEngine = async (n: number, seed: number) => {
  const docs = syntheticCatalogue(n, seed).map(toDocument);
  const engine = new EmbeddedSearchIndex({ lexicon: buildLexicon(docs.flatMap((d) => [d.name.sv, d.summary.sv, d.description.sv])), ...language() });
  await engine.apply(docs.map((document) => ({ type: 'upsert', document })));
  return { engine, catalogueBytes: Buffer.byteLength(JSON.stringify(docs)) };
};

const measureSize = async (n: number, rounds: number, seed: number): Promise<SnapshotSizeRun> => {
  const { engine, catalogueBytes } = await builtEngine(n, seed);
  const bytes = saveSearchSnapshot(engine);
  const options = language();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = now();
    await loadSearchSnapshot(bytes, options).search(firstQuery);
    samples.push(now() - started);
  }
  return { n, loadMs: round(median(samples)), snapshotBytes: bytes.byteLength, catalogueBytes, sizeRatio: round(bytes.byteLength / catalogueBytes, 2) };
};

/** The S3 client's import in a fresh Node process, as a cold Lambda instance pays it. */
const s3ImportMs = (): number =>
  Number(execFileSync(process.execPath, ['--input-type=module', '-e', "const t = performance.now(); await import('@aws-sdk/client-s3'); console.log(performance.now() - t);"], { encoding: 'utf8' }).trim());

/** Opening the store and loading a 1k snapshot (pointer read, object read, load, first search) from s3rver and dynalite. */
const measureOpen = async (rounds: number, seed: number): Promise<number> => {
  const directory = await mkdtemp(join(tmpdir(), 'vagvisaren-bench-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'bench-snapshots', configs: [] }] });
  const { port } = await server.run();
  const dynalite = await startDynalite({});
  try {
    const local = { region: 'eu-north-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };
    const dynamo = new DynamoDBClient({ ...local, endpoint: dynalite.endpoint });
    await ensureTable(dynamo, 'bench');
    const store = () =>
      new S3SearchSnapshotStore(new S3Bucket({ bucket: 'bench-snapshots', region: local.region, endpoint: `http://127.0.0.1:${port}`, credentials: async () => local.credentials, timeouts: { attempts: 2, requestTimeoutMs: 3_000 } }), new DynamoSnapshotPointer(documentClient(dynamo), 'bench'), systemClock);
    const { engine } = await builtEngine(1000, seed);
    await store().save(saveSearchSnapshot(engine), undefined);
    const samples: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const started = now();
      const index = await SnapshotSearchIndex.open(store(), language(), { clock: systemClock, log: { error: () => {} } });
      await index.search(firstQuery);
      samples.push(now() - started);
    }
    dynamo.destroy();
    return round(median(samples));
  } finally {
    await dynalite.close();
    await server.close();
    await rm(directory, { recursive: true, force: true });
  }
};

export const measureSnapshots = async (options: { quick: boolean; seed: number; log: (line: string) => void }): Promise<SnapshotRun> => {
  const rounds = options.quick ? 3 : 7;
  const sizes: SnapshotSizeRun[] = [];
  for (const n of [1000, 10_000]) {
    options.log(`snapshot: ${n} entries`);
    sizes.push(await measureSize(n, rounds, options.seed));
  }
  options.log('snapshot: API cold start with 1k entries');
  const imports = Array.from({ length: rounds }, s3ImportMs);
  const openMs = await measureOpen(rounds, options.seed);
  const s3Import = round(median(imports));
  return { sizes, coldStart: { s3ImportMs: s3Import, openMs, addedMs: round(s3Import + openMs) } };
};
