import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCatalogue } from '#functions/cli/catalogue.ts';
import { startDynalite } from '#functions/local/dynalite.ts';
import { readGeoJsonRows } from '#shared/adapters/geojson/feature-collection.ts';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import type { EntryId } from '#shared/domain/entry.ts';
import { parseOfferMapping } from '#shared/import/offer-mapping.ts';
import { loadStored } from '#shared/services/catalogue-transfer.ts';
import { mapOffers } from '#shared/services/offer-import.ts';
import { readTypedNumber } from '#shared/domain/text.ts';
import { fixedClock } from '../support/builders.ts';
import { dynamoClient } from '../support/dynamo.ts';

const MAPPING = 'shared/import/lediga-tomter.mapping.json';
const CSV = 'tests/fixtures/offers/lediga-tomter.csv';
const GEOJSON = 'tests/fixtures/offers/lediga-tomter.geojson';
const BAD_CSV = 'tests/fixtures/offers/lediga-tomter-bad-number.csv';
const IDS = ['tomt-1861-a1', 'tomt-1861-a2', 'tomt-1881-b7'];

const workDir = mkdtempSync(join(tmpdir(), 'vagvisaren-offers-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
let dirs = 0;
const freshDataDir = () => join(workDir, `data-${(dirs += 1)}`);

const sink = () => {
  const chunks: string[] = [];
  return { isTTY: false, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
};

const run = async (dataDir: string, ...argv: string[]) => {
  const out = sink();
  const err = sink();
  const code = await runCatalogue(argv, { DATA_DIR: dataDir }, { out, err, clock: fixedClock, username: 'tester' });
  return { code, out: out.text(), err: err.text() };
};

const stored = async (dataDir: string) => {
  const store = await startDynalite({ path: join(dataDir, 'dynamodb') });
  const client = dynamoClient(store.endpoint);
  try {
    await ensureTable(client, 'vagvisaren');
    const repository = new DynamoEntryRepository(documentClient(client), 'vagvisaren');
    return { entries: await loadStored(repository), history: await repository.history('tomt-1861-a1' as EntryId) };
  } finally {
    client.destroy();
    await store.close();
  }
};

describe('reading offers by a mapping', () => {
  it.each([
    ['50 000', 50_000],
    ['12,5', 12.5],
    ['1\u00a0234,75', 1234.75],
    ['59.067', 59.067],
    ['-3', -3],
  ])('reads %j as %d', (text, number) => expect(readTypedNumber(text, 'sv')).toBe(number));

  it.each(['12 5OO', '1,2,3', '', 'ca 100'])('refuses %j as a number', (text) => expect(readTypedNumber(text, 'sv')).toBeUndefined());

  it('names every problem of a bad mapping by its path', () => {
    const result = parseOfferMapping(
      JSON.stringify({ id: 'tomt', constants: { kind: 'actor' }, fields: { 'establishmentOffer.areaM2': 'areal', 'name.sv': { column: 'namn', template: '{namn}' } } }),
    );
    const errors = 'errors' in result ? result.errors : [];
    expect(errors).toHaveLength(4);
    expect(errors).toEqual(expect.arrayContaining([
      'id: a template names at least one {column}',
      'constants.kind: "kind" cannot be a constant: the import forms it',
      expect.stringMatching(/^fields\.establishmentOffer\.areaM2: unknown field "establishmentOffer\.areaM2"; expected one of name\.sv, /),
      'fields.name.sv: give either "column" or "template", not both',
    ]));
  });

  it('reads a GeoJSON point as the position and refuses a polygon or projected coordinates, naming the feature', () => {
    const point = (coordinates: number[]) => ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { id: 'x' } });
    const table = readGeoJsonRows(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [point([15.11, 59.067]), { type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: {} }, point([512_000, 6_545_000])],
      }),
    );
    expect(table.rows).toEqual([{ at: 'feature 1', cells: { id: 'x' }, point: { lat: 59.067, lon: 15.11 } }]);
    expect(table.issues.map((i) => `${i.at}, ${i.field}`)).toEqual(['feature 2, geometry', 'feature 3, geometry.coordinates']);
    expect(readGeoJsonRows('[]').issues[0]?.reason).toMatch(/FeatureCollection/);
  });

  it('maps a row to an establishment offer with value maps, constants and Swedish numbers', () => {
    const mapping = parseOfferMapping(readFileSync(MAPPING, 'utf8'));
    if (!('mapping' in mapping)) throw new Error('the example mapping is invalid');
    const { source } = mapOffers(
      {
        columns: ['kommunkod', 'id', 'namn', 'ort', 'areal', 'pris', 'status'],
        rows: [{ at: 'line 2', cells: { kommunkod: '1861', id: 'Q 9', namn: 'Demotomt', ort: 'Hallsberg', areal: '50 000', pris: 'offert', status: 'reserverad' } }],
        issues: [],
      },
      mapping.mapping,
    );
    expect(source.records[0]).toMatchObject({
      at: 'line 2',
      value: {
        id: 'tomt-1861-q-9',
        kind: 'establishment-offer',
        providerId: 'hallsbergs-kommun-naringsliv',
        municipalities: ['1861'],
        areas: ['investment-establishment'],
        establishmentOffer: { offerType: 'land', landAreaM2: 50_000, price: { kind: 'on-request' }, availability: { status: 'reserved' }, location: { municipality: '1861', placeName: 'Hallsberg' } },
      },
    });
  });
});

