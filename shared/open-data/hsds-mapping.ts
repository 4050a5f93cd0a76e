/**
 * The published catalogue as Open Referral HSDS 3.0: actors become organizations; offerings,
 * testbeds, investors and establishment offers become services; an establishment offer's site is
 * also a location joined to its service by a service_at_location; the municipalities an entry
 * serves become service_areas. Area, stage, kind, support type, focus, profile area and
 * municipality are taxonomy terms linked by attributes. Swedish text fills HSDS's text fields;
 * English goes where HSDS has a language: taxonomy terms carry `language`, and each entry's English
 * name, summary and description (and its Swedish summary) are attribute values on the `text`
 * taxonomy's term in that language.
 * Only published, currently valid entries go in; nothing else about them (no status, version,
 * audit, referral intake address or people).
 */
import { isPubliclyVisible, type Entry, type EntryOf } from '#shared/domain/entry.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Label, LocalizedText } from '#shared/domain/text.ts';
import { swedishDate } from '#shared/ports/clock.ts';
import type {
  HsdsAttribute,
  HsdsLanguage,
  HsdsLocation,
  HsdsOrganization,
  HsdsOrganizationListItem,
  HsdsPhone,
  HsdsService,
  HsdsServiceArea,
  HsdsServiceAtLocation,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
} from './hsds-schema.ts';
import { stableId } from './stable-id.ts';

export const HSDS_VERSION = '3.0';

/** The vocabularies the export classifies by, each published as an HSDS taxonomy. */
export const HSDS_TAXONOMIES = {
  kind: { code: 'entry-kind', name: { sv: 'Posttyp', en: 'Entry kind' } },
  area: { code: 'strategic-area', name: { sv: 'Strategiskt område', en: 'Strategic area' } },
  stage: { code: 'company-stage', name: { sv: 'Företagsfas', en: 'Company stage' } },
  supportType: { code: 'support-type', name: { sv: 'Stödform', en: 'Support type' } },
  focus: { code: 'focus', name: { sv: 'Bredd eller spets', en: 'Breadth or spearhead' } },
  profileArea: { code: 'profile-area', name: { sv: 'Profilområde (smart specialisering)', en: 'Profile area (smart specialisation)' } },
  municipality: { code: 'municipality', name: { sv: 'Kommun eller län', en: 'Municipality or county' } },
  text: { code: 'text', name: { sv: 'Text på fler språk', en: 'Text in more languages' } },
} as const;
export type HsdsVocabulary = keyof typeof HSDS_TAXONOMIES;

/** Text fields HSDS has no place for in a second language; an attribute's term's `language` is its value's. */
const TEXT_TERMS = {
  name: { sv: 'Namn', en: 'Name' },
  summary: { sv: 'Sammanfattning', en: 'Summary' },
  description: { sv: 'Beskrivning', en: 'Description' },
} as const;
export type TextTerm = keyof typeof TEXT_TERMS;

const COST_LABELS: Record<NonNullable<EntryOf<'offering'>['offering']['cost']>, string> = {
  free: 'Kostnadsfritt',
  subsidised: 'Subventionerat',
  paid: 'Avgiftsbelagt',
  varies: 'Varierar',
};

export type HsdsDataset = {
  taxonomies: HsdsTaxonomy[];
  /** Every term in Swedish, each followed by its English twin (same code, `language: en`). */
  taxonomyTerms: HsdsTaxonomyTerm[];
  organizations: HsdsOrganization[];
  services: HsdsService[];
  locations: HsdsLocation[];
  serviceAtLocations: HsdsServiceAtLocation[];
};

type TermSource = { code: string; label: Label; description?: Label | undefined };

/** The stable id of a taxonomy term (the Swedish one; its English twin adds `:en`). */
export const termId = (vocabulary: HsdsVocabulary, code: string, language: 'sv' | 'en' = 'sv'): string =>
  stableId('taxonomy_term', `${HSDS_TAXONOMIES[vocabulary].code}:${code}${language === 'en' ? ':en' : ''}`);

export const taxonomyId = (vocabulary: HsdsVocabulary): string => stableId('taxonomy', HSDS_TAXONOMIES[vocabulary].code);

