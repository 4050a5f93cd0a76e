/** Mounts search-as-you-type suggestions. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../env.ts';
import { validationHook } from '../../problem.ts';
import { suggestHandler } from './suggest.handlers.ts';
import { suggestRoute } from './suggest.routes.ts';

export const suggestRoutes = (deps: AppDeps) =>
  new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(suggestRoute, suggestHandler(deps));
