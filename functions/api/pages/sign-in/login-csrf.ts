/**
 * Login-CSRF protection of POST /sign-in, which comes before there is a session (so the session's CSRF
 * token cannot protect it): GET /sign-in sets a short-lived pre-session cookie — `__Host-`, HttpOnly,
 * SameSite=Strict — and embeds the same value in a hidden field of each sign-in form. A sign-in is
 * accepted only when the field matches the cookie. Another site can neither read the cookie nor make
 * the browser send it (Strict), so it cannot sign a visitor in to an account of its choosing. A
 * request the browser marks as cross-site (`Sec-Fetch-Site: cross-site`) is refused outright.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const PRE_SESSION_COOKIE = '__Host-vagvisaren-signin';
export const PRE_SESSION_FIELD = '_signin';
/** Ten minutes to choose a user; reloading the sign-in page gives another ten. */
export const PRE_SESSION_SECONDS = 600;

const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;

/** The pre-session value for the sign-in forms: the visitor's current one (so two open tabs both work), or a new one. */
export const issuePreSession = (c: Context): string => {
  const current = getCookie(c, PRE_SESSION_COOKIE);
  const value = current && WELL_FORMED.test(current) ? current : randomBytes(32).toString('base64url');
  setCookie(c, PRE_SESSION_COOKIE, value, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/', maxAge: PRE_SESSION_SECONDS });
  return value;
};

/** True when the posted field matches the pre-session cookie and the browser does not say the post is cross-site. */
export const preSessionMatches = (c: Context, field: string | undefined): boolean => {
  if (c.req.header('sec-fetch-site') === 'cross-site') return false;
  const cookie = getCookie(c, PRE_SESSION_COOKIE);
  if (!cookie || !field || !WELL_FORMED.test(cookie)) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(field);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Forgets the pre-session once it has served. */
export const clearPreSession = (c: Context) => deleteCookie(c, PRE_SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Strict' });
