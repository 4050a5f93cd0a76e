import { beforeAll, describe, expect, it } from 'vitest';
import { anEntry, anOfferingDraft } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

const draftBody = anOfferingDraft({ sv: 'Exportcoachning för småföretag', en: 'Export coaching for small companies' });

describe('the editor API', () => {
  const dynalite = useDynalite();
  let testApp: TestApp;
  const json = async (username: string, extra: Record<string, string> = {}) => testApp.as(username, { 'content-type': 'application/json', ...extra });

  beforeAll(async () => {
    testApp = await buildTestApp(dynalite.endpoint, [
      anEntry({ id: 'almi-foretagspartner-malardalen', name: { sv: 'Almi Företagspartner Mälardalen' } }),
      anEntry({ id: 'inkubera', name: { sv: 'Inkubera' } }),
      anEntry({ id: 'inkubera-program', kind: 'offering', providerId: 'inkubera', name: { sv: 'Inkuberas program' } }),
    ]);
  });

  it('lets the editor create a draft, publish it, and the public find it at once', async () => {
    const { app } = testApp;
    const created = await app.request('/v1/editor/entries', { method: 'POST', headers: await json('demo-editor'), body: JSON.stringify(draftBody) });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const { id } = await created.json();
    expect(id).toBe('exportcoachning-for-smaforetag');
    expect((await (await app.request('/v1/search?q=exportcoachning')).json()).total).toBe(0);

    const published = await app.request(`/v1/editor/entries/${id}/publish`, { method: 'POST', headers: await json('demo-editor', { 'if-match': '"1"' }) });
    expect(published.status).toBe(200);
    expect(published.headers.get('etag')).toBe('"2"');
    const search = await (await app.request('/v1/search?q=exportcoachning')).json();
    expect(search.hits.map((h: { id: string }) => h.id)).toEqual([id]);

    const history = await (await app.request(`/v1/editor/entries/${id}/history`, { headers: await json('demo-editor') })).json();
    expect(history.records.map((r: { action: string; actor: { name: string } }) => [r.action, r.actor.name])).toEqual([
      ['publish', 'Demo Redaktör'],
      ['create', 'Demo Redaktör'],
    ]);
  });

  it('refuses the second of two saves from the same version with 412 and a clear message, keeping the first', async () => {
    const { app } = testApp;
    const { id } = await (await app.request('/v1/editor/entries', { method: 'POST', headers: await json('demo-editor'), body: JSON.stringify({ ...draftBody, name: { sv: 'Två flikar' } }) })).json();
    const save = async (name: string) =>
      app.request(`/v1/editor/entries/${id}`, { method: 'PUT', headers: await json('demo-editor', { 'if-match': '"1"' }), body: JSON.stringify({ ...draftBody, name: { sv: name } }) });
    expect((await save('Första fliken')).status).toBe(200);
    const second = await save('Andra fliken');
    expect(second.status).toBe(412);
    const problem = await second.json();
    expect(problem.detail).toMatch(/changed by someone else.*nothing was saved/);
    expect(problem.errors).toEqual([{ name: 'If-Match', detail: 'stale version 1; current is 2' }]);
    const current = await (await app.request(`/v1/editor/entries/${id}`, { headers: await json('demo-editor') })).json();
    expect(current.name.sv).toBe('Första fliken');
  });

  it('asks for If-Match on a change that lacks it', async () => {
    const response = await testApp.app.request('/v1/editor/entries/inkubera/verify', { method: 'POST', headers: await json('demo-editor') });
    expect(response.status).toBe(428);
    expect((await response.json()).errors).toEqual([{ name: 'If-Match', detail: 'required' }]);
  });

  it.each([
    ['a field an editor may not set', { status: 'published' }, 'status'],
    ['an unknown field', { secretNote: 'x' }, 'secretNote'],
    ['a website that is not https', { website: 'http://example.se' }, 'website'],
  ])('refuses %s, naming it, and stores nothing', async (_case, extra, field) => {
    const { app } = testApp;
    const response = await app.request('/v1/editor/entries', { method: 'POST', headers: await json('demo-editor'), body: JSON.stringify({ ...draftBody, name: { sv: `Otillåten ${field}` }, ...extra }) });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { name: string }) => e.name)).toContain(field);
    const mine = await (await app.request('/v1/editor/entries', { headers: await json('demo-editor') })).json();
    expect(mine.entries.some((e: { name: { sv: string } }) => e.name.sv === `Otillåten ${field}`)).toBe(false);
  });

  it("stops actor staff from changing another organisation's entry", async () => {
    const { app } = testApp;
    const response = await app.request('/v1/editor/entries/inkubera-program/verify', { method: 'POST', headers: await json('demo-almi', { 'if-match': '"1"' }) });
    expect(response.status).toBe(403);
    const own = await app.request('/v1/editor/entries/inkubera-program/verify', { method: 'POST', headers: await json('demo-inkubera', { 'if-match': '"1"' }) });
    expect(own.status).toBe(200);
  });

  it('tells an advisor they may not edit', async () => {
    const response = await testApp.app.request('/v1/editor/entries', { headers: await json('demo-advisor') });
    expect(response.status).toBe(403);
    expect((await response.json()).detail).toContain('advisor');
  });

  it('refuses a forged or expired token with 401', async () => {
    const response = await testApp.app.request('/v1/me', { headers: { authorization: 'Bearer not.a.token' } });
    expect(response.status).toBe(401);
    const expired = await testApp.issuer.issue('demo-editor', new Date(Date.now() - 9 * 3600_000));
    const late = await testApp.app.request('/v1/me', { headers: { authorization: `Bearer ${expired}` } });
    expect(late.status).toBe(401);
    expect((await late.json()).detail).toMatch(/expired/);
  });
});
