/**
 * The referral: an advisor's (or an actor's) hand-over of a company to the organisation behind a
 * catalogue entry, with the company's recorded request and information about data handling.
 * Schemas, the Swedish organisation number (Luhn-checked, masked in lists, never in
 * erasure records), the id format, the anonymised statistics record kept per referral, and the erasure record.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { EntryId, MunicipalityCode, Stage } from './entry.ts';
import { Code, IsoDateTime } from './text.ts';

export const REFERRAL_STATUSES = ['sent', 'accepted', 'in-progress', 'completed', 'declined', 'cancelled'] as const;
export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
export const ReferralId = z.string().regex(/^ref_[a-z2-7]{20}$/, 'a referral id such as ref_abcdefghij2345670abc').brand<'ReferralId'>();
export type ReferralId = z.infer<typeof ReferralId>;

/** A new random referral id: `ref_` and 20 base32 characters (100 bits). */
export const newReferralId = (): ReferralId => {
  const bytes = randomBytes(20);
  return `ref_${[...bytes].map((b) => BASE32[b & 31]).join('')}` as ReferralId;
};

/** The Luhn check (mod 10) Swedish organisation and personal identity numbers carry in their last digit. */
export const luhnValid = (digits: string): boolean => {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
};

/** A stored organisation number: ten digits. */
export const OrganisationNumber = z.string().regex(/^\d{10}$/, 'ten digits');

/** Centuries a 12-digit number may start with: 16 (the prefix of legal persons), 18, 19, 20 (a sole trader's birth century). */
const CENTURIES = new Set(['16', '18', '19', '20']);

export type OrganisationNumberReading = { ok: true; digits: string } | { ok: false; problem: 'format' | 'check' };

/**
 * An organisation number as people type it: with or without hyphen, plus or spaces, in 10 digits or 12
 * (with the century, as a sole trader's personal identity number often is: 19850101-1234). Read as its
 * ten digits, the Luhn check digit verified.
 */
export const readOrganisationNumber = (typed: string): OrganisationNumberReading => {
  const compact = typed.trim().replace(/[\s\u00a0-]|\+/g, '');
  if (!/^(\d{10}|\d{12})$/.test(compact)) return { ok: false, problem: 'format' };
  if (compact.length === 12 && !CENTURIES.has(compact.slice(0, 2))) return { ok: false, problem: 'format' };
  const digits = compact.slice(-10);
  return luhnValid(digits) ? { ok: true, digits } : { ok: false, problem: 'check' };
};

/** An organisation number as typed (see `readOrganisationNumber`); stored as its ten digits. */
export const OrganisationNumberInput = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const reading = readOrganisationNumber(value);
    if (reading.ok) return reading.digits;
    ctx.addIssue({
      code: 'custom',
      message: reading.problem === 'format' ? '10 or 12 digits, such as 556123-4567 or 19850101-1234' : 'the check digit does not match; check the number',
    });
    return z.NEVER;
  });

/** `556123-****`: enough to tell companies apart in a list, not enough to identify a sole trader. */
export const maskOrganisationNumber = (digits: string): string => `${digits.slice(0, 6)}-****`;

const Company = z.strictObject({
  name: z.string().trim().min(1).max(200),
  organisationNumber: OrganisationNumber,
  municipality: MunicipalityCode,
  stage: Stage,
  area: Code,
});

const Contact = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(254).optional(),
    phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'a phone number').optional(),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined, { message: 'give an e-mail address or a phone number', path: ['email'] });

/** What the company agreed to: it asked to be referred and was told how its data is handled (the legal basis is the public task). */
export const Consent = z.strictObject({
  askedToBeReferred: z.literal(true),
  informedAboutDataHandling: z.literal(true),
  /** The company also agreed that the receiver may pass the referral on to another actor if it cannot help; absent, it may only suggest one. */
  forwardingAllowed: z.literal(true).optional(),
});

export const Need = z.string().trim().min(1).max(2000);

/** The company's leadership, for the gender-equality perspective: optional, counted only in aggregates, erased with the referral. */
export const LEADERSHIPS = ['women', 'men', 'mixed', 'not-stated'] as const;
export const Leadership = z.enum(LEADERSHIPS);
export type Leadership = z.infer<typeof Leadership>;

/**
 * Why a receiving organisation declines, as a category follow-up can count: the support is outside
 * what it offers, it has no capacity now, the company is not ready for it yet, another actor serves
 * the company better, the company withdrew or could not be reached, or another reason (said in words).
 */
export const DECLINE_REASONS = ['outside-offer', 'no-capacity', 'not-ready', 'better-elsewhere', 'company-withdrew', 'other'] as const;
export const DeclineReason = z.enum(DECLINE_REASONS);
export type DeclineReason = z.infer<typeof DeclineReason>;

const Someone = z.strictObject({ subject: z.string().min(1), name: z.string().min(1) });

