/**
 * The user pool's access tokens verified against its signing keys (JWKS, fetched with the first
 * token and cached). The AWS roots load this module with the first bearer token they see.
 */
import { createRemoteJWKSet } from 'jose';
import { createJwtVerifier } from '#shared/adapters/jwt/jwt-verifier.ts';
import type { TokenVerifier } from '#shared/ports/token-verifier.ts';
import { JWKS_TIMEOUT_MS } from './timeouts.ts';

export const cognitoTokenVerifier = (issuer: string, clientId: string): TokenVerifier =>
  createJwtVerifier({ keys: createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), { timeoutDuration: JWKS_TIMEOUT_MS }), issuer, clientId });
