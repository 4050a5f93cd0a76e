import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvFieldName, joinList, readCsvRecords, splitList, writeCsvRecords } from '#shared/adapters/csv/catalogue-csv.ts';
import { ENTRY_KINDS, type Entry } from '#shared/domain/entry.ts';
import { readJsonRecords, toRecord, validateSource, writeJsonRecords } from '#shared/services/catalogue-transfer.ts';
import { seedEntries } from '#shared/services/seed-catalogue.ts';
import { seedRecords } from '#shared/seed/regions.ts';
import { anEntry, NOW, taxonomy } from '../support/builders.ts';

/** An entry of every kind with every optional field filled and text that CSV must quote or escape. */
const richEntries = (): Entry[] => [
  anEntry({
    id: 'rich-actor',
    kind: 'actor',
    name: { sv: 'Aktör, "citerad" & ny', en: 'Actor, "quoted"' },
    description: { sv: 'Rad ett\nRad två\r\nRad tre', en: 'Line one\nLine two' },
    summary: { sv: '=SUMMA(A1:A2) ska inte räknas', en: "'=quoted already" },
    areas: ['company-development', 'innovation'],
    stages: ['idea', 'startup', 'growth'],
    supportTypes: ['advice', 'grant'],
    focus: { level: 'spearhead', profileAreas: ['autonomous-production'] },
    municipalities: ['1880', '1881'],
    sectors: ['-minus först', 'Tillverkning | verkstad', 'back\\slash'],
    website: 'https://example.se/aktor',
    contact: [
      { type: 'web', url: 'https://example.se/kontakt', label: { sv: 'Kontakt', en: 'Contact' } },
      { type: 'email', address: 'info@example.se' },
    ],
    languages: ['sv', 'en'],
    validFrom: '2026-01-01',
    validUntil: '2027-12-31',
    lastVerifiedAt: '2026-10-01T08:30:00.000Z',
    sources: ['https://example.se/a', 'https://example.se/b?x=1&y=2'],
    status: 'draft',
  }),
  anEntry({ id: 'rich-offering', kind: 'offering', providerId: 'rich-actor', offering: { cost: 'subsidised', costNote: { sv: 'Halva kostnaden' }, applicationPeriod: { opens: '2026-02-01', closes: '2026-03-01' } } }),
  anEntry({ id: 'rich-testbed', kind: 'testbed', testbed: { capabilities: [{ sv: 'Robotik', en: 'Robotics' }], trl: { min: 3, max: 7 }, accessTerms: { sv: 'Enligt avtal' } }, status: 'archived' }),
  anEntry({ id: 'rich-investor', kind: 'investor', investor: { instruments: ['equity', 'loan'], ticketSizeSek: { min: 100000, max: 5000000 }, investmentStages: ['startup', 'growth'] } }),
  anEntry({
    id: 'rich-establishment',
    kind: 'establishment-offer',
    municipalities: ['1861'],
    establishmentOffer: { offerType: 'land', location: { municipality: '1861', placeName: 'Hallsberg', position: { lat: 59.07, lon: 15.11 } }, landAreaM2: 120000.5, keyFacts: [{ sv: 'Nära järnväg' }] },
  }),
];

const valid = (text: string) => validateSource(readCsvRecords(text), taxonomy);

const header = CSV_COLUMNS.join(',');
/** One CSV row (quoted as needed, no line break) with the given cells and the rest empty. */
const row = (cells: Partial<Record<(typeof CSV_COLUMNS)[number], string>>) =>
  stringify([CSV_COLUMNS.map((column) => cells[column] ?? '')], { record_delimiter: 'unix' }).replace(/\n$/, '');
const minimal = {
  id: 'minimal-actor',
  kind: 'actor',
  name_sv: 'Minimal',
  summary_sv: 'Kort',
  description_sv: 'Längre',
  areas: 'innovation',
  stages: 'idea',
  focus_level: 'breadth',
  municipalities: 'county',
};

describe('writeCsvRecords and readCsvRecords', () => {
  it('round-trip an entry of every kind, with every field, exactly', () => {
    const records = richEntries().map(toRecord);
    expect(new Set(records.map((record) => record.kind))).toEqual(new Set(ENTRY_KINDS));
    const result = valid(writeCsvRecords(records));
    expect(result.issues).toEqual([]);
    expect(result.records.map(({ record }) => record)).toEqual(records);
  });

  it('round-trip the whole demonstration catalogue, as CSV and as JSON', () => {
    const records = seedEntries(seedRecords('orebro-lan'), taxonomy, NOW).map(toRecord);
    expect(valid(writeCsvRecords(records)).records.map(({ record }) => record)).toEqual(records);
    expect(validateSource(readJsonRecords(writeJsonRecords(records)), taxonomy).records.map(({ record }) => record)).toEqual(records);
  });

  it('writes one header row with every column in the documented order, then one row per entry', () => {
    const text = writeCsvRecords(richEntries().map(toRecord));
    expect(text.split('\n')[0]).toBe(header);
    expect(readCsvRecords(text).records).toHaveLength(5);
  });

  it('writes multi-valued fields separated by "|" and contact and details as JSON', () => {
    const text = writeCsvRecords(richEntries().map(toRecord));
    expect(text).toContain('company-development|innovation');
    expect(text).toContain('Tillverkning \\| verkstad|back\\\\slash,');
    expect(text).toContain('"{""cost"":""subsidised""');
    expect(text).toContain('"[{""type"":""web""');
  });

  it('keeps a spreadsheet from running a cell as a formula and reads the cell back as it was', () => {
    const text = writeCsvRecords([toRecord(richEntries()[0]!)]);
    expect(text).toContain(",'=SUMMA(A1:A2) ska inte räknas,");
    expect(text).toContain(",''=quoted already,");
    expect(text).toContain(",'-minus först|Tillverkning");
  });
});

