/**
 * 405 Method Not Allowed: a request whose path the app serves, but not with its method, answers 405
 * with an `Allow` header listing the methods it does serve (HEAD with GET), instead of a 404.
 */
import type { NotFoundHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { problemJson } from './problem.ts';

type RegisteredRoute = { method: string; path: string };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const pathPattern = (path: string) => new RegExp(`^${path.split('/').map((segment) => (segment.startsWith(':') ? '[^/]+' : escapeRegExp(segment))).join('/')}/?$`);

/** The methods each path is served with, from the app's registered routes (middleware and wildcards aside). */
export const allowedMethodsOf = (routes: readonly RegisteredRoute[]): ((path: string) => string[]) => {
  const endpoints = routes.filter((route) => route.method !== 'ALL' && !route.path.includes('*')).map((route) => ({ method: route.method, pattern: pathPattern(route.path) }));
  return (path) => {
    const methods = new Set(endpoints.filter((endpoint) => endpoint.pattern.test(path)).map((endpoint) => endpoint.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
};

/** Wraps a 404 handler: a path served with other methods answers 405 with `Allow`. `routes` is read at the first miss, once every route is registered. */
export const methodAwareNotFound = (routes: () => readonly RegisteredRoute[], notFound: NotFoundHandler<AppEnv>): NotFoundHandler<AppEnv> => {
  let allowed: ((path: string) => string[]) | undefined;
  return (c) => {
    allowed ??= allowedMethodsOf(routes());
    const methods = allowed(c.req.path);
    if (methods.length === 0) return notFound(c);
    c.header('Allow', methods.join(', '));
    return problemJson(c, { status: 405, title: 'Method not allowed', detail: `${c.req.path} answers ${methods.join(', ')}, not ${c.req.method}.` });
  };
};
