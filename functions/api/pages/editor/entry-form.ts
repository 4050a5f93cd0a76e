/**
 * The entry form's mapping, pure: which form fields each kind has, an entry as form values, form
 * values as an EntryInput (or the issues that stop it, each naming its field with a code the page
 * words in the visitor's language), and the fields a post may not carry. Only the fields listed
 * here are read, so bookkeeping (status, version, demo, …) can never be set through the form.
 */
import type { z } from 'zod';
import { Entry, type ContactChannel, type EntryKind } from '#shared/domain/entry.ts';
import { EntryInput } from '#shared/domain/entry-input.ts';
import { taxonomyIssues, type Taxonomy } from '#shared/domain/taxonomy.ts';
import { readTypedNumber, type Language, type LocalizedText } from '#shared/domain/text.ts';

import { formValues, valueOf, type FormValues } from '../form-values.ts';

export type { FormValues };

const pair = (base: string) => [`${base}.sv`, `${base}.en`];

/** Fields every kind has, in form order (a kind's own fields come before `providerId`). */
export const COMMON_FIELDS = [
  ...pair('name'),
  ...pair('summary'),
  ...pair('description'),
  'areas',
  'stages',
  'supportTypes',
  'focus.level',
  'focus.profileAreas',
  'greenTransition',
  'coverage',
  'municipalities',
  'providerId',
  'sectors',
  'website',
  'languages',
  'validFrom',
  'validUntil',
  'sources',
] as const;

/** An establishment offer's facts beyond type, place and areas, in form order. */
export const OFFER_FACT_FIELDS = [
  'establishmentOffer.zoning.planStatus',
  ...pair('establishmentOffer.zoning.permittedUse'),
  'establishmentOffer.powerCapacityMW',
  'establishmentOffer.waterAndSewer',
  'establishmentOffer.fibre',
  'establishmentOffer.railSiding',
  'establishmentOffer.distancesKm.motorway',
  'establishmentOffer.distancesKm.railHub',
  'establishmentOffer.distancesKm.airport',
  'establishmentOffer.price.kind',
  'establishmentOffer.price.sekPerM2',
  'establishmentOffer.availability.status',
  'establishmentOffer.availability.availableFrom',
  'establishmentOffer.availability.reservedUntil',
  'establishmentOffer.images.url',
  ...pair('establishmentOffer.images.alt'),
  'establishmentOffer.documents.url',
  ...pair('establishmentOffer.documents.title'),
] as const;

/** Each kind's own fields. */
export const KIND_FIELDS: Record<EntryKind, readonly string[]> = {
  actor: ['referralIntakeEmail'],
  offering: [
    'offering.cost',
    ...pair('offering.costNote'),
    'offering.applicationPeriod.opens',
    'offering.applicationPeriod.closes',
    ...pair('offering.applicationPeriod.note'),
  ],
  testbed: [...pair('testbed.capabilities'), 'testbed.trl.min', 'testbed.trl.max', ...pair('testbed.accessTerms')],
  investor: ['investor.instruments', 'investor.ticketSizeSek.min', 'investor.ticketSizeSek.max', 'investor.investmentStages'],
  'establishment-offer': [
    'establishmentOffer.offerType',
    'establishmentOffer.location.municipality',
    'establishmentOffer.location.placeName',
    'establishmentOffer.location.position.lat',
    'establishmentOffer.location.position.lon',
    'establishmentOffer.landAreaM2',
    'establishmentOffer.floorAreaM2',
    ...OFFER_FACT_FIELDS,
    ...pair('establishmentOffer.keyFacts'),
  ],
};

/** Fields that carry several values (checkbox groups). */
export const MULTI_FIELDS: ReadonlySet<string> = new Set([
  'areas',
  'stages',
  'supportTypes',
  'focus.profileAreas',
  'municipalities',
  'investor.instruments',
  'investor.investmentStages',
]);

/** Fields of the form that are not entry data: the CSRF token, the version edited, the page language, the kind. */
export const CONTROL_FIELDS = ['_csrf', 'version', 'lang', 'kind'] as const;

