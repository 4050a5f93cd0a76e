/**
 * The page frame every page shares: html lang, head, skip link, header with menu, language switch and
 * account (the signed-in user with a sign-out button, or a sign-in link), footer. Pages shown to a
 * signed-in visitor are never cached, and every page varies on the cookie.
 */
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env.ts';
import { PAGE_CSP } from '../middleware/security-headers.ts';
import { CSS_PATH, JS_PATH } from './assets/index.ts';
import { mayFollowUp, mayUseEditor, PostForm, SessionContext, sessionOf, type PageSession } from './components/session.tsx';
import type { Messages } from './messages/index.ts';
import { mayRefer } from './referrals/refer-link.tsx';
import { pageHref, switchLanguageHref } from './urls.ts';

export type NavItem = 'search' | 'finder' | 'areas' | 'accessibility' | 'editor' | 'referrals' | 'privacy' | 'establish' | 'follow-up';

export type PageOptions = {
  t: Messages;
  title: string;
  status?: ContentfulStatusCode;
  current?: NavItem;
  /** Where the language switch leads; by default the same path and query in the other language. */
  switchHref?: string;
  /** Cache-Control of the page; error pages are never cached. */
  cache?: string;
};

/** The header's account area: who is signed in, with roles and a sign-out button; otherwise a sign-in link. */
const Account = (props: { t: Messages; session: PageSession }) => {
  const { t } = props;
  const principal = props.session.principal;
  if (!principal) {
    return (
      <a class="account-link" href={pageHref('/sign-in', t.lang)}>
        {t.session.signIn}
      </a>
    );
  }
  const roles = principal.roles.map((role) => t.session.roles[role]).join(', ');
  return (
    <div class="account" role="group" aria-label={t.session.account}>
      <p>
        <span class="vh">{t.session.signedInAs} </span>
        <strong>{principal.name}</strong> <span class="roles">({roles})</span>
      </p>
      <PostForm action={pageHref('/sign-out', t.lang)}>
        <button type="submit" class="header-button">
          {t.session.signOut}
        </button>
      </PostForm>
    </div>
  );
};

const Layout = (props: { t: Messages; title: string; current?: NavItem | undefined; switchHref: string; session: PageSession; children: Child }) => {
  const { t, current } = props;
  const navLink = (item: NavItem, path: string, label: string) => (
    <li>
      <a href={pageHref(path, t.lang)} aria-current={current === item ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <html lang={t.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – ${t.site.name}`}</title>
        <meta name="description" content={t.site.about} />
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={CSS_PATH} />
        <script src={JS_PATH} defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          {t.site.skipLink}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href={pageHref('/', t.lang)}>
              {t.site.name}
              <small>{t.site.tagline}</small>
            </a>
            <nav class="site-nav" aria-label={t.site.mainNav}>
              <ul>
                {navLink('search', '/', t.site.navSearch)}
                {navLink('finder', '/finder', t.site.navFinder)}
                {navLink('areas', '/areas', t.site.navAreas)}
                {navLink('establish', '/establish', t.offers.nav)}
                {mayUseEditor(props.session.principal) && navLink('editor', '/editor', t.editor.nav)}
                {mayRefer(props.session.principal) && navLink('referrals', '/referrals', t.referrals.nav)}
                {mayFollowUp(props.session.principal) && navLink('follow-up', '/follow-up', t.followUp.nav)}
              </ul>
            </nav>
            <a class="lang-switch" href={props.switchHref} lang={t.site.switchLang} hreflang={t.site.switchLang}>
              {t.site.switchLabel}
            </a>
            <Account t={t} session={props.session} />
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <div class="wrap">{props.children}</div>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t.site.about}</p>
            <p>{t.site.demoNotice}</p>
            <nav aria-label={t.site.footerNav}>
              <ul>
                <li>
                  <a href={pageHref('/accessibility', t.lang)} aria-current={current === 'accessibility' ? 'page' : undefined}>
                    {t.site.accessibility}
                  </a>
                </li>
                <li>
                  <a href={pageHref('/privacy', t.lang)} aria-current={current === 'privacy' ? 'page' : undefined}>
                    {t.privacy.nav}
                  </a>
                </li>
                <li>
                  <a href="/openapi.json">{t.site.api}</a>
                </li>
              </ul>
            </nav>
          </div>
        </footer>
      </body>
    </html>
  );
};

/** Answers a full HTML page. */
export const renderPage = (c: Context<AppEnv>, options: PageOptions, body: Child): Response | Promise<Response> => {
  const switchHref = options.switchHref ?? switchLanguageHref(new URL(c.req.url), options.t.site.switchLang);
  const session = sessionOf(c);
  const cache = options.cache ?? (options.status && options.status >= 400 ? 'no-store' : 'public, max-age=60');
  // A page that names the visitor or carries their CSRF token is theirs alone.
  c.header('Cache-Control', session.principal ? 'private, no-store' : cache);
  c.header('Vary', 'Cookie', { append: true });
  c.header('Content-Language', options.t.lang);
  c.header('Content-Security-Policy', PAGE_CSP);
  return c.html(
    <>
      {raw('<!DOCTYPE html>')}
      <SessionContext.Provider value={session}>
        <Layout t={options.t} title={options.title} current={options.current} switchHref={switchHref} session={session}>
          {body}
        </Layout>
      </SessionContext.Provider>
    </>,
    options.status ?? 200,
  );
};
