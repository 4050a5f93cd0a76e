/**
 * The contracts of the open-data API under /hsds, following the Open Referral HSDS 3.0 API
 * description (../shared/standards/hsds-3.0/schema/openapi.json): the same paths, parameters and
 * paging envelope; item shapes are HSDS's. No sign-in; only published, currently valid entries.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  HsdsOrganization,
  HsdsOrganizationListItem,
  HsdsService,
  HsdsServiceAtLocation,
  HsdsServiceListItem,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
  hsdsPage,
} from '#shared/open-data/hsds-schema.ts';
import { HSDS_DEFAULT_PER_PAGE, HSDS_MAX_PER_PAGE } from '#shared/services/open-data.ts';
import { problemResponse } from '../../problem.ts';

const tags = ['Open data (HSDS 3.0)'];
const licenceHeader = z.object({ Link: z.string().openapi({ description: 'The licence of the data: `<url>; rel="license"`' }) });

const page = z.coerce.number().int().min(1).max(100_000).default(1).openapi({ description: 'Page number of paginated result, from 1.' });
const perPage = z.coerce
  .number()
  .int()
  .min(1)
  .max(HSDS_MAX_PER_PAGE)
  .default(HSDS_DEFAULT_PER_PAGE)
  .openapi({ description: `Number of results requested in a single page (1–${HSDS_MAX_PER_PAGE}, default ${HSDS_DEFAULT_PER_PAGE}).` });
const search = z.string().trim().max(200).optional().openapi({ description: 'Full text search: every word in the name, description or English text.' });
const flag = (description: string) => z.enum(['true', 'false']).optional().openapi({ description });
const format = z.literal('json').optional().openapi({ description: 'Only `json` is served.' });
const id = z.object({ id: z.uuid().openapi({ description: 'The stable id (UUID v5)' }) });

const listResponses = <T extends z.ZodType>(item: T, description: string) => ({
  200: { content: { 'application/json': { schema: hsdsPage(item) } }, headers: licenceHeader, description },
  400: problemResponse('A parameter is not valid'),
  500: problemResponse('An unexpected error'),
});
const oneResponses = <T extends z.ZodType>(item: T, description: string) => ({
  200: { content: { 'application/json': { schema: item } }, headers: licenceHeader, description },
  400: problemResponse('The id is not a UUID'),
  404: problemResponse('No published object has this id'),
  500: problemResponse('An unexpected error'),
});

export const hsdsMetaRoute = createRoute({
  method: 'get',
  path: '/hsds/',
  tags,
  summary: 'About this API and its relationship with HSDS',
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z.object({
            version: z.string(),
            profile: z.string(),
            openapi_url: z.string(),
            licence: z.object({ id: z.string(), name: z.string(), url: z.string() }),
            catalogue: z.string().openapi({ description: 'DCAT-AP-SE metadata (JSON-LD) describing the datasets' }),
          }),
        },
      },
      headers: licenceHeader,
      description: 'HSDS version, profile, licence and where the API description is',
    },
    500: problemResponse('An unexpected error'),
  },
});

export const hsdsServicesRoute = createRoute({
  method: 'get',
  path: '/hsds/services',
  tags,
  summary: 'Paginated listing of services (one-to-one fields, or fully nested with full=true)',
  request: {
    query: z.strictObject({
      search,
      page,
      per_page: perPage,
      format,
      taxonomy_term_id: z.uuid().optional().openapi({ description: 'Services with this taxonomy term.' }),
      taxonomy_id: z.uuid().optional().openapi({ description: 'Services with any term of this taxonomy.' }),
      organization_id: z.uuid().optional().openapi({ description: 'Services this organization provides.' }),
      modified_after: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Services changed on or after this instant.' }),
      minimal: flag('`true`: only `id` and `last_modified` of each service.'),
      full: flag('`true`: fully nested services.'),
    }),
  },
  responses: listResponses(z.union([HsdsServiceListItem, HsdsService, HsdsServiceListItem.pick({ id: true, name: true, status: true, last_modified: true })]), 'A page of services'),
});

export const hsdsServiceRoute = createRoute({
  method: 'get',
  path: '/hsds/services/{id}',
  tags,
  summary: 'A fully nested service',
  request: { params: id },
  responses: oneResponses(HsdsService, 'The service with its organization, areas, locations, languages and taxonomy attributes'),
});

export const hsdsOrganizationsRoute = createRoute({
  method: 'get',
  path: '/hsds/organizations',
  tags,
  summary: 'Paginated listing of organizations',
  request: { query: z.strictObject({ search, page, per_page: perPage, format, full: flag('`true`: fully nested organizations.'), full_service: flag('Accepted; services are listed by id and name.') }) },
  responses: listResponses(z.union([HsdsOrganizationListItem, HsdsOrganization]), 'A page of organizations'),
});

export const hsdsOrganizationRoute = createRoute({
  method: 'get',
  path: '/hsds/organizations/{id}',
  tags,
  summary: 'A fully nested organization with its services (id and name)',
  request: { params: id, query: z.strictObject({ full_service: flag('Accepted; services are listed by id and name.') }) },
  responses: oneResponses(HsdsOrganization.extend({ services: z.array(z.object({ id: z.uuid(), name: z.string() })) }), 'The organization'),
});

export const hsdsTaxonomiesRoute = createRoute({
  method: 'get',
  path: '/hsds/taxonomies',
  tags,
  summary: 'Paginated listing of taxonomies',
  request: { query: z.strictObject({ search, page, per_page: perPage, format }) },
  responses: listResponses(HsdsTaxonomy, 'A page of taxonomies'),
});

export const hsdsTaxonomyRoute = createRoute({
  method: 'get',
  path: '/hsds/taxonomies/{id}',
  tags,
  summary: 'A taxonomy',
  request: { params: id },
  responses: oneResponses(HsdsTaxonomy, 'The taxonomy'),
});

export const hsdsTaxonomyTermsRoute = createRoute({
  method: 'get',
  path: '/hsds/taxonomy_terms',
  tags,
  summary: 'Paginated listing of taxonomy terms, each in Swedish and English',
  request: {
    query: z.strictObject({
      search,
      page,
      per_page: perPage,
      format,
      taxonomy_id: z.uuid().optional().openapi({ description: 'Terms of this taxonomy.' }),
      top_only: flag('Accepted; every term is a top term.'),
      parent_id: z.uuid().optional().openapi({ description: 'Terms with this parent (none have one).' }),
    }),
  },
  responses: listResponses(HsdsTaxonomyTerm, 'A page of taxonomy terms'),
});

export const hsdsTaxonomyTermRoute = createRoute({
  method: 'get',
  path: '/hsds/taxonomy_terms/{id}',
  tags,
  summary: 'A taxonomy term',
  request: { params: id },
  responses: oneResponses(HsdsTaxonomyTerm, 'The term'),
});

export const hsdsServiceAtLocationsRoute = createRoute({
  method: 'get',
  path: '/hsds/service_at_locations',
  tags,
  summary: 'Paginated listing of services at locations (establishment offers and their sites)',
  request: { query: z.strictObject({ search, page, per_page: perPage, format, full: flag('Accepted; the location and service are always included.') }) },
  responses: listResponses(HsdsServiceAtLocation, 'A page of services at locations'),
});

export const hsdsServiceAtLocationRoute = createRoute({
  method: 'get',
  path: '/hsds/service_at_locations/{id}',
  tags,
  summary: 'A service at a location',
  request: { params: id },
  responses: oneResponses(HsdsServiceAtLocation, 'The service at location with its location and service'),
});

export const hsdsCatalogueRoute = createRoute({
  method: 'get',
  path: '/hsds/catalog.jsonld',
  tags,
  summary: 'DCAT-AP-SE metadata (JSON-LD) describing the open datasets, for Sweden’s data portal to harvest',
  responses: {
    200: { content: { 'application/ld+json': { schema: z.looseObject({ '@context': z.unknown(), '@graph': z.array(z.unknown()) }) } }, description: 'The DCAT-AP-SE catalogue' },
    500: problemResponse('An unexpected error'),
  },
});
