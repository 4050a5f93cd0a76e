/** Handles GET /v1/follow-up/report: the board report's figures as JSON, never cached. */
import type { RouteHandler } from '@hono/zod-openapi';
import { readPeriod } from '#shared/services/follow-up.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import type { followUpReportRoute } from './follow-up.routes.ts';

export const followUpReportHandler =
  (deps: AppDeps): RouteHandler<typeof followUpReportRoute, AppEnv> =>
  async (c) => {
    const { from, to } = c.req.valid('query');
    const report = await deps.followUp.report(readPeriod(from, to, deps.clock.now()));
    c.header('Cache-Control', 'private, no-store');
    return c.json(report, 200);
  };
