/**
 * The API function's entry point: the same app as `npm start`, composed for AWS and served by
 * hono/aws-lambda, logging through Powertools with API Gateway's request id as correlation id.
 * Init builds what a search needs (its index opens while the app is built); the pages, the table's
 * client and the other clients load with the first request that uses them.
 */
import { handle } from 'hono/aws-lambda';
import { composeAws } from '../composition/aws.ts';
import { lambdaObservability } from '../composition/powertools.ts';
import { createApp } from './app.ts';

const observability = lambdaObservability('api', process.env.STAGE ?? 'dev');
const runtime = await composeAws(process.env, observability);
const app = createApp(runtime.deps);
await runtime.ready;
await app.request('/health');

type ApiEvent = Parameters<ReturnType<typeof handle>>[0];
const serve = handle(app);

export const handler = observability.instrument(
  (event: ApiEvent, context) => serve(event, context as never),
  (event) => (event as { requestContext?: { requestId?: string } }).requestContext?.requestId,
);
