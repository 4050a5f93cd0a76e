/**
 * The catalogue entry: five kinds sharing one base, discriminated by `kind`.
 * Kinds, stages, statuses and focus levels are structural and fixed here; areas, support
 * types, profile areas and municipalities are region data, checked against the taxonomy
 * by `taxonomyIssues` at every write boundary.
 */
import { z } from 'zod';
import { Code, HttpsUrl, IsoDate, IsoDateTime, Language, LocalizedText } from './text.ts';

export const ENTRY_KINDS = ['actor', 'offering', 'testbed', 'investor', 'establishment-offer'] as const;
export const EntryKind = z.enum(ENTRY_KINDS);
export type EntryKind = z.infer<typeof EntryKind>;

export const STAGES = ['idea', 'startup', 'growth', 'established'] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

export const FOCUS_LEVELS = ['breadth', 'spearhead'] as const;
export const FocusLevel = z.enum(FOCUS_LEVELS);

export const EntryStatus = z.enum(['draft', 'published', 'archived']);
export type EntryStatus = z.infer<typeof EntryStatus>;

export const EntryId = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,78}[a-z0-9])$/, 'a lower-case slug of 3–80 letters, digits and hyphens')
  .brand<'EntryId'>();
export type EntryId = z.infer<typeof EntryId>;

const unique = <T extends z.ZodType>(item: T) =>
  z.array(item).refine((values) => new Set(values).size === values.length, 'values must not repeat');

export const MunicipalityCode = z.string().regex(/^\d{4}$/, 'a four-digit municipality code');

export const ContactChannel = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('web'), url: HttpsUrl, label: LocalizedText(120).optional() }),
  z.strictObject({ type: z.literal('email'), address: z.email().max(254) }),
  z.strictObject({ type: z.literal('phone'), number: z.string().regex(/^\+?[0-9 ()-]{6,20}$/) }),
]);
export type ContactChannel = z.infer<typeof ContactChannel>;

export const Focus = z.strictObject({
  level: FocusLevel,
  profileAreas: unique(Code).default([]),
});

const EntryBase = z.strictObject({
  id: EntryId,
  name: LocalizedText(200),
  summary: LocalizedText(500),
  description: LocalizedText(8000),
  areas: unique(Code).min(1).max(4),
  stages: unique(Stage).min(1),
  supportTypes: unique(Code).default([]),
  focus: Focus,
  /** The entry states a focus on the green transition (environment and climate); counted in follow-up coverage. */
  greenTransition: z.boolean().optional(),
  /** `county` when the entry serves the whole county, otherwise the municipalities it serves. */
  municipalities: z.union([z.literal('county'), unique(MunicipalityCode).min(1)]),
  sectors: unique(z.string().trim().min(1).max(60)).max(30).default([]),
  providerId: EntryId.optional(),
  website: HttpsUrl.optional(),
  contact: z.array(ContactChannel).max(10).default([]),
  languages: unique(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 language code')).min(1).default(['sv']),
  status: EntryStatus,
  validFrom: IsoDate.optional(),
  validUntil: IsoDate.optional(),
  lastVerifiedAt: IsoDateTime.optional(),
  /** Where the entry's facts come from. */
  sources: z.array(z.url({ protocol: /^https?$/ }).max(2000)).max(20).default([]),
  /** True for the demonstration catalogue seeded from public sources. */
  demo: z.boolean().default(false),
  version: z.int().min(1),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

const Money = z.int().min(0).max(100_000_000_000);

export const OfferingDetails = z.strictObject({
  cost: z.enum(['free', 'subsidised', 'paid', 'varies']).optional(),
  costNote: LocalizedText(300).optional(),
  applicationPeriod: z
    .strictObject({ opens: IsoDate.optional(), closes: IsoDate.optional(), note: LocalizedText(300).optional() })
    .optional(),
});

const Trl = z.int().min(1).max(9);
export const TestbedDetails = z.strictObject({
  capabilities: z.array(LocalizedText(200)).max(30).default([]),
  trl: z
    .strictObject({ min: Trl, max: Trl })
    .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['min'] })
    .optional(),
  accessTerms: LocalizedText(1000).optional(),
});

export const INVESTMENT_INSTRUMENTS = ['equity', 'convertible', 'loan', 'grant', 'guarantee'] as const;
export const InvestorDetails = z.strictObject({
  instruments: unique(z.enum(INVESTMENT_INSTRUMENTS)).min(1),
  ticketSizeSek: z
    .strictObject({ min: Money.optional(), max: Money.optional() })
    .refine((t) => t.min === undefined || t.max === undefined || t.min <= t.max, {
      message: 'min must not exceed max',
      path: ['min'],
    })
    .optional(),
  investmentStages: unique(Stage).default([]),
});

export const OFFER_TYPES = ['land', 'industrial-premises', 'office', 'logistics', 'retail', 'other'] as const;
export const OfferType = z.enum(OFFER_TYPES);
export type OfferType = z.infer<typeof OfferType>;

export const OFFER_AVAILABILITIES = ['available', 'reserved', 'taken'] as const;
export const OfferAvailability = z.enum(OFFER_AVAILABILITIES);
export type OfferAvailability = z.infer<typeof OfferAvailability>;

/** Plan status under the Planning and Building Act: a detailed plan in force, one being drawn up, or none. */
export const PLAN_STATUSES = ['detailed-plan', 'plan-in-progress', 'no-plan'] as const;

/** A utility at the site: connected, available at the boundary (`nearby`), or not there. */
export const UTILITY_LEVELS = ['connected', 'nearby', 'none'] as const;
const Utility = z.enum(UTILITY_LEVELS);

/** A WGS84 position in decimal degrees. */
export const GeoPoint = z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
export type GeoPoint = z.infer<typeof GeoPoint>;

const Km = z.number().min(0).max(2000);

export const OfferPrice = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('per-m2'), sekPerM2: z.number().positive().max(1_000_000) }),
  z.strictObject({ kind: z.literal('on-request') }),
]);
export type OfferPrice = z.infer<typeof OfferPrice>;

