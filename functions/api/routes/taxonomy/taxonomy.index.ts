/** Mounts the taxonomy resource. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../env.ts';
import { validationHook } from '../../problem.ts';
import { taxonomyHandler } from './taxonomy.handlers.ts';
import { taxonomyRoute } from './taxonomy.routes.ts';

export const taxonomyRoutes = (deps: AppDeps) =>
  new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(taxonomyRoute, taxonomyHandler(deps));
