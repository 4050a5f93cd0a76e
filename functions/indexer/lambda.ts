/** The stream indexer's entry point: DynamoDB stream batches of the table, applied to OpenSearch. */
import { composeAwsIndexer } from '../composition/aws-indexer.ts';
import { createStreamHandler } from './handler.ts';

export const handler = createStreamHandler(await composeAwsIndexer());
