/**
 * Establishment offers from a municipality's own list (CSV rows or GeoJSON features) by a column
 * mapping: each row becomes an establishment-offer import record, with cells read as Swedish
 * numbers, yes/no, dates, lists and prices, value maps applied and constants filled in. Pure: the
 * records go on to the catalogue import (validation, plan, all-or-nothing apply), and the report
 * says which file columns the mapping leaves unused and which mapped columns the file lacks.
 */
import { slugFromName } from '#shared/domain/entry-input.ts';
import { getPath, setPath } from '#shared/domain/object-path.ts';
import type { GeoPoint } from '#shared/domain/entry.ts';
import { fillTemplate, templateColumns, TARGET_FIELDS, type FieldSource, type OfferMapping, type TargetField, type TargetType } from '#shared/import/offer-mapping.ts';
import { dottedPath, type FieldPath, type ImportSource, type RecordIssue, type SourceRecord } from './catalogue-transfer.ts';
import { readTypedNumber } from '#shared/domain/text.ts';

/** One row of the source: its cells by column name, named for messages (`line 4`, `feature 2`), and a GeoJSON point. */
export type SourceRow = { at: string; cells: Readonly<Record<string, unknown>>; point?: GeoPoint };

/** What a CSV or GeoJSON reader made of a file: the columns it has, its rows, and problems with the file. */
export type SourceTable = { columns: string[]; rows: SourceRow[]; issues: RecordIssue[] };

export type OfferImportReport = {
  /** Columns the file has, in file order. */
  columns: string[];
  /** Columns of the file the mapping does not use. */
  unusedColumns: string[];
  /** Columns the mapping names that the file lacks. */
  missingColumns: string[];
};


const YES = new Set(['ja', 'j', 'yes', 'y', 'true', 'sant', '1', 'x']);
const NO = new Set(['nej', 'n', 'no', 'false', 'falskt', '0']);

