/**
 * The local composition root: dynalite on disk (or in memory; or another process's DynamoDB at
 * DYNAMODB_ENDPOINT), the table, the seed, the embedded index (or, with SEARCH_SNAPSHOT_BUCKET on the
 * S3 server at S3_ENDPOINT, the snapshots it shares with other processes, as AWS's `embedded` mode
 * does), and the notification outbox under DATA_DIR/outbox (a temporary directory in memory mode),
 * whose messages link to http://HOST:PORT and are listed at /dev/outbox.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import type { EmbeddedSearchIndex, EmbeddedSearchOptions } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { loadSearchSnapshot } from '#shared/adapters/embedded-search/embedded-search-snapshot.ts';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { createOutboxNotifier } from '#shared/adapters/notifications/outbox-notifier.ts';
import { createJwtVerifier } from '#shared/adapters/jwt/jwt-verifier.ts';
import { systemClock, type Clock } from '#shared/ports/clock.ts';
import { loadPublication } from '#shared/open-data/publication.ts';
import { seedIfEmpty } from '#shared/services/seed-catalogue.ts';
import { DEFAULT_REGION, RegionCode, loadTaxonomy } from '#shared/taxonomy/regions.ts';
import { loadSynonyms } from '#shared/search/synonyms.ts';
import { loadQueryVocabulary } from '#shared/search/understanding.ts';
import { jsonLogger, type Logger } from '../api/middleware/request-log.ts';
import { startDynalite } from '../local/dynalite.ts';
import { saveIndex, takeSavedIndex, type SavedIndexPlace } from '../local/saved-search-index.ts';
import { createDevIssuer, DEV_CLIENT_ID, DEV_ISSUER } from '../local/dev-issuer.ts';
import { composeCatalogue, type CatalogueRuntime } from './catalogue.ts';
import { openSearchSnapshotStore, SearchSnapshotEnv } from './search-snapshot.ts';

export const LocalConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATA_DIR: z.string().min(1).default('.data'),
  TABLE_NAME: z.string().min(3).default('vagvisaren'),
  REGION: RegionCode.default(DEFAULT_REGION),
  SEED: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  FRESHNESS_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  REFERRAL_ANSWER_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(2),
  /** Months a closed referral is kept; reads treat it as gone afterwards. */
  REFERRAL_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(24),
  /** Fault injection for the crash tests: `kill-after-entry-save` kills the process (SIGKILL) between an entry's write and its audit record. */
  FAULT_INJECTION: z.enum(['kill-after-entry-save']).optional(),
  /** A DynamoDB endpoint (another process's dynalite) to use instead of starting dynalite under DATA_DIR. */
  DYNAMODB_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  ...SearchSnapshotEnv.shape,
}).refine((config) => (config.SEARCH_SNAPSHOT_BUCKET === undefined) === (config.S3_ENDPOINT === undefined), {
  message: 'SEARCH_SNAPSHOT_BUCKET and S3_ENDPOINT (a local S3 server) go together',
  path: ['SEARCH_SNAPSHOT_BUCKET'],
});
export type LocalConfig = z.infer<typeof LocalConfig>;

export type LocalRuntime = CatalogueRuntime & { seeded: number; outboxDir: string; close(): Promise<void> };

/**
 * A second of demand counts written as one batch: dynalite runs in this process, so a write per
 * search would cost the server more than answering a repeated search. Stopping the server and every
 * read of the counts write what is gathered first.
 */
const LOCAL_DEMAND_GATHER_MS = 1000;

/** Where links in local notices point: the server's own address (localhost when it listens on every interface). */
export const localBaseUrl = (config: Pick<LocalConfig, 'HOST' | 'PORT'>): string => {
  const host = ['0.0.0.0', '::', '[::]'].includes(config.HOST) ? 'localhost' : config.HOST.includes(':') && !config.HOST.startsWith('[') ? `[${config.HOST}]` : config.HOST;
  return `http://${host}:${config.PORT}`;
};

/** The saved index, or nothing (and a log line) when it cannot be read, such as one saved in an older format. */
const loadSavedIndex = (bytes: Uint8Array, language: EmbeddedSearchOptions, logger: Logger): EmbeddedSearchIndex | undefined => {
  try {
    return loadSearchSnapshot(bytes, language);
  } catch (error) {
    logger.error('the saved search index could not be read; building it from the store', { error: String(error) });
    return undefined;
  }
};

