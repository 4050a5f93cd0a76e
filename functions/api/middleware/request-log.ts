/** Structured JSON request logging with a request id (taken from API Gateway or made here) echoed in a header. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';

export type Logger = {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
};

/** A logger writing one JSON object per line, as CloudWatch Logs Insights reads them. */
export const jsonLogger = (base: Record<string, unknown> = {}, write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Logger => {
  const emit = (level: string, message: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ level, time: new Date().toISOString(), message, ...base, ...fields }));
  return {
    info: (message, fields) => emit('info', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => jsonLogger({ ...base, ...fields }, write),
  };
};

export const silentLogger: Logger = { info: () => {}, error: () => {}, child: () => silentLogger };

export const requestLog = (options: { logger: Logger }): MiddlewareHandler<AppEnv> => async (c, next) => {
  const requestId = c.req.header('x-amzn-requestid') ?? c.req.header('x-request-id') ?? crypto.randomUUID();
  const log = options.logger.child({ requestId });
  c.set('requestId', requestId);
  c.set('log', log);
  c.header('X-Request-Id', requestId);
  const started = performance.now();
  await next();
  if (!c.res.headers.has('X-Request-Id')) c.header('X-Request-Id', requestId);
  log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
};
