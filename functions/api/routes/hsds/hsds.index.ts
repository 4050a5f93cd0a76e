/** Mounts the open-data API under /hsds (HSDS 3.0), and /hsds without its slash as a redirect to /hsds/. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../env.ts';
import { validationHook } from '../../problem.ts';
import * as handlers from './hsds.handlers.ts';
import * as routes from './hsds.routes.ts';

export const hsdsRoutes = (deps: AppDeps) => {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.hsdsMetaRoute, handlers.hsdsMetaHandler(deps))
    .openapi(routes.hsdsServicesRoute, handlers.hsdsServicesHandler(deps))
    .openapi(routes.hsdsServiceRoute, handlers.hsdsServiceHandler(deps))
    .openapi(routes.hsdsOrganizationsRoute, handlers.hsdsOrganizationsHandler(deps))
    .openapi(routes.hsdsOrganizationRoute, handlers.hsdsOrganizationHandler(deps))
    .openapi(routes.hsdsTaxonomiesRoute, handlers.hsdsTaxonomiesHandler(deps))
    .openapi(routes.hsdsTaxonomyRoute, handlers.hsdsTaxonomyHandler(deps))
    .openapi(routes.hsdsTaxonomyTermsRoute, handlers.hsdsTaxonomyTermsHandler(deps))
    .openapi(routes.hsdsTaxonomyTermRoute, handlers.hsdsTaxonomyTermHandler(deps))
    .openapi(routes.hsdsServiceAtLocationsRoute, handlers.hsdsServiceAtLocationsHandler(deps))
    .openapi(routes.hsdsServiceAtLocationRoute, handlers.hsdsServiceAtLocationHandler(deps))
    .openapi(routes.hsdsCatalogueRoute, handlers.hsdsCatalogueHandler(deps));
  app.get('/hsds', (c) => c.redirect('/hsds/', 308));
  return app;
};
