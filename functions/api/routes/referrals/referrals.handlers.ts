/**
 * Handles referrals: reads the principal, Idempotency-Key and If-Match, calls the referral service
 * with the request's origin (for the link in the receiving organisation's notice); never logs the body.
 */
import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ReferralView } from '#shared/domain/referral.ts';
import type { ReferralAction } from '#shared/domain/referral-lifecycle.ts';
import { expectedVersion, principalOf } from '../../request.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import type * as routes from './referrals.routes.ts';

const originOf = (c: Context<AppEnv>) => ({ origin: new URL(c.req.url).origin });

const withEtag = <T extends ReferralView>(c: Context<AppEnv>, referral: T): T => {
  c.header('ETag', `"${referral.version}"`);
  return referral;
};

export const handlers = (deps: AppDeps) => ({
  create: (async (c) => {
    const { referral, created } = await deps.referrals.create(principalOf(c), c.req.valid('json'), c.req.valid('header')['idempotency-key'], originOf(c));
    c.header('Location', `/v1/referrals/${referral.id}`);
    return created ? c.json(withEtag(c, referral), 201) : c.json(withEtag(c, referral), 200);
  }) satisfies RouteHandler<typeof routes.createReferralRoute, AppEnv>,

  list: (async (c) => {
    const referrals = await deps.referrals.list(principalOf(c), c.req.valid('query').box);
    return c.json({ answerWorkingDays: deps.referrals.answerWorkingDays, referrals }, 200);
  }) satisfies RouteHandler<typeof routes.listReferralsRoute, AppEnv>,

  get: (async (c) => c.json(withEtag(c, await deps.referrals.get(principalOf(c), c.req.valid('param').id)), 200)) satisfies RouteHandler<
    typeof routes.getReferralRoute,
    AppEnv
  >,

  act: (action: Exclude<ReferralAction, 'decline'>) =>
    (async (c) => {
      const principal = principalOf(c);
      const version = expectedVersion(c.req.valid('header')['if-match']);
      const body = (c.req.header('content-type') ?? '').startsWith('application/json') ? c.req.valid('json') : {};
      const { referral } = await deps.referrals.act(principal, c.req.valid('param').id, action, version, body.note ? { note: body.note } : {}, originOf(c));
      return c.json(withEtag(c, referral), 200);
    }) satisfies RouteHandler<typeof routes.acceptRoute, AppEnv>,

  decline: (async (c) => {
    const principal = principalOf(c);
    const version = expectedVersion(c.req.valid('header')['if-match']);
    const { reason, reasonCategory, redirectTo, forward } = c.req.valid('json');
    const details = { reasonCategory, ...(reason ? { reason } : {}), ...(redirectTo ? { redirectTo } : {}), ...(forward ? { forward } : {}) };
    const { referral, redirected } = await deps.referrals.act(principal, c.req.valid('param').id, 'decline', version, details, originOf(c));
    return c.json(withEtag(c, { ...referral, ...(redirected ? { redirected } : {}) }), 200);
  }) satisfies RouteHandler<typeof routes.declineRoute, AppEnv>,

  stats: (async (c) => c.json(await deps.referrals.stats(), 200)) satisfies RouteHandler<typeof routes.referralStatsRoute, AppEnv>,
});
