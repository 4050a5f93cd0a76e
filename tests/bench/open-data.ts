/**
 * Open data at scale: the HSDS dataset of a 2,000-entry catalogue (the seed catalogue copied with new
 * ids) on dynalite, built from scratch (scan, parse, map) against the cached dataset behind a
 * catalogue fingerprint, with a year of demand counters in the same table. `npx tsx tests/bench/open-data.ts [entries] [runs]`
 */
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { keys } from '#shared/adapters/dynamodb/key-schema.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import type { Entry } from '#shared/domain/entry.ts';
import { loadPublication } from '#shared/open-data/publication.ts';
import { toHsds } from '#shared/open-data/hsds-mapping.ts';
import { seedRecords } from '#shared/seed/regions.ts';
import { seedEntries } from '#shared/services/seed-catalogue.ts';
import { allEntries, createOpenDataService } from '#shared/services/open-data.ts';
import { RegionCode } from '#shared/taxonomy/regions.ts';
import { startDynalite } from '#functions/local/dynalite.ts';
import { dynamoClient } from '../support/dynamo.ts';
import { fixedClock, taxonomy } from '../support/builders.ts';

const target = Number(process.argv[2] ?? 2000);
const runs = Number(process.argv[3] ?? 7);
const demandItems = Number(process.argv[4] ?? 5000);

const seed = seedEntries(seedRecords('orebro-lan'), taxonomy, fixedClock.now());
const copies = Math.ceil(target / seed.length);
const catalogue: Entry[] = [];
for (let copy = 0; copy < copies && catalogue.length < target; copy += 1) {
  const rename = (id: string) => (copy === 0 ? id : `${id}-k${copy}`);
  for (const entry of seed) {
    if (catalogue.length >= target) break;
    catalogue.push({ ...entry, id: rename(entry.id), ...(entry.kind !== 'actor' && entry.providerId ? { providerId: rename(entry.providerId) } : {}) } as Entry);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const time = async (label: string, work: () => Promise<unknown>) => {
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await work();
    ms.push(performance.now() - start);
  }
  console.info(`${label.padEnd(58)} p50 ${median(ms).toFixed(1).padStart(8)} ms   max ${Math.max(...ms).toFixed(1).padStart(8)} ms`);
};

const dynalite = await startDynalite();
try {
  const client = dynamoClient(dynalite.endpoint);
  await ensureTable(client, 'bench');
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const repository = new DynamoEntryRepository(documents, 'bench');
  for (const entry of catalogue) await repository.save(entry);
  for (let i = 0; i < demandItems; i += 1) {
    const day = `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    await documents.send(new PutCommand({ TableName: 'bench', Item: { ...keys.demand(day, 'search', `fråga ${i}`), entity: 'demand', count: 1 } }));
  }
  const all = await allEntries(repository);
  console.info(`${all.length} entries, ${demandItems} demand counters, ${runs} runs each`);
  await time('scan and parse every entry', () => allEntries(repository));
  await time('map to HSDS (toHsds)', async () => toHsds(all, taxonomy, fixedClock.now()));
  await time('before: dataset per request (scan, parse, map)', async () => toHsds(await allEntries(repository), taxonomy, fixedClock.now()));
  await time('catalogue fingerprint (keys and versions only)', () => repository.catalogueVersion());
  const openData = createOpenDataService({ entries: repository, taxonomy, clock: fixedClock, publication: loadPublication(RegionCode.parse(taxonomy.region.code)) });
  await openData.dataset();
  await time('after: dataset per request, catalogue unchanged (cache hit)', () => openData.dataset());
} finally {
  await dynalite.close();
}
