/**
 * The Open Referral HSDS 3.0 objects Vägvisaren publishes, as the subset of fields it fills. The
 * official schemas (../shared/standards/hsds-3.0) are what tests validate the output against; these
 * schemas give the code its types and the API description its shapes.
 */
import { z } from 'zod';

const Uuid = z.uuid();

export const HsdsTaxonomy = z.object({
  id: Uuid,
  name: z.string(),
  description: z.string(),
  uri: z.string().optional(),
  version: z.string().optional(),
});
export type HsdsTaxonomy = z.infer<typeof HsdsTaxonomy>;

export const HsdsTaxonomyTerm = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  description: z.string(),
  taxonomy_id: Uuid,
  taxonomy: z.string(),
  /** ISO 639-1: `sv` for the term, `en` for its English twin. */
  language: z.string(),
});
export type HsdsTaxonomyTerm = z.infer<typeof HsdsTaxonomyTerm>;

export const HsdsAttribute = z.object({
  id: Uuid,
  link_id: Uuid,
  link_type: z.string(),
  link_entity: z.string(),
  taxonomy_term_id: Uuid,
  value: z.string().optional(),
  taxonomy_term: HsdsTaxonomyTerm.optional(),
});
export type HsdsAttribute = z.infer<typeof HsdsAttribute>;

export const HsdsLanguage = z.object({ id: Uuid, service_id: Uuid.optional(), name: z.string(), code: z.string() });
export type HsdsLanguage = z.infer<typeof HsdsLanguage>;

export const HsdsPhone = z.object({
  id: Uuid,
  service_id: Uuid.optional(),
  organization_id: Uuid.optional(),
  number: z.string(),
});
export type HsdsPhone = z.infer<typeof HsdsPhone>;

export const HsdsServiceArea = z.object({
  id: Uuid,
  service_id: Uuid,
  name: z.string(),
  description: z.string(),
  extent_type: z.string().optional(),
  attributes: z.array(HsdsAttribute),
});
export type HsdsServiceArea = z.infer<typeof HsdsServiceArea>;

export const HsdsLocation = z.object({
  id: Uuid,
  location_type: z.literal('physical'),
  organization_id: Uuid.optional(),
  name: z.string(),
  alternate_name: z.string().optional(),
  description: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  external_identifier: z.string(),
  external_identifier_type: z.string(),
  attributes: z.array(HsdsAttribute),
});
export type HsdsLocation = z.infer<typeof HsdsLocation>;

export const HsdsServiceAtLocation = z.object({
  id: Uuid,
  service_id: Uuid,
  location_id: Uuid,
  description: z.string().optional(),
});
export type HsdsServiceAtLocation = z.infer<typeof HsdsServiceAtLocation>;

export const HsdsOrganizationListItem = z.object({
  id: Uuid,
  name: z.string(),
  alternate_name: z.string().optional(),
  description: z.string(),
  email: z.string().optional(),
  website: z.string().optional(),
  uri: z.string().optional(),
});
export type HsdsOrganizationListItem = z.infer<typeof HsdsOrganizationListItem>;

export const HsdsOrganization = HsdsOrganizationListItem.extend({
  phones: z.array(HsdsPhone),
  attributes: z.array(HsdsAttribute),
  locations: z.array(HsdsLocation),
});
export type HsdsOrganization = z.infer<typeof HsdsOrganization>;

export const HsdsServiceListItem = z.object({
  id: Uuid,
  organization_id: Uuid.optional(),
  name: z.string(),
  alternate_name: z.string().optional(),
  description: z.string(),
  url: z.string().optional(),
  email: z.string().optional(),
  status: z.literal('active'),
  application_process: z.string().optional(),
  fees_description: z.string().optional(),
  eligibility_description: z.string().optional(),
  assured_date: z.string().optional(),
  last_modified: z.string(),
});
export type HsdsServiceListItem = z.infer<typeof HsdsServiceListItem>;

export const HsdsService = HsdsServiceListItem.extend({
  organization: HsdsOrganizationListItem.optional(),
  phones: z.array(HsdsPhone),
  service_areas: z.array(HsdsServiceArea),
  service_at_locations: z.array(HsdsServiceAtLocation.extend({ location: HsdsLocation })),
  languages: z.array(HsdsLanguage),
  attributes: z.array(HsdsAttribute),
});
export type HsdsService = z.infer<typeof HsdsService>;

/** The HSDS API description's paging envelope around a list. */
export const hsdsPage = <T extends z.ZodType>(item: T) =>
  z.object({
    total_items: z.int(),
    total_pages: z.int(),
    page_number: z.int(),
    size: z.int(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(item),
  });
export type HsdsPage<T> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
};
