/**
 * The referral pages' handlers: the refer form (GET /entries/:id/refer, POST /referrals), my referrals
 * (GET /referrals?box=), one referral (GET /referrals/:id) and its actions (POST /referrals/:id/:action).
 * They call the referral service with the signed-in principal; the route policy has admitted only
 * referring roles, and the service decides per referral (anyone else gets the 404 page).
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { EntryId, type Entry } from '#shared/domain/entry.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, UnprocessableContentError, ValidationError } from '#shared/domain/errors.ts';
import { hasRole } from '#shared/domain/identity.ts';
import { DeclineReason, ReferralId, type ReferralView } from '#shared/domain/referral.ts';
import { type ReferralAction } from '#shared/domain/referral-lifecycle.ts';
import { availableActions } from '#shared/services/referrals.ts';
import { MAX_PAGE_SIZE, SearchQuery } from '#shared/domain/search.ts';
import { localize } from '#shared/domain/text.ts';
import { swedishDate } from '#shared/ports/clock.ts';
import { principalOf } from '../../request.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import { badRequestPage, errorPage, notFoundPage } from '../errors.tsx';
import { messagesFor, type Messages } from '../messages/index.ts';
import type { ReferralNotice } from '../messages/referrals-types.ts';
import { readChoice, readLang } from '../params.ts';
import { noFilters } from '../urls.ts';
import { canReceiveReferrals } from './refer-link.tsx';
import { formToInput, idempotencyKeyOf, issuesFromService, unknownFields, valueOf, valuesFromReferral, type FormValues } from './referral-form.ts';
import { formValues, postedForm } from '../form-values.ts';
import { renderReferralForm, type ReferralFormModel } from './referral-form.view.tsx';
import { BOXES, readReferralNotice, referralHref, type Box } from './referral-urls.ts';
import { DECLINE_ISSUES, renderReferralList, renderReferralPage, type DeclineIssue, type LinkedReferral, type ReferralPageModel } from './referrals.view.tsx';
import type { Option } from '../components/form-fields.tsx';

const DONE: Record<ReferralAction, ReferralNotice> = { accept: 'accepted', start: 'started', complete: 'completed', decline: 'declined', cancel: 'cancelled' };

/** Fields an action form may carry. */
const ACTION_FIELDS = new Set(['_csrf', 'version', 'reasonCategory', 'reason', 'redirectTo', 'forward', 'note']);

const messagesOf = (c: Context<AppEnv>) => {
  const { lang, issues } = readLang(c.req.queries());
  return { t: messagesFor(lang), issues };
};


const orUndefined = <T,>(promise: Promise<T>): Promise<T | undefined> =>
  promise.catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });

const unknownFieldsPage = (c: Context<AppEnv>, t: Messages, names: readonly string[]) =>
  errorPage(c, t, 400, t.editor.unknownFieldsTitle, t.editor.unknownFieldsLead, names.map((name) => `“${name.slice(0, 80)}”`));

