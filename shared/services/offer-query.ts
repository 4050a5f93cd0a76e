/**
 * Reading establishment-offer search parameters: the one parser the JSON API and the pages share. It
 * turns raw query parameters (`offerType`, `availability`, `minArea`, `maxArea`, `minPower`,
 * `railSiding`, `near`, `nearMunicipality`, `radius`, `sort`) into `OfferFilters` and a `SearchSort`,
 * and owns the rule that a distance sort or a radius needs a point to measure from.
 */
import { OFFER_AVAILABILITIES, OFFER_TYPES, type GeoPoint, type OfferAvailability, type OfferType } from '#shared/domain/entry.ts';
import { ValidationError, type FieldIssue } from '#shared/domain/errors.ts';
import { MAX_RADIUS_KM, SEARCH_SORTS, type OfferFilters, type SearchQuery, type SearchSort } from '#shared/domain/search.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { readTypedNumber, type Language } from '#shared/domain/text.ts';

export const OFFER_PARAMS = [
  'offerType',
  'availability',
  'minArea',
  'maxArea',
  'minPower',
  'railSiding',
  'near',
  'nearMunicipality',
  'radius',
  'sort',
] as const;
export type OfferParam = (typeof OFFER_PARAMS)[number];

/** Parameters as a query string gives them: absent, once, or repeated. Other keys are ignored. */
export type RawOfferParams = Partial<Record<OfferParam, string | readonly string[] | undefined>>;

export type OfferQuery = {
  offer: OfferFilters;
  sort: SearchSort;
  /** The municipality whose central town `offer.near` is, when the point was given as `nearMunicipality`. */
  nearMunicipality?: string;
};

export type OfferQueryResult = { query: OfferQuery; issues: FieldIssue[] };

const values = (raw: string | readonly string[] | undefined): string[] =>
  (raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...raw]).map((v) => v.trim()).filter((v) => v !== '');

const single = (raw: string | readonly string[] | undefined): string | undefined => values(raw).at(-1);


const readPoint = (text: string): GeoPoint | undefined => {
  const parts = text.split(/[,;]|\s+/).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length !== 2) return undefined;
  const [lat, lon] = parts.map((p) => (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(p) ? Number(p) : Number.NaN)) as [number, number];
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { lat, lon };
};

/**
 * Reads offer parameters without throwing: the filters and sort that could be read, and one issue per
 * unreadable parameter (named as given). Empty values count as absent, so an unfilled form field is harmless.
 */
export const readOfferQuery = (raw: RawOfferParams, taxonomy: Taxonomy, lang: Language = 'sv'): OfferQueryResult => {
  const issues: FieldIssue[] = [];
  const offer: OfferFilters = { type: [], availability: [] };
  const issue = (name: OfferParam, reason: string) => issues.push({ name, reason });

  const enumList = <T extends string>(name: OfferParam, allowed: readonly T[]): T[] => {
    const given = values(raw[name]);
    const unknown = given.filter((v) => !(allowed as readonly string[]).includes(v));
    if (unknown.length > 0) issue(name, `unknown value ${unknown.map((v) => `"${v}"`).join(', ')}; expected one of ${allowed.join(', ')}`);
    return [...new Set(given.filter((v): v is T => (allowed as readonly string[]).includes(v)))];
  };
  offer.type = enumList<OfferType>('offerType', OFFER_TYPES);
  offer.availability = enumList<OfferAvailability>('availability', OFFER_AVAILABILITIES);

  const amount = (name: OfferParam, unit: string, check: (n: number) => boolean, expected: string): number | undefined => {
    const text = single(raw[name]);
    if (text === undefined) return undefined;
    const n = readTypedNumber(text, lang);
    if (n === undefined || !Number.isFinite(n) || !check(n)) {
      issue(name, `"${text}" is not ${expected} (${unit})`);
      return undefined;
    }
    return n;
  };
  const minAreaM2 = amount('minArea', 'm²', (n) => n >= 0, 'a number of at least 0');
  const maxAreaM2 = amount('maxArea', 'm²', (n) => n >= 0, 'a number of at least 0');
  const minPowerMW = amount('minPower', 'MW', (n) => n >= 0, 'a number of at least 0');
  const radiusKm = amount('radius', 'km', (n) => n > 0 && n <= MAX_RADIUS_KM, `a number above 0 and at most ${MAX_RADIUS_KM}`);
  if (minAreaM2 !== undefined) offer.minAreaM2 = minAreaM2;
  if (maxAreaM2 !== undefined) {
    if (minAreaM2 !== undefined && maxAreaM2 < minAreaM2) issue('maxArea', `must not be below minArea (${minAreaM2})`);
    else offer.maxAreaM2 = maxAreaM2;
  }
  if (minPowerMW !== undefined) offer.minPowerMW = minPowerMW;

  const siding = single(raw.railSiding);
  if (siding === 'true' || siding === 'on') offer.railSiding = true;
  else if (siding === 'false') offer.railSiding = false;
  else if (siding !== undefined && siding !== '') issue('railSiding', `"${siding}" is not true or false`);

  const nearText = single(raw.near);
  const municipalityCode = single(raw.nearMunicipality);
  let nearMunicipality: string | undefined;
  if (nearText !== undefined && municipalityCode !== undefined) {
    issue('nearMunicipality', 'give either near or nearMunicipality, not both');
  } else if (nearText !== undefined) {
    const point = readPoint(nearText);
    if (point) offer.near = point;
    else issue('near', `"${nearText}" is not a position as lat,lon in decimal degrees (e.g. 59.27,15.21)`);
  } else if (municipalityCode !== undefined) {
    const municipality = taxonomy.municipalities.find((m) => m.code === municipalityCode);
    if (municipality) {
      offer.near = { lat: municipality.position.lat, lon: municipality.position.lon };
      nearMunicipality = municipality.code;
    } else {
      issue('nearMunicipality', `unknown municipality "${municipalityCode}"; expected one of ${taxonomy.municipalities.map((m) => m.code).join(', ')}`);
    }
  }
  const nearGiven = nearText !== undefined || municipalityCode !== undefined;
  if (radiusKm !== undefined) {
    if (offer.near) offer.radiusKm = radiusKm;
    else if (!nearGiven) issue('radius', 'needs near or nearMunicipality to measure from');
  }

  let sort: SearchSort = 'relevance';
  const sortText = single(raw.sort);
  if (sortText !== undefined) {
    if (!(SEARCH_SORTS as readonly string[]).includes(sortText)) issue('sort', `unknown value "${sortText}"; expected one of ${SEARCH_SORTS.join(', ')}`);
    else if (sortText === 'distance' && !offer.near && !nearGiven) issue('sort', 'distance needs near or nearMunicipality to measure from');
    else sort = sortText as SearchSort;
  }
  if (sort === 'distance' && !offer.near) sort = 'relevance';

  return { query: { offer, sort, ...(nearMunicipality ? { nearMunicipality } : {}) }, issues };
};

