/**
 * Renews a web session (GET /auth/refresh?next=…): a page that needs sign-in sends the browser here
 * when its access token has expired; the refresh token's cookie, which only this path receives,
 * buys a new access token from the provider (Cognito's token endpoint in AWS, the development issuer
 * locally) for the same session, unless that session was ended at sign-out; then back to `next`.
 * Without a refresh token, or when it is refused, the browser goes to the sign-in page instead.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { UnauthenticatedError } from '#shared/domain/errors.ts';
import type { TokenRefresher } from '#shared/ports/hosted-sign-in.ts';
import { REFRESH_COOKIE, SESSION_RENEWABLE_HOURS, sessionOf } from '../../authorization/session.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import { requestMessages, signInHref } from '../errors.tsx';
import { safeNext } from './next.ts';
import { forgetRefreshToken, startSession } from './session-cookie.ts';

const HOUR = 3_600_000;

/** Who renews sessions here: the hosted sign-in in AWS, the development issuer locally. */
export const tokenRefresher = (deps: AppDeps): TokenRefresher | undefined => deps.hostedSignIn ?? deps.devSignIn;

/**
 * A session as the store keeps it, with its refresh token when the provider can revoke it (AWS), so
 * sign-out can; kept as long as the sign-in can be renewed, so an ended one stays refused that long.
 */
export const sessionRecord = (deps: AppDeps, accessToken: string, subject: string, refreshToken: string | undefined, renewableUntil: Date) => ({
  ...sessionOf(accessToken, subject),
  ...(refreshToken && deps.hostedSignIn ? { refreshToken } : {}),
  renewableUntil,
});

export const renewableUntil = (now: Date): Date => new Date(now.getTime() + SESSION_RENEWABLE_HOURS * HOUR);

export const renewSessionHandler = (deps: AppDeps) => async (c: Context<AppEnv>) => {
  const t = requestMessages(c);
  const next = safeNext(c.req.query('next'));
  c.header('Cache-Control', 'no-store');
  const refresher = tokenRefresher(deps);
  const refreshToken = getCookie(c, REFRESH_COOKIE);
  const signIn = () => c.redirect(signInHref(next, t.lang), 303);
  if (!refresher || !refreshToken) return signIn();
  try {
    const renewed = await refresher.refresh(refreshToken);
    const principal = await deps.tokens.verify(renewed.accessToken);
    const session = sessionOf(renewed.accessToken, principal.subject);
    if (await deps.sessions.isEnded(session.id)) throw new UnauthenticatedError('You have signed out of this session. Sign in again.');
    const kept = renewed.refreshToken ?? refreshToken;
    await deps.sessions.start(sessionRecord(deps, renewed.accessToken, principal.subject, kept, renewableUntil(deps.clock.now())));
    startSession(c, renewed);
    c.var.log?.info('session renewed');
  } catch (error) {
    if (!(error instanceof UnauthenticatedError)) throw error;
    forgetRefreshToken(c);
    return signIn();
  }
  return c.redirect(next, 303);
};
