/**
 * The local runtime's development token issuer: signs Cognito-shaped access tokens for the demo users
 * with a key kept under DATA_DIR. Only the local composition root imports it; the AWS bundle cannot.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { ORGANISATION_CLAIM } from '#shared/adapters/jwt/jwt-verifier.ts';
import { DEMO_USERS, type DemoUser } from './demo-users.ts';

export const DEV_ISSUER = 'urn:vagvisaren:local-development-issuer';
export const DEV_CLIENT_ID = 'vagvisaren-local';
const KEY_ID = 'local-dev-1';
const SESSION_SECONDS = 8 * 3600;

export type DevIssuer = {
  users: readonly DemoUser[];
  jwks: ReturnType<typeof createLocalJWKSet>;
  issue(username: string, now?: Date): Promise<string>;
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
  return {
    users: DEMO_USERS,
    jwks: createLocalJWKSet({ keys: [publicJwk] }),
    async issue(username, now = new Date()) {
      const user = DEMO_USERS.find((u) => u.username === username);
      if (!user) throw new Error(`No demo user is called ${username}.`);
      const issuedAt = Math.floor(now.getTime() / 1000);
      return new SignJWT({
        token_use: 'access',
        client_id: DEV_CLIENT_ID,
        username: user.username,
        name: user.name,
        'cognito:groups': user.roles,
        ...(user.organisationId ? { [ORGANISATION_CLAIM]: user.organisationId } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid: KEY_ID })
        .setIssuer(DEV_ISSUER)
        .setSubject(`local-${user.username}`)
        .setJti(randomUUID())
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + SESSION_SECONDS)
        .sign(signingKey);
    },
  };
};
