/** Test data builders: a valid entry of each kind, overridable field by field; principals; a referral request. */
import { Entry, type EntryKind, type EntryOf } from '#shared/domain/entry.ts';
import type { Principal } from '#shared/domain/identity.ts';
import { ReferralInput } from '#shared/domain/referral.ts';
import { toSearchDocument, type SearchDocument, SearchQuery } from '#shared/domain/search.ts';
import { loadTaxonomy } from '#shared/taxonomy/regions.ts';

export const taxonomy = loadTaxonomy();
export const municipalityCodes = taxonomy.municipalities.map((m) => m.code);
export const TODAY = '2026-11-27';
export const NOW = new Date('2026-11-27T12:00:00Z');
export const fixedClock = { now: () => NOW };

const base = {
  name: { sv: 'Exempelaktören', en: 'The example actor' },
  summary: { sv: 'Rådgivning till företag i länet.', en: 'Advice for companies in the county.' },
  description: { sv: 'En längre beskrivning av vad aktören gör för företag.', en: 'A longer description of what the actor does for companies.' },
  areas: ['company-development'],
  stages: ['startup', 'growth'],
  supportTypes: ['advice'],
  focus: { level: 'breadth', profileAreas: [] },
  municipalities: 'county',
  sectors: [],
  contact: [],
  languages: ['sv'],
  status: 'published',
  sources: [],
  demo: false,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
} as const;

const details: Record<EntryKind, Record<string, unknown>> = {
  actor: {},
  offering: { offering: { cost: 'free' } },
  testbed: { testbed: { capabilities: [{ sv: 'Robotik' }] } },
  investor: { investor: { instruments: ['equity'], investmentStages: ['growth'] } },
  'establishment-offer': {
    establishmentOffer: { offerType: 'land', location: { municipality: '1861', placeName: 'Hallsberg' }, keyFacts: [] },
  },
};

let sequence = 0;

/** A valid published entry of `kind`; `overrides` replace whole top-level fields. */
export const anEntry = <K extends EntryKind = 'actor'>(
  overrides: Partial<Record<keyof EntryOf<K>, unknown>> & { kind?: K } = {},
): EntryOf<K> => {
  const kind = (overrides.kind ?? 'actor') as EntryKind;
  sequence += 1;
  return Entry.parse({ id: `entry-${sequence}`, kind, ...base, ...details[kind], ...overrides }) as EntryOf<K>;
};

export const aDocument = (overrides: Parameters<typeof anEntry>[0] = {}): SearchDocument =>
  toSearchDocument(anEntry(overrides), taxonomy);

export const aQuery = (
  overrides: Partial<Omit<SearchQuery, 'filters' | 'offer'>> & { filters?: Partial<SearchQuery['filters']>; offer?: Partial<SearchQuery['offer']> } = {},
): SearchQuery =>
  SearchQuery.parse({ today: TODAY, ...overrides, filters: { ...overrides.filters }, offer: { ...overrides.offer } });

/** A published establishment offer; `offer` replaces fields of its establishmentOffer details. */
export const anOffer = (
  overrides: Parameters<typeof anEntry<'establishment-offer'>>[0] & { offer?: Record<string, unknown> } = {},
): EntryOf<'establishment-offer'> => {
  const { offer, ...rest } = overrides;
  const details = { offerType: 'land', location: { municipality: '1861', placeName: 'Hallsberg' }, keyFacts: [], ...offer };
  const municipality = (details.location as { municipality: string }).municipality;
  return anEntry<'establishment-offer'>({ kind: 'establishment-offer', municipalities: [municipality], ...rest, establishmentOffer: details });
};

/** The body of `POST /v1/editor/entries` for a new export-coaching offering, named `name`. */
export const anOfferingDraft = (name: { sv: string; en?: string }) => ({
  kind: 'offering',
  name,
  summary: { sv: 'Coachning inför första exportaffären.' },
  description: { sv: 'Fem träffar med en exportcoach för företag som vill sälja utomlands.' },
  areas: ['company-development'],
  stages: ['startup', 'growth'],
  supportTypes: ['internationalisation'],
  focus: { level: 'breadth' },
  municipalities: 'county',
  providerId: 'almi-foretagspartner-malardalen',
  offering: { cost: 'free' },
});

/** A signed-in person named by their subject, with roles and, for actor staff, an organisation. */
export const aPrincipal = (subject: string, roles: Principal['roles'], organisationId?: string): Principal =>
  ({ subject, name: subject, roles, ...(organisationId ? { organisationId } : {}) }) as Principal;

/** A valid request to refer Exempelbolaget AB to `almi-loan`, overridable at the top level. */
export const aReferralInput = (overrides: Record<string, unknown> = {}): ReferralInput =>
  ReferralInput.parse({
    targetId: 'almi-loan',
    company: { name: 'Exempelbolaget AB', organisationNumber: '556123-4567', municipality: '1880', stage: 'startup', area: 'company-development' },
    need: 'Behöver finansiering för att anställa två personer.',
    contact: { name: 'Kim Exempel', email: 'kim@example.se' },
    consent: { askedToBeReferred: true, informedAboutDataHandling: true },
    ...overrides,
  });