const cellText = (cell: unknown): string => {
  if (cell === undefined || cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return JSON.stringify(cell);
};

class CellError extends Error {}

const convert = (type: TargetType, value: unknown, source: FieldSource): unknown => {
  const text = typeof value === 'string' ? value.trim() : value;
  switch (type) {
    case 'text':
      return String(text);
    case 'date': {
      const match = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(String(text));
      if (!match) throw new CellError(`"${String(text)}" is not a date; expected YYYY-MM-DD`);
      return match[1];
    }
    case 'number': {
      const number = typeof text === 'number' ? text : readTypedNumber(String(text), 'sv');
      if (number === undefined || !Number.isFinite(number)) throw new CellError(`"${String(text)}" is not a number (write for example 50 000 or 12,5)`);
      return source.multiply === undefined ? number : Math.round(number * source.multiply * 1e6) / 1e6;
    }
    case 'boolean': {
      if (typeof text === 'boolean') return text;
      const word = String(text).toLocaleLowerCase('sv');
      if (YES.has(word)) return true;
      if (NO.has(word)) return false;
      throw new CellError(`"${String(text)}" is not yes or no (ja/nej, true/false, 1/0)`);
    }
    case 'price': {
      if (text === 'on-request') return { kind: 'on-request' };
      const number = typeof text === 'number' ? text : readTypedNumber(String(text), 'sv');
      if (number === undefined) throw new CellError(`"${String(text)}" is not a price in SEK per m² (or "on-request" through the value map)`);
      return { kind: 'per-m2', sekPerM2: source.multiply === undefined ? number : number * source.multiply };
    }
    case 'list':
    case 'localized-list':
      throw new Error('lists are converted item by item');
  }
};

/** A value map lookup, ignoring case and surrounding space: `{found: value}` or undefined when the map lacks it. */
const lookUp = (values: Record<string, unknown>, raw: string): { found: unknown } | undefined => {
  const key = raw.trim().toLocaleLowerCase('sv');
  for (const [from, to] of Object.entries(values)) if (from.trim().toLocaleLowerCase('sv') === key) return { found: to };
  return undefined;
};

const OMIT = Symbol('omit');

/** One raw text through the value map: the mapped value, the text itself, or OMIT. */
const mapped = (source: FieldSource, raw: string): unknown => {
  if (source.values === undefined) return raw;
  const hit = lookUp(source.values, raw);
  if (hit) return hit.found === null ? OMIT : hit.found;
  if (source.otherwise === 'omit') return OMIT;
  if (source.otherwise === 'keep') return raw;
  throw new CellError(`"${raw}" is not one of the mapping's values (${Object.keys(source.values).map((k) => `"${k}"`).join(', ')})`);
};

/** A field's value for a row, or OMIT when the cell is empty and there is no default. */
const fieldValue = (target: TargetField, source: FieldSource, row: SourceRow): unknown => {
  const type: TargetType = TARGET_FIELDS[target];
  const raw =
    source.column !== undefined
      ? cellText(row.cells[source.column])
      : fillTemplate(source.template!, (column) => cellText(row.cells[column])).replace(/\s+/g, ' ').trim();
  if (raw === '') {
    if (source.default === undefined) return OMIT;
    if (type === 'list' || type === 'localized-list') {
      const items = Array.isArray(source.default) ? source.default : [String(source.default)];
      return type === 'list' ? items : items.map((sv) => ({ sv }));
    }
    return convert(type, source.default, source);
  }
  if (type === 'list' || type === 'localized-list') {
    const items = raw
      .split(source.separator ?? ',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
      .map((item) => mapped(source, item))
      .filter((item) => item !== OMIT)
      .map(String);
    if (items.length === 0) return OMIT;
    return type === 'list' ? [...new Set(items)] : items.map((sv) => ({ sv }));
  }
  const value = mapped(source, raw);
  return value === OMIT ? OMIT : convert(type, value, source);
};

const sourceColumns = (source: FieldSource): string[] => (source.column !== undefined ? [source.column] : templateColumns(source.template!));

/** How a mapped field names its source in messages: `column "areal"` or `template "Tomt {id}"`. */
const describeSource = (source: FieldSource): string => (source.column !== undefined ? `column "${source.column}"` : `template "${source.template}"`);

/**
 * Turns rows into establishment-offer import records by the mapping. Constants come first, mapped
 * fields over them; `municipalities` defaults to the location's municipality, and the position to the
 * GeoJSON point when no mapped column gives one. A cell that cannot be read is an issue of its row, named by field and column.
 */
export const mapOffers = (table: SourceTable, mapping: OfferMapping): { source: ImportSource; report: OfferImportReport } => {
  const fields = Object.entries(mapping.fields) as [TargetField, FieldSource][];
  const idColumns = templateColumns(mapping.id);
  const used = new Set([...idColumns, ...fields.flatMap(([, source]) => sourceColumns(source))]);
  const present = new Set(table.columns);
  const report: OfferImportReport = {
    columns: table.columns,
    unusedColumns: table.columns.filter((column) => !used.has(column)),
    missingColumns: [...used].filter((column) => !present.has(column)),
  };

  const records: SourceRecord[] = table.rows.map((row) => {
    const record: Record<string, unknown> = { kind: 'establishment-offer', focus: { level: 'breadth' } };
    const issues: { path: FieldPath; reason: string }[] = [];
    for (const [path, value] of Object.entries(mapping.constants)) setPath(record, path.split('.'), structuredClone(value));

    const emptyIdColumns = idColumns.filter((column) => cellText(row.cells[column]) === '');
    if (emptyIdColumns.length > 0) issues.push({ path: ['id'], reason: `the id needs ${emptyIdColumns.map((c) => `"${c}"`).join(', ')}, which ${emptyIdColumns.length === 1 ? 'is' : 'are'} empty` });
    else record.id = slugFromName(fillTemplate(mapping.id, (column) => cellText(row.cells[column])));

    for (const [target, source] of fields) {
      try {
        const value = fieldValue(target, source, row);
        if (value !== OMIT) setPath(record, target.split('.'), value);
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        issues.push({ path: target.split('.'), reason: error.message });
      }
    }
    if (row.point && getPath(record, ['establishmentOffer', 'location', 'position']) === undefined) setPath(record, ['establishmentOffer', 'location', 'position'], { ...row.point });
    const municipality = getPath(record, ['establishmentOffer', 'location', 'municipality']);
    if (record.municipalities === undefined && typeof municipality === 'string') record.municipalities = [municipality];
    return { at: row.at, value: record, ...(issues.length > 0 ? { issues } : {}) };
  });

  const described = new Map<string, string>([['id', `template "${mapping.id}"`], ...fields.map(([target, source]) => [target, describeSource(source)] as [string, string])]);
  const fieldName = (path: FieldPath): string => {
    const name = dottedPath(path);
    const parts = path.map(String);
    for (let length = parts.length; length > 0; length -= 1) {
      const origin = described.get(parts.slice(0, length).join('.'));
      if (origin !== undefined) return `${name} (${origin})`;
    }
    return name;
  };
  return { source: { records, issues: table.issues, fieldName }, report };
};
