/**
 * The catalogue as CSV: one row per entry, one column per field (README, "Catalogue import and
 * export"). Multi-valued cells hold their values separated by `|` (a literal `|` or `\` is written
 * `\|` or `\\`); `contact` is a JSON array and `details` the JSON object of the kind's own block; an
 * empty cell is an absent field. Rows are named by the file line they start on (the header is line 1).
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { EntryKind } from '#shared/domain/entry.ts';
import {
  BOOKKEEPING_FIELDS,
  DETAILS_FIELD,
  dottedPath,
  type FieldPath,
  type ImportRecord,
  type ImportSource,
  type RecordIssue,
  type SourceRecord,
} from '#shared/services/catalogue-transfer.ts';

/** The columns, in the order export writes them. */
export const CSV_COLUMNS = [
  'id',
  'kind',
  'status',
  'name_sv',
  'name_en',
  'summary_sv',
  'summary_en',
  'description_sv',
  'description_en',
  'areas',
  'stages',
  'supportTypes',
  'focus_level',
  'focus_profileAreas',
  'municipalities',
  'sectors',
  'providerId',
  'website',
  'languages',
  'validFrom',
  'validUntil',
  'lastVerifiedAt',
  'sources',
  'contact',
  'details',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns whose cell holds several values separated by `|`. */
export const LIST_COLUMNS = ['areas', 'stages', 'supportTypes', 'focus_profileAreas', 'municipalities', 'sectors', 'languages', 'sources'] as const;

const REQUIRED_COLUMNS: readonly CsvColumn[] = ['id', 'kind'];
const SEPARATOR = '|';

/** `a|b\|c` → `['a', 'b|c']`; values trimmed. */
export const splitList = (cell: string): string[] => {
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i += 1) {
    const char = cell[i]!;
    const following = cell[i + 1];
    if (char === '\\' && (following === SEPARATOR || following === '\\')) {
      current += following;
      i += 1;
    } else if (char === SEPARATOR) {
      values.push(current.trim());
      current = '';
    } else current += char;
  }
  values.push(current.trim());
  return values;
};

/** `['a', 'b|c']` → `a|b\|c`. */
export const joinList = (values: readonly string[]): string =>
  values.map((value) => value.replace(/[\\|]/g, (char) => `\\${char}`)).join(SEPARATOR);

// A spreadsheet runs a cell starting with = + - @ (or a tab or carriage return) as a formula. Export
// prefixes such a cell with an apostrophe, and one more before apostrophes already leading one, so
// that import can take exactly one off again.
const FORMULA = /^'*[=+\-@\t\r]/;
const neutralise = (cell: string): string => (FORMULA.test(cell) ? `'${cell}` : cell);
const restore = (cell: string): string => (cell.startsWith("'") && FORMULA.test(cell) ? cell.slice(1) : cell);

/** Names a record field path by its column: `name_en`, `focus_profileAreas.0`, `details.cost`, `areas.1`. */
export const csvFieldName = (path: FieldPath): string => {
  const [head, ...rest] = path.map(String);
  const tail = rest.length > 0 ? `.${rest.join('.')}` : '';
  switch (head) {
    case 'name':
    case 'summary':
    case 'description':
      return rest.length > 0 ? `${head}_${rest.join('.')}` : `${head}_sv`;
    case 'focus':
      return rest.length > 0 ? `focus_${rest.join('.')}` : 'focus_level';
    case 'offering':
    case 'testbed':
    case 'investor':
    case 'establishmentOffer':
      return `details${tail}`;
    default:
      return dottedPath(path);
  }
};

type Row = { line: number; cells: string[] };

