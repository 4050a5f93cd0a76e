/**
 * The refer form's mapping, pure: its fields in form order, posted values as a ReferralInput (or the
 * issues that stop it, each naming its field with a code the page words in the visitor's language),
 * the fields a post may not carry, and the service's issue names as form fields. Only the fields
 * listed here are read.
 */
import { z } from 'zod';
import type { EntryId } from '#shared/domain/entry.ts';
import { LEADERSHIPS, readOrganisationNumber, ReferralId, ReferralInput, type Referral } from '#shared/domain/referral.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { formValues, valueOf, type FormValues } from '../form-values.ts';

export { valueOf, type FormValues };

export const REFERRAL_FIELDS = [
  'companyName',
  'organisationNumber',
  'municipality',
  'stage',
  'area',
  'leadership',
  'need',
  'contactName',
  'email',
  'phone',
  'askedToBeReferred',
  'informedAboutDataHandling',
  'forwardingAllowed',
] as const;
export type ReferralField = (typeof REFERRAL_FIELDS)[number];

/** Fields of the form that are not referral data. */
export const REFERRAL_CONTROL_FIELDS = ['_csrf', 'lang', 'targetId', 'idempotencyKey', 'redirectedFromId'] as const;

export type ReferralIssueCode =
  | 'required'
  | 'too-long'
  | 'org-format'
  | 'org-check'
  | 'unknown-choice'
  | 'email'
  | 'phone'
  | 'contact-channel'
  | 'confirm'
  | 'invalid';

export type ReferralIssue = { field: ReferralField; code: ReferralIssueCode; limit?: number };


export const NEED_MAX = 2000;
const NAME_MAX = 200;
const EMAIL_MAX = 254;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const ORGANISATION_NUMBER_MAX = 40;
/** A per-render key: printable, no spaces, at most 200 characters, as the API's Idempotency-Key. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;


/** Fields posted that the form does not have. */
export const unknownFields = (values: FormValues): string[] => {
  const known = new Set<string>([...REFERRAL_FIELDS, ...REFERRAL_CONTROL_FIELDS]);
  return Object.keys(values).filter((name) => !known.has(name));
};

/** The idempotency key the form carried, when it is one. */
export const idempotencyKeyOf = (values: FormValues): string | undefined => {
  const key = valueOf(values, 'idempotencyKey').trim();
  return IDEMPOTENCY_KEY.test(key) ? key : undefined;
};

/** Issues in form order, one per field. */
export const inFormOrder = (issues: readonly ReferralIssue[]): ReferralIssue[] => {
  const seen = new Set<string>();
  return [...issues]
    .sort((a, b) => REFERRAL_FIELDS.indexOf(a.field) - REFERRAL_FIELDS.indexOf(b.field))
    .filter((issue) => (seen.has(issue.field) ? false : (seen.add(issue.field), true)));
};