/**
 * Common fields a kind's form does not ask: an actor (an organisation) has no provider; an establishment
 * offer is a place, not a service for companies at a stage, and its municipality is asked once, in its location.
 */
const KIND_LACKS: Partial<Record<EntryKind, ReadonlySet<string>>> = {
  actor: new Set(['providerId']),
  'establishment-offer': new Set(['stages', 'coverage', 'municipalities']),
};

/** The stages a new establishment offer is listed under (as the offer import does): companies past the idea. */
export const OFFER_STAGES: readonly Entry['stages'][number][] = ['startup', 'growth', 'established'];

/** The entry fields of a kind's form, in form order: text, classification, where, the kind's own, the rest. */
export const entryFields = (kind: EntryKind): string[] => {
  const common = COMMON_FIELDS.filter((field) => !KIND_LACKS[kind]?.has(field));
  const split = common.indexOf('providerId') === -1 ? common.indexOf('sectors') : common.indexOf('providerId');
  return [...common.slice(0, split), ...KIND_FIELDS[kind], ...common.slice(split)];
};

/** Issues in the order their fields appear in the form; issues of the entry as a whole last. */
export const inFormOrder = (issues: readonly FormIssue[], kind: EntryKind): FormIssue[] => {
  const order = entryFields(kind);
  const rank = (issue: FormIssue) => (issue.field === undefined ? order.length : order.indexOf(issue.field));
  return [...issues].sort((a, b) => rank(a) - rank(b));
};

/** Fields posted that the kind's form does not have, each named once. */
export const unknownFields = (values: FormValues, kind: EntryKind): string[] => {
  const known = new Set<string>([...entryFields(kind), ...CONTROL_FIELDS]);
  return Object.keys(values).filter((name) => !known.has(name));
};


// ---------------------------------------------------------------------------------------------
// An entry as form values
// ---------------------------------------------------------------------------------------------

const lines = (items: readonly LocalizedText[], lang: 'sv' | 'en') => items.map((item) => item[lang] ?? '').join('\n');

