import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/api/app.ts';
import { silentLogger } from '#functions/api/middleware/request-log.ts';
import { fixedClock, taxonomy } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

describe('the API app', () => {
  const dynalite = useDynalite();
  let app: App;
  beforeAll(async () => {
    ({ app } = await buildTestApp(dynalite.endpoint, []));
  });

  it('answers the health check', async () => {
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves the taxonomy with the four strategic areas and the 12 municipalities', async () => {
    const body = await (await app.request('/v1/taxonomy')).json();
    expect(body.areas.map((a: { code: string }) => a.code)).toEqual(['company-development', 'innovation', 'investment-establishment', 'skills-talent']);
    expect(body.municipalities).toHaveLength(12);
    expect(body.municipalities.find((m: { code: string }) => m.code === '1883').name).toBe('Karlskoga');
  });

  it('publishes an OpenAPI 3.1 document describing every route and its problem responses', async () => {
    const doc = await (await app.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/health',
      '/hsds/', '/hsds/catalog.jsonld', '/hsds/organizations', '/hsds/organizations/{id}', '/hsds/service_at_locations', '/hsds/service_at_locations/{id}',
      '/hsds/services', '/hsds/services/{id}', '/hsds/taxonomies', '/hsds/taxonomies/{id}', '/hsds/taxonomy_terms', '/hsds/taxonomy_terms/{id}',
      '/v1/editor/entries', '/v1/editor/entries/{id}', '/v1/editor/entries/{id}/archive', '/v1/editor/entries/{id}/availability', '/v1/editor/entries/{id}/history',
      '/v1/editor/entries/{id}/publish', '/v1/editor/entries/{id}/unpublish', '/v1/editor/entries/{id}/verify', '/v1/editor/verification-queue',
      '/v1/entries/{id}', '/v1/follow-up/report', '/v1/me', '/v1/referrals', '/v1/referrals/{id}', '/v1/referrals/{id}/accept', '/v1/referrals/{id}/cancel',
      '/v1/referrals/{id}/complete', '/v1/referrals/{id}/decline', '/v1/referrals/{id}/start', '/v1/search', '/v1/stats/referrals',
      '/v1/suggest', '/v1/taxonomy',
    ]);
    const search = doc.paths['/v1/search'].get;
    expect(search.responses['400'].content['application/problem+json']).toBeDefined();
    const area = search.parameters.find((p: { name: string }) => p.name === 'area');
    expect(JSON.stringify(area.schema)).toContain('skills-talent');
  });

  it('refuses a body over 1 MB with 413 before anything reads it: problem+json for the API, a page for a browser', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    const api = await app.request('/v1/referrals', { method: 'POST', body: JSON.stringify({ need: big }), headers: { 'content-type': 'application/json' } });
    expect(api.status).toBe(413);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect((await api.json()).errors).toEqual([expect.objectContaining({ name: 'body' })]);
    const page = await app.request('/editor/entries', {
      method: 'POST',
      body: new URLSearchParams({ _csrf: 'x', 'name.sv': big }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: '__Host-vagvisaren-session=not-a-token' },
    });
    expect(page.status).toBe(413);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('answers an unknown route with a 404 problem naming the path', async () => {
    const response = await app.request('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await response.json()).detail).toContain('/v1/nothing-here');
  });

  it('sets security headers on every response, errors included', async () => {
    for (const path of ['/health', '/v1/nothing-here', '/v1/search?page=0']) {
      const response = await app.request(path);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('answers a crash with a 500 problem that shows no internals', async () => {
    const crashing = createApp({
      taxonomy,
      clock: fixedClock,
      logger: silentLogger,
      catalogue: { getPublished: async () => { throw new Error('secret table name vagvisaren-prod in stack'); } },
      search: { search: async () => { throw new Error('boom'); }, suggest: async () => [] },
      editor: {} as never,
      referrals: {} as never,
      sessions: {} as never,
      openData: {} as never,
      demand: {} as never,
      followUp: {} as never,
      tokens: { verify: async () => { throw new Error('no tokens here'); } },
    });
    const response = await crashing.request('/v1/entries/almi-lan');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret');
    expect(text).not.toContain('at ');
    expect(JSON.parse(text)).toMatchObject({ status: 500, title: 'Internal error' });
    expect(JSON.parse(text).detail).toContain(response.headers.get('x-request-id'));
  });
});
