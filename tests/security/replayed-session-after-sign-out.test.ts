import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { keys } from '#shared/adapters/dynamodb/key-schema.ts';
import { createCognitoHostedSignIn } from '#shared/adapters/oidc/cognito-hosted-sign-in.ts';
import { createApp, type App } from '#functions/api/app.ts';
import { REFRESH_COOKIE, SESSION_COOKIE, sessionOf } from '#functions/api/authorization/session.ts';
import { DEV_CLIENT_ID } from '#functions/local/dev-issuer.ts';
import { buildTestApp } from '../support/app.ts';
import { dynamoClient, useDynalite } from '../support/dynamo.ts';
import { Visitor } from '../pages/editor-support.ts';

const SITE = 'https://vagvisaren.example';

/** A stand-in for the user pool domain: the token endpoint (PKCE checked) and the revocation endpoint, which records what it revoked. */
const startUserPoolDomain = (issue: () => Promise<string>) => {
  const state = { challenge: '', revoked: [] as string[] };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      const form = new URLSearchParams(body);
      if (request.url === '/oauth2/revoke') {
        state.revoked.push(`${form.get('client_id')}:${form.get('token')}`);
        response.writeHead(200).end();
        return;
      }
      const verifierMatches = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') === state.challenge;
      const ok = request.url === '/oauth2/token' && form.get('code') === 'good-code' && verifierMatches;
      response.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
      response.end(JSON.stringify(ok ? { access_token: await issue(), refresh_token: 'the-refresh-token', token_type: 'Bearer' } : { error: 'invalid_grant' }));
    });
  });
  return { server, state };
};

const cookieValue = (setCookie: string | null, name: string) => new RegExp(`${name}=([^;]*)`).exec(setCookie ?? '')?.[1];

