/**
 * A municipality's CSV list of plots or premises read as source rows for the offer import: bytes
 * decoded by the mapping's encoding, split by its delimiter, the header's names as columns. Rows are
 * named by the file line they start on (the header is line 1); empty lines are skipped.
 */
import { parse } from 'csv-parse/sync';
import type { RecordIssue } from '#shared/services/catalogue-transfer.ts';
import type { SourceRow, SourceTable } from '#shared/services/offer-import.ts';

export type CsvRowsOptions = { delimiter: string; encoding: 'utf-8' | 'windows-1252' | 'iso-8859-1' };

const fileIssue = (reason: string, at = 'file'): RecordIssue => ({ at, field: '(file)', reason });

/** Reads CSV bytes into rows; a repeated or empty header name, or a row of the wrong length, is an issue. */
export const readCsvRows = (bytes: Uint8Array, options: CsvRowsOptions): SourceTable => {
  let text: string;
  try {
    text = new TextDecoder(options.encoding, { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { columns: [], rows: [], issues: [fileIssue(`not ${options.encoding} text; set "input.encoding" in the mapping (for example "windows-1252")`)] };
  }
  const buffer = Buffer.from(text, 'utf8');
  let parsed: { record: string[]; info: { bytes: number } }[];
  try {
    parsed = parse(buffer, { info: true, delimiter: options.delimiter, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof parsed;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    return { columns: [], rows: [], issues: [fileIssue(`not readable as CSV: ${message}`, lines === undefined ? 'file' : `line ${lines}`)] };
  }
  let offset = 0;
  let line = 1;
  const advanceTo = (end: number) => {
    for (; offset < end; offset += 1) if (buffer[offset] === 0x0a) line += 1;
  };
  const numbered = parsed.map(({ record, info }) => {
    let start = offset;
    while (start < buffer.length && (buffer[start] === 0x0a || buffer[start] === 0x0d)) start += 1;
    advanceTo(start);
    const at = line;
    advanceTo(info.bytes);
    return { line: at, cells: record };
  });
  const [header, ...body] = numbered;
  if (!header) return { columns: [], rows: [], issues: [fileIssue('the file is empty; expected a header line')] };
  const columns = header.cells.map((name) => name.trim());
  const issues: RecordIssue[] = [];
  columns.forEach((name, index) => {
    if (name === '') issues.push({ at: 'line 1', field: `column ${index + 1}`, reason: 'the header names no column here' });
    else if (columns.indexOf(name) !== index) issues.push({ at: 'line 1', field: name, reason: 'the column is named twice' });
  });
  const rows: SourceRow[] = [];
  for (const { line: at, cells } of body) {
    if (cells.length !== columns.length) {
      issues.push({ at: `line ${at}`, field: '(row)', reason: `has ${cells.length} cells; the header has ${columns.length} columns (is "input.delimiter" right?)` });
      continue;
    }
    rows.push({ at: `line ${at}`, cells: Object.fromEntries(columns.map((name, index) => [name, cells[index]])) });
  }
  return { columns, rows, issues };
};
