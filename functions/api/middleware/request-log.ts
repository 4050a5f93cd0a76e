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

/** `{"a":1,"b":"x"}` as `,"a":1,"b":"x"`: fields to append to a line's object (nothing for none). */
const jsonMembers = (fields: Record<string, unknown> | undefined): string => {
  if (fields === undefined) return '';
  const json = JSON.stringify(fields);
  return json.length > 2 ? `,${json.slice(1, -1)}` : '';
};

/** The ISO time of now, made once per millisecond however many lines are written in it. */
let isoMillisecond = 0;
let isoText = '';
const isoNow = (): string => {
  const ms = Date.now();
  if (ms !== isoMillisecond) {
    isoMillisecond = ms;
    isoText = new Date(ms).toISOString();
  }
  return isoText;
};

/**
 * One JSON object per line: level, time, message, then the logger's fields, then the line's own (a
 * later field of the same name wins, as JSON.parse reads it). A child keeps its fields as JSON text
 * already made, so a child per request costs one string, and a line one JSON.stringify of its fields.
 */
class JsonLogger implements Logger {
  constructor(
    private readonly members: string,
    private readonly write: (line: string) => void,
  ) {}

  info(message: string, fields?: Record<string, unknown>): void {
    this.write(`{"level":"info","time":"${isoNow()}","message":${JSON.stringify(message)}${this.members}${jsonMembers(fields)}}`);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.write(`{"level":"error","time":"${isoNow()}","message":${JSON.stringify(message)}${this.members}${jsonMembers(fields)}}`);
  }

  child(fields: Record<string, unknown>): Logger {
    return new JsonLogger(this.members + jsonMembers(fields), this.write);
  }
}

/** A logger writing one JSON object per line, as CloudWatch Logs Insights reads them. */
export const jsonLogger = (base: Record<string, unknown> = {}, write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Logger =>
  new JsonLogger(jsonMembers(base), write);

export const silentLogger: Logger = { info: () => {}, error: () => {}, child: () => silentLogger };

/** What hono/aws-lambda passes as the environment: the API Gateway event and the Lambda context. */
type LambdaBindings = { event?: { requestContext?: { requestId?: unknown } }; lambdaContext?: { awsRequestId?: unknown } } | undefined;

const PLATFORM_REQUEST_ID = /^[\w=-]{1,128}$/;
/** A client's request id worth recording: at most 64 letters, digits and `._:-`. */
const CLIENT_REQUEST_ID = /^[\w.:-]{1,64}$/;

/** The platform's id of this request (API Gateway, else Lambda), or a new UUID when there is none (locally). */
export const platformRequestId = (c: Context): string => {
  const bindings = c.env as LambdaBindings;
  const fromGateway = bindings?.event?.requestContext?.requestId;
  if (typeof fromGateway === 'string' && PLATFORM_REQUEST_ID.test(fromGateway)) return fromGateway;
  const fromLambda = bindings?.lambdaContext?.awsRequestId;
  if (typeof fromLambda === 'string' && PLATFORM_REQUEST_ID.test(fromLambda)) return fromLambda;
  return crypto.randomUUID();
};

/** The client's `x-request-id`, when it is short and plain enough to record; otherwise nothing. */
export const clientRequestId = (c: Context): string | undefined => {
  const id = c.req.header('x-request-id');
  return id !== undefined && CLIENT_REQUEST_ID.test(id) ? id : undefined;
};

export const requestLog = (options: { logger: Logger }): MiddlewareHandler<AppEnv> => async (c, next) => {
  const requestId = platformRequestId(c);
  const fromClient = clientRequestId(c);
  const log = options.logger.child(fromClient === undefined ? { requestId } : { requestId, clientRequestId: fromClient });
  c.set('requestId', requestId);
  c.set('log', log);
  c.header('X-Request-Id', requestId);
  const started = performance.now();
  await next();
  if (!c.res.headers.has('X-Request-Id')) c.header('X-Request-Id', requestId);
  log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
};