/** The form values that show an entry (or nothing of a new one). */
export const entryToForm = (entry: Entry): FormValues => {
  const v = formValues();
  const one = (name: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') v[name] = [String(value)];
  };
  const text = (name: string, value: LocalizedText | undefined) => {
    one(`${name}.sv`, value?.sv);
    one(`${name}.en`, value?.en);
  };
  text('name', entry.name);
  text('summary', entry.summary);
  text('description', entry.description);
  v.areas = [...entry.areas];
  v.stages = [...entry.stages];
  v.supportTypes = [...entry.supportTypes];
  one('focus.level', entry.focus.level);
  v['focus.profileAreas'] = [...entry.focus.profileAreas];
  if (entry.greenTransition) one('greenTransition', 'yes');
  one('coverage', entry.municipalities === 'county' ? 'county' : 'municipalities');
  v.municipalities = entry.municipalities === 'county' ? [] : [...entry.municipalities];
  one('sectors', entry.sectors.join(', '));
  one('providerId', entry.providerId);
  one('website', entry.website);
  one('languages', entry.languages.join(', '));
  one('validFrom', entry.validFrom);
  one('validUntil', entry.validUntil);
  one('sources', entry.sources.join('\n'));
  switch (entry.kind) {
    case 'actor':
      one('referralIntakeEmail', entry.referralIntakeEmail);
      break;
    case 'offering': {
      const o = entry.offering;
      one('offering.cost', o.cost);
      text('offering.costNote', o.costNote);
      one('offering.applicationPeriod.opens', o.applicationPeriod?.opens);
      one('offering.applicationPeriod.closes', o.applicationPeriod?.closes);
      text('offering.applicationPeriod.note', o.applicationPeriod?.note);
      break;
    }
    case 'testbed': {
      const tb = entry.testbed;
      one('testbed.capabilities.sv', lines(tb.capabilities, 'sv'));
      if (tb.capabilities.some((c) => c.en)) one('testbed.capabilities.en', lines(tb.capabilities, 'en'));
      one('testbed.trl.min', tb.trl?.min);
      one('testbed.trl.max', tb.trl?.max);
      text('testbed.accessTerms', tb.accessTerms);
      break;
    }
    case 'investor': {
      const i = entry.investor;
      v['investor.instruments'] = [...i.instruments];
      one('investor.ticketSizeSek.min', i.ticketSizeSek?.min);
      one('investor.ticketSizeSek.max', i.ticketSizeSek?.max);
      v['investor.investmentStages'] = [...i.investmentStages];
      break;
    }
    case 'establishment-offer': {
      const e = entry.establishmentOffer;
      one('establishmentOffer.offerType', e.offerType);
      one('establishmentOffer.location.municipality', e.location.municipality);
      one('establishmentOffer.location.placeName', e.location.placeName);
      one('establishmentOffer.location.position.lat', e.location.position?.lat);
      one('establishmentOffer.location.position.lon', e.location.position?.lon);
      one('establishmentOffer.landAreaM2', e.landAreaM2);
      one('establishmentOffer.floorAreaM2', e.floorAreaM2);
      one('establishmentOffer.zoning.planStatus', e.zoning?.planStatus);
      text('establishmentOffer.zoning.permittedUse', e.zoning?.permittedUse);
      one('establishmentOffer.powerCapacityMW', e.powerCapacityMW);
      one('establishmentOffer.waterAndSewer', e.waterAndSewer);
      one('establishmentOffer.fibre', e.fibre);
      one('establishmentOffer.railSiding', e.railSiding === undefined ? undefined : e.railSiding ? 'yes' : 'no');
      one('establishmentOffer.distancesKm.motorway', e.distancesKm?.motorway);
      one('establishmentOffer.distancesKm.railHub', e.distancesKm?.railHub);
      one('establishmentOffer.distancesKm.airport', e.distancesKm?.airport);
      one('establishmentOffer.price.kind', e.price?.kind);
      one('establishmentOffer.price.sekPerM2', e.price?.kind === 'per-m2' ? e.price.sekPerM2 : undefined);
      one('establishmentOffer.availability.status', e.availability?.status);
      one('establishmentOffer.availability.availableFrom', e.availability?.availableFrom);
      one('establishmentOffer.availability.reservedUntil', e.availability?.reservedUntil);
      if (e.images.length > 0) {
        one('establishmentOffer.images.url', e.images.map((i) => i.url).join('\n'));
        one('establishmentOffer.images.alt.sv', lines(e.images.map((i) => i.alt), 'sv'));
        if (e.images.some((i) => i.alt.en)) one('establishmentOffer.images.alt.en', lines(e.images.map((i) => i.alt), 'en'));
      }
      if (e.documents.length > 0) {
        one('establishmentOffer.documents.url', e.documents.map((d) => d.url).join('\n'));
        one('establishmentOffer.documents.title.sv', lines(e.documents.map((d) => d.title), 'sv'));
        if (e.documents.some((d) => d.title.en)) one('establishmentOffer.documents.title.en', lines(e.documents.map((d) => d.title), 'en'));
      }
      one('establishmentOffer.keyFacts.sv', lines(e.keyFacts, 'sv'));
      if (e.keyFacts.some((f) => f.en)) one('establishmentOffer.keyFacts.en', lines(e.keyFacts, 'en'));
      break;
    }
  }
  return v;
};

/** The values a new entry's form starts with: whole county, breadth, Swedish. */
export const newEntryForm = (): FormValues => formValues({ coverage: ['county'], 'focus.level': ['breadth'], languages: ['sv'] });

// ---------------------------------------------------------------------------------------------
// Form values as an EntryInput
// ---------------------------------------------------------------------------------------------

/** Why a field is not accepted; the page words each code in the visitor's language. */
export type IssueCode =
  | 'required'
  | 'choose-one'
  | 'too-long'
  | 'too-many'
  | 'number'
  | 'integer'
  | 'too-small'
  | 'too-large'
  | 'date'
  | 'url'
  | 'invalid-choice'
  | 'repeated'
  | 'min-over-max'
  | 'valid-from-after-until'
  | 'spearhead-profile'
  | 'location-not-served'
  | 'provider-self'
  | 'actor-no-provider'
  | 'lines-mismatch'
  | 'language-code'
  | 'position-pair'
  | 'other';

