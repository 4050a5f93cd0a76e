/** createApp(deps): the one Hono app both runtimes serve — JSON API, OpenAPI document, problem details. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { authenticate, authorize } from './authorization/authorize.ts';
import { ROUTE_POLICIES } from './authorization/policies.ts';
import { swedishDate } from '#shared/ports/clock.ts';
import type { AppDeps, AppEnv } from './env.ts';
import { methodAwareNotFound } from './method-not-allowed.ts';
import { requestBodyLimit } from './middleware/body-limit.ts';
import { publicAnswerCache } from './middleware/public-answer-cache.ts';
import { requestLog } from './middleware/request-log.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { htmlAwareErrors, htmlAwareNotFound, pageRoutes } from './pages/pages.index.ts';
import { notFound, onError, validationHook } from './problem.ts';
import { editorRoutes } from './routes/editor/editor.index.ts';
import { entryRoutes } from './routes/entries/entries.index.ts';
import { followUpRoutes } from './routes/follow-up/follow-up.index.ts';
import { healthRoutes } from './routes/health/health.index.ts';
import { hsdsRoutes } from './routes/hsds/hsds.index.ts';
import { referralRoutes } from './routes/referrals/referrals.index.ts';
import { searchRoutes } from './routes/search/search.index.ts';
import { suggestRoutes } from './routes/suggest/suggest.index.ts';
import { taxonomyRoutes } from './routes/taxonomy/taxonomy.index.ts';

export const createApp = (deps: AppDeps) => {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requestLog({ logger: deps.logger }), securityHeaders({ strictTransportSecurity: deps.strictTransportSecurity ?? false }), requestBodyLimit(), authenticate({ tokens: deps.tokens, sessions: deps.sessions }), authorize({ policies: ROUTE_POLICIES }));
  app.onError(htmlAwareErrors(onError));
  app.notFound(htmlAwareNotFound(methodAwareNotFound(() => app.routes, notFound)));
  if (deps.searchGeneration) {
    const cache = publicAnswerCache({ generation: deps.searchGeneration, today: () => swedishDate(deps.clock.now()) });
    app.use('/v1/search', cache).use('/', cache);
  }

  app.route('/', healthRoutes());
  app.route('/', searchRoutes(deps));
  app.route('/', suggestRoutes(deps));
  app.route('/', entryRoutes(deps));
  app.route('/', taxonomyRoutes(deps));
  app.route('/', editorRoutes(deps));
  app.route('/', referralRoutes(deps));
  app.route('/', hsdsRoutes(deps));
  app.route('/', followUpRoutes(deps));
  app.route('/', pageRoutes(deps));

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Vägvisaren API',
      version: '1.0.0',
      description: "The directory of Örebro county's business-support system. Errors are RFC 9457 problem details.",
    },
  });
  return app;
};

export type App = ReturnType<typeof createApp>;
