/** RFC 9457 problem details: the one error shape of the API, for validation failures, domain errors and crashes. */
import { z } from '@hono/zod-openapi';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { DirectoryError } from '#shared/domain/errors.ts';
import type { AppEnv } from './env.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const ProblemParameter = z.object({
  in: z.enum(['query', 'path', 'header', 'body']).optional(),
  name: z.string().openapi({ example: 'area' }),
  detail: z.string().openapi({ example: 'Invalid option: expected one of "innovation"|"skills-talent"' }),
});
export type ProblemParameter = z.infer<typeof ProblemParameter>;

export const Problem = z
  .object({
    type: z.string().openapi({ example: '/problems/invalid-request' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(ProblemParameter).optional(),
  })
  .openapi('Problem');
export type Problem = z.infer<typeof Problem>;

/** An OpenAPI response entry for a problem status. */
export const problemResponse = (description: string) => ({
  content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } },
  description,
});

const TYPES: Record<number, string> = {
  400: '/problems/invalid-request',
  403: '/problems/forbidden',
  404: '/problems/not-found',
  405: '/problems/method-not-allowed',
  409: '/problems/conflict',
  412: '/problems/precondition-failed',
  431: '/problems/request-header-fields-too-large',
  422: '/problems/unprocessable-content',
  500: '/problems/internal-error',
};

/** The problem type URI of a status (`about:blank` for a status without one of its own). */
export const problemTypeFor = (status: number): string => TYPES[status] ?? 'about:blank';

export const problemJson = (c: Context, problem: Omit<Problem, 'type' | 'instance'> & { type?: string }) =>
  c.body(
    JSON.stringify({ type: problemTypeFor(problem.status), instance: c.req.path, ...problem }),
    problem.status as ContentfulStatusCode,
    { 'Content-Type': PROBLEM_CONTENT_TYPE },
  );

/** Names each failing field by its dotted path; an unknown key is named itself. */
export const zodProblemParameters = (error: ZodError, location?: ProblemParameter['in']): ProblemParameter[] =>
  error.issues.flatMap((issue) => {
    const base = issue.path.filter((p) => typeof p !== 'number' || issue.path.length === 1).map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ ...(location ? { in: location } : {}), name: [...base, key].join('.'), detail: 'unknown parameter' }));
    }
    return [{ ...(location ? { in: location } : {}), name: base.join('.') || '(root)', detail: issue.message }];
  });

const TARGET_LOCATION: Record<string, ProblemParameter['in']> = {
  query: 'query', param: 'path', header: 'header', json: 'body', form: 'body',
};

/** The OpenAPIHono default hook: a failed request validation becomes a 400 problem naming the parameters. */
export const validationHook = (
  result: { success: true } | { success: false; error: ZodError; target: string },
  c: Context,
) => {
  if (result.success) return undefined;
  const errors = zodProblemParameters(result.error, TARGET_LOCATION[result.target]);
  return problemJson(c, {
    status: 400,
    title: 'Invalid request',
    detail: `Check ${errors.map((e) => `"${e.name}"`).join(', ')}: ${errors.map((e) => e.detail).join('; ')}.`,
    errors,
  });
};

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof DirectoryError) {
    if (error.status === 401 || error.status === 403) c.header('Cache-Control', 'no-store');
    if (error.status === 401) c.header('WWW-Authenticate', 'Bearer');
    return problemJson(c, {
      status: error.status,
      title: error.title,
      detail: error.message,
      ...(error.issues.length > 0 ? { errors: error.issues.map((i) => ({ name: i.name, detail: i.reason })) } : {}),
    });
  }
  if (error instanceof HTTPException && error.status < 500) {
    return problemJson(c, { status: error.status, title: 'Invalid request', detail: error.message || 'The request could not be read.' });
  }
  c.var.log?.error('unhandled error', { error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
  return problemJson(c, {
    status: 500,
    title: 'Internal error',
    detail: `Something went wrong on our side. Quote request id ${c.var.requestId ?? 'unknown'} if you contact us.`,
  });
};

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  problemJson(c, { status: 404, title: 'Not found', detail: `Nothing is served at ${c.req.method} ${c.req.path}.` });
