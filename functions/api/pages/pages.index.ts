/**
 * The web pages, server-rendered with Hono JSX by the same app on Lambda and locally: for entrepreneurs
 * search (/), entries, the guided finder, strategic areas, the accessibility statement and the assets;
 * for signed-in staff sign-in/out and the editor (dashboard, entry form, status buttons, history);
 * referrals (refer form, my referrals, one referral and its actions) and the privacy notice.
 */
import { Hono } from 'hono';
import { REFERRAL_ACTIONS } from '#shared/domain/referral-lifecycle.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { reportBodyLimit, reportHandler, statementHandler, thanksHandler } from './accessibility/accessibility.tsx';
import { areaPageHandler, areasIndexHandler } from './areas/areas.tsx';
import { assetRoutes } from './assets/index.ts';
import { formBodyLimit } from './body-limit.ts';
import { editorPageHandlers } from './editor/editor.handlers.tsx';
import { entryPageHandler } from './entry/entry.handler.ts';
import { pageError } from './errors.tsx';
import { finderIntroHandler, finderResultHandler, finderStepHandler } from './finder/finder.tsx';
import { privacyHandler } from './privacy/privacy.tsx';
import { followUpPageHandlers } from './follow-up/follow-up.handlers.tsx';
import { referralPageHandlers } from './referrals/referrals.handlers.tsx';
import { searchPageHandler } from './search/search.handler.ts';
import { DEV_OUTBOX_PATH, devOutboxHandler } from './dev/outbox.tsx';
import { offerEditorHandlers } from './offers/offer-editor.handlers.ts';
import { offerSearchHandler } from './offers/offer-search.handler.ts';
import { SIGN_IN_CALLBACK_PATH } from '../authorization/session.ts';
import { homeHandler, HOME_PATH } from './sign-in/home.ts';
import { hostedCallbackHandler, signInHandler, signInPageHandler, signOutHandler } from './sign-in/sign-in.tsx';

export { htmlAwareErrors, htmlAwareNotFound } from './errors.tsx';

/** Mount with `app.route('/', pageRoutes(deps))`; errors inside a page always answer an HTML page. */
export const pageRoutes = (deps: AppDeps) => {
  const pages = new Hono<AppEnv>();
  pages.onError(pageError);
  pages.route('/', assetRoutes());
  pages.get('/', searchPageHandler(deps));
  pages.get('/entries/:id', entryPageHandler(deps));
  pages.get('/finder', finderIntroHandler());
  pages.get('/finder/result', finderResultHandler(deps));
  pages.get('/finder/:step', finderStepHandler(deps));
  pages.get('/areas', areasIndexHandler(deps));
  pages.get('/areas/:code', areaPageHandler(deps));
  pages.get('/establish', offerSearchHandler(deps));
  pages.get('/accessibility', statementHandler());
  pages.post('/accessibility/report', reportBodyLimit(), reportHandler());
  pages.get('/accessibility/thanks', thanksHandler());
  pages.get('/sign-in', signInPageHandler(deps));
  pages.post('/sign-in', formBodyLimit(), signInHandler(deps));
  pages.post('/sign-out', signOutHandler(deps));
  pages.get(HOME_PATH, homeHandler());
  pages.get(SIGN_IN_CALLBACK_PATH, hostedCallbackHandler(deps));
  const editor = editorPageHandlers(deps);
  pages.get('/editor', editor.dashboard);
  pages.get('/editor/entries/new', editor.newEntry);
  pages.post('/editor/entries', formBodyLimit(), editor.create);
  pages.get('/editor/entries/:id/edit', editor.edit);
  pages.post('/editor/entries/:id', formBodyLimit(), editor.save);
  pages.post('/editor/entries/:id/publish', formBodyLimit(), editor.transition('publish'));
  pages.post('/editor/entries/:id/unpublish', formBodyLimit(), editor.transition('unpublish'));
  pages.post('/editor/entries/:id/archive', formBodyLimit(), editor.transition('archive'));
  pages.post('/editor/entries/:id/verify', formBodyLimit(), editor.transition('verify'));
  pages.get('/editor/entries/:id/history', editor.history);
  const offers = offerEditorHandlers(deps);
  pages.get('/editor/offers/new', offers.newOffer);
  pages.post('/editor/offers', formBodyLimit(), offers.create);
  pages.get('/editor/offers/:id/edit', offers.edit);
  pages.post('/editor/offers/:id', formBodyLimit(), offers.save);
  pages.post('/editor/offers/:id/availability', formBodyLimit(), offers.availability);
  pages.post('/editor/offers/:id/publish', formBodyLimit(), offers.transition('publish'));
  pages.post('/editor/offers/:id/unpublish', formBodyLimit(), offers.transition('unpublish'));
  pages.post('/editor/offers/:id/archive', formBodyLimit(), offers.transition('archive'));
  pages.post('/editor/offers/:id/verify', formBodyLimit(), offers.transition('verify'));
  pages.get('/privacy', privacyHandler());
  const referrals = referralPageHandlers(deps);
  pages.get('/entries/:id/refer', referrals.referForm);
  pages.post('/referrals', formBodyLimit(), referrals.create);
  pages.get('/referrals', referrals.list);
  pages.get('/referrals/:id', referrals.view);
  for (const action of REFERRAL_ACTIONS) pages.post(`/referrals/:id/${action}`, formBodyLimit(), referrals.act(action));
  const followUp = followUpPageHandlers(deps);
  pages.get('/follow-up', followUp.overview);
  pages.get('/follow-up/coverage', followUp.coverage);
  pages.get('/follow-up/demand', followUp.demand);
  pages.get('/follow-up/referrals', followUp.referrals);
  pages.get('/follow-up/report', followUp.report);
  pages.get('/follow-up/:section/csv', followUp.csv);
  if (deps.devOutbox) pages.get(DEV_OUTBOX_PATH, devOutboxHandler(deps.devOutbox));
  return pages;
};
