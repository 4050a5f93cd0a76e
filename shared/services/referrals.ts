/**
 * The referral workflow: refer a company to the organisation behind an entry (idempotently), tell
 * the receiving organisation (a notice without personal data; a failed notice never fails the
 * referral), list and read the referrals one sent or received, move them through their lifecycle
 * (closing sets closedAt, from which the retention period runs), and count them for follow-up from
 * the anonymised statistics records. Only the referrer and the receiving organisation's staff see a
 * referral; to anyone else it does not exist (404), editors and admins included.
 */
import { createHash } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableContentError, ValidationError } from '#shared/domain/errors.ts';
import type { EntryId } from '#shared/domain/entry.ts';
import { hasRole, type Principal } from '#shared/domain/identity.ts';
import {
  DECLINE_REASONS,
  type DeclineReason,
  maskOrganisationNumber,
  newReferralId,
  Referral,
  type ReferralId,
  type ReferralInput,
  type ReferralStats,
  type ReferralSummary,
  type ReferralView,
} from '#shared/domain/referral.ts';
import { isClosed, isOverdue, nextStatus, REFERRAL_ACTIONS, TRANSITIONS, type Party, type ReferralAction } from '#shared/domain/referral-lifecycle.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import type { NotificationLog, ReferralNotifier } from '#shared/ports/notifier.ts';
import type { ReferralRepository } from '#shared/ports/referral-repository.ts';

export const DEFAULT_ANSWER_WORKING_DAYS = 2;

/** Per request: the origin (`https://host`) the request came to, for links in notifications when no base is configured. */
export type RequestOptions = { origin?: string };

/** The page where a referral is read: `<base>/referrals/<id>`, root-relative without a base. */
export const referralLink = (base: string | undefined, id: ReferralId): string => `${(base ?? '').replace(/\/+$/, '')}/referrals/${id}`;

export type ReferralService = ReturnType<typeof createReferralService>;

const isReferrer = (principal: Principal, referral: Pick<Referral, 'referrerSubject'>) => principal.subject === referral.referrerSubject;
const isReceiver = (principal: Principal, referral: Pick<Referral, 'receivingOrganisationId'>) =>
  hasRole(principal, 'actor-staff') && principal.organisationId !== undefined && principal.organisationId === referral.receivingOrganisationId;
const mayAct = (principal: Principal, referral: Pick<Referral, 'referrerSubject' | 'receivingOrganisationId'>, party: Party) =>
  party === 'receiver' ? isReceiver(principal, referral) : isReferrer(principal, referral);

/** The lifecycle actions the principal may take on the referral in its current status. */
export const availableActions = (principal: Principal, referral: Pick<Referral, 'status' | 'referrerSubject' | 'receivingOrganisationId'>): ReferralAction[] =>
  REFERRAL_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(referral.status) && mayAct(principal, referral, TRANSITIONS[action].by));

