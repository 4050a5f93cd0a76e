/**
 * Handles GET /v1/search: turns parameters into a search query (offer parameters through the parser
 * the pages share) and answers with the service's result.
 */
import type { RouteHandler, z } from '@hono/zod-openapi';
import { SearchQuery } from '#shared/domain/search.ts';
import { FACETS, type Taxonomy } from '#shared/domain/taxonomy.ts';
import { swedishDate } from '#shared/ports/clock.ts';
import { OFFER_PARAMS, parseOfferQuery, type RawOfferParams } from '#shared/services/offer-query.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import { onEveryAnswer } from '../../middleware/public-answer-cache.ts';
import type { searchQueryParams, searchRoute } from './search.routes.ts';

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

type SearchParams = z.infer<ReturnType<typeof searchQueryParams>>;

/**
 * The search query the parameters ask for. Offer parameters are read as given (`raw`, so an empty one
 * is absent, as on the pages); throws a ValidationError naming those that do not fit together.
 */
export const toSearchQuery = (params: SearchParams, raw: RawOfferParams, today: string, taxonomy: Taxonomy): SearchQuery => {
  const offerQuery = parseOfferQuery(raw, taxonomy);
  return SearchQuery.parse({
    q: params.q ?? '',
    filters: Object.fromEntries(FACETS.map((facet) => [facet, asList(params[facet])])),
    page: params.page,
    pageSize: params.pageSize,
    language: params.lang,
    offer: offerQuery.offer,
    sort: offerQuery.sort,
    today,
  });
};

export const searchHandler =
  (deps: AppDeps): RouteHandler<ReturnType<typeof searchRoute>, AppEnv> =>
  async (c) => {
    const given = c.req.queries();
    const raw: RawOfferParams = Object.fromEntries(OFFER_PARAMS.map((name) => [name, Object.hasOwn(given, name) ? given[name] : undefined]));
    const params = c.req.valid('query');
    const query = toSearchQuery(params, raw, swedishDate(deps.clock.now()), deps.taxonomy);
    const { query: _query, ...response } = await deps.search.search(query, { interpret: params.interpret !== 'false' });
    onEveryAnswer(c, () => deps.demand.search(query, response.total));
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(response, 200);
  };