export const referralPageHandlers = (deps: AppDeps) => {
  const origin = (c: Context<AppEnv>) => ({ origin: new URL(c.req.url).origin });

  /** Entry names in the page language, by id; unpublished ones are left out (the page shows the id). */
  const namesOf = async (ids: Iterable<string>, t: Messages): Promise<Map<string, string>> => {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) {
      const parsed = EntryId.safeParse(id);
      const entry = parsed.success ? await orUndefined(deps.catalogue.getPublished(parsed.data)) : undefined;
      if (entry) names.set(id, localize(entry.name, t.lang));
    }
    return names;
  };

  /** The published entry and the organisation that receives referrals to it, or undefined. */
  const targetOf = async (id: string): Promise<{ target: Entry; receiver: Entry } | 'not-found' | 'no-receiver'> => {
    const parsed = EntryId.safeParse(id);
    if (!parsed.success) return 'not-found';
    const target = await orUndefined(deps.catalogue.getPublished(parsed.data));
    if (!target) return 'not-found';
    if (!canReceiveReferrals(target)) return 'no-receiver';
    if (target.kind === 'actor') return { target, receiver: target };
    const receiver = await orUndefined(deps.catalogue.getPublished(target.providerId!));
    return receiver ? { target, receiver } : 'no-receiver';
  };

  const targetProblem = (c: Context<AppEnv>, t: Messages, problem: 'not-found' | 'no-receiver', status: 400 | 404 = 404) =>
    problem === 'not-found' ? notFoundPage(c, t, t.errors.entryNotFoundLead) : errorPage(c, t, status, t.referrals.cannotReceiveTitle, t.referrals.cannotReceiveLead);

  /** The published actors a referral may be passed on to, by name; the viewer's own organisation left out. */
  const actorOptions = async (t: Messages, except: string): Promise<Option[]> => {
    const options = new Map<string, string>();
    const today = swedishDate(deps.clock.now());
    for (let page = 1; page <= 20; page += 1) {
      const result = await deps.search.search(
        SearchQuery.parse({ q: '', filters: { ...noFilters(), kind: ['actor'] }, page, pageSize: MAX_PAGE_SIZE, language: t.lang, today }),
      );
      for (const hit of result.hits) if (hit.id !== except) options.set(hit.id, localize(hit.name, t.lang));
      if (page * MAX_PAGE_SIZE >= result.total) break;
    }
    return [...options].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, t.locale));
  };

  const referralPage = async (
    c: Context<AppEnv>,
    t: Messages,
    referral: ReferralView,
    extra: Pick<ReferralPageModel, 'notice' | 'problem' | 'decline' | 'status'> = {},
  ) => {
    const principal = principalOf(c);
    const actions = availableActions(principal, referral);
    const names = await namesOf([referral.receivingOrganisationId, referral.targetId, ...(referral.suggestedTargetId ? [referral.suggestedTargetId] : [])], t);
    const actors = actions.includes('decline') ? await actorOptions(t, referral.receivingOrganisationId) : [];
    const viewerIsReferrer = principal.subject === referral.referrerSubject;
    const linkedOf = async (id: ReferralId | undefined): Promise<LinkedReferral | undefined> => {
      if (!id) return undefined;
      const other = await orUndefined(deps.referrals.get(principal, id));
      if (!other) return undefined;
      const receiverName = (await namesOf([other.receivingOrganisationId], t)).get(other.receivingOrganisationId) ?? other.receivingOrganisationId;
      return { receiver: receiverName, createdAt: other.createdAt };
    };
    const linked = { from: await linkedOf(referral.redirectedFromId), to: await linkedOf(referral.redirectedToId) };
    const receiver = viewerIsReferrer ? await orUndefined(deps.catalogue.getPublished(referral.receivingOrganisationId)) : undefined;
    return renderReferralPage(c, { t, taxonomy: deps.taxonomy, referral, names, actions, actors, answerWorkingDays: deps.referrals.answerWorkingDays, receiver, viewerIsReferrer, linked, ...extra });
  };

  const formPage = (c: Context<AppEnv>, model: Omit<ReferralFormModel, 'taxonomy'>) => renderReferralForm(c, { ...model, taxonomy: deps.taxonomy });

  return {
    referForm: async (c: Context<AppEnv>) => {
      const { t, issues } = messagesOf(c);
      if (issues.length > 0) return badRequestPage(c, t, issues);
      const found = await targetOf(c.req.param('id') ?? '');
      if (typeof found === 'string') return targetProblem(c, t, found);
      const from = c.req.query('from');
      if (from === undefined) return formPage(c, { t, ...found, values: formValues(), issues: [], idempotencyKey: randomUUID() });
      // Referring again: the form filled in from the referrer's own earlier referral, the confirmations left to ask anew.
      const earlierId = ReferralId.safeParse(from);
      const principal = principalOf(c);
      const earlier = earlierId.success ? await orUndefined(deps.referrals.get(principal, earlierId.data)) : undefined;
      if (!earlier || earlier.referrerSubject !== principal.subject) return notFoundPage(c, t);
      return formPage(c, { t, ...found, values: valuesFromReferral(earlier), issues: [], idempotencyKey: randomUUID() });
    },

    create: async (c: Context<AppEnv>) => {
      const { t } = messagesOf(c);
      const principal = principalOf(c);
      const values = await postedForm(c);
      const unknown = unknownFields(values);
      if (unknown.length > 0) return unknownFieldsPage(c, t, unknown);
      const found = await targetOf(valueOf(values, 'targetId'));
      if (typeof found === 'string') return targetProblem(c, t, found, 400);
      const idempotencyKey = idempotencyKeyOf(values) ?? randomUUID();
      const page = { t, ...found, values, idempotencyKey };
      const result = formToInput(values, found.target.id, deps.taxonomy);
      if (!result.ok) return formPage(c, { ...page, issues: result.issues, status: 400 });
      let referral: ReferralView;
      try {
        ({ referral } = await deps.referrals.create(principal, result.input, idempotencyKey, origin(c)));
      } catch (error) {
        if (error instanceof UnprocessableContentError) {
          return formPage(c, { ...page, idempotencyKey: randomUUID(), issues: [], formError: t.referrals.keyReusedLead, status: 422 });
        }
        if (error instanceof ValidationError) {
          if (error.issues.some((issue) => issue.name === 'targetId')) return targetProblem(c, t, 'no-receiver', 400);
          if (error.issues.some((issue) => issue.name === 'redirectedFromId')) return formPage(c, { ...page, issues: [], formError: t.referrals.referAgainRefused, status: 400 });
          return formPage(c, { ...page, issues: issuesFromService(error.issues), status: 400 });
        }
        throw error;
      }
      c.header('Cache-Control', 'no-store');
      return c.redirect(referralHref(`/referrals/${referral.id}`, t.lang, { notice: 'created' }), 303);
    },

    list: async (c: Context<AppEnv>) => {
      const { t, issues } = messagesOf(c);
      const choice = readChoice(c.req.queries(), 'box', BOXES);
      if (issues.length + choice.issues.length > 0) return badRequestPage(c, t, [...issues, ...choice.issues]);
      const principal = principalOf(c);
      const organisationId = hasRole(principal, 'actor-staff') ? principal.organisationId : undefined;
      const box = (choice.value as Box | undefined) ?? (organisationId ? 'inbox' : 'sent');
      const organisation = organisationId ? { id: organisationId, name: (await namesOf([organisationId], t)).get(organisationId) ?? organisationId } : undefined;
      const referrals = box === 'inbox' && !organisation ? [] : await deps.referrals.list(principal, box);
      const names = await namesOf(
        referrals.flatMap((r) => [r.receivingOrganisationId, ...(r.suggestedTargetId ? [r.suggestedTargetId] : [])]),
        t,
      );
      return renderReferralList(c, { t, box, organisation, referrals, names });
    },

    view: async (c: Context<AppEnv>) => {
      const { t, issues } = messagesOf(c);
      if (issues.length > 0) return badRequestPage(c, t, issues);
      const id = ReferralId.safeParse(c.req.param('id'));
      if (!id.success) return notFoundPage(c, t);
      const referral = await deps.referrals.get(principalOf(c), id.data);
      return referralPage(c, t, referral, { notice: readReferralNotice(c.req.query('notice')) });
    },

    act: (action: ReferralAction) => async (c: Context<AppEnv>) => {
      const { t } = messagesOf(c);
      const id = ReferralId.safeParse(c.req.param('id'));
      if (!id.success) return notFoundPage(c, t);
      const principal = principalOf(c);
      const values = await postedForm(c);
      const unknown = Object.keys(values).filter((name) => !ACTION_FIELDS.has(name));
      if (unknown.length > 0) return unknownFieldsPage(c, t, unknown);
      const rawVersion = valueOf(values, 'version');
      if (!/^\d{1,9}$/.test(rawVersion)) return errorPage(c, t, 400, t.editor.unknownFieldsTitle, t.editor.badVersion);
      const reason = valueOf(values, 'reason').trim();
      const reasonCategory = valueOf(values, 'reasonCategory');
      const category = DeclineReason.safeParse(reasonCategory);
      const redirectTo = valueOf(values, 'redirectTo');
      const forward = valueOf(values, 'forward') === 'yes';
      const current = () => deps.referrals.get(principal, id.data);
      const declineIssues: DeclineIssue[] = [];
      let redirectTarget: EntryId | undefined;
      if (action === 'decline') {
        if (!category.success) declineIssues.push('reasonCategory');
        else if (category.data === 'other' && !reason) declineIssues.push('reason');
        if (redirectTo !== '') {
          const parsed = EntryId.safeParse(redirectTo);
          if (parsed.success) redirectTarget = parsed.data;
          else declineIssues.push('redirectTo');
        }
      }
      const refused = async (issues: DeclineIssue[]) =>
        referralPage(c, t, await current(), { decline: { reasonCategory, reason, redirectTo, issues }, status: 400 });
      if (declineIssues.length > 0) {
        await current();
        return refused(declineIssues);
      }
      let outcome: Awaited<ReturnType<typeof deps.referrals.act>>;
      try {
        const details =
          action === 'decline' && category.success
            ? { reasonCategory: category.data, ...(reason ? { reason } : {}), ...(redirectTarget ? { redirectTo: redirectTarget, forward } : {}) }
            : {};
        outcome = await deps.referrals.act(principal, id.data, action, Number(rawVersion), details, origin(c));
      } catch (error) {
        if (error instanceof PreconditionFailedError) return referralPage(c, t, await current(), { problem: 'stale', status: 409 });
        if (error instanceof ConflictError) return referralPage(c, t, await current(), { problem: 'conflict', status: 409 });
        if (error instanceof ValidationError) {
          const named = DECLINE_ISSUES.filter((field) => error.issues.some((issue) => issue.name === field));
          return refused(named.length > 0 ? named : ['redirectTo']);
        }
        throw error;
      }
      c.header('Cache-Control', 'no-store');
      const notice: ReferralNotice = outcome.redirected ? 'redirected' : outcome.referral.suggestedTargetId && action === 'decline' ? 'suggested' : DONE[action];
      return c.redirect(referralHref(`/referrals/${id.data}`, t.lang, { notice }), 303);
    },
  };
};
