/** The search contract shared by every engine: the query, the document an engine indexes, and the result. */
import { z } from 'zod';
import type { Facet, Taxonomy } from './taxonomy.ts';
import { EntryId, EntryKind, GeoPoint, OfferAvailability, OfferType, offerAreaM2, type Entry } from './entry.ts';
import { IsoDate, Language, LocalizedText, type Label } from './text.ts';

export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE_SIZE = 50;
export const MAX_PAGE = 500;

export type FacetFilters = Record<Facet, readonly string[]>;

export const MAX_RADIUS_KM = 500;

/** How hits are ordered: by relevance, by the offer's area, or by distance from `offer.near`. */
export const SEARCH_SORTS = ['relevance', 'area-desc', 'area-asc', 'distance'] as const;
export const SearchSort = z.enum(SEARCH_SORTS);
export type SearchSort = z.infer<typeof SearchSort>;

/**
 * Filters on establishment offers' hard facts. Any of them set restricts hits to offers that have
 * the fact and satisfy it (an offer that does not state its power does not pass a minimum power).
 * `near` alone only measures distances; with `radiusKm` it also keeps offers within that great-circle
 * distance (mean Earth radius, as OpenSearch's `geo_distance` with `arc`).
 */
export const OfferFilters = z.strictObject({
  type: z.array(OfferType).default([]),
  availability: z.array(OfferAvailability).default([]),
  minAreaM2: z.number().min(0).optional(),
  maxAreaM2: z.number().min(0).optional(),
  minPowerMW: z.number().min(0).optional(),
  /** `true` keeps offers stating a rail siding, `false` offers stating there is none; an offer that does not say passes neither. */
  railSiding: z.boolean().optional(),
  near: GeoPoint.optional(),
  radiusKm: z.number().positive().max(MAX_RADIUS_KM).optional(),
});
export type OfferFilters = z.infer<typeof OfferFilters>;

/** True when any offer filter restricts the hits (`near` without a radius does not). */
export const restrictsToOffers = (offer: OfferFilters): boolean =>
  offer.type.length > 0 ||
  offer.availability.length > 0 ||
  offer.minAreaM2 !== undefined ||
  offer.maxAreaM2 !== undefined ||
  offer.minPowerMW !== undefined ||
  offer.railSiding !== undefined ||
  offer.radiusKm !== undefined;

const PreferredCodes = z.array(z.string()).optional();
export const Preference = z.strictObject({
  kind: PreferredCodes,
  area: PreferredCodes,
  stage: PreferredCodes,
  supportType: PreferredCodes,
  profileArea: PreferredCodes,
  municipality: PreferredCodes,
});
export type Preference = z.infer<typeof Preference>;