describe('npm run catalogue -- import-offers', () => {
  it('dry-runs: reports what would be created and the unused columns, and writes nothing', async () => {
    const dataDir = freshDataDir();
    const result = await run(dataDir, 'import-offers', CSV, '--mapping', MAPPING, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Columns the mapping does not use: "adress", "uppdaterad"\n');
    expect(result.out).not.toContain('missing from the file');
    expect(result.out).toContain('Would be 3 created, 0 changed, 0 unchanged');
    expect(result.out).toContain(`  create 3: ${IDS.join(', ')}\n`);
    expect((await stored(dataDir)).entries.size).toBe(0);
  });

  it('imports the offers, then a re-import changes nothing', async () => {
    const dataDir = freshDataDir();
    const first = await run(dataDir, 'import-offers', CSV, '--mapping', MAPPING, '--as', 'demo-investment');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/: 3 created, 0 changed, 0 unchanged \(/);
    const { entries, history } = await stored(dataDir);
    expect([...entries.keys()].sort()).toEqual(IDS);
    expect(entries.get('tomt-1861-a1')).toMatchObject({
      status: 'published',
      website: 'https://example.se/tomter/a1',
      establishmentOffer: {
        landAreaM2: 50_000,
        price: { kind: 'per-m2', sekPerM2: 250 },
        availability: { status: 'available' },
        zoning: { planStatus: 'detailed-plan' },
        location: { municipality: '1861', placeName: 'Hallsberg', position: { lat: 59.067, lon: 15.11 } },
      },
    });
    expect(entries.get('tomt-1861-a2')).toMatchObject({ establishmentOffer: { landAreaM2: 12_500.5, price: { kind: 'on-request' }, availability: { status: 'reserved' } } });
    expect(entries.get('tomt-1881-b7')).toMatchObject({ providerId: 'kumla-kommun-naringsliv', description: { sv: 'Påhittad tomt för tester; "ingen riktig mark".' } });
    expect(history.map((r) => [r.action, r.actor.name])).toEqual([['import', 'offer import (demo-investment)']]);

    const again = await run(dataDir, 'import-offers', CSV, '--mapping', MAPPING);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/: 0 created, 0 changed, 3 unchanged; nothing to write/);
  });

  it('fails the whole import on a bad number, naming the line, field and column, and writes nothing', async () => {
    const dataDir = freshDataDir();
    const result = await run(dataDir, 'import-offers', BAD_CSV, '--mapping', MAPPING);
    expect(result.code).toBe(1);
    expect(result.out).toContain('line 3, establishmentOffer.landAreaM2 (column "areal"): "12 5OO" is not a number');
    expect(result.out).toContain('Nothing was written: 1 record of 2');
    expect((await stored(dataDir)).entries.size).toBe(0);
  });

  it('imports the GeoJSON equivalent with positions from the points, reporting the coordinate columns it lacks', async () => {
    const dataDir = freshDataDir();
    const result = await run(dataDir, 'import-offers', GEOJSON, '--mapping', MAPPING);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Columns the mapping does not use: "adress"\n');
    expect(result.out).toContain('Mapped columns missing from the file: "latitud", "longitud"\n');
    expect(result.out).toMatch(/: 3 created, 0 changed, 0 unchanged/);
    const { entries } = await stored(dataDir);
    expect(entries.get('tomt-1861-a1')).toMatchObject({ establishmentOffer: { landAreaM2: 50_000, location: { position: { lat: 59.067, lon: 15.11 } } } });
    expect(entries.get('tomt-1861-a2')).toMatchObject({ establishmentOffer: { landAreaM2: 12_500.5 } });
    expect((await run(dataDir, 'import-offers', GEOJSON, '--mapping', MAPPING)).out).toMatch(/0 created, 0 changed, 3 unchanged/);
  });

  it('refuses an invalid mapping and a missing --mapping', async () => {
    const mapping = join(workDir, 'bad.mapping.json');
    writeFileSync(mapping, JSON.stringify({ id: 'tomt-{id}', fields: { 'name.sv': { column: 'namn', multiply: -1 } } }));
    const bad = await run(freshDataDir(), 'import-offers', CSV, '--mapping', mapping);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('fields.name.sv.multiply:');
    const usage = await run(freshDataDir(), 'import-offers', CSV);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('import-offers needs --mapping');
  });

  it('runs as a real process', () => {
    const dataDir = freshDataDir();
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'functions/cli/catalogue.ts', 'import-offers', CSV, '--mapping', MAPPING], {
      cwd: process.cwd(),
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toContain('import: 3/3 (100%)');
    expect(result.stdout).toMatch(/^Columns the mapping does not use: "adress", "uppdaterad"\nImported .*lediga-tomter\.csv into the local store in .*: 3 created, 0 changed, 0 unchanged/);
    expect(result.status).toBe(0);
  });
});
