import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '#shared/adapters/jwt/jwt-verifier.ts';
import { createApp, type App } from '#functions/api/app.ts';
import { SESSION_COOKIE } from '#functions/api/authorization/session.ts';
import { createDevIssuer, DEV_CLIENT_ID, DEV_ISSUER } from '#functions/local/dev-issuer.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

const claims = (overrides: Record<string, unknown> = {}) => ({
  token_use: 'access',
  client_id: DEV_CLIENT_ID,
  username: 'mallory',
  name: 'Mallory',
  'cognito:groups': ['admin'],
  organisation: 'almi-foretagspartner-malardalen',
  sub: 'local-mallory',
  iss: DEV_ISSUER,
  iat: now(),
  exp: now() + 3600,
  ...overrides,
});

describe('forged access tokens', () => {
  const dynalite = useDynalite();
  let app: App;
  let keyDir: string;
  let realKey: CryptoKey | Uint8Array;
  let realIssue: (username: string, at?: Date) => Promise<string>;
  const forged = new Map<string, () => Promise<string>>();

  beforeAll(async () => {
    keyDir = await mkdtemp(join(tmpdir(), 'vagvisaren-forged-'));
    const keyPath = join(keyDir, 'signing-key.json');
    const issuer = await createDevIssuer({ keyPath });
    realIssue = (username, at) => issuer.issue(username, at);
    const { privateJwk, publicJwk } = JSON.parse(readFileSync(keyPath, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
    realKey = await importJWK(privateJwk, 'RS256');
    const { deps } = (await buildTestApp(dynalite.endpoint, [])).runtime;
    app = createApp({ ...deps, tokens: createJwtVerifier({ keys: issuer.jwks, issuer: DEV_ISSUER, clientId: DEV_CLIENT_ID }) });

    const attacker = await generateKeyPair('RS256', { extractable: true });
    const signReal = (payload: Record<string, unknown>) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'local-dev-1' }).sign(realKey);
    const valid = await realIssue('demo-advisor');
    const [header, , signature] = valid.split('.');
    forged.set('alg none, unsigned', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`);
    forged.set('HS256 keyed with the public key (algorithm confusion)', async () =>
      new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'local-dev-1' }).sign(new TextEncoder().encode(JSON.stringify(publicJwk))),
    );
    forged.set("signed by the attacker's key under the real key id", () => new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: 'local-dev-1' }).sign(attacker.privateKey));
    forged.set('attacker key embedded in the header (jwk)', async () =>
      new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', jwk: await exportJWK(attacker.publicKey) }).sign(attacker.privateKey),
    );
    forged.set("real token with its payload swapped for an admin's", async () => `${header}.${b64(claims())}.${signature}`);
    forged.set('real token with its signature cut off', async () => `${header}.${valid.split('.')[1]}.`);
    forged.set('expired', () => realIssue('demo-admin', new Date(Date.now() - 9 * 3600 * 1000)));
    forged.set('issued in the future', () => signReal(claims({ iat: now() + 7200, nbf: now() + 7200, exp: now() + 9000 })));
    forged.set('another issuer', () => signReal(claims({ iss: 'https://evil.example' })));
    forged.set('another client', () => signReal(claims({ client_id: 'someone-else' })));
    forged.set('an ID token, not an access token', () => signReal(claims({ token_use: 'id' })));
    forged.set('no expiry', () => signReal(Object.fromEntries(Object.entries(claims()).filter(([name]) => name !== 'exp'))));
    forged.set('no subject', () => signReal(Object.fromEntries(Object.entries(claims()).filter(([name]) => name !== 'sub'))));
    forged.set('not a JWT at all', async () => 'definitely-not-a-token');
    forged.set('three empty parts', async () => '..');
  });
  afterAll(() => rm(keyDir, { recursive: true, force: true }));

  it('has the fifteen kinds', () => {
    expect(forged.size).toBe(15);
  });

  it('admits the real token (so the refusals below are about the forgery)', async () => {
    const response = await app.request('/v1/me', { headers: { authorization: `Bearer ${await realIssue('demo-advisor')}` } });
    expect(response.status).toBe(200);
  });

  it.each([
    'alg none, unsigned',
    'HS256 keyed with the public key (algorithm confusion)',
    "signed by the attacker's key under the real key id",
    'attacker key embedded in the header (jwk)',
    "real token with its payload swapped for an admin's",
    'real token with its signature cut off',
    'expired',
    'issued in the future',
    'another issuer',
    'another client',
    'an ID token, not an access token',
    'no expiry',
    'no subject',
    'not a JWT at all',
    'three empty parts',
  ])('refuses a token that is %s: 401 as bearer, a fresh sign-in as cookie, never data or a 500', async (kind) => {
    const token = await forged.get(kind)!();
    const bearer = await app.request('/v1/editor/entries', { headers: { authorization: `Bearer ${token}` } });
    expect(bearer.status).toBe(401);
    expect(bearer.headers.get('content-type')).toBe('application/problem+json');
    const page = await app.request('/editor', { headers: { cookie: `${SESSION_COOKIE}=${token}`, accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/auth\/refresh\?next=/);
    const renewal = await app.request(page.headers.get('location')!, { headers: { cookie: `${SESSION_COOKIE}=${token}`, accept: 'text/html' } });
    expect(renewal.status).toBe(303);
    expect(renewal.headers.get('location')).toMatch(/^\/sign-in\?next=/);
  });
});