/**
 * The hard facts of a site, premises or land. The offer's `providerId` is its contact organisation.
 * Every fact beyond type and location is three-valued: stated yes (or a value), stated no (`false`,
 * `none`, `no-plan`), or absent when the listing's sources do not say. Absent is never read as no.
 */
export const EstablishmentOfferDetails = z.strictObject({
  offerType: OfferType,
  location: z.strictObject({
    municipality: MunicipalityCode,
    placeName: z.string().trim().min(1).max(120),
    position: GeoPoint.optional(),
  }),
  landAreaM2: z.number().positive().max(1e9).optional(),
  floorAreaM2: z.number().positive().max(1e8).optional(),
  zoning: z.strictObject({ planStatus: z.enum(PLAN_STATUSES), permittedUse: LocalizedText(300).optional() }).optional(),
  powerCapacityMW: z.number().min(0).max(10_000).optional(),
  waterAndSewer: Utility.optional(),
  fibre: Utility.optional(),
  railSiding: z.boolean().optional(),
  distancesKm: z.strictObject({ motorway: Km.optional(), railHub: Km.optional(), airport: Km.optional() }).optional(),
  price: OfferPrice.optional(),
  availability: z
    .strictObject({
      status: OfferAvailability,
      availableFrom: IsoDate.optional(),
      /** The last day a reservation holds (a reserved offer only). */
      reservedUntil: IsoDate.optional(),
    })
    .refine((a) => a.reservedUntil === undefined || a.status === 'reserved', { message: 'only a reserved offer has a reserved-until date', path: ['reservedUntil'] })
    .optional(),
  images: z.array(z.strictObject({ url: HttpsUrl, alt: LocalizedText(200) })).max(12).default([]),
  documents: z.array(z.strictObject({ url: HttpsUrl, title: LocalizedText(200) })).max(12).default([]),
  keyFacts: z.array(LocalizedText(300)).max(30).default([]),
});
export type EstablishmentOfferDetails = z.infer<typeof EstablishmentOfferDetails>;

/** The larger of an offer's land and floor areas: what an area filter and the area sort compare. */
export const offerAreaM2 = (offer: Pick<EstablishmentOfferDetails, 'landAreaM2' | 'floorAreaM2'>): number | undefined =>
  offer.landAreaM2 === undefined && offer.floorAreaM2 === undefined ? undefined : Math.max(offer.landAreaM2 ?? 0, offer.floorAreaM2 ?? 0);

