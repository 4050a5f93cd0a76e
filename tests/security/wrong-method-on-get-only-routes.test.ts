import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '#functions/api/app.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

const GET_ONLY = ['/health', '/openapi.json', '/v1/search', '/v1/suggest', '/v1/taxonomy', '/v1/me', '/v1/entries/almi', '/v1/stats/referrals', '/v1/editor/verification-queue', '/v1/editor/entries/almi/history'];

describe('a wrong method on a GET-only API route', () => {
  const dynalite = useDynalite();
  let app: App;
  let as: Awaited<ReturnType<typeof buildTestApp>>['as'];

  beforeAll(async () => {
    ({ app, as } = await buildTestApp(dynalite.endpoint, []));
  });

  it.each(GET_ONLY.flatMap((path) => ['POST', 'PUT', 'DELETE', 'PATCH'].map((method) => [method, path] as const)))('%s %s answers 405 with Allow: GET, HEAD', async (method, path) => {
    const response = await app.request(path, { method, headers: await as('demo-admin', { 'content-type': 'application/json' }), body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await response.json()).detail).toContain(method);
  });

  it('names every method a path serves (GET and PUT on an editor entry)', async () => {
    const response = await app.request('/v1/editor/entries/almi', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, PUT');
  });

  it('still answers 404 for a path nothing serves', async () => {
    const response = await app.request('/v1/nothing-here', { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.headers.get('allow')).toBeNull();
  });
});
