import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '#shared/domain/errors.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { startDynalite } from '#functions/local/dynalite.ts';
import { anEntry } from '../support/builders.ts';
import { dynamoClient, useDynalite } from '../support/dynamo.ts';

describe('DynamoEntryRepository on dynalite', () => {
  const dynalite = useDynalite();

  it('reads back every field of an entry of each kind exactly as saved', async () => {
    const repository = await dynalite.freshRepository();
    const entries = [
      anEntry({ kind: 'actor', website: 'https://example.se', sectors: ['livsmedel'] }),
      anEntry({ kind: 'offering', offering: { cost: 'free', applicationPeriod: { closes: '2027-01-31' } } }),
      anEntry({ kind: 'testbed', testbed: { capabilities: [{ sv: 'Robotik', en: 'Robotics' }], trl: { min: 4, max: 7 } } }),
      anEntry({ kind: 'investor', investor: { instruments: ['equity', 'loan'], ticketSizeSek: { min: 500000 }, investmentStages: ['growth'] } }),
      anEntry({ kind: 'establishment-offer', municipalities: ['1861'], establishmentOffer: { offerType: 'land', location: { municipality: '1861', placeName: 'Hallsberg', position: { lat: 59.067, lon: 15.11 } }, landAreaM2: 50000, keyFacts: [{ sv: 'Järnvägsspår' }] } }),
    ];
    for (const entry of entries) await repository.save(entry);
    for (const entry of entries) expect(await repository.get(entry.id)).toEqual(entry);
  });

  it('answers undefined for an id it does not hold', async () => {
    const repository = await dynalite.freshRepository();
    expect(await repository.get(anEntry().id)).toBeUndefined();
  });

  it('saves the next version and refuses a stale one without overwriting', async () => {
    const repository = await dynalite.freshRepository();
    const first = await repository.save(anEntry({ name: { sv: 'Första' } }));
    await repository.save({ ...first, version: 2, name: { sv: 'Andra' } });
    const stale = repository.save({ ...first, version: 2, name: { sv: 'Tredje' } });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    expect((await repository.get(first.id))?.name.sv).toBe('Andra');
  });

  it('refuses to create an entry whose id is taken', async () => {
    const repository = await dynalite.freshRepository();
    const entry = await repository.save(anEntry({ name: { sv: 'Original' } }));
    await expect(repository.save({ ...entry, name: { sv: 'Kopia' } })).rejects.toThrow(/already exists/);
    expect((await repository.get(entry.id))?.name.sv).toBe('Original');
  });

  it('scans every entry across pages', async () => {
    const repository = await dynalite.freshRepository();
    expect(await repository.isEmpty()).toBe(true);
    const saved = await Promise.all(Array.from({ length: 25 }, () => repository.save(anEntry())));
    const scanned: string[] = [];
    let pages = 0;
    for await (const page of repository.scan(10)) {
      pages += 1;
      scanned.push(...page.map((e) => e.id));
    }
    expect(scanned.sort()).toEqual(saved.map((e) => e.id).sort());
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(await repository.isEmpty()).toBe(false);
  });

  it('keeps its data on disk across a restart of dynalite', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vagvisaren-dynalite-'));
    try {
      const entry = anEntry();
      const first = await startDynalite({ path: dir });
      const client = dynamoClient(first.endpoint);
      await ensureTable(client, 'persisted');
      await new DynamoEntryRepository(documentClient(client), 'persisted').save(entry);
      client.destroy();
      await first.close();

      const second = await startDynalite({ path: dir });
      const again = dynamoClient(second.endpoint);
      expect(await ensureTable(again, 'persisted')).toBe('existed');
      expect(await new DynamoEntryRepository(documentClient(again), 'persisted').get(entry.id)).toEqual(entry);
      again.destroy();
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
