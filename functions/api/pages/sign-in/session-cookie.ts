/** Starts a web session: the access token in the session cookie, for as long as the token lives. */
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../../authorization/session.ts';

/** The cookie lives as long as the token it holds (`exp` − `iat`); 8 hours when the token does not say. */
const DEFAULT_SESSION_SECONDS = 8 * 3600;
export const sessionSeconds = (token: string): number => {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown };
    if (typeof payload.exp === 'number' && typeof payload.iat === 'number' && payload.exp > payload.iat) return payload.exp - payload.iat;
  } catch {
    // not a JWT: fall back
  }
  return DEFAULT_SESSION_SECONDS;
};

/** `__Host-` cookie: Secure, Path=/, no Domain; HttpOnly and SameSite=Lax so other sites cannot use it. */
export const startSession = (c: Context, token: string): void => {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: sessionSeconds(token) });
};
