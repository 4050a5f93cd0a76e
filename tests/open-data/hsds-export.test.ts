import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCatalogue } from '#functions/cli/catalogue.ts';
import { startDynalite } from '#functions/local/dynalite.ts';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { isPubliclyVisible, type Entry } from '#shared/domain/entry.ts';
import { HSDS_TABLES } from '#shared/open-data/hsds-bundle.ts';
import { hsdsIds, HSDS_TAXONOMIES } from '#shared/open-data/hsds-mapping.ts';
import { swedishDate } from '#shared/ports/clock.ts';
import { seedRecords } from '#shared/seed/regions.ts';
import { seedEntries } from '#shared/services/seed-catalogue.ts';
import { anEntry, fixedClock, taxonomy } from '../support/builders.ts';
import { dynamoClient } from '../support/dynamo.ts';
import { HSDS_SCHEMAS, HSDS_SKIP_REASON } from '../support/hsds-schemas.ts';

const workDir = mkdtempSync(join(tmpdir(), 'vagvisaren-hsds-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
const dataDir = join(workDir, 'data');
const bundleDir = join(workDir, 'bundle');

const stored: Entry[] = [
  ...seedEntries(seedRecords('orebro-lan'), taxonomy, fixedClock.now()),
  anEntry({ kind: 'investor', id: 'draft-investor', status: 'draft', name: { sv: 'Utkast till investerare' } }),
];
const published = stored.filter((e) => isPubliclyVisible(e, swedishDate(fixedClock.now())));

type Attribute = { link_id: string; link_type: string; value?: string; taxonomy_term: { code: string; language: string } };
type Thing = { id: string; name: string; alternate_name?: string; description: string; organization_id?: string; url?: string; website?: string; attributes: Attribute[]; service_areas?: { attributes: Attribute[] }[] };
type Bundle = { licence: { id: string; url: string }; services: Thing[]; organizations: Thing[] };

/** The entry facts an HSDS reader recovers from a service or organization and its attributes. */
const factsOf = (thing: Thing, countyCode: string) => {
  const codes = (type: string) => thing.attributes.filter((a) => a.link_type === HSDS_TAXONOMIES[type as keyof typeof HSDS_TAXONOMIES].code).map((a) => a.taxonomy_term.code);
  const text = (code: string, language: string) => thing.attributes.find((a) => a.link_type === 'text' && a.taxonomy_term.code === code && a.taxonomy_term.language === language)?.value;
  const areaCodes = (thing.service_areas ?? []).flatMap((area) => area.attributes.map((a) => a.taxonomy_term.code));
  return {
    kind: codes('kind')[0],
    name: { sv: thing.name, en: text('name', 'en') },
    summary: { sv: text('summary', 'sv'), en: text('summary', 'en') },
    description: { sv: thing.description, en: text('description', 'en') },
    areas: codes('area'),
    stages: codes('stage'),
    supportTypes: codes('supportType'),
    focus: { level: codes('focus')[0], profileAreas: codes('profileArea') },
    municipalities: areaCodes.length === 1 && areaCodes[0] === countyCode ? 'county' : areaCodes,
    website: thing.url ?? thing.website,
  };
};

const expectedFacts = (entry: Entry) => ({
  kind: entry.kind,
  name: { sv: entry.name.sv, en: entry.name.en },
  summary: { sv: entry.summary.sv, en: entry.summary.en },
  description: { sv: entry.description.sv, en: entry.description.en },
  areas: entry.areas,
  stages: entry.stages,
  supportTypes: entry.supportTypes,
  focus: entry.focus,
  website: entry.website,
});

describe('npm run catalogue -- export --format hsds', () => {
  let output = '';
  beforeAll(async () => {
    const store = await startDynalite({ path: join(dataDir, 'dynamodb') });
    const client = dynamoClient(store.endpoint);
    try {
      await ensureTable(client, 'vagvisaren');
      const repository = new DynamoEntryRepository(documentClient(client), 'vagvisaren');
      for (const entry of stored) await repository.save(entry);
    } finally {
      client.destroy();
      await store.close();
    }
    const chunks: string[] = [];
    const sink = { isTTY: false, write: (text: string) => chunks.push(text) };
    const code = await runCatalogue(['export', '--format', 'hsds', '--out', bundleDir], { DATA_DIR: dataDir }, { out: sink, err: sink, clock: fixedClock });
    output = chunks.join('');
    expect(code).toBe(0);
  });

  it('writes the JSON bundle, the HSDS tabular CSV files and a datapackage, each stating the licence', () => {
    expect(output).toContain('licence CC0-1.0');
    expect(readdirSync(bundleDir).sort()).toEqual(['datapackage.json', 'hsds.json', ...Object.keys(HSDS_TABLES)].sort());
    const bundle = JSON.parse(readFileSync(join(bundleDir, 'hsds.json'), 'utf8')) as Bundle;
    expect(bundle.licence).toMatchObject({ id: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' });
    const datapackage = JSON.parse(readFileSync(join(bundleDir, 'datapackage.json'), 'utf8'));
    expect(datapackage.licenses).toEqual([expect.objectContaining({ name: 'CC0-1.0' })]);
    for (const resource of datapackage.resources) expect(resource.licenses[0].name).toBe('CC0-1.0');
    for (const [file, columns] of Object.entries(HSDS_TABLES)) {
      const rows = parse(readFileSync(join(bundleDir, file), 'utf8'), { columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0] ?? Object.fromEntries(columns.map((c) => [c, ''])))).toEqual([...columns]);
    }
    const services = parse(readFileSync(join(bundleDir, 'services.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(services).toHaveLength(published.filter((e) => e.kind !== 'actor').length);
  });

  it('validates every exported object against the official HSDS 3.0 schemas', ({ skip }) => {
    if (!HSDS_SCHEMAS) skip(HSDS_SKIP_REASON);
    const bundle = JSON.parse(readFileSync(join(bundleDir, 'hsds.json'), 'utf8'));
    const errors = [
      ...bundle.services.flatMap((s: unknown) => HSDS_SCHEMAS!('service.json', s)),
      ...bundle.organizations.flatMap((o: unknown) => HSDS_SCHEMAS!('organization.json', o)),
      ...bundle.locations.flatMap((l: unknown) => HSDS_SCHEMAS!('location.json', l)),
      ...bundle.service_at_locations.flatMap((l: unknown) => HSDS_SCHEMAS!('service_at_location.json', l)),
      ...bundle.taxonomies.flatMap((t: unknown) => HSDS_SCHEMAS!('taxonomy.json', t)),
      ...bundle.taxonomy_terms.flatMap((t: unknown) => HSDS_SCHEMAS!('taxonomy_term.json', t)),
    ];
    expect(errors).toEqual([]);
  });

  it('reads back every published entry with its facts, and nothing unpublished', () => {
    const bundle = JSON.parse(readFileSync(join(bundleDir, 'hsds.json'), 'utf8')) as Bundle;
    const byId = new Map([...bundle.services, ...bundle.organizations].map((thing) => [thing.id, thing]));
    expect(byId.size).toBe(published.length);
    for (const entry of published) {
      const thing = byId.get(entry.kind === 'actor' ? hsdsIds.organization(entry.id) : hsdsIds.service(entry.id));
      expect(thing, entry.id).toBeDefined();
      const { municipalities, ...facts } = factsOf(thing!, taxonomy.region.countyCode);
      expect(facts, entry.id).toEqual(expectedFacts(entry));
      if (entry.kind !== 'actor') {
        expect(municipalities, entry.id).toEqual(entry.municipalities);
        const provider = entry.providerId === undefined ? undefined : published.find((e) => e.id === entry.providerId);
        expect(thing!.organization_id, entry.id).toBe(provider ? hsdsIds.organization(provider.id) : undefined);
      }
    }
    const text = readFileSync(join(bundleDir, 'hsds.json'), 'utf8');
    expect(text).not.toContain('Utkast till investerare');
    for (const archived of stored.filter((e) => e.status === 'archived')) expect(text).not.toContain(hsdsIds.service(archived.id));
  });
});