/**
 * Builds the local runtime. `inMemory` keeps dynalite's data off disk (tests). `savedIndex` (npm start)
 * starts search from the index saved at the last clean stop when the store is unchanged since, and
 * saves it again at close (saved-search-index.ts); only with the store on disk under DATA_DIR and the
 * index held by this process.
 */
export const composeLocal = async (
  config: LocalConfig,
  options: { inMemory?: boolean; clock?: Clock; logger?: Logger; savedIndex?: boolean } = {},
): Promise<LocalRuntime> => {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? jsonLogger({ runtime: 'local' });
  const taxonomy = loadTaxonomy(config.REGION);
  const savedPlace: SavedIndexPlace | undefined =
    options.savedIndex && !options.inMemory && !config.DYNAMODB_ENDPOINT && !config.SEARCH_SNAPSHOT_BUCKET
      ? { dir: join(resolve(config.DATA_DIR), 'search-index'), storeDir: join(resolve(config.DATA_DIR), 'dynamodb'), identity: `${config.REGION} ${config.TABLE_NAME}` }
      : undefined;
  const saved = savedPlace ? await takeSavedIndex(savedPlace) : undefined;
  const dynalite = config.DYNAMODB_ENDPOINT
    ? { endpoint: config.DYNAMODB_ENDPOINT, close: async () => {} }
    : await startDynalite(options.inMemory ? {} : { path: join(resolve(config.DATA_DIR), 'dynamodb') });
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const dynamo = { endpoint: dynalite.endpoint, region: 'eu-north-1', credentials };
  let seeded = 0;
  try {
    await ensureTable(new DynamoDBClient(dynamo), config.TABLE_NAME);
    const issuer = await createDevIssuer(options.inMemory ? {} : { keyPath: join(resolve(config.DATA_DIR), 'dev-issuer', 'signing-key.json') });
    const outboxDir = options.inMemory ? await mkdtemp(join(tmpdir(), 'vagvisaren-outbox-')) : join(resolve(config.DATA_DIR), 'outbox');
    const outbox = createOutboxNotifier({ dir: outboxDir, clock });
    const snapshots =
      config.SEARCH_SNAPSHOT_BUCKET && config.S3_ENDPOINT
        ? await openSearchSnapshotStore({
            bucket: config.SEARCH_SNAPSHOT_BUCKET,
            region: dynamo.region,
            endpoint: config.S3_ENDPOINT,
            table: { client: documentClient(new DynamoDBClient(dynamo)), name: config.TABLE_NAME },
            clock,
          })
        : undefined;
    const runtime = await composeCatalogue({
      tokens: createJwtVerifier({ keys: issuer.jwks, issuer: DEV_ISSUER, clientId: DEV_CLIENT_ID }),
      devSignIn: issuer,
      freshnessDays: config.FRESHNESS_DAYS,
      referralAnswerDays: config.REFERRAL_ANSWER_WORKING_DAYS,
      referralRetentionMonths: config.REFERRAL_RETENTION_MONTHS,
      demandGatherMs: LOCAL_DEMAND_GATHER_MS,
      notifier: outbox,
      devOutbox: outbox,
      linkBase: localBaseUrl(config),
      dynamo,
      tableName: config.TABLE_NAME,
      taxonomy,
      publication: loadPublication(config.REGION),
      synonyms: loadSynonyms(config.REGION),
      vocabulary: loadQueryVocabulary(config.REGION),
      clock,
      logger,
      recover: true,
      ...(snapshots ? { snapshots } : {}),
      ...(config.FAULT_INJECTION === 'kill-after-entry-save' ? { afterEntrySaved: () => process.kill(process.pid, 'SIGKILL') } : {}),
      beforeIndexing: async (entries) => {
        if (config.SEED && (await entries.isEmpty())) seeded = await seedIfEmpty({ entries, taxonomy, clock }, (await import('#shared/seed/regions.ts')).seedRecords(config.REGION));
      },
      ...(saved ? { savedIndex: (language) => (seeded === 0 ? loadSavedIndex(saved, language, logger) : undefined) } : {}),
    });
    const close = async () => {
      await dynalite.close();
      if (savedPlace && runtime.engine) await saveIndex(savedPlace, runtime.engine).catch((error: unknown) => logger.error('could not save the search index', { error: String(error) }));
    };
    return { ...runtime, seeded, outboxDir, close };
  } catch (error) {
    await dynalite.close();
    throw error;
  }
};
