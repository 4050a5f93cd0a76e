import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '#functions/api/app.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

describe('an anonymous or wrong-role read of a referral, kept by a shared cache', () => {
  const dynalite = useDynalite();
  let app: App;
  let as: Awaited<ReturnType<typeof buildTestApp>>['as'];

  beforeAll(async () => {
    ({ app, as } = await buildTestApp(dynalite.endpoint, []));
  });

  it.each(['/v1/referrals/r-123', '/v1/referrals?box=sent', '/v1/me', '/v1/editor/entries'])('the anonymous 401 on %s is no-store and names the Bearer scheme', async (path) => {
    const response = await app.request(path);
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('a 401 for an invalid token and a 403 for a wrong role are no-store too', async () => {
    const forged = await app.request('/v1/referrals/r-123', { headers: { authorization: 'Bearer not.a.token' } });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('cache-control')).toBe('no-store');
    const wrongRole = await app.request('/v1/stats/referrals', { headers: await as('demo-advisor') });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.headers.get('cache-control')).toBe('no-store');
  });
});
