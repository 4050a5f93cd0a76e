/** The identity port: turns a bearer access token into a principal, or refuses it. */
import type { Principal } from '#shared/domain/identity.ts';

export interface TokenVerifier {
  /** Resolves the token's principal; throws UnauthenticatedError for any token it does not trust. */
  verify(token: string): Promise<Principal>;
}
