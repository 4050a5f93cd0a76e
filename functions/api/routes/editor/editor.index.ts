/** Mounts the editor workflow. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../env.ts';
import { validationHook } from '../../problem.ts';
import { handlers } from './editor.handlers.ts';
import * as routes from './editor.routes.ts';

export const editorRoutes = (deps: AppDeps) => {
  const handle = handlers(deps);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.meRoute, handle.me)
    .openapi(routes.listEditableRoute, handle.listEditable)
    .openapi(routes.createEntryRoute, handle.create)
    .openapi(routes.getEditableRoute, handle.get)
    .openapi(routes.updateEntryRoute, handle.update)
    .openapi(routes.publishRoute, handle.transition('publish'))
    .openapi(routes.unpublishRoute, handle.transition('unpublish'))
    .openapi(routes.archiveRoute, handle.transition('archive'))
    .openapi(routes.verifyRoute, handle.transition('verify'))
    .openapi(routes.availabilityRoute, handle.availability)
    .openapi(routes.historyRoute, handle.history)
    .openapi(routes.verificationQueueRoute, handle.verificationQueue);
};
