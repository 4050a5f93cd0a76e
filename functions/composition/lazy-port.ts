/**
 * A port whose adapter (and its SDK) is built by the first call that needs it: a cold API instance
 * answering searches never loads the table's client before it has to. Every method of a port returns
 * a promise, or an async iterable for the ones named in `iterables`.
 */
import { loadOnce } from '../api/lazy-handler.ts';

type Method = (...args: unknown[]) => unknown;

export const lazyPort = <T extends object>(load: () => Promise<T>, iterables: readonly (keyof T & string)[] = []): T => {
  const port = loadOnce(load);
  const call = async (name: string, args: unknown[]) => {
    const adapter = await port();
    return (adapter[name as keyof T] as Method).apply(adapter, args);
  };
  return new Proxy(Object.create(null) as T, {
    get: (_, name) => {
      if (typeof name !== 'string' || name === 'then') return undefined;
      if ((iterables as readonly string[]).includes(name)) {
        return (...args: unknown[]) =>
          (async function* () {
            yield* (await call(name, args)) as AsyncIterable<unknown>;
          })();
      }
      return (...args: unknown[]) => call(name, args);
    },
  });
};
