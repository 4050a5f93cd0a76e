/** The contract of GET /health. */
import { createRoute, z } from '@hono/zod-openapi';

export const HealthResponse = z.object({ status: z.literal('ok') }).openapi('Health');

export const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness',
  responses: { 200: { content: { 'application/json': { schema: HealthResponse } }, description: 'The service is up' } },
});
