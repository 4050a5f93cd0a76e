/**
 * The fixed stack alone, bundled beside the API as the bench's floor for its import time: what any
 * function on this stack builds at init before its own code runs (Powertools logger and metrics,
 * the DynamoDB document client, one zod-validated OpenAPI route on Hono, hono/aws-lambda), with no
 * app code, warmed with one request as the API is.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { handle } from 'hono/aws-lambda';

const logger = new Logger({ serviceName: 'bench-stack' });
const metrics = new Metrics({ namespace: 'bench', serviceName: 'stack' });
const table = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }));

const SearchQuery = z.object({ q: z.string().max(200).optional(), lang: z.enum(['sv', 'en']).default('sv') });
const SearchAnswer = z.object({ total: z.number().int(), hits: z.array(z.object({ id: z.string(), name: z.string() })) });
const search = createRoute({
  method: 'get',
  path: '/v1/search',
  request: { query: SearchQuery },
  responses: { 200: { content: { 'application/json': { schema: SearchAnswer } }, description: 'Hits' } },
});

const app = new OpenAPIHono();
app.get('/health', (c) => c.json({ status: 'ok' }));
app.openapi(search, (c) => {
  const { q } = c.req.valid('query');
  logger.info('search', { q, table: Boolean(table) });
  metrics.addMetric('searches', 'Count', 1);
    return c.json({ total: 0, hits: [] }, 200);
});
await app.request('/health');

export const handler = handle(app);
