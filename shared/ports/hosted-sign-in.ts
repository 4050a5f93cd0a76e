/** The identity provider's own sign-in pages (OAuth 2.0 authorization code with PKCE), as the AWS runtime uses them. */

export interface HostedSignIn {
  /** Where to send the browser to sign in; the provider comes back to `redirectUri` with `code` and `state`. */
  authorizeUrl(params: { state: string; codeChallenge: string; redirectUri: string }): string;
  /** Trades the code for an access token; throws UnauthenticatedError when the provider refuses. */
  exchangeCode(params: { code: string; codeVerifier: string; redirectUri: string }): Promise<string>;
}
