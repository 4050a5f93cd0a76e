/** The stream indexer's entry point: DynamoDB stream batches of the table, applied to OpenSearch, logged and counted through Powertools. */
import { composeAwsIndexer } from '../composition/aws-indexer.ts';
import { lambdaObservability } from '../composition/powertools.ts';
import { createStreamHandler } from './handler.ts';

const observability = lambdaObservability('indexer', process.env.STAGE ?? 'dev');
const handle = createStreamHandler({ ...(await composeAwsIndexer(process.env, undefined, observability)), metrics: observability.metrics });

export const handler = observability.instrument((event: unknown) => handle(event));
