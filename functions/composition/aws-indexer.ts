/** The indexer's composition root: its environment, the signed OpenSearch adapter, the indexing core and the audit trail. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { OpenSearchSearchIndex } from '#shared/adapters/opensearch/opensearch-search-index.ts';
import { systemClock, type Clock } from '#shared/ports/clock.ts';
import { recordAuditTrail } from '#shared/services/audit-trail.ts';
import { createIndexer, type Indexer } from '#shared/services/indexer.ts';
import { DEFAULT_REGION, RegionCode, loadTaxonomy } from '#shared/taxonomy/regions.ts';
import { jsonLogger, type Logger } from '../api/middleware/request-log.ts';
import { OpenSearchEnv, signedTransport } from './opensearch.ts';
import { AWS_CLIENT_TIMEOUTS, INDEXER_SEARCH_TIMEOUTS } from './timeouts.ts';

export const AwsIndexerConfig = OpenSearchEnv.extend({
  TABLE_NAME: z.string().min(3),
  STAGE: z.string().min(1).default('dev'),
  REGION: RegionCode.default(DEFAULT_REGION),
});
export type AwsIndexerConfig = z.infer<typeof AwsIndexerConfig>;

/** Parses the environment once (failing fast on a bad one) and builds the client once per container. */
export const composeAwsIndexer = async (
  env: NodeJS.ProcessEnv = process.env,
  clock: Clock = systemClock,
  observe: { logger?: Logger } = {},
): Promise<{ indexer: Indexer; recordAudit: ReturnType<typeof recordAuditTrail>; logger: Logger }> => {
  const config = AwsIndexerConfig.parse(env);
  const index = new OpenSearchSearchIndex({
    transport: await signedTransport(config.OPENSEARCH_ENDPOINT, config.AWS_REGION, INDEXER_SEARCH_TIMEOUTS),
    index: config.OPENSEARCH_INDEX,
    requireAlias: true,
  });
  return {
    indexer: createIndexer({ index, taxonomy: loadTaxonomy(config.REGION), clock }),
    recordAudit: recordAuditTrail(new DynamoEntryRepository(documentClient(new DynamoDBClient({ region: config.AWS_REGION, ...AWS_CLIENT_TIMEOUTS })), config.TABLE_NAME)),
    logger: observe.logger ?? jsonLogger({ runtime: 'aws', function: 'indexer', stage: config.STAGE }),
  };
};
