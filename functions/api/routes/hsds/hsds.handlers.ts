/** Handles the open-data API under /hsds: pages and single objects of the HSDS dataset, each stating the licence. */
import type { Context } from 'hono';
import type { RouteHandler } from '@hono/zod-openapi';
import { NotFoundError } from '#shared/domain/errors.ts';
import { dcatCatalogue } from '#shared/open-data/dcat.ts';
import { HSDS_VERSION, organizationListItem, serviceAtLocationItem, serviceListItem } from '#shared/open-data/hsds-mapping.ts';
import { filterServices, hsdsPageOf } from '#shared/services/open-data.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import type * as routes from './hsds.routes.ts';

const fold = (text: string) => text.toLocaleLowerCase('sv');
const matches = (search: string | undefined, ...texts: (string | undefined)[]) => {
  if (search === undefined) return true;
  const haystack = fold(texts.filter(Boolean).join(' '));
  return fold(search).split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
};

const found = <T>(value: T | undefined, what: string, id: string): T => {
  if (value === undefined) throw new NotFoundError(`No published ${what} has the id "${id}".`);
  return value;
};

/** Open data may be cached and read from any origin; the licence goes with every answer. */
const published = (c: Context<AppEnv>, deps: AppDeps) => {
  c.header('Cache-Control', 'public, max-age=300');
  c.header('Access-Control-Allow-Origin', '*');
  c.header('Link', `<${deps.openData.publication.licence.url}>; rel="license"`);
};

export const hsdsMetaHandler = (deps: AppDeps): RouteHandler<typeof routes.hsdsMetaRoute, AppEnv> => (c) => {
  published(c, deps);
  const base = new URL(c.req.url).origin;
  const { id, name, url } = deps.openData.publication.licence;
  return c.json(
    {
      version: HSDS_VERSION,
      profile: 'https://docs.openreferral.org/en/latest/hsds/overview.html',
      openapi_url: `${base}/openapi.json`,
      licence: { id, name, url },
      catalogue: `${base}/hsds/catalog.jsonld`,
    },
    200,
  );
};

export const hsdsServicesHandler = (deps: AppDeps): RouteHandler<typeof routes.hsdsServicesRoute, AppEnv> => async (c) => {
  const query = c.req.valid('query');
  const services = filterServices(await deps.openData.dataset(), {
    search: query.search,
    taxonomyTermId: query.taxonomy_term_id,
    taxonomyId: query.taxonomy_id,
    organizationId: query.organization_id,
    modifiedAfter: query.modified_after,
  });
  const items = query.minimal === 'true'
    ? services.map((s) => ({ id: s.id, name: s.name, status: s.status, last_modified: s.last_modified }))
    : query.full === 'true' ? services : services.map(serviceListItem);
  published(c, deps);
  return c.json(hsdsPageOf(items, query.page, query.per_page), 200);
};

export const hsdsServiceHandler = (deps: AppDeps): RouteHandler<typeof routes.hsdsServiceRoute, AppEnv> => async (c) => {
  const { id } = c.req.valid('param');
  const service = found((await deps.openData.dataset()).services.find((s) => s.id === id), 'service', id);
  published(c, deps);
  return c.json(service, 200);
};

export const hsdsOrganizationsHandler = (deps: AppDeps): RouteHandler<typeof routes.hsdsOrganizationsRoute, AppEnv> => async (c) => {
  const query = c.req.valid('query');
  const organizations = (await deps.openData.dataset()).organizations.filter((o) => matches(query.search, o.name, o.alternate_name, o.description));
  published(c, deps);
  return c.json(hsdsPageOf(query.full === 'true' ? organizations : organizations.map(organizationListItem), query.page, query.per_page), 200);
};

export const hsdsOrganizationHandler = (deps: AppDeps): RouteHandler<typeof routes.hsdsOrganizationRoute, AppEnv> => async (c) => {
  const { id } = c.req.valid('param');
  const dataset = await deps.openData.dataset();
  const organization = found(dataset.organizations.find((o) => o.id === id), 'organization', id);
  const services = dataset.services.filter((s) => s.organization_id === id).map((s) => ({ id: s.id, name: s.name }));
  published(c, deps);
  return c.json({ ...organization, services }, 200);
};

export const hsdsTaxonomiesHandler = (deps: AppDeps): RouteHandler<typeof routes.hsdsTaxonomiesRoute, AppEnv> => async (c) => {
  const query = c.req.valid('query');
  const taxonomies = (await deps.openData.dataset()).taxonomies.filter((t) => matches(query.search, t.name, t.description));
  published(c, deps);
  return c.json(hsdsPageOf(taxonomies, query.page, query.per_page), 200);
};

export const hsdsTaxonomyHandler = (deps: AppDeps): RouteHandler<typeof routes.hsdsTaxonomyRoute, AppEnv> => async (c) => {
  const { id } = c.req.valid('param');
  const taxonomy = found((await deps.openData.dataset()).taxonomies.find((t) => t.id === id), 'taxonomy', id);
  published(c, deps);
  return c.json(taxonomy, 200);
};

export const hsdsTaxonomyTermsHandler = (deps: AppDeps): RouteHandler<typeof routes.hsdsTaxonomyTermsRoute, AppEnv> => async (c) => {
  const query = c.req.valid('query');
  const terms = (await deps.openData.dataset()).taxonomyTerms.filter(
    (t) => (query.taxonomy_id === undefined || t.taxonomy_id === query.taxonomy_id) && query.parent_id === undefined && matches(query.search, t.name, t.code, t.description),
  );
  published(c, deps);
  return c.json(hsdsPageOf(terms, query.page, query.per_page), 200);
};

export const hsdsTaxonomyTermHandler = (deps: AppDeps): RouteHandler<typeof routes.hsdsTaxonomyTermRoute, AppEnv> => async (c) => {
  const { id } = c.req.valid('param');
  const term = found((await deps.openData.dataset()).taxonomyTerms.find((t) => t.id === id), 'taxonomy term', id);
  published(c, deps);
  return c.json(term, 200);
};

export const hsdsServiceAtLocationsHandler = (deps: AppDeps): RouteHandler<typeof routes.hsdsServiceAtLocationsRoute, AppEnv> => async (c) => {
  const query = c.req.valid('query');
  const dataset = await deps.openData.dataset();
  const items = dataset.serviceAtLocations
    .map((link) => serviceAtLocationItem(link, dataset))
    .filter((item) => matches(query.search, item.description, item.location?.name, item.service?.name));
  published(c, deps);
  return c.json(hsdsPageOf(items, query.page, query.per_page), 200);
};

export const hsdsServiceAtLocationHandler = (deps: AppDeps): RouteHandler<typeof routes.hsdsServiceAtLocationRoute, AppEnv> => async (c) => {
  const { id } = c.req.valid('param');
  const dataset = await deps.openData.dataset();
  const link = found(dataset.serviceAtLocations.find((l) => l.id === id), 'service at location', id);
  published(c, deps);
  return c.json(serviceAtLocationItem(link, dataset), 200);
};

export const hsdsCatalogueHandler = (deps: AppDeps): RouteHandler<typeof routes.hsdsCatalogueRoute, AppEnv> => async (c) => {
  const dataset = await deps.openData.dataset();
  const modified = dataset.services.map((s) => s.last_modified).sort().at(-1);
  published(c, deps);
  c.header('Content-Type', 'application/ld+json; charset=utf-8');
  return c.body(JSON.stringify(dcatCatalogue(deps.openData.publication, new URL(c.req.url).origin, modified)), 200) as never;
};