export const SearchQuery = z.strictObject({
  q: z.string().max(MAX_QUERY_LENGTH).default(''),
  filters: z.strictObject({
    kind: z.array(z.string()).default([]),
    area: z.array(z.string()).default([]),
    stage: z.array(z.string()).default([]),
    municipality: z.array(z.string()).default([]),
    supportType: z.array(z.string()).default([]),
    focus: z.array(z.string()).default([]),
  }),
  page: z.int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.int().min(1).max(MAX_PAGE_SIZE).default(20),
  language: Language.default('sv'),
  /** Only entries provided by this actor (an entry page's "more from this provider"). */
  providerId: EntryId.optional(),
  offer: OfferFilters.default({ type: [], availability: [] }),
  sort: SearchSort.default('relevance'),
  /** The day whose validity windows apply, as an ISO date. */
  today: IsoDate,
  /**
   * Values that rank an entry up without filtering (the finder's softer answers): entries meeting more
   * of them come first; a municipality here prefers entries of that municipality over county-wide ones.
   */
  prefer: Preference.optional(),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const MAX_SUGGESTIONS = 10;

/** Search-as-you-type: entry names that start with, or contain a word starting with, the typed text. */
export const SuggestQuery = z.strictObject({
  prefix: z.string().trim().min(1).max(100),
  language: Language.default('sv'),
  limit: z.int().min(1).max(MAX_SUGGESTIONS).default(8),
  today: IsoDate,
});
export type SuggestQuery = z.infer<typeof SuggestQuery>;

export const Suggestion = z.strictObject({ id: EntryId, kind: EntryKind, name: z.string() });
export type Suggestion = z.infer<typeof Suggestion>;

/**
 * An establishment offer's facts as an engine filters and sorts on them. `position` is the offer's own
 * or, when it gives none, its municipality's central town (`positionApproximate`).
 */
export const OfferDocument = z.strictObject({
  type: OfferType,
  municipality: z.string(),
  placeName: z.string(),
  areaM2: z.number().optional(),
  landAreaM2: z.number().optional(),
  floorAreaM2: z.number().optional(),
  powerMW: z.number().optional(),
  /** Three-valued like every offer fact: true, false, or absent when the offer does not state it. */
  railSiding: z.boolean().optional(),
  availability: OfferAvailability.optional(),
  availableFrom: IsoDate.optional(),
  position: GeoPoint,
  positionApproximate: z.boolean(),
});
export type OfferDocument = z.infer<typeof OfferDocument>;

/** What an engine stores per entry: text to match, codes to filter on, and what a hit shows. */
export const SearchDocument = z.strictObject({
  id: EntryId,
  version: z.int().min(1),
  kind: EntryKind,
  name: LocalizedText(200),
  summary: LocalizedText(500),
  description: LocalizedText(8000),
  sectors: z.array(z.string()),
  /** Taxonomy labels the entry is known by without saying so: kind, areas, stages, support types, local municipalities. */
  keywords: z.array(z.string()),
  providerId: EntryId.optional(),
  wholeCounty: z.boolean(),
  facets: z.strictObject({
    kind: z.array(z.string()),
    area: z.array(z.string()),
    stage: z.array(z.string()),
    municipality: z.array(z.string()),
    supportType: z.array(z.string()),
    focus: z.array(z.string()),
  }),
  /** The smart-specialisation profile areas a spearhead entry serves. */
  profileAreas: z.array(z.string()).optional(),
  offer: OfferDocument.optional(),
  validFrom: IsoDate.optional(),
  validUntil: IsoDate.optional(),
});
export type SearchDocument = z.infer<typeof SearchDocument>;

/** A run of snippet text, marked when it matched the query. */
export const SnippetPart = z.strictObject({ text: z.string(), highlighted: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPart>;

export const SearchHit = z.strictObject({
  id: EntryId,
  kind: EntryKind,
  name: LocalizedText(200),
  summary: LocalizedText(500),
  providerId: EntryId.optional(),
  wholeCounty: z.boolean(),
  facets: SearchDocument.shape.facets,
  profileAreas: z.array(z.string()).optional(),
  score: z.number(),
  /**
   * Why the hit fits: the meaningful query words it matched, in which fields, and for a need word the
   * taxonomy values through which the entry serves it (`meets`), e.g. "investera" → kind investor.
   */
  matchedTerms: z.array(
    z.strictObject({
      term: z.string(),
      fields: z.array(z.string()),
      meets: z.array(z.strictObject({ dimension: z.enum(['kind', 'supportType', 'area', 'stage', 'profileArea']), values: z.array(z.string()) })).optional(),
    }),
  ),
  snippet: z.array(SnippetPart),
  offer: OfferDocument.optional(),
  /** Great-circle distance in km from the query's `offer.near`, rounded to 0.1 km. */
  distanceKm: z.number().optional(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export type FacetCounts = Record<Facet, Record<string, number>>;

/** `relaxed` when no entry matched every word and the hits match only some of them. */
export type EngineResult = { total: number; hits: SearchHit[]; facets: FacetCounts; relaxed: boolean };

/** The taxonomy labels an entry is found by: its kind, areas, stages and support types, its own municipalities and their towns. */
export const taxonomyKeywords = (
  entry: { kind: string; areas: readonly string[]; stages: readonly string[]; supportTypes: readonly string[]; municipalities: readonly string[] },
  taxonomy: Taxonomy,
): string[] => {
  const labels = (terms: readonly { code: string; label: Label }[], codes: readonly string[]) =>
    terms.filter((t) => codes.includes(t.code)).flatMap((t) => [t.label.sv, t.label.en]);
  return [
    ...new Set([
      ...labels(taxonomy.kinds, [entry.kind]),
      ...labels(taxonomy.areas, entry.areas),
      ...labels(taxonomy.stages, entry.stages),
      ...labels(taxonomy.supportTypes, entry.supportTypes),
      ...taxonomy.municipalities.filter((m) => entry.municipalities.includes(m.code)).flatMap((m) => [m.name, m.centralTown]),
    ]),
  ];
};

/** Builds the document an engine indexes for an entry; municipalities of a county-wide entry are all of them. */
export const toSearchDocument = (entry: Entry, taxonomy: Taxonomy): SearchDocument => {
  const local = entry.municipalities === 'county' ? [] : entry.municipalities;
  return {
    id: entry.id,
    version: entry.version,
    kind: entry.kind,
    name: entry.name,
    summary: entry.summary,
    description: entry.description,
    sectors: entry.sectors,
    keywords: taxonomyKeywords({ ...entry, municipalities: local }, taxonomy),
    ...(entry.providerId ? { providerId: entry.providerId } : {}),
    wholeCounty: entry.municipalities === 'county',
    facets: {
      kind: [entry.kind],
      area: entry.areas,
      stage: entry.stages,
      municipality: entry.municipalities === 'county' ? taxonomy.municipalities.map((m) => m.code) : entry.municipalities,
      supportType: entry.supportTypes,
      focus: [entry.focus.level],
    },
    ...(entry.focus.profileAreas.length > 0 ? { profileAreas: entry.focus.profileAreas } : {}),
    ...(entry.kind === 'establishment-offer' ? { offer: toOfferDocument(entry.establishmentOffer, taxonomy) } : {}),
    ...(entry.validFrom ? { validFrom: entry.validFrom } : {}),
    ...(entry.validUntil ? { validUntil: entry.validUntil } : {}),
  };
};

const toOfferDocument = (offer: Extract<Entry, { kind: 'establishment-offer' }>['establishmentOffer'], taxonomy: Taxonomy): OfferDocument => {
  const centre = taxonomy.municipalities.find((m) => m.code === offer.location.municipality)?.position;
  const position = offer.location.position ?? centre;
  if (!position) throw new Error(`Municipality ${offer.location.municipality} has no position in the taxonomy.`);
  const area = offerAreaM2(offer);
  return {
    type: offer.offerType,
    municipality: offer.location.municipality,
    placeName: offer.location.placeName,
    ...(area !== undefined ? { areaM2: area } : {}),
    ...(offer.landAreaM2 !== undefined ? { landAreaM2: offer.landAreaM2 } : {}),
    ...(offer.floorAreaM2 !== undefined ? { floorAreaM2: offer.floorAreaM2 } : {}),
    ...(offer.powerCapacityMW !== undefined ? { powerMW: offer.powerCapacityMW } : {}),
    ...(offer.railSiding !== undefined ? { railSiding: offer.railSiding } : {}),
    ...(offer.availability ? { availability: offer.availability.status, ...(offer.availability.availableFrom ? { availableFrom: offer.availability.availableFrom } : {}) } : {}),
    position: { lat: position.lat, lon: position.lon },
    positionApproximate: offer.location.position === undefined,
  };
};
