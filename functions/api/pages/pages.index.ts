/**
 * The web pages, server-rendered with Hono JSX by the same app on Lambda and locally: for entrepreneurs
 * search (/), entries, the guided finder, strategic areas, the accessibility statement and the assets;
 * for signed-in staff sign-in/out and the editor (dashboard, entry form, status buttons, history).
 */
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../env.ts';
import { reportBodyLimit, reportHandler, statementHandler, thanksHandler } from './accessibility/accessibility.tsx';
import { areaPageHandler, areasIndexHandler } from './areas/areas.tsx';
import { assetRoutes } from './assets/index.ts';
import { formBodyLimit } from './body-limit.ts';
import { editorPageHandlers } from './editor/editor.handlers.tsx';
import { entryPageHandler } from './entry/entry.handler.ts';
import { pageError } from './errors.tsx';
import { finderIntroHandler, finderResultHandler, finderStepHandler } from './finder/finder.tsx';
import { searchPageHandler } from './search/search.handler.ts';
import { SIGN_IN_CALLBACK_PATH } from '../authorization/session.ts';
import { hostedCallbackHandler, signInHandler, signInPageHandler, signOutHandler } from './sign-in/sign-in.tsx';

export { htmlAwareErrors, htmlAwareNotFound } from './errors.tsx';

/** Mount with `app.route('/', pageRoutes(deps))`; errors inside a page always answer an HTML page. */
export const pageRoutes = (deps: AppDeps) => {
  const pages = new Hono<AppEnv>();
  pages.onError(pageError);
  pages.route('/', assetRoutes());
  pages.get('/', searchPageHandler(deps));
  pages.get('/entries/:id', entryPageHandler(deps));
  pages.get('/finder', finderIntroHandler());
  pages.get('/finder/result', finderResultHandler(deps));
  pages.get('/finder/:step', finderStepHandler(deps));
  pages.get('/areas', areasIndexHandler(deps));
  pages.get('/areas/:code', areaPageHandler(deps));
  pages.get('/accessibility', statementHandler());
  pages.post('/accessibility/report', reportBodyLimit(), reportHandler());
  pages.get('/accessibility/thanks', thanksHandler());
  pages.get('/sign-in', signInPageHandler(deps));
  pages.post('/sign-in', formBodyLimit(), signInHandler(deps));
  pages.post('/sign-out', signOutHandler());
  pages.get(SIGN_IN_CALLBACK_PATH, hostedCallbackHandler(deps));
  const editor = editorPageHandlers(deps);
  pages.get('/editor', editor.dashboard);
  pages.get('/editor/entries/new', editor.newEntry);
  pages.post('/editor/entries', formBodyLimit(), editor.create);
  pages.get('/editor/entries/:id/edit', editor.edit);
  pages.post('/editor/entries/:id', formBodyLimit(), editor.save);
  pages.post('/editor/entries/:id/publish', formBodyLimit(), editor.transition('publish'));
  pages.post('/editor/entries/:id/unpublish', formBodyLimit(), editor.transition('unpublish'));
  pages.post('/editor/entries/:id/archive', formBodyLimit(), editor.transition('archive'));
  pages.post('/editor/entries/:id/verify', formBodyLimit(), editor.transition('verify'));
  pages.get('/editor/entries/:id/history', editor.history);
  return pages;
};
