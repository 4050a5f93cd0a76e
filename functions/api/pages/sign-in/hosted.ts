/**
 * Sign-in through the identity provider's hosted pages (AWS): GET /sign-in sends the browser there
 * with a PKCE challenge and a state kept in a short-lived cookie; GET /auth/callback checks the state,
 * trades the code for an access token, verifies it, and starts the session: the access token in the
 * session cookie, the refresh token in the renewal path's cookie (renew.ts) and on the server, so
 * sign-out can revoke it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { UnauthenticatedError } from '#shared/domain/errors.ts';
import type { HostedSignIn } from '#shared/ports/hosted-sign-in.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { SessionStore } from '#shared/ports/session-store.ts';
import type { TokenVerifier } from '#shared/ports/token-verifier.ts';
import { SIGN_IN_CALLBACK_PATH, sessionOf } from '../../authorization/session.ts';
import type { AppEnv } from '../../env.ts';
import { errorPage, requestMessages } from '../errors.tsx';
import { safeNext } from './next.ts';
import { renewableUntil } from './renew.ts';
import { startSession } from './session-cookie.ts';

export const HOSTED_SIGN_IN_COOKIE = '__Host-vagvisaren-oauth';
const PENDING_SECONDS = 600;

const Pending = z.object({ state: z.string().min(20), verifier: z.string().min(43), next: z.string() });

const random = () => randomBytes(32).toString('base64url');
export const codeChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const callbackUrl = (c: Context) => new URL(SIGN_IN_CALLBACK_PATH, c.req.url).toString();

/** Sends the browser to the provider's sign-in page, remembering where to return. */
export const redirectToHostedSignIn = (c: Context<AppEnv>, hosted: HostedSignIn, next: string | undefined) => {
  const pending = { state: random(), verifier: random(), next: safeNext(next) };
  setCookie(c, HOSTED_SIGN_IN_COOKIE, JSON.stringify(pending), { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: PENDING_SECONDS });
  c.header('Cache-Control', 'no-store');
  return c.redirect(hosted.authorizeUrl({ state: pending.state, codeChallenge: codeChallenge(pending.verifier), redirectUri: callbackUrl(c) }), 302);
};

/**
 * Finishes the sign-in the provider sends back. A missing or wrong state or a refused code answers a
 * 401 page (not a redirect to /sign-in, which would go straight back to the provider in a loop).
 */
export const completeHostedSignIn = async (c: Context<AppEnv>, hosted: HostedSignIn, tokens: TokenVerifier, sessions: SessionStore, clock: Clock) => {
  const t = requestMessages(c);
  const refuse = () => errorPage(c, t, 401, t.session.expiredTitle, t.session.expiredLead);
  const pending = Pending.safeParse((() => {
    try {
      return JSON.parse(getCookie(c, HOSTED_SIGN_IN_COOKIE) ?? '');
    } catch {
      return undefined;
    }
  })());
  deleteCookie(c, HOSTED_SIGN_IN_COOKIE, { path: '/', secure: true });
  const code = c.req.query('code');
  if (!pending.success || !code || c.req.query('state') !== pending.data.state) return refuse();
  try {
    const signedIn = await hosted.exchangeCode({ code, codeVerifier: pending.data.verifier, redirectUri: callbackUrl(c) });
    const principal = await tokens.verify(signedIn.accessToken);
    await sessions.start({
      ...sessionOf(signedIn.accessToken, principal.subject),
      ...(signedIn.refreshToken ? { refreshToken: signedIn.refreshToken, renewableUntil: renewableUntil(clock.now()) } : {}),
    });
    startSession(c, signedIn);
  } catch (error) {
    if (error instanceof UnauthenticatedError) return refuse();
    throw error;
  }
  return c.redirect(pending.data.next, 303);
};
