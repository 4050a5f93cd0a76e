/**
 * Starts a web session: the access token in the session cookie, for as long as the token lives, and
 * the refresh token, when there is one, in a cookie only the renewal path receives.
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { HostedTokens } from '#shared/ports/hosted-sign-in.ts';
import { REFRESH_COOKIE, SESSION_COOKIE, SESSION_RENEW_PATH, SESSION_RENEWABLE_HOURS } from '../../authorization/session.ts';

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

/**
 * `__Host-` session cookie: Secure, Path=/, no Domain; HttpOnly and SameSite=Lax so other sites cannot
 * use it. A refresh token goes in its own HttpOnly, Secure, SameSite=Lax cookie limited to the renewal
 * path, for as long as a sign-in can be renewed; a renewal that brings no new one keeps the old.
 */
export const startSession = (c: Context, tokens: HostedTokens): void => {
  setCookie(c, SESSION_COOKIE, tokens.accessToken, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: sessionSeconds(tokens.accessToken) });
  if (tokens.refreshToken) {
    setCookie(c, REFRESH_COOKIE, tokens.refreshToken, {
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: SESSION_RENEW_PATH,
      maxAge: SESSION_RENEWABLE_HOURS * 3600,
    });
  }
};

/** Forgets the refresh token (sign-out, or a renewal the provider refused). */
export const forgetRefreshToken = (c: Context): void => {
  deleteCookie(c, REFRESH_COOKIE, { path: SESSION_RENEW_PATH, secure: true, httpOnly: true, sameSite: 'Lax' });
};
