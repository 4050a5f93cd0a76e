/**
 * The downloadable HSDS 3.0 bundle: the dataset as one JSON file (fully nested services,
 * organizations, locations, taxonomies and terms, with the licence) and as HSDS's tabular CSV files,
 * one per object with the specification's columns, described by a datapackage.json that states the
 * licence. Cells that a spreadsheet would run as a formula (= @ tab CR first) get a leading apostrophe.
 */
import { stringify } from 'csv-stringify/sync';
import type { HsdsDataset } from './hsds-mapping.ts';
import { HSDS_VERSION } from './hsds-mapping.ts';
import type { Publication } from './publication.ts';

/** Each tabular file's columns: the one-to-one fields of its HSDS 3.0 schema, in the schema's order. */
export const HSDS_TABLES = {
  'organizations.csv': ['id', 'name', 'alternate_name', 'description', 'email', 'website', 'tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri', 'parent_organization_id'],
  'services.csv': [
    'id', 'organization_id', 'program_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'interpretation_services', 'application_process',
    'fees_description', 'wait_time', 'fees', 'accreditations', 'eligibility_description', 'minimum_age', 'maximum_age', 'assured_date', 'assurer_email',
    'licenses', 'alert', 'last_modified',
  ],
  'locations.csv': ['id', 'location_type', 'url', 'organization_id', 'name', 'alternate_name', 'description', 'transportation', 'latitude', 'longitude', 'external_identifier', 'external_identifier_type'],
  'service_at_location.csv': ['id', 'service_id', 'location_id', 'description'],
  'service_areas.csv': ['id', 'service_id', 'name', 'description', 'extent', 'extent_type', 'uri'],
  'languages.csv': ['id', 'service_id', 'location_id', 'phone_id', 'name', 'code', 'note'],
  'phones.csv': ['id', 'location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id', 'number', 'extension', 'type', 'description'],
  'taxonomies.csv': ['id', 'name', 'description', 'uri', 'version'],
  'taxonomy_terms.csv': ['id', 'code', 'name', 'description', 'parent_id', 'taxonomy', 'language', 'taxonomy_id', 'term_uri'],
  'attributes.csv': ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity', 'value'],
} as const satisfies Record<string, readonly string[]>;
export type HsdsTable = keyof typeof HSDS_TABLES;

export const HSDS_JSON_FILE = 'hsds.json';

const FORMULA = /^'*[=@\t\r]/;
const cell = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return FORMULA.test(text) ? `'${text}` : text;
};

const table = (name: HsdsTable, rows: readonly Record<string, unknown>[]): string =>
  stringify([[...HSDS_TABLES[name]], ...rows.map((row) => HSDS_TABLES[name].map((column) => cell(row[column])))], { record_delimiter: 'unix' });

/** The rows of every tabular file: nested objects flattened out into their own tables. */
const tableRows = (dataset: HsdsDataset): Record<HsdsTable, Record<string, unknown>[]> => {
  const organizationAttributes = dataset.organizations.flatMap((o) => o.attributes);
  const serviceAttributes = dataset.services.flatMap((s) => s.attributes);
  const areaAttributes = dataset.services.flatMap((s) => s.service_areas.flatMap((a) => a.attributes));
  const locationAttributes = dataset.locations.flatMap((l) => l.attributes);
  return {
    'organizations.csv': dataset.organizations,
    'services.csv': dataset.services,
    'locations.csv': dataset.locations,
    'service_at_location.csv': dataset.serviceAtLocations,
    'service_areas.csv': dataset.services.flatMap((s) => s.service_areas),
    'languages.csv': dataset.services.flatMap((s) => s.languages),
    'phones.csv': [...dataset.organizations.flatMap((o) => o.phones), ...dataset.services.flatMap((s) => s.phones)],
    'taxonomies.csv': dataset.taxonomies,
    'taxonomy_terms.csv': dataset.taxonomyTerms,
    'attributes.csv': [...organizationAttributes, ...serviceAttributes, ...areaAttributes, ...locationAttributes],
  };
};

const licenceOf = (publication: Publication) => ({ name: publication.licence.id, title: publication.licence.name, path: publication.licence.url });

/** The bundle's files by name: hsds.json, datapackage.json and the tabular CSV files. */
export const hsdsBundle = (dataset: HsdsDataset, publication: Publication, generatedAt: string): Map<string, string> => {
  const rows = tableRows(dataset);
  const files = new Map<string, string>();
  files.set(
    HSDS_JSON_FILE,
    `${JSON.stringify(
      {
        hsds_version: HSDS_VERSION,
        generated_at: generatedAt,
        licence: { id: publication.licence.id, name: publication.licence.name, url: publication.licence.url, ...(publication.licence.appliesTo ? { applies_to: publication.licence.appliesTo } : {}) },
        publisher: publication.publisher.name.sv,
        services: dataset.services,
        organizations: dataset.organizations,
        locations: dataset.locations,
        service_at_locations: dataset.serviceAtLocations,
        taxonomies: dataset.taxonomies,
        taxonomy_terms: dataset.taxonomyTerms,
      },
      null,
      2,
    )}\n`,
  );
  for (const name of Object.keys(HSDS_TABLES) as HsdsTable[]) files.set(name, table(name, rows[name]));
  files.set(
    'datapackage.json',
    `${JSON.stringify(
      {
        name: 'vagvisaren-hsds',
        title: publication.dataset.title.sv,
        description: publication.dataset.description.sv,
        profile: 'tabular-data-package',
        created: generatedAt,
        licenses: [licenceOf(publication)],
        resources: (Object.keys(HSDS_TABLES) as HsdsTable[]).map((name) => ({
          name: name.replace(/\.csv$/, ''),
          path: name,
          format: 'csv',
          mediatype: 'text/csv',
          encoding: 'utf-8',
          profile: 'tabular-data-resource',
          licenses: [licenceOf(publication)],
          schema: { fields: HSDS_TABLES[name].map((column) => ({ name: column })) },
        })),
      },
      null,
      2,
    )}\n`,
  );
  return files;
};