/** Reads offer parameters, or throws a ValidationError naming every unreadable one. */
export const parseOfferQuery = (raw: RawOfferParams, taxonomy: Taxonomy): OfferQuery => {
  const { query, issues } = readOfferQuery(raw, taxonomy);
  if (issues.length > 0) {
    throw new ValidationError(`Check ${issues.map((i) => `"${i.name}"`).join(', ')}: ${issues.map((i) => i.reason).join('; ')}.`, issues);
  }
  return query;
};

/** The parameters that give back an offer query, in `OFFER_PARAMS` order, for links and forms. */
export const offerQueryParams = (query: OfferQuery): [OfferParam, string][] => {
  const { offer } = query;
  return [
    ...offer.type.map((t): [OfferParam, string] => ['offerType', t]),
    ...offer.availability.map((a): [OfferParam, string] => ['availability', a]),
    ...(offer.minAreaM2 !== undefined ? [['minArea', String(offer.minAreaM2)] as [OfferParam, string]] : []),
    ...(offer.maxAreaM2 !== undefined ? [['maxArea', String(offer.maxAreaM2)] as [OfferParam, string]] : []),
    ...(offer.minPowerMW !== undefined ? [['minPower', String(offer.minPowerMW)] as [OfferParam, string]] : []),
    ...(offer.railSiding !== undefined ? [['railSiding', String(offer.railSiding)] as [OfferParam, string]] : []),
    ...(query.nearMunicipality
      ? [['nearMunicipality', query.nearMunicipality] as [OfferParam, string]]
      : offer.near
        ? [['near', `${offer.near.lat},${offer.near.lon}`] as [OfferParam, string]]
        : []),
    ...(offer.radiusKm !== undefined ? [['radius', String(offer.radiusKm)] as [OfferParam, string]] : []),
    ...(query.sort !== 'relevance' ? [['sort', query.sort] as [OfferParam, string]] : []),
  ];
};

const needsNear = (name: 'sort' | 'radius', what: string) =>
  new ValidationError(`Check "${name}": ${what} needs near or nearMunicipality to measure from.`, [
    { name, reason: `${what} needs near or nearMunicipality to measure from` },
  ]);

/** The rule every engine relies on: a distance sort and a radius need `offer.near`. Throws a ValidationError naming the parameter. */
export const assertMeasurable = (query: Pick<SearchQuery, 'offer' | 'sort'>): void => {
  if (query.sort === 'distance' && !query.offer.near) throw needsNear('sort', 'sorting by distance');
  if (query.offer.radiusKm !== undefined && !query.offer.near) throw needsNear('radius', 'a radius');
};
