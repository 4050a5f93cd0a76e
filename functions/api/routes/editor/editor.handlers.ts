/** Handles the editor workflow: reads the principal and If-Match, calls the editor service, answers with ETags. */
import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Entry } from '#shared/domain/entry.ts';
import { expectedVersion, principalOf } from '../../request.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import type * as routes from './editor.routes.ts';



const withEtag = (c: Context<AppEnv>, entry: Entry) => {
  c.header('ETag', `"${entry.version}"`);
  c.header('Cache-Control', 'no-store');
  return entry;
};

export const handlers = (deps: AppDeps) => ({
  me: ((c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(principalOf(c), 200);
  }) satisfies RouteHandler<typeof routes.meRoute, AppEnv>,

  listEditable: (async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ entries: await deps.editor.editable(principalOf(c)) }, 200);
  }) satisfies RouteHandler<typeof routes.listEditableRoute, AppEnv>,

  create: (async (c) => {
    const entry = await deps.editor.create(principalOf(c), c.req.valid('json'));
    c.header('Location', `/v1/editor/entries/${entry.id}`);
    return c.json(withEtag(c, entry), 201);
  }) satisfies RouteHandler<typeof routes.createEntryRoute, AppEnv>,

  get: (async (c) => c.json(withEtag(c, await deps.editor.get(principalOf(c), c.req.valid('param').id)), 200)) satisfies RouteHandler<
    typeof routes.getEditableRoute,
    AppEnv
  >,

  update: (async (c) => {
    const entry = await deps.editor.update(principalOf(c), c.req.valid('param').id, c.req.valid('json'), expectedVersion(c.req.valid('header')['if-match']));
    return c.json(withEtag(c, entry), 200);
  }) satisfies RouteHandler<typeof routes.updateEntryRoute, AppEnv>,

  transition: (action: 'publish' | 'unpublish' | 'archive' | 'verify') =>
    (async (c) => {
      const entry = await deps.editor[action](principalOf(c), c.req.valid('param').id, expectedVersion(c.req.valid('header')['if-match']));
      return c.json(withEtag(c, entry), 200);
    }) satisfies RouteHandler<typeof routes.publishRoute, AppEnv>,

  availability: (async (c) => {
    const entry = await deps.editor.setAvailability(principalOf(c), c.req.valid('param').id, c.req.valid('json'), expectedVersion(c.req.valid('header')['if-match']));
    return c.json(withEtag(c, entry), 200);
  }) satisfies RouteHandler<typeof routes.availabilityRoute, AppEnv>,

  history: (async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ records: await deps.editor.history(principalOf(c), c.req.valid('param').id) }, 200);
  }) satisfies RouteHandler<typeof routes.historyRoute, AppEnv>,

  verificationQueue: (async (c) => {
    c.header('Cache-Control', 'no-store');
    const entries = await deps.editor.verificationQueue(principalOf(c));
    return c.json({ freshnessDays: deps.editor.freshnessDays, entries }, 200);
  }) satisfies RouteHandler<typeof routes.verificationQueueRoute, AppEnv>,
});
