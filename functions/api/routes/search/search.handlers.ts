/** Handles GET /v1/search: turns parameters into a search query and answers with the service's result. */
import type { RouteHandler, z } from '@hono/zod-openapi';
import { SearchQuery } from '#shared/domain/search.ts';
import { FACETS } from '#shared/domain/taxonomy.ts';
import { swedishDate } from '#shared/ports/clock.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import type { searchQueryParams, searchRoute } from './search.routes.ts';

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export const toSearchQuery = (params: z.infer<ReturnType<typeof searchQueryParams>>, today: string): SearchQuery =>
  SearchQuery.parse({
    q: params.q ?? '',
    filters: Object.fromEntries(FACETS.map((facet) => [facet, asList(params[facet])])),
    page: params.page,
    pageSize: params.pageSize,
    language: params.lang,
    today,
  });

export const searchHandler =
  (deps: AppDeps): RouteHandler<ReturnType<typeof searchRoute>, AppEnv> =>
  async (c) => {
    const { query: _query, ...response } = await deps.search.search(toSearchQuery(c.req.valid('query'), swedishDate(deps.clock.now())));
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(response, 200);
  };
