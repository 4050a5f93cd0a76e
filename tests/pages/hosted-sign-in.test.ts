import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoHostedSignIn } from '#shared/adapters/oidc/cognito-hosted-sign-in.ts';
import { createApp } from '#functions/api/app.ts';
import { DEV_CLIENT_ID } from '#functions/local/dev-issuer.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

/** A stand-in for the user pool domain's token endpoint: it checks the PKCE verifier like Cognito does. */
const startTokenEndpoint = (issue: () => Promise<string>) => {
  const expected: { challenge?: string } = {};
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      const form = new URLSearchParams(body);
      const verifierMatches = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') === expected.challenge;
      const ok = request.url === '/oauth2/token' && form.get('grant_type') === 'authorization_code' && form.get('client_id') === DEV_CLIENT_ID && form.get('code') === 'good-code' && verifierMatches;
      response.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
      response.end(JSON.stringify(ok ? { access_token: await issue(), token_type: 'Bearer', expires_in: 3600 } : { error: 'invalid_grant' }));
    });
  });
  return { server, expected };
};

const cookieValue = (setCookie: string | null, name: string) => new RegExp(`${name}=([^;]*)`).exec(setCookie ?? '')?.[1];

describe('sign-in through the hosted pages (AWS)', () => {
  const dynalite = useDynalite();
  let app: ReturnType<typeof createApp>;
  let base: string;
  let endpoint: ReturnType<typeof startTokenEndpoint>;

  beforeAll(async () => {
    const testApp = await buildTestApp(dynalite.endpoint, []);
    endpoint = startTokenEndpoint(() => testApp.issuer.issue('demo-editor'));
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}`;
    const { devSignIn: _local, ...deps } = testApp.runtime.deps;
    app = createApp({ ...deps, hostedSignIn: createCognitoHostedSignIn({ domain: base, clientId: DEV_CLIENT_ID }) });
  });
  afterAll(() => new Promise<void>((resolve) => endpoint.server.close(() => resolve())));

  const begin = async () => {
    const started = await app.request('https://vagvisaren.example/sign-in?next=/editor');
    const location = new URL(started.headers.get('location')!);
    endpoint.expected.challenge = location.searchParams.get('code_challenge')!;
    const pending = cookieValue(started.headers.get('set-cookie'), '__Host-vagvisaren-oauth')!;
    return { started, location, pending };
  };

  it('sends the browser to the hosted sign-in with a PKCE challenge and a state', async () => {
    const { started, location } = await begin();
    expect(started.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(`${base}/oauth2/authorize`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: DEV_CLIENT_ID,
      redirect_uri: 'https://vagvisaren.example/auth/callback',
      code_challenge_method: 'S256',
    });
    expect(location.searchParams.get('state')).toMatch(/^[\w-]{40,}$/);
    expect(started.headers.get('set-cookie')).toMatch(/__Host-vagvisaren-oauth=.*; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax/);
  });

  it('starts the session when the provider comes back with the code and the same state', async () => {
    const { location, pending } = await begin();
    const back = await app.request(`https://vagvisaren.example/auth/callback?code=good-code&state=${location.searchParams.get('state')}`, {
      headers: { cookie: `__Host-vagvisaren-oauth=${pending}` },
    });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/editor');
    const session = cookieValue(back.headers.get('set-cookie'), '__Host-vagvisaren-session');
    expect(session).toBeTruthy();
    const editor = await app.request('https://vagvisaren.example/editor', { headers: { cookie: `__Host-vagvisaren-session=${session}`, accept: 'text/html' } });
    expect(editor.status).toBe(200);
  });

  it('refuses a callback whose state does not match, and starts no session', async () => {
    const { pending } = await begin();
    const back = await app.request('https://vagvisaren.example/auth/callback?code=good-code&state=forged-state-value-that-is-long-enough', {
      headers: { cookie: `__Host-vagvisaren-oauth=${pending}`, accept: 'text/html' },
    });
    expect(back.status).toBe(401);
    expect(back.headers.get('set-cookie') ?? '').not.toContain('__Host-vagvisaren-session=ey');
  });

  it('refuses a code the provider does not accept', async () => {
    const { location, pending } = await begin();
    const back = await app.request(`https://vagvisaren.example/auth/callback?code=bad-code&state=${location.searchParams.get('state')}`, {
      headers: { cookie: `__Host-vagvisaren-oauth=${pending}`, accept: 'text/html' },
    });
    expect(back.status).toBe(401);
  });
});