export const INTAKE_BOUNCE_REASONS = ['bounce', 'complaint'] as const;
/** Mail to an actor's intake address came back for good (`bounce`) or its recipient reported it as spam (`complaint`). */
export const IntakeEmailBounce = z.strictObject({ at: IsoDateTime, reason: z.enum(INTAKE_BOUNCE_REASONS), address: z.email().max(254) });
export type IntakeEmailBounce = z.infer<typeof IntakeEmailBounce>;

/**
 * The bounce flag an actor keeps through a change made elsewhere (an editor's form, an import, which
 * never carry it): kept while the intake address stays the one that bounced, gone once it changes.
 */
export const keepIntakeBounce = <E extends Entry>(before: Entry | undefined, after: E): E => {
  if (after.kind !== 'actor') return after;
  const { intakeEmailBounce: _dropped, ...rest } = after;
  const bounce = before?.kind === 'actor' ? before.intakeEmailBounce : undefined;
  return (bounce && bounce.address === after.referralIntakeEmail ? { ...rest, intakeEmailBounce: bounce } : rest) as E;
};

/** An entry as the public reads it: without the editors' bounce flag. */
export const publicEntry = (entry: Entry): Entry => {
  if (entry.kind !== 'actor' || entry.intakeEmailBounce === undefined) return entry;
  const { intakeEmailBounce: _editorsOnly, ...rest } = entry;
  return rest;
};

export const Actor = EntryBase.extend({
  kind: z.literal('actor'),
  /** Where new referrals to this actor are announced (no personal data is sent there, only a link). */
  referralIntakeEmail: z.email().max(254).optional(),
  /** Set by the mail feedback handler when mail to `referralIntakeEmail` bounced for good or was reported as spam; no editor sets it. */
  intakeEmailBounce: IntakeEmailBounce.optional(),
});
export const Offering = EntryBase.extend({ kind: z.literal('offering'), offering: OfferingDetails });
export const Testbed = EntryBase.extend({ kind: z.literal('testbed'), testbed: TestbedDetails });
export const Investor = EntryBase.extend({ kind: z.literal('investor'), investor: InvestorDetails });
export const EstablishmentOffer = EntryBase.extend({
  kind: z.literal('establishment-offer'),
  establishmentOffer: EstablishmentOfferDetails,
});

const validityWindow = (entry: { validFrom?: string | undefined; validUntil?: string | undefined }) =>
  entry.validFrom === undefined || entry.validUntil === undefined || entry.validFrom <= entry.validUntil;

export const Entry = z
  .discriminatedUnion('kind', [Actor, Offering, Testbed, Investor, EstablishmentOffer])
  .refine(validityWindow, { message: 'validFrom must not be after validUntil', path: ['validFrom'] })
  .refine((e) => e.kind !== 'actor' || e.providerId === undefined, {
    message: 'an actor has no provider',
    path: ['providerId'],
  })
  .refine((e) => e.providerId !== e.id, { message: 'an entry cannot provide itself', path: ['providerId'] })
  .refine((e) => (e.focus.level === 'spearhead') === (e.focus.profileAreas.length > 0), {
    message: 'a spearhead entry names its profile areas and a breadth entry names none',
    path: ['focus', 'profileAreas'],
  })
  .refine(
    (e) =>
      e.kind !== 'establishment-offer' ||
      e.municipalities === 'county' ||
      e.municipalities.includes(e.establishmentOffer.location.municipality),
    { message: 'the location must be one of the municipalities served', path: ['establishmentOffer', 'location', 'municipality'] },
  );
export type Entry = z.infer<typeof Entry>;
export type EntryOf<K extends EntryKind> = Extract<Entry, { kind: K }>;

/** True when the public may find the entry at `today` (an ISO date). */
export const isPubliclyVisible = (
  entry: Pick<Entry, 'status' | 'validFrom' | 'validUntil'>,
  today: string,
): boolean =>
  entry.status === 'published' &&
  (entry.validFrom === undefined || entry.validFrom <= today) &&
  (entry.validUntil === undefined || today <= entry.validUntil);