/** A field that stops the save (`field` undefined: the entry as a whole), with the figure its message needs. */
export type FormIssue = { field?: string; code: IssueCode; limit?: number; detail?: string };

export type FormResult = { ok: true; input: EntryInput } | { ok: false; issues: FormIssue[] };

/** What the form cannot show but an update must keep: the stored entry's contact channels. */
/** What the form does not show but the entry keeps: its contact channels, and an offer's stages and municipalities served. */
export type Preserved = { contact: readonly ContactChannel[]; stages?: Entry['stages']; municipalities?: Entry['municipalities'] };

const first = (values: FormValues, name: string): string => valueOf(values, name).trim();
const all = (values: FormValues, name: string): string[] => [...new Set((Object.hasOwn(values, name) ? values[name]! : []).map((v) => v.trim()).filter(Boolean))];
const listOf = (value: string, separator: RegExp): string[] =>
  value
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);


/** A date as typed, with single-digit months and days padded ("2026-5-1" → "2026-05-01"); anything else as it is. */
const isoDate = (raw: string): string => {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : raw;
};

/** Maps a validation path of the entry (`testbed.capabilities.2.sv`) to the form field that shows it. */
export const fieldOfPath = (path: readonly PropertyKey[], kind: EntryKind): string | undefined => {
  const fields = entryFields(kind);
  const segments = path.filter((p): p is string => typeof p === 'string' && !/^\d+$/.test(p));
  while (segments.length > 0) {
    const joined = segments.join('.');
    if (fields.includes(joined)) return joined;
    const inside = fields.find((f) => f.startsWith(`${joined}.`));
    if (inside) return inside;
    segments.pop();
  }
  return undefined;
};

const CUSTOM_CODES: [RegExp, IssueCode][] = [
  [/validFrom must not be after validUntil/, 'valid-from-after-until'],
  [/an actor has no provider/, 'actor-no-provider'],
  [/an entry cannot provide itself/, 'provider-self'],
  [/spearhead entry names its profile areas/, 'spearhead-profile'],
  [/location must be one of the municipalities/, 'location-not-served'],
  [/min must not exceed max/, 'min-over-max'],
  [/values must not repeat/, 'repeated'],
];

/** One zod issue of the entry schema as a form issue. */
const fromZodIssue = (issue: z.core.$ZodIssue, kind: EntryKind): FormIssue => {
  const field = fieldOfPath(issue.path, kind);
  const at = field === undefined ? {} : { field };
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return { ...at, code: 'required' };
      if (issue.origin === 'array' || issue.origin === 'set') return { ...at, code: 'choose-one' };
      return { ...at, code: 'too-small', limit: Number(issue.minimum) };
    case 'too_big':
      if (issue.origin === 'string') return { ...at, code: 'too-long', limit: Number(issue.maximum) };
      if (issue.origin === 'array' || issue.origin === 'set') return { ...at, code: 'too-many', limit: Number(issue.maximum) };
      return { ...at, code: 'too-large', limit: Number(issue.maximum) };
    case 'invalid_format':
      if (issue.format === 'url') return { ...at, code: 'url' };
      if (issue.format === 'date' || issue.format === 'datetime') return { ...at, code: 'date' };
      if (field === 'languages') return { ...at, code: 'language-code' };
      return { ...at, code: 'invalid-choice' };
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return { ...at, code: 'number' };
      return { ...at, code: 'required' };
    case 'invalid_value':
      return { ...at, code: 'invalid-choice' };
    case 'custom': {
      const code = CUSTOM_CODES.find(([pattern]) => pattern.test(issue.message))?.[1];
      return code ? { ...at, code } : { ...at, code: 'other', detail: issue.message };
    }
    default:
      return { ...at, code: 'other', detail: issue.message };
  }
};

const textPair = (values: FormValues, base: string): LocalizedText | undefined => {
  const sv = first(values, `${base}.sv`);
  const en = first(values, `${base}.en`);
  if (sv === '' && en === '') return undefined;
  return en === '' ? { sv } : { sv, en };
};

/**
 * Maps a kind's form values to an EntryInput, checking them as the editor service will (the entry
 * schema, its cross-field rules and the taxonomy), so every problem is shown at its field at once.
 * `existingId` is the id of the entry being edited; `preserved` what the form does not show.
 */
