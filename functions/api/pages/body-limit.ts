/**
 * A size limit for the pages' form posts, tighter than the app's 1 MB, answered with an HTML 413 page.
 * The authentication middleware may already have read a cookie session's form (to check its CSRF
 * field, within the app's limit) before this runs; then the body is no longer a stream to count, so
 * the limit measures the body it read instead.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorPages } from './html-aware.ts';

/** The 413 page, in Swedish when `lang` says so, else in the visitor's language; the page modules load with the first one. */
const tooLarge = async (c: Context, lang: 'sv' | undefined) => {
  const [{ errorPage, requestMessages }, { messagesFor }] = await Promise.all([errorPages(), import('./messages/index.ts')]);
  const t = lang ? messagesFor(lang) : requestMessages(c);
  return errorPage(c, t, 413, t.errors.genericTitle, t.errors.genericLead);
};

/** 256 kB by default: an entry form at every field's maximum is about 70 kB. */
export const formBodyLimit = (maxSize = 256 * 1024, options: { lang?: 'sv' } = {}): MiddlewareHandler => {
  const answer = (c: Context) => tooLarge(c, options.lang);
  const streaming = bodyLimit({ maxSize, onError: answer });
  return async (c, next) => {
    if (c.req.bodyCache.arrayBuffer) return (await c.req.arrayBuffer()).byteLength > maxSize ? answer(c) : next();
    return streaming(c, next);
  };
};
