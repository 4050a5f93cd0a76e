/**
 * Verifies OIDC access tokens as Cognito issues them: RS256 only, issuer, client id, expiry and
 * token use; groups become roles and the organisation claim the principal's organisation.
 */
import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { UnauthenticatedError } from '#shared/domain/errors.ts';
import { ROLES, type Principal, type Role } from '#shared/domain/identity.ts';
import type { TokenVerifier } from '#shared/ports/token-verifier.ts';
import { ORGANISATION_CLAIM } from './claims.ts';

export const ALLOWED_ALGORITHMS = ['RS256'];
export { ORGANISATION_CLAIM } from './claims.ts';

const AccessTokenClaims = z.object({
  sub: z.string().min(1),
  token_use: z.literal('access'),
  client_id: z.string().min(1),
  username: z.string().optional(),
  name: z.string().optional(),
  'cognito:groups': z.array(z.string()).default([]),
  [ORGANISATION_CLAIM]: z.string().optional(),
});

export type JwtVerifierOptions = {
  keys: JWTVerifyGetKey;
  issuer: string;
  clientId: string;
  /** Seconds of clock skew tolerated on exp/nbf/iat. */
  clockTolerance?: number;
};

export const createJwtVerifier = (options: JwtVerifierOptions): TokenVerifier => ({
  async verify(token) {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        algorithms: ALLOWED_ALGORITHMS,
        issuer: options.issuer,
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: options.clockTolerance ?? 30,
      }));
    } catch (error) {
      const reason = error instanceof errors.JWTExpired ? 'The sign-in has expired.' : 'The access token is not valid.';
      throw new UnauthenticatedError(`${reason} Sign in again.`);
    }
    const claims = AccessTokenClaims.safeParse(payload);
    if (!claims.success || claims.data.client_id !== options.clientId) throw new UnauthenticatedError('The access token was not issued for this application.');
    const roles = claims.data['cognito:groups'].filter((g): g is Role => (ROLES as readonly string[]).includes(g));
    const organisation = claims.data[ORGANISATION_CLAIM];
    const principal: Principal = {
      subject: claims.data.sub,
      name: claims.data.name ?? claims.data.username ?? claims.data.sub,
      roles,
      ...(organisation ? { organisationId: organisation as Principal['organisationId'] & string } : {}),
    };
    return principal;
  },
});
