/** HostedSignIn on a Cognito user pool domain: /oauth2/authorize and /oauth2/token for a public client with PKCE. */
import { z } from 'zod';
import { UnauthenticatedError } from '#shared/domain/errors.ts';
import type { HostedSignIn } from '#shared/ports/hosted-sign-in.ts';

export const HOSTED_SIGN_IN_SCOPES = ['openid', 'email', 'profile'] as const;

const TokenResponse = z.object({ access_token: z.string().min(1), token_type: z.string() });

export const createCognitoHostedSignIn = (options: { domain: string; clientId: string; fetch?: typeof fetch }): HostedSignIn => {
  const base = options.domain.replace(/\/+$/, '');
  const send = options.fetch ?? fetch;
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
    async exchangeCode({ code, codeVerifier, redirectUri }) {
      const response = await send(`${base}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: options.clientId, code, redirect_uri: redirectUri, code_verifier: codeVerifier }),
        signal: AbortSignal.timeout(5000),
      });
      const body = TokenResponse.safeParse(await response.json().catch(() => undefined));
      if (!response.ok || !body.success) throw new UnauthenticatedError('The sign-in service did not accept the sign-in. Try again.');
      return body.data.access_token;
    },
  };
};