describe('readCsvRecords', () => {
  it('reads a minimal row, filling the defaults the entry schema has', () => {
    const result = valid(`${header}\n${row(minimal)}\n`);
    expect(result.issues).toEqual([]);
    expect(result.records[0]).toMatchObject({
      at: 'line 2',
      record: { id: 'minimal-actor', status: 'draft', supportTypes: [], languages: ['sv'], contact: [], focus: { level: 'breadth', profileAreas: [] } },
    });
  });

  it('accepts only some of the columns, in any order, and a byte-order mark', () => {
    const text = '\uFEFFkind,id,name_sv,summary_sv,description_sv,areas,stages,focus_level,municipalities\nactor,a-b-c,N,S,D,innovation,idea,breadth,1880|1881\n';
    const result = valid(text);
    expect(result.issues).toEqual([]);
    expect(result.records[0]?.record.municipalities).toEqual(['1880', '1881']);
  });

  it('names an unknown column, a bookkeeping column and a missing id column on line 1, and reads no rows', () => {
    const source = readCsvRecords('kind,name_sv,colour,version\nactor,N,red,3\n');
    expect(source.records).toEqual([]);
    expect(source.issues).toEqual([
      { at: 'line 1', field: 'colour', reason: expect.stringContaining('unknown column') },
      { at: 'line 1', field: 'version', reason: expect.stringContaining('kept by the store') },
      { at: 'line 1', field: 'id', reason: 'the column is missing' },
    ]);
  });

  it('names each row by the line it starts on, past quoted line breaks and empty lines', () => {
    const text = `${header}\r\n${row({ ...minimal, id: 'first-one', description_sv: 'a\r\nb\r\nc' })}\r\n\r\n${row({ ...minimal, id: 'second-one', areas: 'space' })}\r\n`;
    const result = valid(text);
    expect(result.issues).toEqual([{ at: 'line 6 (row 3)', field: 'areas.0', reason: 'unknown code "space"' }]);
    expect(result.records[0]?.at).toBe('line 2');
  });

  it('names the cell of a bad field by its column', () => {
    const text = `${header}\n${row({ ...minimal, kind: 'offering', name_sv: '', name_en: 'Only English', focus_level: '', focus_profileAreas: 'x', details: '{"cost":"cheap"}', contact: '[{"type":"web"' })}\n`;
    const fields = valid(text).issues.map((issue) => `${issue.field}: ${issue.reason}`);
    expect(fields).toEqual([
      expect.stringMatching(/^contact: not valid JSON/),
      'name_sv: required',
      'focus_level: required',
      expect.stringMatching(/^details\.cost: Invalid option/),
    ]);
  });

  it('refuses details on an actor and a row whose cells do not match the header', () => {
    const text = `${header}\n${row({ ...minimal, details: '{"cost":"free"}' })}\n${row(minimal)},extra\n`;
    expect(valid(text).issues).toEqual([
      { at: 'line 2', field: 'details', reason: 'an actor has no details; leave the cell empty' },
      { at: 'line 3', field: '(record)', reason: `the row has ${CSV_COLUMNS.length + 1} cells; the header has ${CSV_COLUMNS.length}` },
    ]);
  });

  it('reports a file that is not CSV at all with its line', () => {
    expect(readCsvRecords(`${header}\n"unclosed,quote\n`).issues).toEqual([
      { at: expect.stringMatching(/^line \d+$/), field: '(file)', reason: expect.stringContaining('not readable as CSV') },
    ]);
  });
});

describe('splitList and joinList', () => {
  it('split on "|" unless it is escaped, and join back to the same cell', () => {
    expect(splitList('a | b\\|c|d\\\\')).toEqual(['a', 'b|c', 'd\\']);
    expect(joinList(['a', 'b|c', 'd\\'])).toBe('a|b\\|c|d\\\\');
    expect(splitList(joinList(['x\\|y', '|']))).toEqual(['x\\|y', '|']);
  });
});

describe('csvFieldName', () => {
  it('names a record field path by the column that holds it', () => {
    expect(csvFieldName(['name', 'en'])).toBe('name_en');
    expect(csvFieldName(['summary'])).toBe('summary_sv');
    expect(csvFieldName(['focus', 'profileAreas', 0])).toBe('focus_profileAreas.0');
    expect(csvFieldName(['establishmentOffer', 'location', 'municipality'])).toBe('details.location.municipality');
    expect(csvFieldName(['areas', 1])).toBe('areas.1');
    expect(csvFieldName([])).toBe('(record)');
  });
});

