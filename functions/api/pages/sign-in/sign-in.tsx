/**
 * Sign-in and sign-out pages. Locally (deps.devSignIn present) GET /sign-in lists the demo users, each
 * with a sign-in button; POST /sign-in issues that user's token and stores it in the session cookie.
 * In AWS GET /sign-in sends the browser to the user pool's hosted sign-in (see hosted.ts) and
 * POST /sign-in is 404.
 * POST /sign-out ends the session on the server (its token is refused from then on, cookie or bearer,
 * and it can no longer be renewed), clears both cookies and, in AWS, revokes the refresh token and ends the user pool's own session through
 * its logout page. The CSRF middleware protects it like any cookie post.
 */
import type { Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { NotFoundError } from '#shared/domain/errors.ts';
import { EntryId } from '#shared/domain/entry.ts';
import { ROLES, type Role } from '#shared/domain/identity.ts';
import { SESSION_COOKIE } from '../../authorization/session.ts';
import type { AppDeps, AppEnv, DevSignIn } from '../../env.ts';
import { PostForm } from '../components/session.tsx';
import { badRequestPage, notFoundPage } from '../errors.tsx';
import { renderPage } from '../layout.tsx';
import { messagesFor, type Messages } from '../messages/index.ts';
import { readLang } from '../params.ts';
import { pageHref } from '../urls.ts';
import { clearPreSession, issuePreSession, PRE_SESSION_FIELD, preSessionMatches } from './login-csrf.ts';
import { completeHostedSignIn, redirectToHostedSignIn } from './hosted.ts';
import { DEFAULT_NEXT, safeNext } from './next.ts';
import { renewableUntil, sessionRecord } from './renew.ts';
import { forgetRefreshToken, startSession } from './session-cookie.ts';

type DemoUser = DevSignIn['users'][number];

const roleNames = (roles: readonly string[], t: Messages) =>
  roles.map((role) => ((ROLES as readonly string[]).includes(role) ? t.session.roles[role as Role] : role)).join(', ');

const organisationNames = async (deps: AppDeps, users: readonly DemoUser[], lang: Messages['lang']): Promise<Map<string, string>> => {
  const names = new Map<string, string>();
  for (const id of new Set(users.flatMap((u) => (u.organisationId ? [u.organisationId] : [])))) {
    const parsed = EntryId.safeParse(id);
    const entry = parsed.success
      ? await deps.catalogue.getPublished(parsed.data).catch((error: unknown) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        })
      : undefined;
    names.set(id, entry ? ((lang === 'en' ? entry.name.en : undefined) ?? entry.name.sv) : id);
  }
  return names;
};

const UserList = (props: { t: Messages; users: readonly DemoUser[]; organisations: Map<string, string>; next: string; preSession: string }) => {
  const { t } = props;
  return (
    <ul class="cards users">
      {props.users.map((user) => (
        <li class="card">
          <h3>{user.name}</h3>
          <dl class="facts">
            <div>
              <dt>{t.session.role}</dt>
              <dd>{roleNames(user.roles, t)}</dd>
            </div>
            {user.organisationId && (
              <div>
                <dt>{t.session.organisation}</dt>
                <dd>{props.organisations.get(user.organisationId) ?? user.organisationId}</dd>
              </div>
            )}
          </dl>
          <p>{user.description[t.lang]}</p>
          <PostForm action={pageHref('/sign-in', t.lang)}>
            <input type="hidden" name="username" value={user.username} />
            <input type="hidden" name="next" value={props.next} />
            <input type="hidden" name={PRE_SESSION_FIELD} value={props.preSession} />
            <button type="submit">{t.session.signInAs(user.name)}</button>
          </PostForm>
        </li>
      ))}
    </ul>
  );
};

