/**
 * The web session: the access token in a `__Host-` cookie, the CSRF token derived from it, and the
 * session a token belongs to, by which sign-out ends it on the server.
 */
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose/jwt/decode';
import type { SessionRef } from '#shared/ports/session-store.ts';

export const SESSION_COOKIE = '__Host-vagvisaren-session';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';
/** Where the identity provider's hosted sign-in returns to (registered on the app client in infra). */
export const SIGN_IN_CALLBACK_PATH = '/auth/callback';

/**
 * The refresh token's cookie: `__Secure-` (Secure, set over HTTPS only), HttpOnly, SameSite=Lax and
 * sent only to the path that renews the session, so no other request carries it.
 */
export const REFRESH_COOKIE = '__Secure-vagvisaren-refresh';
export const SESSION_RENEW_PATH = '/auth/refresh';
/** How long one sign-in can be renewed: a working day (the app client's refresh token validity in AWS). */
export const SESSION_RENEWABLE_HOURS = 12;

/**
 * The CSRF token of a session: a hash of the HttpOnly session cookie, so a page of ours can embed it
 * while another site, which cannot read the cookie, cannot forge it.
 */
export const csrfTokenFor = (sessionToken: string): string => createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');

const IdClaim = (value: unknown): string | undefined => (typeof value === 'string' && /^[\w-]{8,128}$/.test(value) ? value : undefined);

/**
 * The session a verified access token belongs to: Cognito's `origin_jti` (shared by every token of
 * one sign-in, refreshed ones too), else the token's `jti`, else a hash of the token itself.
 */
export const sessionOf = (token: string, subject: string): SessionRef => {
  const claims = decodeJwt(token);
  const id = IdClaim(claims.origin_jti) ?? IdClaim(claims.jti) ?? createHash('sha256').update(token).digest('base64url');
  return { id, subject, expiresAt: new Date((typeof claims.exp === 'number' ? claims.exp : Date.now() / 1000) * 1000) };
};
