/** Handles GET /v1/suggest. */
import type { RouteHandler } from '@hono/zod-openapi';
import { swedishDate } from '#shared/ports/clock.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import type { suggestRoute } from './suggest.routes.ts';

export const suggestHandler =
  (deps: AppDeps): RouteHandler<typeof suggestRoute, AppEnv> =>
  async (c) => {
    const { q, limit, lang } = c.req.valid('query');
    const suggestions = await deps.search.suggest({ prefix: q, limit: limit ?? 8, language: lang ?? 'sv', today: swedishDate(deps.clock.now()) });
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ suggestions }, 200);
  };