/** Posted values as the referral to `targetId`, or every issue that stops it. */
export const formToInput = (
  values: FormValues,
  targetId: EntryId,
  taxonomy: Taxonomy,
): { ok: true; input: ReferralInput } | { ok: false; issues: ReferralIssue[] } => {
  const issues: ReferralIssue[] = [];
  const text = (field: ReferralField, max: number, required: boolean): string | undefined => {
    const value = valueOf(values, field).trim();
    if (value === '') {
      if (required) issues.push({ field, code: 'required' });
      return undefined;
    }
    if (value.length > max) issues.push({ field, code: 'too-long', limit: max });
    return value;
  };
  const choice = (field: ReferralField, codes: readonly string[]): string | undefined => {
    const value = valueOf(values, field);
    if (value === '') issues.push({ field, code: 'required' });
    else if (!codes.includes(value)) issues.push({ field, code: 'unknown-choice' });
    return value;
  };

  const name = text('companyName', NAME_MAX, true);
  const organisationNumber = text('organisationNumber', ORGANISATION_NUMBER_MAX, true);
  if (organisationNumber !== undefined && organisationNumber.length <= ORGANISATION_NUMBER_MAX) {
    const reading = readOrganisationNumber(organisationNumber);
    if (!reading.ok) issues.push({ field: 'organisationNumber', code: reading.problem === 'format' ? 'org-format' : 'org-check' });
  }
  const municipality = choice('municipality', taxonomy.municipalities.map((m) => m.code));
  const stage = choice('stage', taxonomy.stages.map((s) => s.code));
  const area = choice('area', taxonomy.areas.map((a) => a.code));
  const leadership = valueOf(values, 'leadership');
  if (leadership !== '' && !(LEADERSHIPS as readonly string[]).includes(leadership)) issues.push({ field: 'leadership', code: 'unknown-choice' });
  const need = text('need', NEED_MAX, true);
  const contactName = text('contactName', NAME_MAX, true);
  const email = text('email', EMAIL_MAX, false);
  if (email !== undefined && email.length <= EMAIL_MAX && !z.email().safeParse(email).success) issues.push({ field: 'email', code: 'email' });
  const phone = text('phone', 20, false);
  if (phone !== undefined && phone.length <= 20 && !PHONE.test(phone)) issues.push({ field: 'phone', code: 'phone' });
  if (email === undefined && phone === undefined) issues.push({ field: 'email', code: 'contact-channel' });
  for (const field of ['askedToBeReferred', 'informedAboutDataHandling'] as const) {
    if (valueOf(values, field) !== 'yes') issues.push({ field, code: 'confirm' });
  }
  if (issues.length > 0) return { ok: false, issues: inFormOrder(issues) };

  const redirectedFromId = ReferralId.safeParse(valueOf(values, 'redirectedFromId'));
  const parsed = ReferralInput.safeParse({
    targetId,
    company: { name, organisationNumber, municipality, stage, area },
    need,
    contact: { name: contactName, ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
    consent: { askedToBeReferred: true, informedAboutDataHandling: true, ...(valueOf(values, 'forwardingAllowed') === 'yes' ? { forwardingAllowed: true } : {}) },
    ...(leadership ? { leadership } : {}),
    ...(redirectedFromId.success ? { redirectedFromId: redirectedFromId.data } : {}),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, issues: inFormOrder(parsed.error.issues.map((issue) => ({ field: fieldOfPath(issue.path.map(String)), code: 'invalid' as const }))) };
};

const PATHS: Record<string, ReferralField> = {
  'company.name': 'companyName',
  'company.organisationNumber': 'organisationNumber',
  'company.municipality': 'municipality',
  'company.stage': 'stage',
  'company.area': 'area',
  leadership: 'leadership',
  need: 'need',
  'contact.name': 'contactName',
  'contact.email': 'email',
  'contact.phone': 'phone',
  'consent.askedToBeReferred': 'askedToBeReferred',
  'consent.informedAboutDataHandling': 'informedAboutDataHandling',
  'consent.forwardingAllowed': 'forwardingAllowed',
};

/** The form field of a referral input path (`company.municipality` → `municipality`); the first field when unknown. */
export const fieldOfPath = (path: readonly string[]): ReferralField => PATHS[path.join('.')] ?? PATHS[path.slice(0, 2).join('.')] ?? 'companyName';

/** The service's issues (`company.municipality`, …) as form issues. */
export const issuesFromService = (issues: readonly { name: string }[]): ReferralIssue[] =>
  inFormOrder(issues.map((issue) => ({ field: fieldOfPath(issue.name.split('.')), code: 'unknown-choice' as const })));

/**
 * The form filled in from an earlier referral the referrer holds, to refer the company again elsewhere:
 * company, need and contact; never the confirmations, which the referrer asks the company for anew.
 */
export const valuesFromReferral = (referral: Pick<Referral, 'id' | 'company' | 'need' | 'contact'>): FormValues => {
  const { company, contact } = referral;
  return formValues({
    redirectedFromId: [referral.id],
    companyName: [company.name],
    organisationNumber: [`${company.organisationNumber.slice(0, 6)}-${company.organisationNumber.slice(6)}`],
    municipality: [company.municipality],
    stage: [company.stage],
    area: [company.area],
    need: [referral.need],
    contactName: [contact.name],
    ...(contact.email ? { email: [contact.email] } : {}),
    ...(contact.phone ? { phone: [contact.phone] } : {}),
  });
};
