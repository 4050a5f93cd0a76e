/** Mounts referrals; every referral response, errors included, is marked `Cache-Control: no-store`. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../../env.ts';
import { validationHook } from '../../problem.ts';
import { handlers } from './referrals.handlers.ts';
import * as routes from './referrals.routes.ts';

const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
};

export const referralRoutes = (deps: AppDeps) => {
  const handle = handlers(deps);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('/v1/referrals', noStore);
  app.use('/v1/referrals/*', noStore);
  app.use('/v1/stats/referrals', noStore);
  return app
    .openapi(routes.createReferralRoute, handle.create)
    .openapi(routes.listReferralsRoute, handle.list)
    .openapi(routes.getReferralRoute, handle.get)
    .openapi(routes.acceptRoute, handle.act('accept'))
    .openapi(routes.startRoute, handle.act('start'))
    .openapi(routes.completeRoute, handle.act('complete'))
    .openapi(routes.declineRoute, handle.decline)
    .openapi(routes.cancelRoute, handle.act('cancel'))
    .openapi(routes.referralStatsRoute, handle.stats);
};
