/** The identity provider's own sign-in pages (OAuth 2.0 authorization code with PKCE), as the AWS runtime uses them. */

export type HostedTokens = { accessToken: string; refreshToken?: string };

/** Renews a sign-in: a new access token for a refresh token, so a working day is one sign-in. */
export interface TokenRefresher {
  /** Trades a refresh token for a new access token of the same session; throws UnauthenticatedError when it is refused (expired, revoked, unknown). */
  refresh(refreshToken: string): Promise<HostedTokens>;
}

export interface HostedSignIn extends TokenRefresher {
  /** Where to send the browser to sign in; the provider comes back to `redirectUri` with `code` and `state`. */
  authorizeUrl(params: { state: string; codeChallenge: string; redirectUri: string }): string;
  /** Trades the code for the access token (and the refresh token, when the provider gives one); throws UnauthenticatedError when the provider refuses. */
  exchangeCode(params: { code: string; codeVerifier: string; redirectUri: string }): Promise<HostedTokens>;
  /** Revokes a refresh token, and with it the tokens issued from it; throws when the provider does not confirm. */
  revoke(refreshToken: string): Promise<void>;
  /** Where to send the browser to end the provider's own session, returning to `returnTo` (a registered sign-out URL). */
  logoutUrl(returnTo: string): string;
}
