/**
 * The local runtime's development token issuer: signs Cognito-shaped access tokens for the demo users
 * with a key kept under DATA_DIR, and refresh tokens that renew them, as the user pool's token
 * endpoint does: an hour's access token, renewable for a working day, every token of one sign-in
 * sharing its `origin_jti`. Only the local composition root imports it; the AWS bundle cannot.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { ORGANISATION_CLAIM } from '#shared/adapters/jwt/jwt-verifier.ts';
import { UnauthenticatedError } from '#shared/domain/errors.ts';
import type { HostedTokens } from '#shared/ports/hosted-sign-in.ts';
import { SESSION_RENEWABLE_HOURS } from '#functions/api/authorization/session.ts';
import { DEMO_USERS, type DemoUser } from './demo-users.ts';

export const DEV_ISSUER = 'urn:vagvisaren:local-development-issuer';
export const DEV_CLIENT_ID = 'vagvisaren-local';
const KEY_ID = 'local-dev-1';
/** As the AWS web client: access tokens for an hour, renewable for a working day. */
export const DEV_ACCESS_TOKEN_SECONDS = 3600;
const REFRESH_SECONDS = SESSION_RENEWABLE_HOURS * 3600;

export type DevIssuer = {
  users: readonly DemoUser[];
  jwks: ReturnType<typeof createLocalJWKSet>;
  /** An access token of a session of its own (for API clients and tests). */
  issue(username: string, now?: Date): Promise<string>;
  /** A sign-in: an access token and the refresh token that renews it. */
  signIn(username: string, now?: Date): Promise<Required<HostedTokens>>;
  /** A new access token of the refresh token's session; UnauthenticatedError when it is not one of ours or has expired. */
  refresh(refreshToken: string, now?: Date): Promise<HostedTokens>;
};

const loadOrCreateKey = async (path?: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> => {
  if (path) {
    try {
      return JSON.parse(await readFile(path, 'utf8'));
    } catch {
      // no key yet
    }
  }
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const pair = { privateJwk: await exportJWK(privateKey), publicJwk: { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' } };
  if (path) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(pair), { mode: 0o600 });
  }
  return pair;
};

/** A development issuer; with `keyPath` its key (and so its sessions) survive restarts. */
export const createDevIssuer = async (options: { keyPath?: string } = {}): Promise<DevIssuer> => {
  const { privateJwk, publicJwk } = await loadOrCreateKey(options.keyPath);
  const signingKey = await importJWK(privateJwk, 'RS256');
  const jwks = createLocalJWKSet({ keys: [publicJwk] });
  const userNamed = (username: string): DemoUser => {
    const user = DEMO_USERS.find((u) => u.username === username);
    if (!user) throw new Error(`No demo user is called ${username}.`);
    return user;
  };
  const signed = (claims: Record<string, unknown>, user: DemoUser, now: Date, lifetimeSeconds: number) => {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: KEY_ID })
      .setIssuer(DEV_ISSUER)
      .setSubject(`local-${user.username}`)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetimeSeconds)
      .sign(signingKey);
  };
  const accessToken = (user: DemoUser, session: string, now: Date) =>
    signed(
      {
        token_use: 'access',
        client_id: DEV_CLIENT_ID,
        username: user.username,
        name: user.name,
        'cognito:groups': user.roles,
        origin_jti: session,
        ...(user.organisationId ? { [ORGANISATION_CLAIM]: user.organisationId } : {}),
      },
      user,
      now,
      DEV_ACCESS_TOKEN_SECONDS,
    );
  return {
    users: DEMO_USERS,
    jwks,
    issue: (username, now = new Date()) => accessToken(userNamed(username), randomUUID(), now),
    async signIn(username, now = new Date()) {
      const user = userNamed(username);
      const session = randomUUID();
      const refreshToken = await signed({ token_use: 'refresh', client_id: DEV_CLIENT_ID, username: user.username, origin_jti: session }, user, now, REFRESH_SECONDS);
      return { accessToken: await accessToken(user, session, now), refreshToken };
    },
    async refresh(refreshToken, now = new Date()) {
      const claims = await jwtVerify(refreshToken, jwks, { issuer: DEV_ISSUER, currentDate: now, algorithms: ['RS256'] })
        .then(({ payload }) => payload)
        .catch(() => undefined);
      const user = DEMO_USERS.find((u) => u.username === claims?.username);
      if (!claims || claims.token_use !== 'refresh' || claims.client_id !== DEV_CLIENT_ID || typeof claims.origin_jti !== 'string' || !user) {
        throw new UnauthenticatedError('The sign-in has expired or was ended. Sign in again.');
      }
      return { accessToken: await accessToken(user, claims.origin_jti, now) };
    },
  };
};
