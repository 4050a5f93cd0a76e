/**
 * Handlers whose module loads on the first request that reaches them, so a cold instance compiles
 * only what its requests use (the pages for a browser, not for an API client). A failed load is
 * tried again by the next request.
 */
import type { Handler, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

/** Runs `load` once and keeps its result; forgets a rejection so the next call tries again. */
export const loadOnce = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
};

/** Any route's handler or middleware, whatever its path and input types. */
type AnyHandler = Handler<AppEnv, any, any> | MiddlewareHandler<AppEnv, any, any>;

/**
 * A module (or what a factory builds from it) loaded with its first use: `lazy((m) => m.handler(deps))`
 * gives a handler that loads the module when a request first reaches it.
 */
export const lazyModule = <M>(load: () => Promise<M>) => {
  const module = loadOnce(load);
  return (pick: (loaded: M) => AnyHandler): MiddlewareHandler<AppEnv> => {
    const handler = loadOnce(async () => pick(await module()) as MiddlewareHandler<AppEnv>);
    return async (c, next) => (await handler())(c, next);
  };
};
