/**
 * The web pages, server-rendered with Hono JSX by the same app on Lambda and locally: for entrepreneurs
 * search (/), entries, the guided finder, strategic areas, the accessibility statement and the assets;
 * for signed-in staff sign-in/out and the editor (dashboard, entry form, status buttons, history);
 * referrals (refer form, my referrals, one referral and its actions) and the privacy notice. Each
 * page's module (and the message catalogues) loads with the first request for it: an API-only
 * instance never compiles them.
 */
import { Hono } from 'hono';
import { REFERRAL_ACTIONS } from '#shared/domain/referral-lifecycle.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { lazyModule } from '../lazy-handler.ts';
import { SESSION_RENEW_PATH, SIGN_IN_CALLBACK_PATH } from '../authorization/session.ts';
import { assetRoutes } from './assets/index.ts';
import { formBodyLimit } from './body-limit.ts';
import { errorPages } from './html-aware.ts';
import { DEV_OUTBOX_PATH, HOME_PATH } from './urls.ts';

export { htmlAwareErrors, htmlAwareNotFound } from './html-aware.ts';

/** Mount with `app.route('/', pageRoutes(deps))`; errors inside a page always answer an HTML page. */
export const pageRoutes = (deps: AppDeps) => {
  const pages = new Hono<AppEnv>();
  pages.onError(async (error, c) => (await errorPages()).pageError(error, c));
  const accessibility = lazyModule(() => import('./accessibility/accessibility.tsx'));
  const areas = lazyModule(() => import('./areas/areas.tsx'));
  const entry = lazyModule(() => import('./entry/entry.handler.ts'));
  const finder = lazyModule(() => import('./finder/finder.tsx'));
  const search = lazyModule(() => import('./search/search.handler.ts'));
  const offerSearch = lazyModule(() => import('./offers/offer-search.handler.ts'));
  const privacy = lazyModule(() => import('./privacy/privacy.tsx'));
  const signIn = lazyModule(() => import('./sign-in/sign-in.tsx'));
  const home = lazyModule(() => import('./sign-in/home.ts'));
  const renew = lazyModule(() => import('./sign-in/renew.ts'));
  const editor = lazyModule(async () => (await import('./editor/editor.handlers.tsx')).editorPageHandlers(deps));
  const offers = lazyModule(async () => (await import('./offers/offer-editor.handlers.ts')).offerEditorHandlers(deps));
  const referrals = lazyModule(async () => (await import('./referrals/referrals.handlers.tsx')).referralPageHandlers(deps));
  const followUp = lazyModule(async () => (await import('./follow-up/follow-up.handlers.tsx')).followUpPageHandlers(deps));

  pages.route('/', assetRoutes());
  pages.get('/', search((m) => m.searchPageHandler(deps)));
  pages.get('/entries/:id', entry((m) => m.entryPageHandler(deps)));
  pages.get('/finder', finder((m) => m.finderIntroHandler()));
  pages.get('/finder/result', finder((m) => m.finderResultHandler(deps)));
  pages.get('/finder/:step', finder((m) => m.finderStepHandler(deps)));
  pages.get('/areas', areas((m) => m.areasIndexHandler(deps)));
  pages.get('/areas/:code', areas((m) => m.areaPageHandler(deps)));
  pages.get('/establish', offerSearch((m) => m.offerSearchHandler(deps)));
  pages.get('/accessibility', accessibility((m) => m.statementHandler()));
  pages.post('/accessibility/report', accessibility((m) => m.reportBodyLimit()), accessibility((m) => m.reportHandler()));
  pages.get('/accessibility/thanks', accessibility((m) => m.thanksHandler()));
  pages.get('/sign-in', signIn((m) => m.signInPageHandler(deps)));
  pages.post('/sign-in', formBodyLimit(), signIn((m) => m.signInHandler(deps)));
  pages.post('/sign-out', signIn((m) => m.signOutHandler(deps)));
  pages.get(HOME_PATH, home((m) => m.homeHandler()));
  pages.get(SIGN_IN_CALLBACK_PATH, signIn((m) => m.hostedCallbackHandler(deps)));
  pages.get(SESSION_RENEW_PATH, renew((m) => m.renewSessionHandler(deps)));
  pages.get('/editor', editor((h) => h.dashboard));
  pages.get('/editor/entries/new', editor((h) => h.newEntry));
  pages.post('/editor/entries', formBodyLimit(), editor((h) => h.create));
  pages.get('/editor/entries/:id/edit', editor((h) => h.edit));
  pages.post('/editor/entries/:id', formBodyLimit(), editor((h) => h.save));
  pages.post('/editor/entries/:id/publish', formBodyLimit(), editor((h) => h.transition('publish')));
  pages.post('/editor/entries/:id/unpublish', formBodyLimit(), editor((h) => h.transition('unpublish')));
  pages.post('/editor/entries/:id/archive', formBodyLimit(), editor((h) => h.transition('archive')));
  pages.post('/editor/entries/:id/verify', formBodyLimit(), editor((h) => h.transition('verify')));
  pages.get('/editor/entries/:id/history', editor((h) => h.history));
  pages.get('/editor/offers/new', offers((h) => h.newOffer));
  pages.post('/editor/offers', formBodyLimit(), offers((h) => h.create));
  pages.get('/editor/offers/:id/edit', offers((h) => h.edit));
  pages.post('/editor/offers/:id', formBodyLimit(), offers((h) => h.save));
  pages.post('/editor/offers/:id/availability', formBodyLimit(), offers((h) => h.availability));
  pages.post('/editor/offers/:id/publish', formBodyLimit(), offers((h) => h.transition('publish')));
  pages.post('/editor/offers/:id/unpublish', formBodyLimit(), offers((h) => h.transition('unpublish')));
  pages.post('/editor/offers/:id/archive', formBodyLimit(), offers((h) => h.transition('archive')));
  pages.post('/editor/offers/:id/verify', formBodyLimit(), offers((h) => h.transition('verify')));
  pages.get('/privacy', privacy((m) => m.privacyHandler()));
  pages.get('/entries/:id/refer', referrals((h) => h.referForm));
  pages.post('/referrals', formBodyLimit(), referrals((h) => h.create));
  pages.get('/referrals', referrals((h) => h.list));
  pages.get('/referrals/:id', referrals((h) => h.view));
  for (const action of REFERRAL_ACTIONS) pages.post(`/referrals/:id/${action}`, formBodyLimit(), referrals((h) => h.act(action)));
  pages.get('/follow-up', followUp((h) => h.overview));
  pages.get('/follow-up/coverage', followUp((h) => h.coverage));
  pages.get('/follow-up/demand', followUp((h) => h.demand));
  pages.get('/follow-up/referrals', followUp((h) => h.referrals));
  pages.get('/follow-up/report', followUp((h) => h.report));
  pages.get('/follow-up/:section/csv', followUp((h) => h.csv));
  const devOutbox = deps.devOutbox;
  if (devOutbox) pages.get(DEV_OUTBOX_PATH, lazyModule(() => import('./dev/outbox.tsx'))((m) => m.devOutboxHandler(devOutbox)));
  return pages;
};
