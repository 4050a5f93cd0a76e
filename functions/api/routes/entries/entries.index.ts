/** Mounts the entries resource. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../env.ts';
import { validationHook } from '../../problem.ts';
import { getEntryHandler } from './entries.handlers.ts';
import { getEntryRoute } from './entries.routes.ts';

export const entryRoutes = (deps: AppDeps) =>
  new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(getEntryRoute, getEntryHandler(deps));
