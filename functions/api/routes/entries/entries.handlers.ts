/** Handles GET /v1/entries/{id}. */
import type { RouteHandler } from '@hono/zod-openapi';
import { publicEntry } from '#shared/domain/entry.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import type { getEntryRoute } from './entries.routes.ts';

export const getEntryHandler =
  (deps: AppDeps): RouteHandler<typeof getEntryRoute, AppEnv> =>
  async (c) => {
    const entry = await deps.catalogue.getPublished(c.req.valid('param').id);
    c.header('ETag', `"${entry.version}"`);
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(publicEntry(entry), 200);
  };
