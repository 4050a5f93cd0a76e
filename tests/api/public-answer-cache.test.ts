import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '#functions/api/authorization/session.ts';
import { anEntry, anOfferingDraft, TODAY } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

const totalOf = async (response: Response) => ((await response.json()) as { total: number }).total;

describe('the public answer cache (real server on dynalite)', () => {
  const dynalite = useDynalite();
  let testApp: TestApp;
  let server: ServerType;
  let base: string;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  beforeAll(async () => {
    testApp = await buildTestApp(dynalite.endpoint, [
      anEntry({ id: 'almi-foretagspartner-malardalen', name: { sv: 'Almi Företagspartner Mälardalen' } }),
      anEntry({ id: 'inkubera', name: { sv: 'Inkubera' }, summary: { sv: 'Inkubator för nya idéer.' } }),
    ]);
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: testApp.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers a repeated anonymous search and search page with what a publish changed', async () => {
    for (let i = 0; i < 2; i++) {
      expect(await totalOf(await get('/v1/search?q=exportcoachning&lang=en'))).toBe(0);
      expect(await (await get('/?q=exportcoachning')).text()).not.toContain('Exportcoachning för småföretag');
    }

    const editor = await testApp.as('demo-editor', { 'content-type': 'application/json' });
    const created = await fetch(`${base}/v1/editor/entries`, { method: 'POST', headers: editor, body: JSON.stringify(anOfferingDraft({ sv: 'Exportcoachning för småföretag' })) });
    const { id } = (await created.json()) as { id: string };
    expect(await totalOf(await get('/v1/search?lang=en&q=exportcoachning'))).toBe(0);
    const published = await fetch(`${base}/v1/editor/entries/${id}/publish`, { method: 'POST', headers: { ...editor, 'if-match': '"1"' } });
    expect(published.status).toBe(200);

    expect(await totalOf(await get('/v1/search?q=exportcoachning&lang=en'))).toBe(1);
    expect(await totalOf(await get('/v1/search?lang=en&q=exportcoachning'))).toBe(1);
    expect(await (await get('/?q=exportcoachning')).text()).toContain('Exportcoachning för småföretag');
  });

  it('gives a repeated answer the headers of the first, with a request id of its own', async () => {
    const [first, second] = [await get('/?q=inkubator'), await get('/?q=inkubator')];
    expect(await second.text()).toBe(await first.text());
    const comparable = (response: Response) => [...response.headers].filter(([name]) => !['x-request-id', 'date'].includes(name));
    expect(comparable(second)).toEqual(comparable(first));
    expect(second.headers.get('content-security-policy')).toContain("style-src 'self'");
    expect(second.headers.get('x-request-id')).toMatch(/^[\da-f-]{36}$/);
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
  });

  it('never gives a signed-in visitor the page an anonymous one was given', async () => {
    await get('/?q=inkubera');
    const anonymous = await (await get('/?q=inkubera')).text();
    expect(anonymous).not.toContain('Demo Redaktör');
    const token = await testApp.issuer.issue('demo-editor');
    const signedIn = await get('/?q=inkubera', { cookie: `${SESSION_COOKIE}=${token}` });
    expect(await signedIn.text()).toContain('Demo Redaktör');
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
  });

  it('counts every search it answers as demand, repeated ones too', async () => {
    for (let i = 0; i < 3; i++) await (await get('/v1/search?q=tillverkningsstrategi')).arrayBuffer();
    for (let i = 0; i < 2; i++) await (await get('/?q=tillverkningsstrategi')).arrayBuffer();
    await testApp.runtime.deps.demand.flush();
    const demand = await testApp.runtime.deps.followUp.demand({ from: TODAY, to: TODAY });
    expect(demand.topSearches.find((row) => row.value === 'tillverkningsstrategi')?.count).toBe(5);
  });
});
