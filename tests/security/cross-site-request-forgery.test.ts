import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '#functions/api/app.ts';
import { csrfTokenFor, SESSION_COOKIE } from '#functions/api/authorization/session.ts';
import { anEntry } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';
import { hiddenValue, Visitor } from '../pages/editor-support.ts';

const almi = anEntry({ id: 'almi-foretagspartner-malardalen', name: { sv: 'Almi Testaktör' } });

describe('cross-site request forgery on a cookie session', () => {
  const dynalite = useDynalite();
  let app: App;
  let issue: (username: string) => Promise<string>;
  let victim: Visitor;
  let cookie: string;

  beforeAll(async () => {
    const testApp = await buildTestApp(dynalite.endpoint, [almi]);
    app = testApp.app;
    issue = (username) => testApp.issuer.issue(username);
    victim = new Visitor(app);
    await victim.signIn('demo-editor');
    cookie = `${SESSION_COOKIE}=${victim.cookies.get(SESSION_COOKIE)}`;
  });

  /** A forged publish of almi from another site: the browser sends the victim's cookie along. */
  const forge = (body: string, headers: Record<string, string> = {}, path = `/editor/entries/${almi.id}/archive`) =>
    app.request(path, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers }, body });

  it.each([
    ['no token', () => 'version=1'],
    ['an empty token', () => '_csrf=&version=1'],
    ['a made-up token', () => '_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&version=1'],
    ['the token of the attacker\'s own session', async () => `_csrf=${csrfTokenFor(await issue('demo-advisor'))}&version=1`],
  ])('refuses a form post with %s (403) and changes nothing', async (_name, body) => {
    const response = await forge(await body());
    expect(response.status).toBe(403);
    expect((await app.request(`/v1/entries/${almi.id}`)).status).toBe(200);
  });

  it('refuses the token in the query string instead of the body', async () => {
    const response = await forge('version=1', {}, `/editor/entries/${almi.id}/archive?_csrf=${csrfTokenFor(cookie.split('=')[1]!)}`);
    expect(response.status).toBe(403);
  });

  it('refuses a wrong X-CSRF-Token header on a JSON post to the API', async () => {
    const response = await app.request('/v1/editor/entries', { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': 'wrong' }, body: '{}' });
    expect(response.status).toBe(403);
  });

  it('refuses a JSON post carried by the cookie alone', async () => {
    const response = await app.request(`/v1/editor/entries/${almi.id}/archive`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'if-match': '"1"' } });
    expect(response.status).toBe(403);
  });

  it('refuses a text/plain post (a form\'s enctype trick) carried by the cookie', async () => {
    const response = await forge('_csrf=x', { 'content-type': 'text/plain' });
    expect(response.status).toBe(403);
  });

  it('refuses a forged sign-out (logout CSRF) and keeps the session', async () => {
    expect((await forge('', {}, '/sign-out')).status).toBe(403);
    expect((await app.request('/v1/me', { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a cross-site sign-in (login CSRF), even with a matching pre-session pair', async () => {
    const visitor = new Visitor(app);
    const page = await visitor.get('/sign-in');
    const response = await visitor.post('/sign-in', { username: 'demo-admin', _signin: hiddenValue(page.html, '_signin')! }, { 'sec-fetch-site': 'cross-site' });
    expect(response.status).toBe(400);
    expect(visitor.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('still admits the real form with its token', async () => {
    const response = await victim.post(`/editor/entries/${almi.id}/verify`, { _csrf: await victim.csrfToken(), version: '1' });
    expect(response.status).toBeLessThan(400);
  });
});