/** The stable ids an entry is published under. */
export const hsdsIds = {
  organization: (entryId: string) => stableId('organization', entryId),
  service: (entryId: string) => stableId('service', entryId),
  location: (entryId: string) => stableId('location', entryId),
  serviceAtLocation: (entryId: string) => stableId('service_at_location', entryId),
};

const vocabularies = (taxonomy: Taxonomy): Record<HsdsVocabulary, readonly TermSource[]> => ({
  kind: taxonomy.kinds,
  area: taxonomy.areas,
  stage: taxonomy.stages,
  supportType: taxonomy.supportTypes,
  focus: taxonomy.focus.levels,
  profileArea: taxonomy.focus.profileAreas,
  municipality: [
    { code: taxonomy.region.countyCode, label: taxonomy.region.name, description: { sv: 'Hela länet', en: 'The whole county' } },
    ...taxonomy.municipalities.map((m) => ({ code: m.code, label: { sv: `${m.name} kommun`, en: `${m.name} Municipality` } })),
  ],
  text: Object.entries(TEXT_TERMS).map(([code, label]) => ({ code, label })),
});

const taxonomiesOf = (): HsdsTaxonomy[] =>
  (Object.keys(HSDS_TAXONOMIES) as HsdsVocabulary[]).map((vocabulary) => ({
    id: taxonomyId(vocabulary),
    name: HSDS_TAXONOMIES[vocabulary].name.sv,
    description: `${HSDS_TAXONOMIES[vocabulary].name.sv} i Vägvisaren (${HSDS_TAXONOMIES[vocabulary].name.en}).`,
    version: '1',
  }));

const termsOf = (taxonomy: Taxonomy): Map<string, HsdsTaxonomyTerm> => {
  const terms = new Map<string, HsdsTaxonomyTerm>();
  for (const [vocabulary, sources] of Object.entries(vocabularies(taxonomy)) as [HsdsVocabulary, readonly TermSource[]][]) {
    const { code: taxonomyCode, name } = HSDS_TAXONOMIES[vocabulary];
    for (const source of sources) {
      for (const language of ['sv', 'en'] as const) {
        const term: HsdsTaxonomyTerm = {
          id: termId(vocabulary, source.code, language),
          code: source.code,
          name: source.label[language],
          description: source.description?.[language] ?? `${name[language]}: ${source.label[language]}`,
          taxonomy_id: taxonomyId(vocabulary),
          taxonomy: taxonomyCode,
          language,
        };
        terms.set(term.id, term);
      }
    }
  }
  return terms;
};

const LANGUAGE_NAMES = new Intl.DisplayNames(['sv'], { type: 'language' });

const englishOf = (text: LocalizedText): string | undefined => text.en;

