/** The custom claims the app reads from access tokens, with no dependencies, so the sign-in trigger's bundle stays small. */

/** The claim a pre-token-generation trigger (or the development issuer) puts the organisation in. */
export const ORGANISATION_CLAIM = 'organisation';
