/**
 * HTML error pages (400, 403, 404, 500, …), answered to browsers by the app-level handlers in
 * html-aware.ts, while API paths and non-browser clients keep getting RFC 9457 problem+json. A
 * signed-out browser asking for a page that needs sign-in is sent to /sign-in with the page as `next`.
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DirectoryError, ForbiddenError, UnauthenticatedError } from '#shared/domain/errors.ts';
import { CSRF_FIELD, SESSION_RENEW_PATH } from '../authorization/session.ts';
import type { AppEnv } from '../env.ts';
import { renderPage } from './layout.tsx';
import { messagesFor, type Messages } from './messages/index.ts';
import { readLang, type ParamIssue } from './params.ts';
import { pageHref } from './urls.ts';

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

/** The sign-in page that returns to `next` (a path of this site) afterwards. */
export const signInHref = (next: string, lang: Messages['lang']): string => {
  const params = new URLSearchParams({ next });
  if (lang === 'en') params.set('lang', 'en');
  return `/sign-in?${params.toString()}`;
};

/** 403 in the visitor's language: who they are signed in as and who may edit, or that a form expired (CSRF). */
export const forbiddenPage = (c: Context<AppEnv>, t: Messages, error?: DirectoryError) => {
  if (error?.issues.some((issue) => issue.name === CSRF_FIELD)) return errorPage(c, t, 403, t.errors.csrfTitle, t.errors.csrfLead);
  const principal = c.var.principal;
  return renderPage(
    c,
    { t, title: t.errors.forbiddenTitle, status: 403 },
    <>
      <h1>{t.errors.forbiddenTitle}</h1>
      <p class="lead">{t.errors.forbiddenLead}</p>
      {principal && <p>{t.errors.forbiddenWho(principal.name, principal.roles.map((role) => t.session.roles[role]).join(', '))}</p>}
      <p>{t.errors.forbiddenRights}</p>
      <ul>
        <li>
          <a href={pageHref('/', t.lang)}>{t.errors.home}</a>
        </li>
        <li>
          <a href={pageHref('/sign-in', t.lang)}>{t.errors.forbiddenOther}</a>
        </li>
      </ul>
    </>,
  );
};

/** The renewal of an expired session, which returns to `next` (or goes on to the sign-in page when it cannot renew). */
export const renewHref = (next: string, lang: Messages['lang']): string => {
  const params = new URLSearchParams({ next });
  if (lang === 'en') params.set('lang', 'en');
  return `${SESSION_RENEW_PATH}?${params.toString()}`;
};

/**
 * A page that needs sign-in: a browser GET goes to renew the session (its access token may just have
 * expired) and back, or on to the sign-in page; a form post gets a 401 page with a sign-in link.
 */
export const signInNeeded = (c: Context<AppEnv>, t: Messages) => {
  const url = new URL(c.req.url);
  if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    c.header('Cache-Control', 'no-store');
    return c.redirect(renewHref(`${url.pathname}${url.search}`, t.lang), 303);
  }
  return renderPage(
    c,
    { t, title: t.errors.signInAgainTitle, status: 401 },
    <>
      <h1>{t.errors.signInAgainTitle}</h1>
      <p class="lead">{t.errors.signInAgainLead}</p>
      <p>
        <a class="button" href={pageHref('/sign-in', t.lang)}>
          {t.errors.signInLink}
        </a>
      </p>
    </>,
  );
};

/** The error page for anything thrown while answering a page: domain and HTTP errors by status, else 500. */
export const pageError: ErrorHandler<AppEnv> = (error, c) => {
  const t = requestMessages(c);
  if (error instanceof UnauthenticatedError) return signInNeeded(c, t);
  if (error instanceof ForbiddenError) return forbiddenPage(c, t, error);
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
