/**
 * The column-mapping file of an establishment-offer import: how a municipality's list of available
 * plots or premises (CSV or GeoJSON) becomes catalogue records without code changes. It names the
 * input format, the id template, each record field's source column or template with value maps,
 * and constants every record gets. The target fields and how a cell is read for each are fixed here.
 */
import { z } from 'zod';
import { unsafeKeysIn, unsafePathReason } from '#shared/domain/object-path.ts';

/** How a cell becomes a field's value. */
export type TargetType = 'text' | 'date' | 'number' | 'boolean' | 'list' | 'localized-list' | 'price';

/** Every record field a column or template may fill, by dotted path, and how its cells are read. */
export const TARGET_FIELDS = {
  'name.sv': 'text',
  'name.en': 'text',
  'summary.sv': 'text',
  'summary.en': 'text',
  'description.sv': 'text',
  'description.en': 'text',
  status: 'text',
  providerId: 'text',
  website: 'text',
  validFrom: 'date',
  validUntil: 'date',
  areas: 'list',
  stages: 'list',
  supportTypes: 'list',
  municipalities: 'list',
  sectors: 'list',
  languages: 'list',
  sources: 'list',
  'establishmentOffer.offerType': 'text',
  'establishmentOffer.location.municipality': 'text',
  'establishmentOffer.location.placeName': 'text',
  'establishmentOffer.location.position.lat': 'number',
  'establishmentOffer.location.position.lon': 'number',
  'establishmentOffer.landAreaM2': 'number',
  'establishmentOffer.floorAreaM2': 'number',
  'establishmentOffer.zoning.planStatus': 'text',
  'establishmentOffer.zoning.permittedUse.sv': 'text',
  'establishmentOffer.zoning.permittedUse.en': 'text',
  'establishmentOffer.powerCapacityMW': 'number',
  'establishmentOffer.waterAndSewer': 'text',
  'establishmentOffer.fibre': 'text',
  'establishmentOffer.railSiding': 'boolean',
  'establishmentOffer.distancesKm.motorway': 'number',
  'establishmentOffer.distancesKm.railHub': 'number',
  'establishmentOffer.distancesKm.airport': 'number',
  'establishmentOffer.price': 'price',
  'establishmentOffer.availability.status': 'text',
  'establishmentOffer.availability.availableFrom': 'date',
  'establishmentOffer.keyFacts': 'localized-list',
} as const satisfies Record<string, TargetType>;
export type TargetField = keyof typeof TARGET_FIELDS;
const TARGETS = Object.keys(TARGET_FIELDS) as TargetField[];

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** The column names a template such as `tomt-{kommunkod}-{id}` refers to. */
export const templateColumns = (template: string): string[] => [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!.trim());

/** Fills a template's `{column}` placeholders with `lookup(column)`. */
export const fillTemplate = (template: string, lookup: (column: string) => string): string =>
  template.replace(PLACEHOLDER, (_whole, column: string) => lookup(column.trim()));

const Template = z.string().trim().min(1).refine((template) => templateColumns(template).length > 0, 'a template names at least one {column}');

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * One field's source: a column name, or an object with `column` or `template`, an optional value map
 * (`values`: source text → value, `null` to leave the field out), what to do with a value the map
 * lacks (`otherwise`), a `default` for an empty cell, a list `separator` and a number `multiply`.
 */
export const FieldSource = z.preprocess(
  (source) => (typeof source === 'string' ? { column: source } : source),
  z
    .strictObject({
      column: z.string().trim().min(1).optional(),
      template: Template.optional(),
      values: z.record(z.string(), z.union([Scalar, z.null()])).optional(),
      otherwise: z.enum(['error', 'keep', 'omit']).default('error'),
      default: z.union([Scalar, z.array(z.string())]).optional(),
      separator: z.string().min(1).optional(),
      multiply: z.number().positive().optional(),
    }, { error: 'expected a column name or an object with "column" or "template"' })
    .refine((source) => (source.column === undefined) !== (source.template === undefined), 'give either "column" or "template", not both'),
);
export type FieldSource = z.infer<typeof FieldSource>;

/** Record fields the mapping may not set: the import forms `id` and `kind`, the store keeps the rest. */
const RESERVED = ['id', 'kind', 'version', 'createdAt', 'updatedAt', 'demo'];

/**
 * How to read the file: `format` csv or geojson (by default from the file's extension, so one
 * mapping serves a list published both ways), and for CSV its `delimiter` and `encoding`. In
 * GeoJSON the columns are the feature properties and a Point geometry gives the position.
 */
export const MappingInput = z.strictObject({
  format: z.enum(['csv', 'geojson']).optional(),
  delimiter: z.string().min(1).max(3).default(','),
  encoding: z.enum(['utf-8', 'windows-1252', 'iso-8859-1']).default('utf-8'),
});

export const OfferMapping = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  input: MappingInput.default({ delimiter: ',', encoding: 'utf-8' }),
  /** The entry id from columns, made a slug: `tomt-{kommunkod}-{id}` → `tomt-1861-a-12`. */
  id: Template,
  /** Values every record gets, by dotted record path (`providerId`, `areas`, `establishmentOffer.offerType`); a mapped field overrides one. */
  constants: z
    .record(z.string(), z.unknown())
    .default({})
    .superRefine((constants, context) => {
      for (const key of Object.keys(constants)) {
        const unsafe = unsafePathReason(key);
        if (unsafe !== undefined) context.addIssue({ code: 'custom', path: [key], message: `"${key}" cannot be a constant's path: it ${unsafe}` });
        else if (RESERVED.includes(key.split('.')[0]!)) context.addIssue({ code: 'custom', path: [key], message: `"${key}" cannot be a constant: the import forms it` });
      }
    }),
  fields: z.record(z.string(), FieldSource).superRefine((fields, context) => {
    for (const key of Object.keys(fields)) {
      if (!(TARGETS as string[]).includes(key)) context.addIssue({ code: 'custom', path: [key], message: `unknown field "${key}"; expected one of ${TARGETS.join(', ')}` });
    }
  }),
});
export type OfferMapping = z.infer<typeof OfferMapping>;

/** A mapping file's text as a mapping, or its problems named by JSON path (`fields.areal.multiply: …`). */
export const parseOfferMapping = (text: string): { mapping: OfferMapping } | { errors: string[] } => {
  let body: unknown;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { errors: [`not valid JSON: ${(error as Error).message}`] };
  }
  const unsafe = unsafeKeysIn(body);
  if (unsafe.length > 0) return { errors: unsafe.map((path) => `${path}: "${path.split('.').at(-1)}" may not be a key`) };
  const parsed = OfferMapping.safeParse(body);
  if (parsed.success) return { mapping: parsed.data };
  return {
    errors: parsed.error.issues.map((issue) => {
      const where = issue.path.length === 0 ? '(mapping)' : issue.path.map(String).join('.');
      return `${where}: ${issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message}`;
    }),
  };
};