/** A stable serialisation (keys sorted) so the same request hashes the same. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
      : JSON.stringify(value);

export const createReferralService = (deps: {
  referrals: ReferralRepository;
  entries: EntryRepository;
  taxonomy: Taxonomy;
  clock: Clock;
  /** Working days a receiving organisation has to answer before a referral is overdue. */
  answerWorkingDays?: number;
  /** Tells the receiving organisation about a new referral; none, no notices. */
  notifier?: ReferralNotifier;
  /** The site's base URL for links in notices (PUBLIC_BASE_URL; locally http://HOST:PORT); else the request's origin. */
  linkBase?: string;
  /** Where failed notices are reported. */
  log?: Pick<NotificationLog, 'error'>;
}) => {
  const answerDays = deps.answerWorkingDays ?? DEFAULT_ANSWER_WORKING_DAYS;

  /** Tells the receiving organisation; any failure is logged and swallowed, as the referral is already stored. */
  const notifyReceived = async (referral: Referral, options: RequestOptions): Promise<void> => {
    if (!deps.notifier) return;
    const fields = { referralId: referral.id, receivingOrganisationId: referral.receivingOrganisationId };
    try {
      const organisation = await deps.entries.get(referral.receivingOrganisationId);
      const to = organisation?.kind === 'actor' ? organisation.referralIntakeEmail : undefined;
      await deps.notifier.referralReceived({ ...fields, to, link: referralLink(deps.linkBase ?? options.origin, referral.id) });
    } catch (error) {
      deps.log?.error('referral notification failed', { ...fields, error: error instanceof Error ? error.message : String(error) });
    }
  };

  const createdAndNoticed = async (referral: Promise<Referral>, options: RequestOptions): Promise<{ referral: ReferralView; created: true }> => {
    const created = await referral;
    if (created.redirectedFromId) await linkFromEarlier(created.redirectedFromId, created.id);
    await notifyReceived(created, options);
    return { referral: view(created), created: true };
  };

  const view = (referral: Referral): ReferralView => ({ ...referral, overdue: isOverdue(referral, deps.clock.now(), answerDays) });

  const summary = (referral: Referral): ReferralSummary => ({
    id: referral.id,
    targetId: referral.targetId,
    receivingOrganisationId: referral.receivingOrganisationId,
    company: { ...referral.company, organisationNumber: maskOrganisationNumber(referral.company.organisationNumber) },
    status: referral.status,
    referrerName: referral.referrerName,
    ...(referral.redirectedFromId ? { redirectedFromId: referral.redirectedFromId } : {}),
    ...(referral.redirectedToId ? { redirectedToId: referral.redirectedToId } : {}),
    ...(referral.suggestedTargetId ? { suggestedTargetId: referral.suggestedTargetId } : {}),
    version: referral.version,
    createdAt: referral.createdAt,
    updatedAt: referral.updatedAt,
    overdue: isOverdue(referral, deps.clock.now(), answerDays),
  });

  /** The organisation that receives a referral to `targetId`: the actor itself, or the offering's provider. */
  const receiverOf = async (targetId: EntryId, field = 'targetId'): Promise<EntryId> => {
    const target = await deps.entries.get(targetId);
    if (!target || target.status === 'archived') throw new ValidationError(`No entry "${targetId}" can receive referrals.`, [{ name: field, reason: 'no such entry' }]);
    const organisation = target.kind === 'actor' ? target.id : target.providerId;
    if (!organisation) throw new ValidationError(`"${target.name.sv}" names no organisation to receive the referral.`, [{ name: field, reason: 'has no provider' }]);
    return organisation;
  };

  const checkTaxonomy = (input: ReferralInput) => {
    const issues = [
      ...(deps.taxonomy.municipalities.some((m) => m.code === input.company.municipality) ? [] : [{ name: 'company.municipality', reason: 'not a municipality of the region' }]),
      ...(deps.taxonomy.areas.some((a) => a.code === input.company.area) ? [] : [{ name: 'company.area', reason: 'not a strategic area of the region' }]),
    ];
    if (issues.length > 0) throw new ValidationError('The referral uses codes that are not in the taxonomy.', issues);
  };

  const build = (principal: Principal, input: ReferralInput, id: ReferralId, receivingOrganisationId: EntryId, extra: { redirectedFromId?: ReferralId; by?: Principal; note?: string } = {}): Referral => {
    const now = deps.clock.now().toISOString();
    const by = extra.by ?? principal;
    const redirectedFromId = extra.redirectedFromId ?? input.redirectedFromId;
    return Referral.parse({
      id,
      targetId: input.targetId,
      receivingOrganisationId,
      company: input.company,
      need: input.need,
      contact: input.contact,
      consent: input.consent,
      status: 'sent',
      history: [{ status: 'sent', at: now, by: { subject: by.subject, name: by.name }, ...(extra.note ? { note: extra.note } : {}) }],
      referrerSubject: principal.subject,
      referrerName: principal.name,
      ...(hasRole(principal, 'actor-staff') && principal.organisationId ? { referrerOrganisationId: principal.organisationId } : {}),
      ...(input.leadership ? { leadership: input.leadership } : {}),
      ...(redirectedFromId ? { redirectedFromId } : {}),
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  };

  /** Reads a referral the principal may see; NotFoundError for everyone else. */
  const load = async (principal: Principal, id: ReferralId): Promise<Referral> => {
    const referral = await deps.referrals.get(id);
    if (!referral || !(isReferrer(principal, referral) || isReceiver(principal, referral))) throw new NotFoundError(`No referral ${id} is yours to see.`);
    return referral;
  };

  /** A referral may follow up only a declined referral the principal sent that has no follow-up yet. */
  const checkReferAgain = async (principal: Principal, earlierId: ReferralId): Promise<void> => {
    const earlier = await deps.referrals.get(earlierId);
    const issue = (reason: string) => new ValidationError('Refer again only from a declined referral of your own that was not passed on.', [{ name: 'redirectedFromId', reason }]);
    if (!earlier || !isReferrer(principal, earlier)) throw issue('no such referral of yours');
    if (earlier.status !== 'declined') throw issue(`is "${earlier.status}", not declined`);
    if (earlier.redirectedToId !== undefined) throw issue('was already passed on');
  };

  /** Links the earlier, declined referral to the one that follows it up; a lost race is retried on the fresh version. */
  const linkFromEarlier = async (earlierId: ReferralId, laterId: ReferralId): Promise<void> => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const earlier = await deps.referrals.get(earlierId);
      if (!earlier || earlier.redirectedToId !== undefined) return;
      const now = deps.clock.now().toISOString();
      try {
        await deps.referrals.save(Referral.parse({ ...earlier, redirectedToId: laterId, version: earlier.version + 1, updatedAt: now }));
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  };

  const checkVersion = (referral: Referral, expectedVersion: number) => {
    if (referral.version !== expectedVersion) {
      throw new PreconditionFailedError(`Referral ${referral.id} was changed since version ${expectedVersion}; it is now version ${referral.version}. Reload it; nothing was saved.`, [
        { name: 'If-Match', reason: `stale version ${expectedVersion}; current is ${referral.version}` },
      ]);
    }
  };

  return {
    answerWorkingDays: answerDays,
    view,

    /**
     * Creates a referral. With an idempotency key the key is claimed first (conditional put), so
     * repeats and concurrent duplicates yield the one referral; `created` is false for them.
     */
    async create(principal: Principal, input: ReferralInput, idempotencyKey?: string, options: RequestOptions = {}): Promise<{ referral: ReferralView; created: boolean }> {
      checkTaxonomy(input);
      const receivingOrganisationId = await receiverOf(input.targetId);
      let id = newReferralId();
      const store = async () => {
        if (input.redirectedFromId !== undefined) await checkReferAgain(principal, input.redirectedFromId);
        return createdAndNoticed(deps.referrals.create(build(principal, input, id, receivingOrganisationId)), options);
      };
      if (idempotencyKey !== undefined) {
        const requestHash = createHash('sha256').update(canonical(input)).digest('hex');
        const claim = await deps.referrals.claimIdempotencyKey(principal.subject, idempotencyKey, { referralId: id, requestHash, createdAt: deps.clock.now().toISOString() });
        if (!claim.claimed) {
          if (claim.existing.requestHash !== requestHash) {
            throw new UnprocessableContentError('This Idempotency-Key was already used for a different referral. Use a new key for a new referral.', [
              { name: 'Idempotency-Key', reason: 'reused with a different request' },
            ]);
          }
          id = claim.existing.referralId;
          const existing = await deps.referrals.get(id);
          if (existing) return { referral: view(existing), created: false };
          // The first request claimed the key but has not stored the referral (yet, or it failed): store it here;
          // the conditional create lets exactly one of them succeed.
          try {
            return await store();
          } catch (error) {
            if (!(error instanceof ConflictError)) throw error;
            const stored = await deps.referrals.get(id);
            if (!stored) throw error;
            return { referral: view(stored), created: false };
          }
        }
      }
      try {
        return await store();
      } catch (error) {
        if (idempotencyKey === undefined || !(error instanceof ConflictError)) throw error;
        const stored = await deps.referrals.get(id);
        if (!stored) throw error;
        return { referral: view(stored), created: false };
      }
    },

    async get(principal: Principal, id: ReferralId): Promise<ReferralView> {
      return view(await load(principal, id));
    },

    /** The principal's referrals, newest first: `sent` by them, the `inbox` of their organisation, or both. */
    async list(principal: Principal, box?: 'sent' | 'inbox'): Promise<ReferralSummary[]> {
      const organisation = hasRole(principal, 'actor-staff') ? principal.organisationId : undefined;
      const referrals = await deps.referrals.list({
        ...(box !== 'inbox' ? { referrerSubject: principal.subject } : {}),
        ...(box !== 'sent' && organisation !== undefined ? { receivingOrganisationId: organisation } : {}),
      });
      return referrals.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(summary);
    },

    /**
     * Takes a lifecycle action. `decline` needs a reason category, and words for the reason when the
     * category is `other`; it may name a better entry: by default only a suggestion to the referrer (the
     * company's data stays here), or, with `forward` and a confirmation that covered forwarding, a linked
     * new referral there.
     */
    async act(
      principal: Principal,
      id: ReferralId,
      action: ReferralAction,
      expectedVersion: number,
      details: { note?: string; reason?: string; reasonCategory?: DeclineReason; redirectTo?: EntryId; forward?: boolean } = {},
      options: RequestOptions = {},
    ): Promise<{ referral: ReferralView; redirected?: ReferralView }> {
      const referral = await load(principal, id);
      const rule = TRANSITIONS[action];
      if (!mayAct(principal, referral, rule.by)) {
        throw new ForbiddenError(rule.by === 'receiver' ? `Only the receiving organisation may ${action} a referral.` : `Only the referrer may ${action} a referral.`);
      }
      checkVersion(referral, expectedVersion);
      const status = nextStatus(referral.status, action);
      const note = action === 'decline' ? details.reason?.trim() : details.note?.trim();
      if (action === 'decline') {
        const issues = [
          ...(details.reasonCategory === undefined ? [{ name: 'reasonCategory', reason: `required: one of ${DECLINE_REASONS.join(', ')}` }] : []),
          ...(details.reasonCategory === 'other' && !note ? [{ name: 'reason', reason: 'required when the reason category is "other"' }] : []),
        ];
        if (issues.length > 0) throw new ValidationError('Say why you decline the referral.', issues);
      }
      let redirectTarget: { id: EntryId; organisation: EntryId } | undefined;
      if (action === 'decline' && details.redirectTo !== undefined) {
        const organisation = await receiverOf(details.redirectTo, 'redirectTo');
        if (organisation === referral.receivingOrganisationId) throw new ValidationError('Redirect to another organisation.', [{ name: 'redirectTo', reason: 'is your own organisation' }]);
        redirectTarget = { id: details.redirectTo, organisation };
      }
      if (details.forward && !referral.consent.forwardingAllowed) {
        throw new ValidationError("The company's confirmation does not cover passing the referral on; suggest the actor to the referrer instead.", [
          { name: 'forward', reason: 'the company did not agree to forwarding' },
        ]);
      }
      const forwarding = redirectTarget !== undefined && details.forward === true;
      const now = deps.clock.now().toISOString();
      const redirectedToId = forwarding ? newReferralId() : undefined;
      const updated = Referral.parse({
        ...referral,
        status,
        history: [...referral.history, { status, at: now, by: { subject: principal.subject, name: principal.name }, ...(note ? { note } : {}) }],
        ...(redirectedToId ? { redirectedToId } : {}),
        ...(action === 'decline' ? { declineReason: details.reasonCategory } : {}),
        ...(redirectTarget && !forwarding ? { suggestedTargetId: redirectTarget.id } : {}),
        ...(referral.answeredAt === undefined && (action === 'accept' || action === 'decline') ? { answeredAt: now } : {}),
        ...(isClosed(status) ? { closedAt: now } : {}),
        version: referral.version + 1,
        updatedAt: now,
      });
      // No transactions on dynalite: the original is written first (the contended, version-checked write),
      // then the linked referral under a fresh id.
      try {
        await deps.referrals.save(updated);
      } catch (error) {
        if (error instanceof ConflictError) {
          const current = await deps.referrals.get(id);
          if (current) checkVersion(current, expectedVersion);
        }
        throw error;
      }
      if (!redirectTarget || !redirectedToId) return { referral: view(updated) };
      const referrer = { subject: referral.referrerSubject, name: referral.referrerName, roles: [] } as Principal;
      const linked = build(
        referrer,
        { targetId: redirectTarget.id, company: referral.company, need: referral.need, contact: referral.contact, consent: referral.consent },
        redirectedToId,
        redirectTarget.organisation,
        { redirectedFromId: referral.id, by: principal, ...(note ? { note } : {}) },
      );
      return { referral: view(updated), redirected: (await createdAndNoticed(deps.referrals.create(linked), options)).referral };
    },

    /** Follow-up statistics over every referral ever sent, from the anonymised records that outlive expiry and erasure. */
    async stats(): Promise<ReferralStats> {
      const count = (bucket: Record<string, number>, key: string) => {
        bucket[key] = (bucket[key] ?? 0) + 1;
      };
      const stats: ReferralStats = {
        total: 0, byStatus: {}, byArea: {}, byStage: {}, byMunicipality: {}, byReceivingOrganisation: {}, byMonth: {}, overdue: 0, answered: 0, medianHoursToFirstAnswer: null,
      };
      const hours: number[] = [];
      const now = deps.clock.now();
      for await (const page of deps.referrals.scanStatistics()) {
        for (const r of page) {
          stats.total += 1;
          count(stats.byStatus, r.status);
          count(stats.byArea, r.area);
          count(stats.byStage, r.stage);
          count(stats.byMunicipality, r.municipality);
          count(stats.byReceivingOrganisation, r.receivingOrganisationId);
          count(stats.byMonth, r.createdAt.slice(0, 7));
          if (isOverdue(r, now, answerDays)) stats.overdue += 1;
          if (r.answeredAt) hours.push((Date.parse(r.answeredAt) - Date.parse(r.createdAt)) / 3_600_000);
        }
      }
      hours.sort((a, b) => a - b);
      stats.answered = hours.length;
      if (hours.length > 0) {
        const mid = Math.floor(hours.length / 2);
        const median = hours.length % 2 === 1 ? hours[mid]! : (hours[mid - 1]! + hours[mid]!) / 2;
        stats.medianHoursToFirstAnswer = Math.round(median * 10) / 10;
      }
      return stats;
    },
  };
};