/** Builds the HSDS objects of every entry visible on `today` (a Swedish calendar date). */
export const toHsds = (all: readonly Entry[], taxonomy: Taxonomy, now: Date): HsdsDataset => {
  const today = swedishDate(now);
  const entries = all.filter((entry) => isPubliclyVisible(entry, today)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const terms = termsOf(taxonomy);
  const actors = new Map(entries.filter((e): e is EntryOf<'actor'> => e.kind === 'actor').map((actor) => [actor.id as string, actor]));

  const attribute = (
    entity: 'service' | 'organization' | 'service_area' | 'location',
    linkId: string,
    vocabulary: HsdsVocabulary,
    code: string,
    value?: string,
    language: 'sv' | 'en' = 'sv',
  ): HsdsAttribute => {
    const term = terms.get(termId(vocabulary, code, language));
    return {
      id: stableId('attribute', `${entity}:${linkId}:${HSDS_TAXONOMIES[vocabulary].code}:${code}${language === 'en' ? ':en' : ''}`),
      link_id: linkId,
      link_type: HSDS_TAXONOMIES[vocabulary].code,
      link_entity: entity,
      taxonomy_term_id: termId(vocabulary, code, language),
      ...(value !== undefined ? { value } : {}),
      ...(term ? { taxonomy_term: term } : {}),
    };
  };

  const classification = (entity: 'service' | 'organization', linkId: string, entry: Entry): HsdsAttribute[] => {
    const texts: [TextTerm, 'sv' | 'en', string | undefined][] = [
      ['name', 'en', englishOf(entry.name)],
      ['summary', 'sv', entry.summary.sv],
      ['summary', 'en', englishOf(entry.summary)],
      ['description', 'en', englishOf(entry.description)],
    ];
    return [
      attribute(entity, linkId, 'kind', entry.kind),
      ...entry.areas.map((code) => attribute(entity, linkId, 'area', code)),
      ...entry.stages.map((code) => attribute(entity, linkId, 'stage', code)),
      ...entry.supportTypes.map((code) => attribute(entity, linkId, 'supportType', code)),
      attribute(entity, linkId, 'focus', entry.focus.level),
      ...entry.focus.profileAreas.map((code) => attribute(entity, linkId, 'profileArea', code)),
      ...texts.flatMap(([code, language, value]) => (value === undefined ? [] : [attribute(entity, linkId, 'text', code, value, language)])),
    ];
  };

  const phones = (entry: Entry, owner: { service_id: string } | { organization_id: string }): HsdsPhone[] =>
    entry.contact.flatMap((channel, index) =>
      channel.type === 'phone' ? [{ id: stableId('phone', `${entry.id}:${index}`), ...owner, number: channel.number }] : [],
    );
  const emailOf = (entry: Entry) => entry.contact.find((channel) => channel.type === 'email')?.address;

  const organizationListItem = (actor: EntryOf<'actor'>): HsdsOrganizationListItem => {
    const email = emailOf(actor);
    return {
      id: hsdsIds.organization(actor.id),
      name: actor.name.sv,
      ...(actor.name.en && actor.name.en !== actor.name.sv ? { alternate_name: actor.name.en } : {}),
      description: actor.description.sv,
      ...(email ? { email } : {}),
      ...(actor.website ? { website: actor.website } : {}),
    };
  };

  const locationOf = (offer: EntryOf<'establishment-offer'>): HsdsLocation => {
    const id = hsdsIds.location(offer.id);
    const { location } = offer.establishmentOffer;
    const provider = offer.providerId !== undefined && actors.has(offer.providerId) ? offer.providerId : undefined;
    return {
      id,
      location_type: 'physical',
      ...(provider ? { organization_id: hsdsIds.organization(provider) } : {}),
      name: location.placeName,
      alternate_name: offer.name.sv,
      description: offer.summary.sv,
      ...(location.position ? { latitude: location.position.lat, longitude: location.position.lon } : {}),
      external_identifier: offer.id,
      external_identifier_type: 'vagvisaren-entry-id',
      attributes: [attribute('location', id, 'municipality', location.municipality)],
    };
  };

  const serviceAreas = (entry: Entry, serviceId: string): HsdsServiceArea[] => {
    const codes = entry.municipalities === 'county' ? [taxonomy.region.countyCode] : entry.municipalities;
    return codes.map((code) => {
      const id = stableId('service_area', `${entry.id}:${code}`);
      const term = terms.get(termId('municipality', code));
      return {
        id,
        service_id: serviceId,
        name: term?.name ?? code,
        description: code === taxonomy.region.countyCode ? `Hela ${taxonomy.region.name.sv}` : `${term?.name ?? code}, kommunkod ${code}`,
        extent_type: 'text',
        attributes: [attribute('service_area', id, 'municipality', code)],
      };
    });
  };

  const languages = (entry: Entry, serviceId: string): HsdsLanguage[] =>
    entry.languages.map((code) => ({
      id: stableId('language', `${entry.id}:${code}`),
      service_id: serviceId,
      name: LANGUAGE_NAMES.of(code) ?? code,
      code,
    }));

  const kindFacts = (entry: Entry): Pick<HsdsService, 'fees_description' | 'application_process' | 'eligibility_description'> => {
    switch (entry.kind) {
      case 'offering': {
        const { cost, costNote, applicationPeriod } = entry.offering;
        const fees = [cost ? COST_LABELS[cost] : undefined, costNote?.sv].filter(Boolean).join('. ');
        const period = applicationPeriod
          ? [applicationPeriod.opens ? `Öppnar ${applicationPeriod.opens}` : undefined, applicationPeriod.closes ? `stänger ${applicationPeriod.closes}` : undefined, applicationPeriod.note?.sv]
              .filter(Boolean)
              .join(', ')
          : '';
        return { ...(fees ? { fees_description: fees } : {}), ...(period ? { application_process: period } : {}) };
      }
      case 'testbed':
        return entry.testbed.accessTerms ? { application_process: entry.testbed.accessTerms.sv } : {};
      case 'investor': {
        const { ticketSizeSek } = entry.investor;
        const ticket = ticketSizeSek ? `Investeringsbelopp ${ticketSizeSek.min ?? '–'}–${ticketSizeSek.max ?? ''} kr` : undefined;
        return ticket ? { eligibility_description: ticket } : {};
      }
      default:
        return {};
    }
  };

  const organizations: HsdsOrganization[] = [];
  const services: HsdsService[] = [];
  const locations: HsdsLocation[] = [];
  const serviceAtLocations: HsdsServiceAtLocation[] = [];

  for (const entry of entries) {
    if (entry.kind === 'actor') {
      const id = hsdsIds.organization(entry.id);
      organizations.push({ ...organizationListItem(entry), phones: phones(entry, { organization_id: id }), attributes: classification('organization', id, entry), locations: [] });
      continue;
    }
    const id = hsdsIds.service(entry.id);
    const provider = entry.providerId !== undefined ? actors.get(entry.providerId) : undefined;
    const email = emailOf(entry);
    const sites: (HsdsServiceAtLocation & { location: HsdsLocation })[] = [];
    if (entry.kind === 'establishment-offer') {
      const location = locationOf(entry);
      const link: HsdsServiceAtLocation = { id: hsdsIds.serviceAtLocation(entry.id), service_id: id, location_id: location.id, description: entry.summary.sv };
      locations.push(location);
      serviceAtLocations.push(link);
      sites.push({ ...link, location });
    }
    services.push({
      id,
      ...(provider ? { organization_id: hsdsIds.organization(provider.id) } : {}),
      name: entry.name.sv,
      ...(entry.name.en && entry.name.en !== entry.name.sv ? { alternate_name: entry.name.en } : {}),
      description: entry.description.sv,
      ...(entry.website ? { url: entry.website } : {}),
      ...(email ? { email } : {}),
      status: 'active',
      ...kindFacts(entry),
      ...(entry.lastVerifiedAt ? { assured_date: swedishDate(new Date(entry.lastVerifiedAt)) } : {}),
      last_modified: entry.updatedAt,
      ...(provider ? { organization: organizationListItem(provider) } : {}),
      phones: phones(entry, { service_id: id }),
      service_areas: serviceAreas(entry, id),
      service_at_locations: sites,
      languages: languages(entry, id),
      attributes: classification('service', id, entry),
    });
  }

  const byOrganization = new Map(organizations.map((organization) => [organization.id, organization]));
  for (const location of locations) {
    if (location.organization_id !== undefined) byOrganization.get(location.organization_id)?.locations.push(location);
  }

  return { taxonomies: taxonomiesOf(), taxonomyTerms: [...terms.values()], organizations, services, locations, serviceAtLocations };
};

/** A service as the API description's list endpoint gives it: its one-to-one fields only. */
export const serviceListItem = ({ organization: _o, phones: _p, service_areas: _a, service_at_locations: _l, languages: _g, attributes: _t, ...fields }: HsdsService) => fields;

/** An organization as the list endpoint gives it: its one-to-one fields only. */
export const organizationListItem = ({ phones: _p, attributes: _a, locations: _l, ...fields }: HsdsOrganization) => fields;

/** A location's one-to-one fields. */
export const locationListItem = ({ attributes: _a, ...fields }: HsdsLocation) => fields;

/** A service_at_location with its location and service, as the list endpoint gives it. */
export const serviceAtLocationItem = (link: HsdsServiceAtLocation, dataset: HsdsDataset) => {
  const location = dataset.locations.find((l) => l.id === link.location_id);
  const service = dataset.services.find((s) => s.id === link.service_id);
  return {
    ...link,
    ...(location ? { location: locationListItem(location) } : {}),
    ...(service ? { service: serviceListItem(service) } : {}),
  };
};
