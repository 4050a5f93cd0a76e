/**
 * Which requests get HTML errors, and the app-level handlers that answer them: browsers asking for a
 * page get an HTML error page (errors.tsx, loaded with the first one), API paths and non-browser
 * clients the API's problem+json. Small on purpose: the app imports it before any page is asked for.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { loadOnce } from '../lazy-handler.ts';

const API_PREFIXES = ['/v1/', '/openapi.json', '/health', '/hsds'];

export const isApiPath = (path: string): boolean => path === '/v1' || API_PREFIXES.some((prefix) => path.startsWith(prefix));

/** A browser asking for a page (not the API): it gets HTML errors. */
export const wantsHtml = (c: Context): boolean => !isApiPath(c.req.path) && (c.req.header('accept') ?? '').includes('text/html');

export const errorPages = loadOnce(() => import('./errors.tsx'));

/** Wraps the API's 404 handler: browsers asking for a page get an HTML 404. */
export const htmlAwareNotFound =
  (api: NotFoundHandler<AppEnv>): NotFoundHandler<AppEnv> =>
  async (c) => {
    c.header('Vary', 'Accept');
    return wantsHtml(c) ? (await errorPages()).notFoundPage(c) : api(c);
  };

/** Wraps the API's error handler: browsers asking for a page get an accessible HTML error page. */
export const htmlAwareErrors =
  (api: ErrorHandler<AppEnv>): ErrorHandler<AppEnv> =>
  async (error, c) => {
    c.header('Vary', 'Accept');
    return wantsHtml(c) ? (await errorPages()).pageError(error, c) : api(error, c);
  };
