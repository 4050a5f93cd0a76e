/**
 * HostedSignIn on a Cognito user pool domain for a public client with PKCE: /oauth2/authorize and
 * /oauth2/token to sign in, /oauth2/token again to renew with the refresh token, /oauth2/revoke and
 * /logout to sign out.
 */
import { z } from 'zod';
import { UnauthenticatedError } from '#shared/domain/errors.ts';
import type { HostedSignIn } from '#shared/ports/hosted-sign-in.ts';

export const HOSTED_SIGN_IN_SCOPES = ['openid', 'email', 'profile'] as const;

const TokenResponse = z.object({ access_token: z.string().min(1), refresh_token: z.string().min(1).optional(), token_type: z.string() });

export const createCognitoHostedSignIn = (options: { domain: string; clientId: string; fetch?: typeof fetch }): HostedSignIn => {
  const base = options.domain.replace(/\/+$/, '');
  const send = options.fetch ?? fetch;
  /** POST /oauth2/token: the access token, and the refresh token when Cognito gives one. */
  const token = async (form: Record<string, string>, refusal: string) => {
    const response = await send(`${base}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(5000),
    });
    const body = TokenResponse.safeParse(await response.json().catch(() => undefined));
    if (!response.ok || !body.success) throw new UnauthenticatedError(refusal);
    return { accessToken: body.data.access_token, ...(body.data.refresh_token ? { refreshToken: body.data.refresh_token } : {}) };
  };
  return {
    authorizeUrl: ({ state, codeChallenge, redirectUri }) =>
      `${base}/oauth2/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: redirectUri,
        scope: HOSTED_SIGN_IN_SCOPES.join(' '),
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      }).toString()}`,
    exchangeCode: ({ code, codeVerifier, redirectUri }) =>
      token(
        { grant_type: 'authorization_code', client_id: options.clientId, code, redirect_uri: redirectUri, code_verifier: codeVerifier },
        'The sign-in service did not accept the sign-in. Try again.',
      ),
    /** Cognito answers a refresh with a new access token and, unless rotation is on, no new refresh token. */
    refresh: (refreshToken) =>
      token({ grant_type: 'refresh_token', client_id: options.clientId, refresh_token: refreshToken }, 'The sign-in has expired or was ended. Sign in again.'),
    async revoke(refreshToken) {
      const response = await send(`${base}/oauth2/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: refreshToken, client_id: options.clientId }),
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new Error(`The sign-in service did not revoke the refresh token (HTTP ${response.status}).`);
    },
    logoutUrl: (returnTo) => `${base}/logout?${new URLSearchParams({ client_id: options.clientId, logout_uri: returnTo }).toString()}`,
  };
};
