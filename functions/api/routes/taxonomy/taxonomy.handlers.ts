/** Handles GET /v1/taxonomy. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../env.ts';
import type { taxonomyRoute } from './taxonomy.routes.ts';

export const taxonomyHandler =
  (deps: AppDeps): RouteHandler<typeof taxonomyRoute, AppEnv> =>
  (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(deps.taxonomy, 200);
  };
