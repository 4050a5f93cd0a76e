import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { loadPublication } from '#shared/open-data/publication.ts';
import { createOpenDataService, type OpenDataService } from '#shared/services/open-data.ts';
import { RegionCode } from '#shared/taxonomy/regions.ts';
import { anEntry, fixedClock, taxonomy } from '../support/builders.ts';
import { dynamoClient, useDynalite } from '../support/dynamo.ts';

describe('the open-data service’s mapped catalogue', () => {
  const dynalite = useDynalite();
  let repository: DynamoEntryRepository;
  let openData: OpenDataService;
  let now = fixedClock.now();
  const actor = anEntry({ id: 'cached-actor', name: { sv: 'Aktören' } });
  const ending = anEntry({ kind: 'offering', id: 'ending-offering', providerId: 'cached-actor', validUntil: '2026-11-27', name: { sv: 'Sista dagen' } });
  const serviceNames = async () => (await openData.dataset()).services.map((s) => s.name).sort();

  beforeAll(async () => {
    const client = dynamoClient(dynalite.endpoint);
    await ensureTable(client, 'hsds-cache');
    repository = new DynamoEntryRepository(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), 'hsds-cache');
    for (const entry of [actor, ending]) await repository.save(entry);
    openData = createOpenDataService({ entries: repository, taxonomy, clock: { now: () => now }, publication: loadPublication(RegionCode.parse(taxonomy.region.code)) });
  });

  it('is reused while the catalogue is unchanged, and rebuilt after any entry is saved or added', async () => {
    expect(now.toISOString().slice(0, 10)).toBe('2026-11-27');
    const first = await openData.dataset();
    expect(await openData.dataset()).toBe(first);
    expect(await serviceNames()).toEqual(['Sista dagen']);

    await repository.save({ ...ending, name: { sv: 'Sista dagen, nytt namn' }, version: ending.version + 1 });
    expect(await serviceNames()).toEqual(['Sista dagen, nytt namn']);
    await repository.save(anEntry({ kind: 'offering', id: 'new-offering', providerId: 'cached-actor', name: { sv: 'Nytt erbjudande' } }));
    expect(await serviceNames()).toEqual(['Nytt erbjudande', 'Sista dagen, nytt namn']);
    const rebuilt = await openData.dataset();
    expect(await openData.dataset()).toBe(rebuilt);
  });

  it('is rebuilt on a new day, when an entry’s validity may have ended', async () => {
    now = new Date(now.getTime() + 24 * 3_600_000);
    expect(await serviceNames()).toEqual(['Nytt erbjudande']);
  });
});
