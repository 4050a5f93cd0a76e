/**
 * Authentication and route authorisation middleware: a bearer token or the session cookie becomes
 * `c.var.principal` (a token that fails verification leaves the caller anonymous, so public pages
 * still work, and is the 401 of a route that needs sign-in); the matched route's policy then
 * admits, or answers 401/403. A token whose session was ended (signed out) is refused like an
 * invalid one. State-changing requests authenticated by cookie must carry the session's CSRF token.
 */
import type { Context, MiddlewareHandler, Next } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { matchedRoutes } from 'hono/route';
import { ForbiddenError, UnauthenticatedError } from '#shared/domain/errors.ts';
import type { SessionStore } from '#shared/ports/session-store.ts';
import type { TokenVerifier } from '#shared/ports/token-verifier.ts';
import type { AppEnv } from '../env.ts';
import { SAFE_METHODS } from '../request.ts';
import type { Policy } from './policies.ts';
import { CSRF_FIELD, CSRF_HEADER, csrfTokenFor, SESSION_COOKIE, sessionOf } from './session.ts';

/** The route that will answer the request, as `METHOD path`, or undefined when none matches. */
export const matchedRouteKey = (c: Context): string | undefined => {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i]!;
    if (route.method !== 'ALL') return `${route.method} ${route.path}`;
  }
  return undefined;
};

const submittedCsrfToken = async (c: Context): Promise<string | undefined> => {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    const value = (await c.req.parseBody())[CSRF_FIELD];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
};

/** The principal of a token whose session has not ended; throws UnauthenticatedError otherwise. */
const signedIn = async (token: string, options: { tokens: TokenVerifier; sessions: SessionStore }) => {
  const principal = await options.tokens.verify(token);
  const session = sessionOf(token, principal.subject);
  if (await options.sessions.isEnded(session.id)) throw new UnauthenticatedError('You have signed out of this session. Sign in again.');
  return { principal, session };
};

/** A request without a bearer token or session cookie goes straight on: nothing to read or verify. */
export const authenticate = (options: { tokens: TokenVerifier; sessions: SessionStore }): MiddlewareHandler<AppEnv> => {
  const withToken = async (c: Context<AppEnv>, next: Next, token: string, cookie: string | undefined) => {
    try {
      const { principal, session } = await signedIn(token, options);
      c.set('principal', principal);
      c.set('session', session);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      c.set('authenticationProblem', error);
      if (cookie) deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
      return next();
    }
    if (cookie) c.set('csrfToken', csrfTokenFor(cookie));
    if (cookie && !SAFE_METHODS.has(c.req.method) && (await submittedCsrfToken(c)) !== csrfTokenFor(cookie)) {
      throw new ForbiddenError('The form has expired or did not come from this site. Reload the page and try again.', [
        { name: CSRF_FIELD, reason: 'missing or wrong CSRF token' },
      ]);
    }
    return next();
  };
  return (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer) return withToken(c, next, bearer, undefined);
    const cookie = getCookie(c, SESSION_COOKIE);
    return cookie ? withToken(c, next, cookie, cookie) : next();
  };
};

/** Synchronous until it hands on: a public route costs one lookup. */
export const authorize = (options: { policies: Readonly<Record<string, Policy>> }): MiddlewareHandler<AppEnv> => (c, next) => {
  const key = matchedRouteKey(c);
  if (key === undefined) return next();
  const policy = options.policies[key];
  if (policy === 'public') return next();
  const principal = c.var.principal;
  if (policy === undefined) throw new ForbiddenError('This route has no access policy, so no one may use it.');
  if (!principal) throw c.var.authenticationProblem ?? new UnauthenticatedError('Sign in to do this.');
  if (policy !== 'signed-in' && !principal.roles.some((role) => policy.includes(role))) {
    throw new ForbiddenError(`Your role (${principal.roles.join(', ') || 'none'}) may not do this.`);
  }
  return next();
};
