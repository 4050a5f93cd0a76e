/**
 * HTML error pages (400, 404, 500, …) and the app-level handlers that answer them to browsers, while
 * API paths and non-browser clients keep getting RFC 9457 problem+json from the API's handlers.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DirectoryError } from '#shared/domain/errors.ts';
import type { AppEnv } from '../env.ts';
import { renderPage } from './layout.tsx';
import { messagesFor, type Messages } from './messages/index.ts';
import { readLang, type ParamIssue } from './params.ts';
import { pageHref } from './urls.ts';

const API_PREFIXES = ['/v1/', '/openapi.json', '/health'];

export const isApiPath = (path: string): boolean => path === '/v1' || API_PREFIXES.some((prefix) => path.startsWith(prefix));

/** A browser asking for a page (not the API): it gets HTML errors. */
export const wantsHtml = (c: Context): boolean => !isApiPath(c.req.path) && (c.req.header('accept') ?? '').includes('text/html');

/** The visitor's language on any request, Swedish unless `lang=en`. */
export const requestMessages = (c: Context): Messages => messagesFor(readLang(c.req.queries()).lang);

const ErrorBody = (props: { t: Messages; title: string; lead: string; items?: string[] | undefined }) => (
  <>
    <h1>{props.title}</h1>
    <p class="lead">{props.lead}</p>
    {props.items && props.items.length > 0 && (
      <ul>
        {props.items.map((item) => (
          <li>{item}</li>
        ))}
      </ul>
    )}
    <ul>
      <li>
        <a href={pageHref('/', props.t.lang)}>{props.t.errors.home}</a>
      </li>
      <li>
        <a href={pageHref('/finder', props.t.lang)}>{props.t.errors.finder}</a>
      </li>
    </ul>
  </>
);

export const errorPage = (c: Context, t: Messages, status: ContentfulStatusCode, title: string, lead: string, items?: string[]) =>
  renderPage(c, { t, title, status }, <ErrorBody t={t} title={title} lead={lead} items={items} />);

export const notFoundPage = (c: Context, t: Messages = requestMessages(c), lead = t.errors.notFoundLead) =>
  errorPage(c, t, 404, t.errors.notFoundTitle, lead);

/** A 400 page listing each parameter that was not understood, in the visitor's words. */
export const badRequestPage = (c: Context, t: Messages, issues: readonly ParamIssue[]) =>
  errorPage(
    c,
    t,
    400,
    t.errors.badRequestTitle,
    t.errors.badRequestLead,
    issues.map((issue) => {
      const name = t.errors.paramNames[issue.name] ?? issue.name;
      switch (issue.problem) {
        case 'too-long': return t.errors.tooLong(name, issue.max);
        case 'not-a-page': return t.errors.notAPage(issue.value.slice(0, 40));
        case 'unknown-value': return t.errors.unknownValue(name, issue.value.slice(0, 80));
      }
    }),
  );

/** The error page for anything thrown while answering a page: domain and HTTP errors by status, else 500. */
export const pageError: ErrorHandler<AppEnv> = (error, c) => {
  const t = requestMessages(c);
  if (error instanceof DirectoryError && error.status === 404) return notFoundPage(c, t);
  if (error instanceof DirectoryError && error.status < 500) {
    return errorPage(c, t, error.status as ContentfulStatusCode, t.errors.genericTitle, t.errors.genericLead);
  }
  if (error instanceof HTTPException && error.status < 500) {
    if (error.status === 404) return notFoundPage(c, t);
    return errorPage(c, t, error.status as ContentfulStatusCode, t.errors.genericTitle, t.errors.genericLead);
  }
  c.var.log?.error('unhandled error', {
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
  });
  return errorPage(c, t, 500, t.errors.serverTitle, t.errors.serverLead(c.var.requestId ?? 'unknown'));
};

/** Wraps the API's 404 handler: browsers asking for a page get an HTML 404. */
export const htmlAwareNotFound =
  (api: NotFoundHandler<AppEnv>): NotFoundHandler<AppEnv> =>
  (c) => {
    c.header('Vary', 'Accept');
    return wantsHtml(c) ? notFoundPage(c) : api(c);
  };

/** Wraps the API's error handler: browsers asking for a page get an accessible HTML error page. */
export const htmlAwareErrors =
  (api: ErrorHandler<AppEnv>): ErrorHandler<AppEnv> =>
  (error, c) => {
    c.header('Vary', 'Accept');
    return wantsHtml(c) ? pageError(error, c) : api(error, c);
  };
