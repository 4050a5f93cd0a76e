/**
 * The largest request body any route reads, enforced before anything reads one (authentication reads
 * a signed-in form's CSRF field): a larger body is refused with 413 while it streams in, never buffered.
 * GET, HEAD and OPTIONS requests carry no body the app reads, so their body is never touched.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ContentTooLargeError } from '#shared/domain/errors.ts';
import { SAFE_METHODS } from '../request.ts';

/** 1 MB: an entry at every field's maximum is about 70 kB as JSON. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

export const requestBodyLimit = (maxSize = MAX_REQUEST_BYTES): MiddlewareHandler => {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw new ContentTooLargeError(`The request body is larger than ${Math.round(maxSize / 1024)} kB; nothing was read or saved.`, [
        { name: 'body', reason: `larger than ${maxSize} bytes` },
      ]);
    },
  });
  return (c, next) => (SAFE_METHODS.has(c.req.method) ? next() : limit(c, next));
};
