/** The web session: the access token in a `__Host-` cookie, and the CSRF token derived from it. */
import { createHash } from 'node:crypto';

export const SESSION_COOKIE = '__Host-vagvisaren-session';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';
/** Where the identity provider's hosted sign-in returns to (registered on the app client in infra). */
export const SIGN_IN_CALLBACK_PATH = '/auth/callback';

/**
 * The CSRF token of a session: a hash of the HttpOnly session cookie, so a page of ours can embed it
 * while another site, which cannot read the cookie, cannot forge it.
 */
export const csrfTokenFor = (sessionToken: string): string => createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
