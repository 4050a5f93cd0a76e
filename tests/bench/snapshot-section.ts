/**
 * The bench's search snapshot section (the `embedded` search mode): how long a saved snapshot takes
 * to load and answer its first search at 1k and 10k entries, its size beside the catalogue's JSON,
 * and what the API's cold start adds with a 1k catalogue — the bundled function's init in a fresh
 * process, loading the snapshot from a local S3 server (s3rver) and its pointer from dynalite, beside
 * its init in the opensearch mode — against the goals ≤150 ms, ≤1 s, ≤2× and ≤200 ms.
 */
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
import { systemClock } from '#shared/ports/clock.ts';
import { buildLexicon } from '#shared/search/lexicon.ts';
import { loadSynonyms } from '#shared/search/synonyms.ts';
import { loadQueryVocabulary } from '#shared/search/understanding.ts';
import { startDynalite } from '#functions/local/dynalite.ts';
import { bundleFunction } from '#infra/bundling.ts';
import { awsEnvironment, fakeOpenSearch, probe, snapshotEnvironment, type LambdaProbe } from './lambda-section.ts';
import { median, now, round } from './measure.ts';
import { toDocument, toQuery } from './production-engine.ts';
import { syntheticCatalogue } from './synthetic-catalogue.ts';

export type SnapshotSizeRun = { n: number; loadMs: number; snapshotBytes: number; catalogueBytes: number; sizeRatio: number };
/** Init of the API in the embedded mode with a 1k snapshot, and in the opensearch mode (the baseline), in ms. */
export type SnapshotColdStart = { importMs: number; baselineImportMs: number; addedMs: number; firstCallMs: number; secondCallMs: number };
export type SnapshotRun = { sizes: SnapshotSizeRun[]; coldStart: SnapshotColdStart };

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

/**
 * The API's cold start with a 1k snapshot, as a Lambda instance pays it: the function bundled as the
 * CDK bundles it, imported in a fresh `node` process in the embedded mode (pointer read from dynalite,
 * snapshot from s3rver, loaded during init), beside the same bundle in the opensearch mode (a loopback
 * OpenSearch stand-in), alternating; each then answers GET /v1/search?q=innovation twice.
 */
const measureColdStart = async (rounds: number, seed: number, outDir: string): Promise<SnapshotColdStart> => {
  const directory = await mkdtemp(join(tmpdir(), 'vagvisaren-bench-s3-'));
  const bucket = 'bench-snapshots';
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  const dynalite = await startDynalite({});
  const openSearch = fakeOpenSearch();
  await new Promise<void>((resolve) => openSearch.listen(0, '127.0.0.1', resolve));
  try {
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    const s3Endpoint = `http://127.0.0.1:${port}`;
    const dynamo = new DynamoDBClient({ region: 'eu-north-1', credentials, endpoint: dynalite.endpoint });
    await ensureTable(dynamo, 'bench');
    const store = new S3SearchSnapshotStore(
      new S3Bucket({ bucket, region: 'eu-north-1', endpoint: s3Endpoint, credentials: async () => credentials, timeouts: { attempts: 2, requestTimeoutMs: 3_000 } }),
      new DynamoSnapshotPointer(documentClient(dynamo), 'bench'),
      systemClock,
    );
    const { engine } = await builtEngine(1000, seed);
    await store.save(saveSearchSnapshot(engine), undefined);
    dynamo.destroy();

    const apiDir = join(outDir, 'api');
    await bundleFunction('functions/api/lambda.ts', apiDir);
    const entry = join(apiDir, 'index.mjs');
    const embeddedEnv = snapshotEnvironment({ s3Endpoint, bucket, dynamoEndpoint: dynalite.endpoint, table: 'bench', credentials });
    const openSearchEnv = awsEnvironment(`http://127.0.0.1:${(openSearch.address() as { port: number }).port}`);
    const embedded: LambdaProbe[] = [];
    const baseline: LambdaProbe[] = [];
    for (let round = 0; round < rounds; round += 1) {
      baseline.push(await probe(entry, openSearchEnv));
      embedded.push(await probe(entry, embeddedEnv));
    }
    const hits = (JSON.parse(embedded.at(-1)!.firstBody) as { total?: number }).total ?? 0;
    if (embedded.some((p) => p.statuses.some((status) => status !== 200)) || hits === 0) throw new Error(`the embedded-mode function did not answer from the snapshot: ${embedded.at(-1)!.firstBody.slice(0, 200)}`);
    const importMs = round(median(embedded.map((p) => p.importMs)));
    const baselineImportMs = round(median(baseline.map((p) => p.importMs)));
    return {
      importMs,
      baselineImportMs,
      addedMs: round(importMs - baselineImportMs),
      firstCallMs: round(median(embedded.map((p) => p.firstCallMs))),
      secondCallMs: round(median(embedded.map((p) => p.secondCallMs))),
    };
  } finally {
    openSearch.close();
    await dynalite.close();
    await server.close();
    await rm(directory, { recursive: true, force: true });
  }
};

export const measureSnapshots = async (options: { quick: boolean; seed: number; outDir: string; log: (line: string) => void }): Promise<SnapshotRun> => {
  const rounds = options.quick ? 3 : 7;
  const sizes: SnapshotSizeRun[] = [];
  for (const n of [1000, 10_000]) {
    options.log(`snapshot: ${n} entries`);
    sizes.push(await measureSize(n, rounds, options.seed));
  }
  options.log('snapshot: API cold start with 1k entries');
  return { sizes, coldStart: await measureColdStart(rounds, options.seed, options.outDir) };
};