/** The rows of a CSV text with the line each starts on; empty lines skipped. */
const readRows = (text: string): { rows: Row[]; error?: RecordIssue } => {
  const buffer = Buffer.from(text, 'utf8');
  const rows: Row[] = [];
  let offset = 0;
  let line = 1;
  const advanceTo = (end: number) => {
    for (; offset < end; offset += 1) if (buffer[offset] === 0x0a) line += 1;
  };
  try {
    const parsed = parse(buffer, { info: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as unknown as {
      record: string[];
      info: { bytes: number };
    }[];
    for (const { record, info } of parsed) {
      let start = offset;
      while (start < buffer.length && (buffer[start] === 0x0a || buffer[start] === 0x0d)) start += 1;
      advanceTo(start);
      rows.push({ line, cells: record });
      advanceTo(info.bytes);
    }
    return { rows };
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    return { rows, error: { at: lines === undefined ? 'file' : `line ${lines}`, field: '(file)', reason: `not readable as CSV: ${message}` } };
  }
};

/** Reads a CSV text into import records, with unknown, repeated or missing columns and unreadable cells as issues. */
export const readCsvRecords = (text: string): ImportSource => {
  const { rows, error } = readRows(text);
  const base = { fieldName: csvFieldName } as const;
  if (error) return { ...base, records: [], issues: [error] };
  const [header, ...body] = rows;
  if (!header) return { ...base, records: [], issues: [{ at: 'line 1', field: '(header)', reason: 'the file is empty; expected a header row' }] };

  const issues: RecordIssue[] = [];
  const columns = header.cells.map((cell) => cell.trim());
  const index = new Map<string, number>();
  columns.forEach((column, position) => {
    if (index.has(column)) issues.push({ at: 'line 1', field: column, reason: 'the column is repeated' });
    else if ((BOOKKEEPING_FIELDS as readonly string[]).includes(column)) {
      issues.push({ at: 'line 1', field: column, reason: 'is kept by the store and cannot be imported; remove the column' });
    } else if (!(CSV_COLUMNS as readonly string[]).includes(column)) {
      issues.push({ at: 'line 1', field: column || `(column ${position + 1})`, reason: `unknown column; expected columns among ${CSV_COLUMNS.join(', ')}` });
    }
    if (!index.has(column)) index.set(column, position);
  });
  for (const column of REQUIRED_COLUMNS) if (!index.has(column)) issues.push({ at: 'line 1', field: column, reason: 'the column is missing' });
  if (issues.length > 0) return { ...base, records: [], issues };

  const records = body
    .filter((row) => row.cells.some((cell) => cell.trim() !== ''))
    .map((row, position) => {
      const at = row.line === position + 2 ? `line ${row.line}` : `line ${row.line} (row ${position + 2})`;
      if (row.cells.length !== columns.length) {
        return { at, value: {}, issues: [{ path: [], reason: `the row has ${row.cells.length} cells; the header has ${columns.length}` }] };
      }
      return { at, ...rowToRecord(row.cells, index) };
    });
  return { ...base, records, issues: [] };
};

const rowToRecord = (cells: readonly string[], index: ReadonlyMap<string, number>): Omit<SourceRecord, 'at'> => {
  const issues: { path: FieldPath; reason: string }[] = [];
  const cell = (column: CsvColumn): string | undefined => {
    const position = index.get(column);
    const value = position === undefined ? undefined : cells[position]?.trim();
    return value === undefined || value === '' ? undefined : restore(value);
  };
  const list = (column: CsvColumn) => {
    const value = cell(column);
    return value === undefined ? undefined : splitList(value);
  };
  const localized = (field: 'name' | 'summary' | 'description') => {
    const sv = cell(`${field}_sv`);
    const en = cell(`${field}_en`);
    return sv === undefined && en === undefined ? undefined : { ...(sv === undefined ? {} : { sv }), ...(en === undefined ? {} : { en }) };
  };
  const json = (column: 'contact' | 'details') => {
    const value = cell(column);
    if (value === undefined) return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch (error) {
      issues.push({ path: [column], reason: `not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
  };

  const kind = cell('kind');
  const level = cell('focus_level');
  const profileAreas = list('focus_profileAreas');
  const municipalities = cell('municipalities');
  const details = json('details');
  const detailsField = kind !== undefined && kind in DETAILS_FIELD ? DETAILS_FIELD[kind as EntryKind] : undefined;
  if (details !== undefined && kind === 'actor') issues.push({ path: ['details'], reason: 'an actor has no details; leave the cell empty' });

  const value: Record<string, unknown> = {
    id: cell('id'),
    kind,
    status: cell('status'),
    name: localized('name'),
    summary: localized('summary'),
    description: localized('description'),
    areas: list('areas'),
    stages: list('stages'),
    supportTypes: list('supportTypes'),
    focus: level === undefined && profileAreas === undefined ? undefined : { level, ...(profileAreas === undefined ? {} : { profileAreas }) },
    municipalities: municipalities === undefined || municipalities === 'county' ? municipalities : splitList(municipalities),
    sectors: list('sectors'),
    providerId: cell('providerId'),
    website: cell('website'),
    contact: json('contact'),
    languages: list('languages'),
    validFrom: cell('validFrom'),
    validUntil: cell('validUntil'),
    lastVerifiedAt: cell('lastVerifiedAt'),
    sources: list('sources'),
    ...(detailsField === undefined ? {} : { [detailsField]: details }),
  };
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return { value, issues };
};

/** Writes records as CSV with every column, in `CSV_COLUMNS` order; import reads it back unchanged. */
export const writeCsvRecords = (records: readonly ImportRecord[]): string => {
  const rows = records.map((record) => {
    const detailsField = DETAILS_FIELD[record.kind];
    const details = detailsField === undefined ? undefined : (record as Record<string, unknown>)[detailsField];
    const row: Record<CsvColumn, string> = {
      id: record.id,
      kind: record.kind,
      status: record.status,
      name_sv: record.name.sv,
      name_en: record.name.en ?? '',
      summary_sv: record.summary.sv,
      summary_en: record.summary.en ?? '',
      description_sv: record.description.sv,
      description_en: record.description.en ?? '',
      areas: joinList(record.areas),
      stages: joinList(record.stages),
      supportTypes: joinList(record.supportTypes),
      focus_level: record.focus.level,
      focus_profileAreas: joinList(record.focus.profileAreas),
      municipalities: record.municipalities === 'county' ? 'county' : joinList(record.municipalities),
      sectors: joinList(record.sectors),
      providerId: record.providerId ?? '',
      website: record.website ?? '',
      languages: joinList(record.languages),
      validFrom: record.validFrom ?? '',
      validUntil: record.validUntil ?? '',
      lastVerifiedAt: record.lastVerifiedAt ?? '',
      sources: joinList(record.sources),
      contact: record.contact.length > 0 ? JSON.stringify(record.contact) : '',
      details: details === undefined ? '' : JSON.stringify(details),
    };
    return CSV_COLUMNS.map((column) => neutralise(row[column]));
  });
  return stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: 'unix' });
};
