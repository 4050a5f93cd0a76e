/**
 * The web pages for entrepreneurs, server-rendered with Hono JSX by the same app on Lambda and locally:
 * search (/), entries, the guided finder, strategic areas, the accessibility statement, and the assets.
 */
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../env.ts';
import { reportBodyLimit, reportHandler, statementHandler, thanksHandler } from './accessibility/accessibility.tsx';
import { areaPageHandler, areasIndexHandler } from './areas/areas.tsx';
import { assetRoutes } from './assets/index.ts';
import { entryPageHandler } from './entry/entry.handler.ts';
import { pageError } from './errors.tsx';
import { finderIntroHandler, finderResultHandler, finderStepHandler } from './finder/finder.tsx';
import { searchPageHandler } from './search/search.handler.ts';

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
  return pages;
};
