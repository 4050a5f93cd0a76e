import { beforeAll, describe, expect, it } from 'vitest';
import { anEntry } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

const hitIds = async ({ app }: TestApp, query: string) =>
  ((await (await app.request(`/v1/search?${query}`)).json()).hits as { id: string }[]).map((h) => h.id);

describe('the in-process change feed', () => {
  const dynalite = useDynalite();
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(dynalite.endpoint, [anEntry({ id: 'existing', name: { sv: 'Befintlig rådgivare' } })]);
  });

  it('builds the index from the table at start', async () => {
    expect(await hitIds(testApp, 'q=befintlig')).toEqual(['existing']);
  });

  it('makes a saved entry searchable as soon as the write returns, and hides it when unpublished', async () => {
    const entry = await testApp.runtime.entries.save(anEntry({ id: 'fresh-entry', name: { sv: 'Nyinkommen exportrådgivning' } }));
    expect(await hitIds(testApp, 'q=nyinkommen')).toEqual(['fresh-entry']);

    await testApp.runtime.entries.save({ ...entry, version: 2, status: 'draft' });
    expect(await hitIds(testApp, 'q=nyinkommen')).toEqual([]);
    expect((await testApp.app.request('/v1/entries/fresh-entry')).status).toBe(404);
  });

  it('leaves search unchanged when a write is refused', async () => {
    const entry = await testApp.runtime.entries.save(anEntry({ id: 'guarded', name: { sv: 'Bevakad post' } }));
    await expect(testApp.runtime.entries.save({ ...entry, name: { sv: 'Felaktig ändring' } })).rejects.toThrow();
    expect(await hitIds(testApp, 'q=felaktig')).toEqual([]);
    expect(await hitIds(testApp, 'q=bevakad')).toEqual(['guarded']);
  });
});
