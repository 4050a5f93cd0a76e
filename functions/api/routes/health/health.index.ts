/** Mounts the health check. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { healthHandler } from './health.handlers.ts';
import { healthRoute } from './health.routes.ts';

export const healthRoutes = () => new OpenAPIHono<AppEnv>().openapi(healthRoute, healthHandler);