describe('a replayed cookie or bearer token after sign-out', () => {
  const dynalite = useDynalite();
  let testApp: Awaited<ReturnType<typeof buildTestApp>>;
  let app: App;

  beforeAll(async () => {
    testApp = await buildTestApp(dynalite.endpoint, []);
    app = testApp.app;
  });

  const me = (headers: Record<string, string>) => app.request('/v1/me', { headers });

  it('is refused after sign-out: the old cookie and the same token as a bearer read nothing, and the editor asks for a fresh sign-in', async () => {
    const visitor = new Visitor(app);
    await visitor.signIn('demo-editor');
    const token = visitor.cookies.get(SESSION_COOKIE)!;
    const refreshToken = visitor.cookies.get(REFRESH_COOKIE)!;
    expect(refreshToken).toBeDefined();
    expect((await me({ cookie: `${SESSION_COOKIE}=${token}` })).status).toBe(200);
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(200);

    const signedOut = await visitor.post('/sign-out', { _csrf: await visitor.csrfToken() });
    expect(signedOut.status).toBe(303);
    expect(signedOut.location).toBe('/');
    expect(visitor.cookies.has(SESSION_COOKIE)).toBe(false);

    const replayedCookie = await me({ cookie: `${SESSION_COOKIE}=${token}` });
    expect(replayedCookie.status).toBe(401);
    expect(replayedCookie.headers.get('content-type')).toBe('application/problem+json');
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
    expect((await app.request('/v1/editor/entries', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    const editorPage = await app.request('/editor', { headers: { cookie: `${SESSION_COOKIE}=${token}`, accept: 'text/html' } });
    expect(editorPage.status).toBe(303);
    expect(editorPage.headers.get('location')).toMatch(/^\/auth\/refresh\?next=/);
    expect(visitor.cookies.has(REFRESH_COOKIE)).toBe(false);
    const renewed = await app.request('/auth/refresh?next=/editor', { headers: { cookie: `${REFRESH_COOKIE}=${refreshToken}` } });
    expect(renewed.headers.get('location')).toMatch(/^\/sign-in\?next=/);
    expect(renewed.headers.getSetCookie().join()).not.toContain(SESSION_COOKIE);

    await visitor.signIn('demo-editor');
    expect(visitor.cookies.get(SESSION_COOKIE)).not.toBe(token);
    expect((await visitor.get('/editor')).status).toBe(200);
  });

  it('ends only the session signed out of: the same user signed in elsewhere stays signed in', async () => {
    const elsewhere = await testApp.as('demo-editor');
    const visitor = new Visitor(app);
    await visitor.signIn('demo-editor');
    await visitor.post('/sign-out', { _csrf: await visitor.csrfToken() });
    expect((await me(elsewhere)).status).toBe(200);
  });

  it('keeps the ended session as a record that expires with its token (TTL)', async () => {
    const visitor = new Visitor(app);
    await visitor.signIn('demo-advisor');
    const token = visitor.cookies.get(SESSION_COOKIE)!;
    await visitor.post('/sign-out', { _csrf: await visitor.csrfToken() });
    const session = sessionOf(token, 'local-demo-advisor');
    const table = (testApp.runtime.deps.sessions as unknown as { tableName: string }).tableName;
    const { Item } = await documentClient(dynamoClient(dynalite.endpoint)).send(new GetCommand({ TableName: table, Key: keys.session(session.id) }));
    expect(Item).toMatchObject({ entity: 'session', subject: 'local-demo-advisor', endedAt: expect.any(String) });
    expect(Item!.ttl).toBeGreaterThanOrEqual(Math.floor(session.expiresAt.getTime() / 1000));
    expect(Item!.ttl).toBeLessThan(Math.floor(session.expiresAt.getTime() / 1000) + 3600);
  });

  describe('in AWS (hosted sign-in)', () => {
    let hostedApp: App;
    let domain: ReturnType<typeof startUserPoolDomain>;
    let base: string;

    beforeAll(async () => {
      domain = startUserPoolDomain(() => testApp.issuer.issue('demo-almi'));
      await new Promise<void>((resolve) => domain.server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(domain.server.address() as AddressInfo).port}`;
      const { devSignIn: _local, ...deps } = testApp.runtime.deps;
      hostedApp = createApp({ ...deps, hostedSignIn: createCognitoHostedSignIn({ domain: base, clientId: DEV_CLIENT_ID }) });
    });
    afterAll(() => new Promise<void>((resolve) => domain.server.close(() => resolve())));

    it('revokes the refresh token, sends the browser through the user pool logout, and refuses the old cookie', async () => {
      const started = await hostedApp.request(`${SITE}/sign-in?next=/referrals`);
      const authorize = new URL(started.headers.get('location')!);
      domain.state.challenge = authorize.searchParams.get('code_challenge')!;
      const pending = cookieValue(started.headers.get('set-cookie'), '__Host-vagvisaren-oauth')!;
      const back = await hostedApp.request(`${SITE}/auth/callback?code=good-code&state=${authorize.searchParams.get('state')}`, { headers: { cookie: `__Host-vagvisaren-oauth=${pending}` } });
      expect(back.status).toBe(303);
      const token = cookieValue(back.headers.get('set-cookie'), SESSION_COOKIE)!;
      expect(back.headers.getSetCookie().find((c) => c.includes('the-refresh-token'))).toBe(
        `${REFRESH_COOKIE}=the-refresh-token; Max-Age=43200; Path=/auth/refresh; HttpOnly; Secure; SameSite=Lax`,
      );
      const cookie = `${SESSION_COOKIE}=${token}`;
      expect((await hostedApp.request(`${SITE}/v1/me`, { headers: { cookie } })).status).toBe(200);

      const page = await (await hostedApp.request(`${SITE}/referrals`, { headers: { cookie, accept: 'text/html' } })).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
      const signedOut = await hostedApp.request(`${SITE}/sign-out`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf }).toString(),
      });
      expect(signedOut.status).toBe(303);
      const logout = new URL(signedOut.headers.get('location')!);
      expect(`${logout.origin}${logout.pathname}`).toBe(`${base}/logout`);
      expect(Object.fromEntries(logout.searchParams)).toEqual({ client_id: DEV_CLIENT_ID, logout_uri: `${SITE}/` });
      expect(domain.state.revoked).toEqual([`${DEV_CLIENT_ID}:the-refresh-token`]);

      expect((await hostedApp.request(`${SITE}/v1/me`, { headers: { cookie } })).status).toBe(401);
      expect((await hostedApp.request(`${SITE}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    });
  });
});
