/**
 * The official HSDS 3.0 schemas (../shared/standards/hsds-3.0) under ajv's JSON Schema 2020-12
 * validator, every file loaded under its file name so their relative `$ref`s resolve. Absent folder:
 * `HSDS_SCHEMAS` is undefined and the tests that need it skip, saying why.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export const HSDS_SCHEMA_DIR = resolve(import.meta.dirname, '../../../shared/standards/hsds-3.0/schema');
export const HSDS_SKIP_REASON = `the official HSDS 3.0 schemas are not at ${HSDS_SCHEMA_DIR} (a clone without ../shared); skipping schema validation`;

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const load = () => {
  if (!existsSync(join(HSDS_SCHEMA_DIR, 'service.json'))) return undefined;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const files = [
    ...readdirSync(HSDS_SCHEMA_DIR).filter((name) => name.endsWith('.json') && name !== 'openapi.json').map((name) => name),
    ...readdirSync(join(HSDS_SCHEMA_DIR, 'compiled')).map((name) => `compiled/${name}`),
  ];
  for (const name of files) ajv.addSchema(JSON.parse(readFileSync(join(HSDS_SCHEMA_DIR, name), 'utf8')), name);
  const openapi = JSON.parse(readFileSync(join(HSDS_SCHEMA_DIR, 'openapi.json'), 'utf8'));
  ajv.addSchema({ ...openapi.components.schemas.Page, required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty'] }, 'page-envelope');
  /** The errors of `value` against the schema file `name` (`service.json`, `compiled/service_list.json`), empty when valid. */
  return (name: string, value: unknown): string[] => {
    const validate = ajv.getSchema(name);
    if (!validate) throw new Error(`no schema ${name}`);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  };
};

export const HSDS_SCHEMAS = load();
