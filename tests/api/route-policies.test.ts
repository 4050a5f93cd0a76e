import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '#shared/domain/identity.ts';
import { createApp } from '#functions/api/app.ts';
import { ROUTE_POLICIES } from '#functions/api/authorization/policies.ts';
import { DEMO_USERS } from '#functions/local/demo-users.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

/** One demo user per role, and the anonymous visitor. */
const callers = [{ role: 'anonymous', username: undefined }, ...ROLES.map((role) => ({ role, username: DEMO_USERS.find((u) => u.roles.includes(role))!.username }))];

const concrete = (path: string) => path.replace(/:id\b/g, 'no-such-entry').replace(/:code\b/g, 'innovation').replace(/:step\b/g, 'stage');

describe('route policies', () => {
  const dynalite = useDynalite();
  let testApp: TestApp;
  let routes: { method: string; path: string }[];
  beforeAll(async () => {
    testApp = await buildTestApp(dynalite.endpoint, []);
    routes = [...new Map(testApp.app.routes.filter((r) => r.method !== 'ALL').map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path }])).values()];
  });

  it('gives every route of the app a policy', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map((r) => `${r.method} ${r.path}`).filter((key) => !(key in ROUTE_POLICIES))).toEqual([]);
  });

  it('answers each role on each route as its policy says: admitted, 401 when signed out, 403 when the role may not', async () => {
    const outcomes: string[] = [];
    for (const route of routes) {
      const policy = ROUTE_POLICIES[`${route.method} ${route.path}`];
      for (const caller of callers) {
        const headers = caller.username ? await testApp.as(caller.username, { 'content-type': 'application/json', 'if-match': '"1"' }) : { 'content-type': 'application/json' };
        const response = await testApp.app.request(concrete(route.path), { method: route.method, headers, ...(route.method === 'GET' ? {} : { body: '{}' }) });
        const admitted = policy === 'public' || (caller.username !== undefined && (policy === 'signed-in' || policy!.includes(caller.role as never)));
        const expected = admitted ? 'admitted' : caller.username ? 403 : 401;
        const actual = response.status === 401 || response.status === 403 ? response.status : 'admitted';
        if (actual !== expected) outcomes.push(`${route.method} ${route.path} as ${caller.role}: expected ${expected}, got ${response.status}`);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('denies a route that has no policy to everyone, signed in or not', async () => {
    const { runtime, as } = testApp;
    const app = createApp(runtime.deps);
    app.get('/v1/unlisted', (c) => c.text('should not be reachable'));
    expect((await app.request('/v1/unlisted', { headers: await as('demo-admin') })).status).toBe(403);
    expect((await app.request('/v1/unlisted')).status).toBe(403);
  });
});
