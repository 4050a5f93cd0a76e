/** Handles GET /health. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import type { healthRoute } from './health.routes.ts';

export const healthHandler: RouteHandler<typeof healthRoute, AppEnv> = (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json({ status: 'ok' as const }, 200);
};
