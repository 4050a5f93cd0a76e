/** Mounts the search resource. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../env.ts';
import { validationHook } from '../../problem.ts';
import { searchHandler } from './search.handlers.ts';
import { searchRoute } from './search.routes.ts';

export const searchRoutes = (deps: AppDeps) =>
  new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(searchRoute(deps.taxonomy), searchHandler(deps));
