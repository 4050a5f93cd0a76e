/**
 * The indexer's composition root: its environment, the search it writes (the signed OpenSearch
 * adapter, or the embedded engine's snapshot in SEARCH_SNAPSHOT_BUCKET), the indexing core and the
 * audit trail.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { systemClock, type Clock } from '#shared/ports/clock.ts';
import type { SearchIndex } from '#shared/ports/search-index.ts';
import { recordAuditTrail } from '#shared/services/audit-trail.ts';
import { createIndexer, type Indexer } from '#shared/services/indexer.ts';
import { DEFAULT_REGION, RegionCode, loadTaxonomy } from '#shared/taxonomy/regions.ts';
import { jsonLogger, type Logger } from '../api/middleware/request-log.ts';
import { OpenSearchEnv, signedTransport } from './opensearch.ts';
import { openSearchSnapshotStore, SearchSnapshotEnv } from './search-snapshot.ts';
import { AWS_CLIENT_TIMEOUTS, INDEXER_SEARCH_TIMEOUTS } from './timeouts.ts';

export const AwsIndexerConfig = OpenSearchEnv.extend({
  OPENSEARCH_ENDPOINT: OpenSearchEnv.shape.OPENSEARCH_ENDPOINT.optional(),
  SEARCH_SNAPSHOT_BUCKET: SearchSnapshotEnv.shape.SEARCH_SNAPSHOT_BUCKET,
  TABLE_NAME: z.string().min(3),
  STAGE: z.string().min(1).default('dev'),
  REGION: RegionCode.default(DEFAULT_REGION),
}).refine((env) => (env.OPENSEARCH_ENDPOINT === undefined) !== (env.SEARCH_SNAPSHOT_BUCKET === undefined), {
  message: 'set OPENSEARCH_ENDPOINT (opensearch search) or SEARCH_SNAPSHOT_BUCKET (embedded search), one of them',
  path: ['OPENSEARCH_ENDPOINT'],
});
export type AwsIndexerConfig = z.infer<typeof AwsIndexerConfig>;

/** Parses the environment once (failing fast on a bad one) and builds the clients once per container. */
export const composeAwsIndexer = async (
  env: NodeJS.ProcessEnv = process.env,
  clock: Clock = systemClock,
  observe: { logger?: Logger } = {},
): Promise<{ indexer: Indexer; recordAudit: ReturnType<typeof recordAuditTrail>; logger: Logger }> => {
  const config = AwsIndexerConfig.parse(env);
  const logger = observe.logger ?? jsonLogger({ runtime: 'aws', function: 'indexer', stage: config.STAGE });
  const table = documentClient(new DynamoDBClient({ region: config.AWS_REGION, ...AWS_CLIENT_TIMEOUTS }));
  const index: SearchIndex =
    config.SEARCH_SNAPSHOT_BUCKET !== undefined
      ? await openSnapshotWriter(config.SEARCH_SNAPSHOT_BUCKET, config, table, clock, logger)
      : await openOpenSearch(config.OPENSEARCH_ENDPOINT!, config);
  return {
    indexer: createIndexer({ index, taxonomy: loadTaxonomy(config.REGION), clock }),
    recordAudit: recordAuditTrail(new DynamoEntryRepository(table, config.TABLE_NAME)),
    logger,
  };
};

const openOpenSearch = async (endpoint: string, config: AwsIndexerConfig): Promise<SearchIndex> => {
  const { OpenSearchSearchIndex } = await import('#shared/adapters/opensearch/opensearch-search-index.ts');
  return new OpenSearchSearchIndex({ transport: await signedTransport(endpoint, config.AWS_REGION, INDEXER_SEARCH_TIMEOUTS), index: config.OPENSEARCH_INDEX, requireAlias: true });
};

/**
 * Each batch loads the current snapshot (or reuses the one this container saved last, while it is
 * still current), applies the batch and saves it with a conditional write, again from the newest
 * snapshot when a concurrent batch saved first. The engine needs no synonyms or vocabulary to index.
 */
const openSnapshotWriter = async (bucket: string, config: AwsIndexerConfig, table: ReturnType<typeof documentClient>, clock: Clock, logger: Logger): Promise<SearchIndex> => {
  const { SnapshotSearchIndex } = await import('#shared/adapters/search-snapshot/snapshot-search-index.ts');
  const store = await openSearchSnapshotStore({ bucket, region: config.AWS_REGION, table: { client: table, name: config.TABLE_NAME }, clock });
  return SnapshotSearchIndex.open(store, {}, { clock, log: logger.child({ component: 'search-snapshot' }) });
};