export const signInPageHandler = (deps: AppDeps) => async (c: Context<AppEnv>) => {
  const { lang, issues } = readLang(c.req.queries());
  const t = messagesFor(lang);
  if (issues.length > 0) return badRequestPage(c, t, issues);
  const next = safeNext(c.req.query('next'));
  const principal = c.var.principal;
  if (!deps.devSignIn && deps.hostedSignIn && !principal) return redirectToHostedSignIn(c, deps.hostedSignIn, c.req.query('next'));
  if (!deps.devSignIn) {
    return renderPage(
      c,
      { t, title: t.session.title, cache: 'no-store' },
      <>
        <h1>{t.session.title}</h1>
        <p class="lead">{t.session.awsLead}</p>
        <p>{t.session.awsNext}</p>
      </>,
    );
  }
  const preSession = issuePreSession(c);
  const organisations = await organisationNames(deps, deps.devSignIn.users, lang);
  return renderPage(
    c,
    { t, title: t.session.title, cache: 'no-store' },
    <>
      <h1>{t.session.title}</h1>
      <p class="lead">{t.session.localLead}</p>
      <p class="notice">{t.session.localNotice}</p>
      {principal && (
        <p>
          {t.session.alreadySignedIn(principal.name)} <a href={pageHref(DEFAULT_NEXT, lang)}>{t.session.toStart}</a>
        </p>
      )}
      <h2>{t.session.usersHeading}</h2>
      <UserList t={t} users={deps.devSignIn.users} organisations={organisations} next={next} preSession={preSession} />
    </>,
  );
};

export const signInHandler = (deps: AppDeps) => async (c: Context<AppEnv>) => {
  const { lang } = readLang(c.req.queries());
  const t = messagesFor(lang);
  if (!deps.devSignIn) return notFoundPage(c, t);
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  const next = field('next');
  const refused = (lead: string) =>
    renderPage(
      c,
      { t, title: t.session.expiredTitle, status: 400 },
      <>
        <h1>{t.session.expiredTitle}</h1>
        <p class="lead">{lead}</p>
        <p>
          <a href={`/sign-in?${new URLSearchParams({ next: safeNext(next), ...(lang === 'en' ? { lang } : {}) }).toString()}`}>{t.session.reload}</a>
        </p>
      </>,
    );
  if (!preSessionMatches(c, field(PRE_SESSION_FIELD))) return refused(t.session.expiredLead);
  const username = field('username');
  if (!username || !deps.devSignIn.users.some((u) => u.username === username)) return refused(t.session.unknownUser);
  const signedIn = await deps.devSignIn.signIn(username);
  const principal = await deps.tokens.verify(signedIn.accessToken);
  await deps.sessions.start(sessionRecord(deps, signedIn.accessToken, principal.subject, signedIn.refreshToken, renewableUntil(deps.clock.now())));
  startSession(c, signedIn);
  clearPreSession(c);
  c.header('Cache-Control', 'no-store');
  const target = next ? safeNext(next) : pageHref(DEFAULT_NEXT, lang);
  return c.redirect(target, 303);
};

export const hostedCallbackHandler = (deps: AppDeps) => async (c: Context<AppEnv>) => {
  if (!deps.hostedSignIn) return notFoundPage(c, messagesFor(readLang(c.req.queries()).lang));
  return completeHostedSignIn(c, deps.hostedSignIn, deps.tokens, deps.sessions, deps.clock);
};

export const signOutHandler = (deps: AppDeps) => async (c: Context<AppEnv>) => {
  const { lang } = readLang(c.req.queries());
  const session = c.var.session;
  if (session) {
    const { refreshToken } = await deps.sessions.end(session, deps.clock.now());
    if (refreshToken && deps.hostedSignIn) {
      await deps.hostedSignIn.revoke(refreshToken).catch((error: unknown) =>
        c.var.log?.error('refresh token not revoked', { error: error instanceof Error ? error.message : String(error) }),
      );
    }
  }
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
  forgetRefreshToken(c);
  c.header('Cache-Control', 'no-store');
  const home = pageHref('/', lang);
  return c.redirect(deps.hostedSignIn ? deps.hostedSignIn.logoutUrl(new URL('/', c.req.url).toString()) : home, 303);
};
