/**
 * Who may call which route: one policy per route, deny by default. A route missing here answers 403
 * to everyone, and the generated role × route test fails until it is given a policy.
 */
import type { Role } from '#shared/domain/identity.ts';
import { CSS_PATH, JS_PATH } from '../pages/assets/index.ts';

export type Policy = 'public' | 'signed-in' | readonly Role[];

/** Who refers companies and follows their referrals; visibility of each referral is decided by the service. */
export const REFERRING_ROLES = ['advisor', 'actor-staff', 'editor', 'admin'] as const satisfies readonly Role[];

/** Who lists and changes establishment offers (the editor service's mayEdit decides per entry as well). */
export const OFFER_ROLES = ['admin', 'investment-promotion'] as const satisfies readonly Role[];

/** Who reads the region's follow-up (read only): follow-up staff and admins. */
export const FOLLOW_UP_ROLES = ['follow-up', 'admin'] as const satisfies readonly Role[];

export const EDITING_ROLES = ['admin', 'editor', 'actor-staff', 'investment-promotion'] as const satisfies readonly Role[];

/** Keyed by `METHOD path` as Hono registers the route (`:id` parameters). */
export const ROUTE_POLICIES: Readonly<Record<string, Policy>> = {
  'GET /health': 'public',
  'GET /openapi.json': 'public',
  'GET /v1/search': 'public',
  'GET /v1/suggest': 'public',
  'GET /v1/taxonomy': 'public',
  'GET /v1/entries/:id': 'public',
  'GET /v1/me': 'signed-in',
  // Open data (HSDS 3.0): published facts only, for everyone.
  'GET /hsds': 'public',
  'GET /hsds/': 'public',
  'GET /hsds/services': 'public',
  'GET /hsds/services/:id': 'public',
  'GET /hsds/organizations': 'public',
  'GET /hsds/organizations/:id': 'public',
  'GET /hsds/taxonomies': 'public',
  'GET /hsds/taxonomies/:id': 'public',
  'GET /hsds/taxonomy_terms': 'public',
  'GET /hsds/taxonomy_terms/:id': 'public',
  'GET /hsds/service_at_locations': 'public',
  'GET /hsds/service_at_locations/:id': 'public',
  'GET /hsds/catalog.jsonld': 'public',
  [`GET ${CSS_PATH}`]: 'public',
  [`GET ${JS_PATH}`]: 'public',
  'GET /': 'public',
  'GET /entries/:id': 'public',
  'GET /finder': 'public',
  'GET /finder/result': 'public',
  'GET /finder/:step': 'public',
  'GET /areas': 'public',
  'GET /areas/:code': 'public',
  'GET /establish': 'public',
  'GET /accessibility': 'public',
  'POST /accessibility/report': 'public',
  'GET /accessibility/thanks': 'public',
  /** Mounted only by the local composition (AppDeps.devOutbox). */
  'GET /dev/outbox': 'public',
  'GET /v1/editor/entries': EDITING_ROLES,
  'POST /v1/editor/entries': EDITING_ROLES,
  'GET /v1/editor/entries/:id': EDITING_ROLES,
  'PUT /v1/editor/entries/:id': EDITING_ROLES,
  'POST /v1/editor/entries/:id/publish': EDITING_ROLES,
  'POST /v1/editor/entries/:id/unpublish': EDITING_ROLES,
  'POST /v1/editor/entries/:id/archive': EDITING_ROLES,
  'POST /v1/editor/entries/:id/verify': EDITING_ROLES,
  'POST /v1/editor/entries/:id/availability': ['admin', 'investment-promotion'],
  'GET /v1/editor/entries/:id/history': EDITING_ROLES,
  'GET /v1/editor/verification-queue': EDITING_ROLES,
  'POST /v1/referrals': REFERRING_ROLES,
  'GET /v1/referrals': REFERRING_ROLES,
  'GET /v1/referrals/:id': REFERRING_ROLES,
  'POST /v1/referrals/:id/accept': REFERRING_ROLES,
  'POST /v1/referrals/:id/start': REFERRING_ROLES,
  'POST /v1/referrals/:id/complete': REFERRING_ROLES,
  'POST /v1/referrals/:id/decline': REFERRING_ROLES,
  'POST /v1/referrals/:id/cancel': REFERRING_ROLES,
  'GET /v1/stats/referrals': ['editor', 'follow-up', 'admin'],
  'GET /v1/follow-up/report': FOLLOW_UP_ROLES,
  // Follow-up pages: a signed-out browser is sent to /sign-in, other roles get the HTML 403 page.
  'GET /follow-up': FOLLOW_UP_ROLES,
  'GET /follow-up/coverage': FOLLOW_UP_ROLES,
  'GET /follow-up/demand': FOLLOW_UP_ROLES,
  'GET /follow-up/referrals': FOLLOW_UP_ROLES,
  'GET /follow-up/report': FOLLOW_UP_ROLES,
  'GET /follow-up/:section/csv': FOLLOW_UP_ROLES,
  // Sign-in pages: public, since they come before (or end) a session. POST /sign-in is guarded against
  // login CSRF by its own pre-session cookie; POST /sign-out by the session's CSRF token.
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'GET /auth/callback': 'public',
  'GET /auth/refresh': 'public',
  'POST /sign-out': 'public',
  'GET /home': 'signed-in',
  // Editor pages: a signed-out browser is sent to /sign-in, other roles get the HTML 403 page.
  'GET /editor': EDITING_ROLES,
  'GET /editor/entries/new': EDITING_ROLES,
  'POST /editor/entries': EDITING_ROLES,
  'GET /editor/entries/:id/edit': EDITING_ROLES,
  'POST /editor/entries/:id': EDITING_ROLES,
  'POST /editor/entries/:id/publish': EDITING_ROLES,
  'POST /editor/entries/:id/unpublish': EDITING_ROLES,
  'POST /editor/entries/:id/archive': EDITING_ROLES,
  'POST /editor/entries/:id/verify': EDITING_ROLES,
  'GET /editor/entries/:id/history': EDITING_ROLES,
  // Establishment-offer staff pages: only investment promotion (and admins) list and change offers.
  'GET /editor/offers/new': OFFER_ROLES,
  'POST /editor/offers': OFFER_ROLES,
  'GET /editor/offers/:id/edit': OFFER_ROLES,
  'POST /editor/offers/:id': OFFER_ROLES,
  'POST /editor/offers/:id/availability': OFFER_ROLES,
  'POST /editor/offers/:id/publish': OFFER_ROLES,
  'POST /editor/offers/:id/unpublish': OFFER_ROLES,
  'POST /editor/offers/:id/archive': OFFER_ROLES,
  'POST /editor/offers/:id/verify': OFFER_ROLES,
  'GET /privacy': 'public',
  // Referral pages: the service shows each referral only to its referrer and receiving organisation.
  'GET /entries/:id/refer': REFERRING_ROLES,
  'POST /referrals': REFERRING_ROLES,
  'GET /referrals': REFERRING_ROLES,
  'GET /referrals/:id': REFERRING_ROLES,
  'POST /referrals/:id/accept': REFERRING_ROLES,
  'POST /referrals/:id/start': REFERRING_ROLES,
  'POST /referrals/:id/complete': REFERRING_ROLES,
  'POST /referrals/:id/decline': REFERRING_ROLES,
  'POST /referrals/:id/cancel': REFERRING_ROLES,
};