export const HistoryEvent = z.strictObject({
  status: ReferralStatus,
  at: IsoDateTime,
  by: Someone,
  note: z.string().max(2000).optional(),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

export const Referral = z.strictObject({
  id: ReferralId,
  targetId: EntryId,
  receivingOrganisationId: EntryId,
  company: Company,
  need: Need,
  contact: Contact,
  consent: Consent,
  status: ReferralStatus,
  history: z.array(HistoryEvent).min(1),
  referrerSubject: z.string().min(1),
  referrerName: z.string().min(1),
  /** The referrer's organisation when they refer as actor staff (advisors have none): where the flow starts. */
  referrerOrganisationId: EntryId.optional(),
  leadership: Leadership.optional(),
  /** Set when the referral is declined (declines before categories were kept have none). */
  declineReason: DeclineReason.optional(),
  redirectedFromId: ReferralId.optional(),
  /** Set on a declined referral that was redirected: the linked new referral. */
  redirectedToId: ReferralId.optional(),
  /**
   * Set on a declined referral whose receiver named a better actor without forwarding it (the company's
   * confirmation did not cover forwarding): the referrer confirms with the company and refers again.
   */
  suggestedTargetId: EntryId.optional(),
  version: z.int().min(1),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** When the receiving organisation first accepted or declined. */
  answeredAt: IsoDateTime.optional(),
  /** When it was completed, declined or cancelled; it is kept for the retention period after this. */
  closedAt: IsoDateTime.optional(),
});
export type Referral = z.infer<typeof Referral>;

/** What a referrer sends. */
export const ReferralInput = z.strictObject({
  targetId: EntryId,
  company: Company.extend({ organisationNumber: OrganisationNumberInput }),
  need: Need,
  contact: Contact,
  consent: Consent,
  leadership: Leadership.optional(),
  /** A declined referral of the referrer's own that this one follows up (referring again to the suggested actor). */
  redirectedFromId: ReferralId.optional(),
});
export type ReferralInput = z.infer<typeof ReferralInput>;

/** A referral as the API answers it: `overdue` when still unanswered after the answer period. */
export const ReferralView = Referral.extend({ overdue: z.boolean() });
export type ReferralView = z.infer<typeof ReferralView>;

/** A referral in a list: the organisation number masked, the contact and need left out. */
export const ReferralSummary = z.strictObject({
  id: ReferralId,
  targetId: EntryId,
  receivingOrganisationId: EntryId,
  company: Company.extend({ organisationNumber: z.string().regex(/^\d{6}-\*{4}$/) }),
  status: ReferralStatus,
  referrerName: z.string(),
  redirectedFromId: ReferralId.optional(),
  redirectedToId: ReferralId.optional(),
  suggestedTargetId: EntryId.optional(),
  version: z.int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  overdue: z.boolean(),
});
export type ReferralSummary = z.infer<typeof ReferralSummary>;

/**
 * What follow-up keeps of a referral for good: no names, numbers, need, contact, notes or referrer.
 * Rewritten on every change of the referral, and kept when the referral expires or is erased.
 */
export const ReferralStatistic = z.strictObject({
  referralId: ReferralId,
  version: z.int().min(1),
  status: ReferralStatus,
  area: Code,
  stage: Stage,
  municipality: MunicipalityCode,
  receivingOrganisationId: EntryId,
  createdAt: IsoDateTime,
  answeredAt: IsoDateTime.optional(),
  closedAt: IsoDateTime.optional(),
  redirectedFrom: z.boolean(),
  redirectedTo: z.boolean(),
  referrerOrganisationId: EntryId.optional(),
  /** Removed from the record when the referral is erased. */
  leadership: Leadership.optional(),
  declineReason: DeclineReason.optional(),
});
export type ReferralStatistic = z.infer<typeof ReferralStatistic>;

export const statisticOf = (referral: Referral): ReferralStatistic => ({
  referralId: referral.id,
  version: referral.version,
  status: referral.status,
  area: referral.company.area,
  stage: referral.company.stage,
  municipality: referral.company.municipality,
  receivingOrganisationId: referral.receivingOrganisationId,
  createdAt: referral.createdAt,
  ...(referral.answeredAt ? { answeredAt: referral.answeredAt } : {}),
  ...(referral.closedAt ? { closedAt: referral.closedAt } : {}),
  redirectedFrom: referral.redirectedFromId !== undefined,
  redirectedTo: referral.redirectedToId !== undefined,
  ...(referral.referrerOrganisationId ? { referrerOrganisationId: referral.referrerOrganisationId } : {}),
  ...(referral.leadership ? { leadership: referral.leadership } : {}),
  ...(referral.declineReason ? { declineReason: referral.declineReason } : {}),
});

/**
 * The record an erasure leaves: who ran it, when, how many referrals went, and the reference of the
 * request (the case in the region's registry). Nothing derived from the number: ten digits with a
 * check digit are too few for a hash to hide them.
 */
export const ErasureRecord = z.strictObject({
  id: z.uuid(),
  by: z.string().trim().min(1).max(200),
  at: IsoDateTime,
  referrals: z.int().min(0),
  reference: z.string().trim().min(1).max(100),
});
export type ErasureRecord = z.infer<typeof ErasureRecord>;

const Counts = z.record(z.string(), z.int());
/** Follow-up statistics: counts and answer times, no personal data. */
export const ReferralStats = z.strictObject({
  total: z.int(),
  byStatus: Counts,
  byArea: Counts,
  byStage: Counts,
  byMunicipality: Counts,
  byReceivingOrganisation: Counts,
  byMonth: Counts,
  overdue: z.int(),
  answered: z.int(),
  medianHoursToFirstAnswer: z.number().nullable(),
});
export type ReferralStats = z.infer<typeof ReferralStats>;
