/**
 * Structured JSON request logging with the request's id echoed in a header. The id is the platform's
 * (API Gateway's requestContext.requestId, else Lambda's awsRequestId) or, locally, one made here: never
 * the client's, which could spoof log correlation. A client's own `x-request-id` is recorded beside it
 * only when it is short and plain.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';

export type Logger = {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
};

/** One JSON object per line; a child shares the writer and adds its fields (a class: a child per request costs one object). */
class JsonLogger implements Logger {
  constructor(
    private readonly base: Record<string, unknown>,
    private readonly write: (line: string) => void,
  ) {}

  info(message: string, fields?: Record<string, unknown>): void {
    this.emit('info', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.emit('error', message, fields);
  }

  child(fields: Record<string, unknown>): Logger {
    return new JsonLogger({ ...this.base, ...fields }, this.write);
  }

  private emit(level: string, message: string, fields?: Record<string, unknown>): void {
    this.write(JSON.stringify({ level, time: new Date().toISOString(), message, ...this.base, ...fields }));
  }
}

/** A logger writing one JSON object per line, as CloudWatch Logs Insights reads them. */
export const jsonLogger = (base: Record<string, unknown> = {}, write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Logger =>
  new JsonLogger(base, write);

export const silentLogger: Logger = { info: () => {}, error: () => {}, child: () => silentLogger };

/** What hono/aws-lambda passes as the environment: the API Gateway event and the Lambda context. */
type LambdaBindings = { event?: { requestContext?: { requestId?: unknown } }; lambdaContext?: { awsRequestId?: unknown } } | undefined;

const PLATFORM_REQUEST_ID = /^[\w=-]{1,128}$/;
/** A client's request id worth recording: at most 64 letters, digits and `._:-`. */
const CLIENT_REQUEST_ID = /^[\w.:-]{1,64}$/;

/** The platform's id of this request (API Gateway, else Lambda), or a new UUID when there is none (locally). */
export const platformRequestId = (c: Context): string => {
  const bindings = c.env as LambdaBindings;
  const candidates = [bindings?.event?.requestContext?.requestId, bindings?.lambdaContext?.awsRequestId];
  return candidates.find((id): id is string => typeof id === 'string' && PLATFORM_REQUEST_ID.test(id)) ?? crypto.randomUUID();
};

/** The client's `x-request-id`, when it is short and plain enough to record; otherwise nothing. */
export const clientRequestId = (c: Context): string | undefined => {
  const id = c.req.header('x-request-id');
  return id !== undefined && CLIENT_REQUEST_ID.test(id) ? id : undefined;
};

export const requestLog = (options: { logger: Logger }): MiddlewareHandler<AppEnv> => async (c, next) => {
  const requestId = platformRequestId(c);
  const fromClient = clientRequestId(c);
  const log = options.logger.child({ requestId, ...(fromClient ? { clientRequestId: fromClient } : {}) });
  c.set('requestId', requestId);
  c.set('log', log);
  c.header('X-Request-Id', requestId);
  const started = performance.now();
  await next();
  if (!c.res.headers.has('X-Request-Id')) c.header('X-Request-Id', requestId);
  log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
};