export const formToInput = (
  values: FormValues,
  kind: EntryKind,
  options: { taxonomy: Taxonomy; preserved?: Preserved; existingId?: string; lang?: Language },
): FormResult => {
  const issues: FormIssue[] = [];
  const optionalNumber = (field: string, integer: boolean): number | undefined => {
    const raw = first(values, field);
    if (raw === '') return undefined;
    const value = readTypedNumber(raw, options.lang);
    if (value === undefined) issues.push({ field, code: 'number' });
    else if (integer && !Number.isInteger(value)) issues.push({ field, code: 'integer' });
    else return value;
    return undefined;
  };
  /** A list of texts, one per line, in Swedish with an optional English line for each. */
  const textLines = (base: string): LocalizedText[] => {
    const sv = listOf(first(values, `${base}.sv`), /\r?\n/);
    const en = listOf(first(values, `${base}.en`), /\r?\n/);
    if (en.length > 0 && en.length !== sv.length) issues.push({ field: `${base}.en`, code: 'lines-mismatch', limit: sv.length });
    return sv.map((line, i) => (en[i] ? { sv: line, en: en[i] } : { sv: line }));
  };
  const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
  const nonEmpty = (o: Record<string, unknown>) => (Object.keys(o).length > 0 ? o : undefined);
  /** Line-matched lists: one URL per line, with a Swedish (and optionally English) text on the same line number. */
  const linkLines = (base: string, textName: 'alt' | 'title') => {
    const urls = listOf(first(values, `${base}.url`), /\r?\n/);
    const sv = listOf(first(values, `${base}.${textName}.sv`), /\r?\n/);
    const en = listOf(first(values, `${base}.${textName}.en`), /\r?\n/);
    if (sv.length !== urls.length) issues.push({ field: `${base}.${textName}.sv`, code: 'lines-mismatch', limit: urls.length });
    if (en.length > 0 && en.length !== urls.length) issues.push({ field: `${base}.${textName}.en`, code: 'lines-mismatch', limit: urls.length });
    return urls.map((url, i) => ({ url, [textName]: en[i] ? { sv: sv[i] ?? '', en: en[i] } : { sv: sv[i] ?? '' } }));
  };
  /** An establishment offer's facts beyond type, place and areas (OFFER_FACT_FIELDS). */
  const offerFacts = () => {
    const o = 'establishmentOffer';
    const planStatus = first(values, `${o}.zoning.planStatus`);
    const permittedUse = textPair(values, `${o}.zoning.permittedUse`);
    if (permittedUse && planStatus === '') issues.push({ field: `${o}.zoning.planStatus`, code: 'required' });
    const siding = first(values, `${o}.railSiding`);
    if (siding !== '' && siding !== 'yes' && siding !== 'no') issues.push({ field: `${o}.railSiding`, code: 'invalid-choice' });
    const priceKind = first(values, `${o}.price.kind`);
    const sekGiven = first(values, `${o}.price.sekPerM2`) !== '';
    const sekPerM2 = optionalNumber(`${o}.price.sekPerM2`, false);
    let price: unknown;
    if (priceKind === 'on-request') {
      if (sekGiven) issues.push({ field: `${o}.price.kind`, code: 'invalid-choice' });
      price = { kind: 'on-request' };
    } else if (priceKind === 'per-m2' || (priceKind === '' && sekGiven)) {
      if (!sekGiven) issues.push({ field: `${o}.price.sekPerM2`, code: 'required' });
      price = sekPerM2 === undefined ? undefined : { kind: 'per-m2', sekPerM2 };
    } else if (priceKind !== '') price = { kind: priceKind };
    const status = first(values, `${o}.availability.status`);
    const availableFrom = isoDate(first(values, `${o}.availability.availableFrom`));
    const reservedUntil = isoDate(first(values, `${o}.availability.reservedUntil`));
    if ((availableFrom !== '' || reservedUntil !== '') && status === '') issues.push({ field: `${o}.availability.status`, code: 'required' });
    return {
      ...optional('zoning', planStatus === '' ? undefined : { planStatus, ...optional('permittedUse', permittedUse) }),
      ...optional('powerCapacityMW', optionalNumber(`${o}.powerCapacityMW`, false)),
      ...optional('waterAndSewer', first(values, `${o}.waterAndSewer`) || undefined),
      ...optional('fibre', first(values, `${o}.fibre`) || undefined),
      ...optional('railSiding', siding === 'yes' ? true : siding === 'no' ? false : undefined),
      ...optional(
        'distancesKm',
        nonEmpty({
          ...optional('motorway', optionalNumber(`${o}.distancesKm.motorway`, false)),
          ...optional('railHub', optionalNumber(`${o}.distancesKm.railHub`, false)),
          ...optional('airport', optionalNumber(`${o}.distancesKm.airport`, false)),
        }),
      ),
      ...optional('price', price),
      ...optional('availability', status === '' ? undefined : { status, ...optional('availableFrom', availableFrom || undefined), ...optional('reservedUntil', reservedUntil || undefined) }),
      images: linkLines(`${o}.images`, 'alt'),
      documents: linkLines(`${o}.documents`, 'title'),
    };
  };

  const isOffer = kind === 'establishment-offer';
  const coverage = first(values, 'coverage');
  const municipalities = all(values, 'municipalities');
  /** An offer serves where it lies: what it served before when that still includes its place, else its municipality. */
  const offerServes = (): Entry['municipalities'] | string[] => {
    const place = first(values, 'establishmentOffer.location.municipality');
    const before = options.preserved?.municipalities;
    return before !== undefined && (before === 'county' || before.includes(place)) ? before : [place];
  };
  const input: Record<string, unknown> = {
    kind,
    name: { sv: first(values, 'name.sv'), ...optional('en', first(values, 'name.en') || undefined) },
    summary: { sv: first(values, 'summary.sv'), ...optional('en', first(values, 'summary.en') || undefined) },
    description: { sv: first(values, 'description.sv'), ...optional('en', first(values, 'description.en') || undefined) },
    areas: all(values, 'areas'),
    stages: isOffer ? [...(options.preserved?.stages ?? OFFER_STAGES)] : all(values, 'stages'),
    supportTypes: all(values, 'supportTypes'),
    focus: { level: first(values, 'focus.level'), profileAreas: first(values, 'focus.level') === 'breadth' ? [] : all(values, 'focus.profileAreas') },
    ...optional('greenTransition', first(values, 'greenTransition') === 'yes' ? true : undefined),
    municipalities: isOffer ? offerServes() : coverage === 'county' ? 'county' : municipalities,
    sectors: listOf(first(values, 'sectors'), /[,;\n]/),
    ...(kind === 'actor'
      ? optional('referralIntakeEmail', first(values, 'referralIntakeEmail') || undefined)
      : optional('providerId', first(values, 'providerId') || undefined)),
    ...optional('website', first(values, 'website') || undefined),
    contact: [...(options.preserved?.contact ?? [])],
    languages: listOf(first(values, 'languages').toLowerCase(), /[\s,;]+/),
    ...optional('validFrom', isoDate(first(values, 'validFrom')) || undefined),
    ...optional('validUntil', isoDate(first(values, 'validUntil')) || undefined),
    sources: listOf(first(values, 'sources'), /\s*\n\s*/),
  };
  if (!isOffer && coverage !== 'county' && coverage !== 'municipalities') issues.push({ field: 'coverage', code: 'choose-one' });
  if (!isOffer && coverage === 'municipalities' && municipalities.length === 0) issues.push({ field: 'municipalities', code: 'choose-one' });
  if (first(values, 'focus.level') === '') issues.push({ field: 'focus.level', code: 'choose-one' });
  if (!['', 'yes'].includes(first(values, 'greenTransition'))) issues.push({ field: 'greenTransition', code: 'choose-one' });

  switch (kind) {
    case 'actor':
      break;
    case 'offering': {
      const opens = isoDate(first(values, 'offering.applicationPeriod.opens'));
      const closes = isoDate(first(values, 'offering.applicationPeriod.closes'));
      input.offering = {
        ...optional('cost', first(values, 'offering.cost') || undefined),
        ...optional('costNote', textPair(values, 'offering.costNote')),
        ...optional(
          'applicationPeriod',
          nonEmpty({ ...optional('opens', opens || undefined), ...optional('closes', closes || undefined), ...optional('note', textPair(values, 'offering.applicationPeriod.note')) }),
        ),
      };
      break;
    }
    case 'testbed': {
      const min = optionalNumber('testbed.trl.min', true);
      const max = optionalNumber('testbed.trl.max', true);
      const minGiven = first(values, 'testbed.trl.min') !== '';
      const maxGiven = first(values, 'testbed.trl.max') !== '';
      if (minGiven !== maxGiven) issues.push({ field: minGiven ? 'testbed.trl.max' : 'testbed.trl.min', code: 'required' });
      input.testbed = {
        capabilities: textLines('testbed.capabilities'),
        ...(min !== undefined && max !== undefined ? { trl: { min, max } } : {}),
        ...optional('accessTerms', textPair(values, 'testbed.accessTerms')),
      };
      break;
    }
    case 'investor': {
      const min = optionalNumber('investor.ticketSizeSek.min', true);
      const max = optionalNumber('investor.ticketSizeSek.max', true);
      input.investor = {
        instruments: all(values, 'investor.instruments'),
        ...optional('ticketSizeSek', nonEmpty({ ...optional('min', min), ...optional('max', max) })),
        investmentStages: all(values, 'investor.investmentStages'),
      };
      break;
    }
    case 'establishment-offer': {
      const lat = optionalNumber('establishmentOffer.location.position.lat', false);
      const lon = optionalNumber('establishmentOffer.location.position.lon', false);
      const latGiven = first(values, 'establishmentOffer.location.position.lat') !== '';
      const lonGiven = first(values, 'establishmentOffer.location.position.lon') !== '';
      if (latGiven !== lonGiven) {
        issues.push({ field: latGiven ? 'establishmentOffer.location.position.lon' : 'establishmentOffer.location.position.lat', code: 'position-pair' });
      }
      input.establishmentOffer = {
        offerType: first(values, 'establishmentOffer.offerType'),
        location: {
          municipality: first(values, 'establishmentOffer.location.municipality'),
          placeName: first(values, 'establishmentOffer.location.placeName'),
          ...(lat !== undefined && lon !== undefined ? { position: { lat, lon } } : {}),
        },
        ...optional('landAreaM2', optionalNumber('establishmentOffer.landAreaM2', false)),
        ...optional('floorAreaM2', optionalNumber('establishmentOffer.floorAreaM2', false)),
        ...offerFacts(),
        keyFacts: textLines('establishmentOffer.keyFacts'),
      };
      break;
    }
  }

  // The service checks the whole entry; check it the same way with placeholder bookkeeping.
  const stamp = '2000-01-01T00:00:00.000Z';
  const candidate = { ...input, id: options.existingId ?? 'new-entry', status: 'draft', demo: false, version: 1, createdAt: stamp, updatedAt: stamp };
  const parsed = Entry.safeParse(candidate);
  if (!parsed.success) issues.push(...parsed.error.issues.map((issue) => fromZodIssue(issue, kind)));
  else {
    for (const issue of taxonomyIssues(parsed.data, options.taxonomy)) {
      const field = fieldOfPath(issue.name.split('.'), kind);
      issues.push({ ...(field ? { field } : {}), code: 'invalid-choice' });
    }
  }
  // A field's own parse problem (not a number, …) says more than the schema's echo of it.
  const seen = new Set<string>();
  const distinct = issues.filter((issue) => {
    const key = issue.field ?? `(entry):${issue.code}:${issue.detail ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (distinct.length > 0) return { ok: false, issues: distinct };
  return { ok: true, input: EntryInput.parse(input) };
};

/** The first form field of each issue of a service ValidationError (`name` is a dotted entry path). */
export const issuesFromService = (issues: readonly { name: string; reason: string }[], kind: EntryKind): FormIssue[] =>
  issues.map((issue) => {
    const field = fieldOfPath(issue.name.split('.'), kind);
    return { ...(field ? { field } : {}), code: 'other', detail: issue.reason };
  });
