/** What handlers read from a request beyond its validated parameters: the signed-in principal and the If-Match version. */
import type { Context } from 'hono';
import { PreconditionRequiredError, UnauthenticatedError, ValidationError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/identity.ts';
import type { AppEnv } from './env.ts';

/** Methods that change nothing and carry no body the app reads. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in caller; the route policy has admitted only signed-in callers where this is used. */
export const principalOf = (c: Context<AppEnv>): Principal => {
  const principal = c.var.principal;
  if (!principal) throw new UnauthenticatedError('Sign in to do this.');
  return principal;
};

/** The version an If-Match header names: `"3"`, `W/"3"` or `3`. */
export const expectedVersion = (header: string | undefined): number => {
  if (header === undefined) {
    throw new PreconditionRequiredError('Say which version you edited: send the ETag you read as If-Match.', [{ name: 'If-Match', reason: 'required' }]);
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw new ValidationError('If-Match must be the ETag you read, such as "3".', [{ name: 'If-Match', reason: 'not a version' }]);
  return Number(match[1]);
};
