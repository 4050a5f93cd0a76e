/**
 * A small in-process cache of public answers (the search API and the search page): a GET from an
 * anonymous visitor (no Cookie, no Authorization header) is answered with what the same request
 * answered before, as long as the search index has not changed since and it is the same day. The key
 * is the path and the query's parameters in a normalised order; the index's generation and the day
 * are checked on every request, and the cache is emptied when either moves on. Only 200 answers
 * without cookies are kept, at most MAX_ENTRIES and MAX_BYTES in all, least recently used first out.
 *
 * An answer from the cache carries the stored status, headers and body; the request still gets its
 * own request id, security headers and log line (the middleware before this one), and the effects
 * the handler registered with `onEveryAnswer` (counting demand) run again.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';

const MAX_ENTRIES = 256;
/** Bytes of bodies held in all (a search page is about 40 000). */
const MAX_BYTES = 8 * 1024 * 1024;

type Stored = { status: number; headers: [string, string][]; body: Uint8Array<ArrayBuffer>; effects: (() => void)[] };

/** Headers each request has of its own, never replayed. */
const PER_REQUEST = new Set(['x-request-id', 'set-cookie', 'content-length']);

/** Runs an effect of answering (such as counting a search) now, and again whenever the cache gives the same answer. */
export const onEveryAnswer = (c: Context<AppEnv>, effect: () => void): void => {
  effect();
  c.get('answerEffects')?.push(effect);
};

const cacheable = (c: Context): boolean => c.req.method === 'GET' && c.req.header('cookie') === undefined && c.req.header('authorization') === undefined;

/** The path with the query's parameters sorted by name (values of one name keep their order), percent-encoding normalised. */
const keyOf = (url: string): string => {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const mark = url.indexOf('?', start);
  if (mark < 0) return url.slice(start);
  const params = new URLSearchParams(url.slice(mark + 1));
  params.sort();
  return `${url.slice(start, mark)}?${params.toString()}`;
};

export const publicAnswerCache = (options: { generation: () => number; today: () => string }): MiddlewareHandler<AppEnv> => {
  const answers = new Map<string, Stored>();
  let bytes = 0;
  let validFor = '';

  const current = (): string => {
    const state = `${options.generation()}|${options.today()}`;
    if (state !== validFor) {
      answers.clear();
      bytes = 0;
      validFor = state;
    }
    return state;
  };

  const keep = (key: string, stored: Stored) => {
    answers.set(key, stored);
    bytes += stored.body.byteLength;
    for (const [oldest, { body }] of answers) {
      if (answers.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
      answers.delete(oldest);
      bytes -= body.byteLength;
    }
  };

  return async (c, next) => {
    if (!cacheable(c)) return next();
    const state = current();
    const key = keyOf(c.req.url);
    const hit = answers.get(key);
    if (hit) {
      answers.delete(key);
      answers.set(key, hit);
      for (const effect of hit.effects) effect();
      for (const [name, value] of hit.headers) c.header(name, value);
      return c.body(hit.body, hit.status as 200);
    }
    const effects: (() => void)[] = [];
    c.set('answerEffects', effects);
    await next();
    const res = c.res;
    if (res.status !== 200 || res.headers.has('set-cookie') || current() !== state) return;
    const body = new Uint8Array(await res.arrayBuffer());
    c.res = new Response(body, res);
    if (body.byteLength > MAX_BYTES / 16) return;
    const headers = [...res.headers].filter(([name]) => !PER_REQUEST.has(name));
    keep(key, { status: res.status, headers, body, effects });
  };
};
