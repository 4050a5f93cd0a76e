/** Mounts the follow-up API. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../env.ts';
import { validationHook } from '../../problem.ts';
import { followUpReportHandler } from './follow-up.handlers.ts';
import { followUpReportRoute } from './follow-up.routes.ts';

export const followUpRoutes = (deps: AppDeps) =>
  new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(followUpReportRoute, followUpReportHandler(deps));
