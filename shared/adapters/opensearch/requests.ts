/**
 * Pure builders of every request the adapter sends: search (query, offer filters, post_filter, one
 * filter aggregation per facet, highlight, paging, sort), suggest, bulk with external versions, count,
 * settings, and the index administration a reindex needs.
 */
import { restrictsToOffers, type OfferFilters, type Preference, type SearchQuery, type SearchSort, type SuggestQuery } from '#shared/domain/search.ts';
import { activePreferences, PREFERENCE_FACETS } from '#shared/search/preference.ts';
import { FACETS, type Facet } from '#shared/domain/taxonomy.ts';
import type { Language } from '#shared/domain/text.ts';
import type { IndexOperation } from '#shared/ports/search-index.ts';
import type { QueryUnit } from '#shared/search/query-plan.ts';
import { externalVersion, toStoredDocument, toTombstone } from './documents.ts';
import { DECOMPOUNDER_SETTINGS, LANGUAGES, SUBFIELDS, type IndexDefinition } from './index-definition.ts';
import type { OpenSearchRequest } from './transport.ts';
import { hasAlternatives, hasLetters, knownClause, NEED_TEXT_FIELDS, unitClause, type Level, type Spelling } from './unit-queries.ts';

/** What each matched unit adds to a relaxed hit's score, so hits matching more units come first. */
export const RELAXED_UNIT_SCORE = 10_000;
/** Facets are taxonomy codes; no dimension comes near this many values. */
export const MAX_FACET_VALUES = 500;

/** Highlight marks that no catalogue text contains (Unicode private use). */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export type RefreshPolicy = 'true' | 'wait_for';

const path = (...parts: string[]) => `/${parts.map(encodeURIComponent).join('/')}`;

const TOMBSTONE = { term: { deleted: true } };

/** Visible on `today`: validFrom (if any) on or before it, validUntil (if any) on or after it. */
export const validOn = (today: string) => [
  { bool: { should: [{ bool: { must_not: [{ exists: { field: 'validFrom' } }] } }, { range: { validFrom: { lte: today } } }], minimum_should_match: 1 } },
  { bool: { should: [{ bool: { must_not: [{ exists: { field: 'validUntil' } }] } }, { range: { validUntil: { gte: today } } }], minimum_should_match: 1 } },
];

/**
 * How a search treats its units, each at its level and in its spelling (folded unless given), a need
 * unit's meaning scaled by its `needScales` entry (see needScaleRequest; NEED_MIN_SCORE unless given):
 * `strict` requires the `required` ones (the rest only score), and scales a score by the share of the
 * `coordinated` units an entry matches (shared/search/query-plan.ts coordination); `relaxed` needs any.
 */
type UnitTreatment = { levels: readonly Level[]; spellings?: readonly Spelling[]; needScales?: readonly (number | undefined)[] };
export type MatchMode =
  | ({ kind: 'strict'; required: readonly boolean[]; coordinated?: readonly boolean[] } & UnitTreatment)
  | ({ kind: 'relaxed' } & UnitTreatment);

/** A unit's aggregation name in the statistics request: per level and spelling, or whether the catalogue knows its letters. */
export const unitCountName = (unit: number, level: Level | 'known', spelling: Spelling = 'folded'): string =>
  `unit_${unit}_${level}${spelling === 'lettered' ? '_lettered' : ''}`;

/** The levels a unit is counted at: widened only when it has synonyms or compound parts. */
export const unitLevels = (unit: QueryUnit): Level[] => (hasAlternatives(unit) ? ['plain', 'widened', 'tolerant'] : ['plain', 'tolerant']);

/**
 * Counts the live documents, and per unit those it matches at each level, for choosing each unit's
 * level and telling common units from rare. A unit typed with å, ä or ö is also counted with its
 * letters kept, and whether the catalogue knows it so (`known`), which decides its spelling.
 */
export const unitStatsRequest = (index: string, plan: readonly QueryUnit[]): OpenSearchRequest => ({
  method: 'POST',
  path: path(index, '_search'),
  body: {
    size: 0,
    track_total_hits: true,
    query: { bool: { must_not: [TOMBSTONE] } },
    aggs: Object.fromEntries(
      plan.flatMap((unit, i) => [
        ...unitLevels(unit).map((level) => [unitCountName(i, level), { filter: unitClause(unit, i, level, { named: false, prefix: 'folded' }) }]),
        ...(hasLetters(unit)
          ? [
              [unitCountName(i, 'known'), { filter: knownClause(unit) }],
              ...unitLevels(unit).map((level) => [
                unitCountName(i, level, 'lettered'),
                { filter: unitClause(unit, i, level, { named: false, prefix: 'folded', spelling: 'lettered' }) },
              ]),
            ]
          : []),
      ]),
    ),
  },
});

/**
 * The best text score of each need unit, at its level and in its spelling, in the fields a need's text is
 * looked for in (one search per need unit, in one _msearch): the scale of its meaning (meaningClause), as
 * the embedded engine scales a need by the unit's best text score. Undefined when the plan has no need.
 */
export const needScaleRequest = (
  index: string,
  plan: readonly QueryUnit[],
  levels: readonly Level[],
  spellings: readonly Spelling[],
): OpenSearchRequest | undefined => {
  const needs = plan.flatMap((unit, i) => (unit.means ? [i] : []));
  if (needs.length === 0) return undefined;
  return {
    method: 'POST',
    path: path(index, '_msearch'),
    bulkBody: needs.flatMap((i) => [
      {},
      {
        size: 1,
        _source: false,
        track_total_hits: false,
        query: {
          bool: {
            must: [unitClause(plan[i]!, i, levels[i] ?? 'plain', { fields: NEED_TEXT_FIELDS, named: false, prefix: 'folded', spelling: spellings[i] ?? 'folded' })],
            must_not: [TOMBSTONE],
          },
        },
      },
    ]),
  };
};

/** The aggregation counting documents that match every required unit, whatever the filters and validity. */
export const STRICT_MATCHES = 'strict_matches';

const unitClauses = (plan: readonly QueryUnit[], mode: MatchMode, named: boolean) =>
  plan.map((unit, i) =>
    unitClause(unit, i, mode.levels[i] ?? 'plain', { named, prefix: 'folded', spelling: mode.spellings?.[i] ?? 'folded', needScale: mode.needScales?.[i] }),
  );

const textQuery = (plan: readonly QueryUnit[], mode: MatchMode) => {
  const clauses = unitClauses(plan, mode, true);
  if (mode.kind === 'relaxed') {
    return {
      should: clauses.map((clause) => ({ bool: { should: [{ constant_score: { filter: clause, boost: RELAXED_UNIT_SCORE } }, clause] } })),
      minimum_should_match: 1,
    };
  }
  const must = clauses.filter((_, i) => mode.required[i] !== false);
  const should = clauses.filter((_, i) => mode.required[i] === false);
  return { must, ...(should.length > 0 ? { should } : {}) };
};

/**
 * A strict text query scaled by coordination: one function per coordinated unit, each adding its share
 * (1 / the number of coordinated units) when the entry matches that unit, multiplied into the score.
 * Unchanged with fewer than two coordinated units, or when the search is relaxed (there, matched units already rank).
 */
export const coordinated = (plan: readonly QueryUnit[], mode: MatchMode, query: object): object => {
  if (mode.kind !== 'strict' || (mode.coordinated?.filter(Boolean).length ?? 0) < 2) return query;
  const clauses = unitClauses(plan, mode, false);
  const share = 1 / mode.coordinated!.filter(Boolean).length;
  return {
    function_score: {
      query,
      functions: clauses.flatMap((clause, i) => (mode.coordinated![i] ? [{ filter: clause, weight: share }] : [])),
      score_mode: 'sum',
      boost_mode: 'multiply',
    },
  };
};

/** Each preference met raises a score by half (with words) or is the score (without), as in the embedded engine. */
export const PREFERENCE_WEIGHT = 0.5;

/**
 * The query wrapped so that preferences rank: one weighted function per preference (see preference.ts),
 * summed on a base of 1; multiplied into the text score, or replacing the constant score of a list.
 */
export const preferring = (prefer: Preference | undefined, text: boolean, query: object): object => {
  const active = activePreferences(prefer);
  if (!active) return query;
  const filters = [
    ...PREFERENCE_FACETS.flatMap((facet) => (active[facet]?.length ? [{ terms: { [`facets.${facet}`]: [...active[facet]!] } }] : [])),
    ...(active.profileArea?.length ? [{ terms: { profileAreas: [...active.profileArea] } }] : []),
    ...(active.municipality?.length ? [{ bool: { filter: [{ terms: { 'facets.municipality': [...active.municipality] } }, { term: { wholeCounty: false } }] } }] : []),
  ];
  return {
    function_score: {
      query,
      functions: [{ weight: 1 }, ...filters.map((filter) => ({ filter, weight: PREFERENCE_WEIGHT }))],
      score_mode: 'sum',
      boost_mode: text ? 'multiply' : 'replace',
    },
  };
};

const facetFilter = (query: SearchQuery, facet: Facet) => ({ terms: { [`facets.${facet}`]: [...query.filters[facet]] } });

/**
 * The offer filters as query filters: any of them keeps only offers, and each needs its fact stated.
 * `near` alone adds none; with a radius it keeps offers within that arc distance.
 */
export const offerFilters = (offer: OfferFilters): object[] => {
  const area = {
    ...(offer.minAreaM2 !== undefined ? { gte: offer.minAreaM2 } : {}),
    ...(offer.maxAreaM2 !== undefined ? { lte: offer.maxAreaM2 } : {}),
  };
  return [
    ...(restrictsToOffers(offer) ? [{ exists: { field: 'offer.type' } }] : []),
    ...(offer.type.length > 0 ? [{ terms: { 'offer.type': [...offer.type] } }] : []),
    ...(offer.availability.length > 0 ? [{ terms: { 'offer.availability': [...offer.availability] } }] : []),
    ...(Object.keys(area).length > 0 ? [{ range: { 'offer.areaM2': area } }] : []),
    ...(offer.minPowerMW !== undefined ? [{ range: { 'offer.powerMW': { gte: offer.minPowerMW } } }] : []),
    ...(offer.railSiding !== undefined ? [{ term: { 'offer.railSiding': offer.railSiding } }] : []),
    ...(offer.radiusKm !== undefined && offer.near !== undefined
      ? [{ geo_distance: { distance: `${offer.radiusKm}km`, distance_type: 'arc', 'offer.position': { lat: offer.near.lat, lon: offer.near.lon } } }]
      : []),
  ];
};

/** Fields a hit is built from; the description is needed for its snippet, the offer for its facts and distance. */
export const HIT_SOURCE = ['id', 'kind', 'name', 'summary', 'description', 'providerId', 'wholeCounty', 'facets', 'profileAreas', 'offer'];

/** The text fields whose highlights tell which words of a snippet matched. */
export const HIGHLIGHT_FIELDS = (['summary', 'description'] as const).flatMap((field) =>
  LANGUAGES.flatMap((language) => [`${field}.${language}`, `${field}.${language}.${SUBFIELDS.exact}`, `${field}.${language}.${SUBFIELDS.folded}`]),
);

const nameOrder = (language: Language) => [{ [`nameSort.${language}`]: { order: 'asc' } }, { id: { order: 'asc' } }];

/**
 * The sort of a search: relevance (score, then name; by name alone without words), or first by the
 * offer's area (missing last either way) or its arc distance from `near` in km, ties in relevance order.
 */
export const searchSort = (sort: SearchSort, offer: OfferFilters, text: boolean, language: Language): object[] => {
  const relevance = text ? [{ _score: { order: 'desc' } }, ...nameOrder(language)] : nameOrder(language);
  switch (sort) {
    case 'area-desc':
    case 'area-asc':
      return [{ 'offer.areaM2': { order: sort === 'area-desc' ? 'desc' : 'asc', missing: '_last' } }, ...relevance];
    case 'distance':
      return offer.near
        ? [{ _geo_distance: { 'offer.position': { lat: offer.near.lat, lon: offer.near.lon }, order: 'asc', unit: 'km', distance_type: 'arc' } }, ...relevance]
        : relevance;
    default:
      return relevance;
  }
};

/**
 * One search: text units in the query (see MatchMode), visibility and provider in its `filter`;
 * facet filters in `post_filter`, so the hits are narrowed but the aggregations are not; each
 * facet's aggregation filters by all the other chosen facets, which makes the counts disjunctive.
 * Offer filters are not facets: they sit in the query's `filter` and narrow every count. An empty
 * `q` lists by name (see searchSort for the other orders; scores are tracked when they are not first). A strict search of several units also counts its unfiltered matches
 * (STRICT_MATCHES), so the caller knows when to relax.
 */
export const searchRequest = (
  index: string,
  query: SearchQuery,
  plan: readonly QueryUnit[],
  mode: MatchMode = { kind: 'strict', levels: plan.map(() => 'plain'), required: plan.map(() => true) },
): OpenSearchRequest => {
  const text = query.q.trim() !== '';
  const strictCount = text && mode.kind === 'strict' && plan.length > 1;
  const active = FACETS.filter((facet) => query.filters[facet].length > 0);
  const aggregations = Object.fromEntries(
    FACETS.map((facet) => {
      const others = active.filter((other) => other !== facet).map((other) => facetFilter(query, other));
      return [
        facet,
        {
          filter: others.length > 0 ? { bool: { filter: others } } : { match_all: {} },
          aggs: { values: { terms: { field: `facets.${facet}`, size: MAX_FACET_VALUES } } },
        },
      ];
    }),
  );
  return {
    method: 'POST',
    path: path(index, '_search'),
    body: {
      from: (query.page - 1) * query.pageSize,
      size: query.pageSize,
      track_total_hits: true,
      _source: { includes: HIT_SOURCE },
      query: preferring(
        query.prefer,
        text,
        coordinated(text ? plan : [], mode, {
          bool: {
            ...(text ? textQuery(plan, mode) : {}),
            filter: [
              ...validOn(query.today),
              ...(query.providerId !== undefined ? [{ term: { providerId: query.providerId } }] : []),
              ...offerFilters(query.offer),
            ],
            must_not: [TOMBSTONE],
          },
        }),
      ),
      ...(active.length > 0 ? { post_filter: { bool: { filter: active.map((facet) => facetFilter(query, facet)) } } } : {}),
      aggs: {
        ...aggregations,
        ...(strictCount && mode.kind === 'strict'
          ? { [STRICT_MATCHES]: { global: {}, aggs: { live: { filter: { bool: { ...textQuery(plan, mode), must_not: [TOMBSTONE] } } } } } }
          : {}),
      },
      sort: searchSort(query.sort, query.offer, text || activePreferences(query.prefer) !== undefined, query.language),
      ...(text && query.sort !== 'relevance' ? { track_scores: true } : {}),
      ...(text
        ? {
            highlight: {
              type: 'unified',
              pre_tags: [MARK_START],
              post_tags: [MARK_END],
              number_of_fragments: 5,
              fragment_size: 100,
              fields: Object.fromEntries(HIGHLIGHT_FIELDS.map((field) => [field, {}])),
            },
          }
        : {}),
    },
  };
};

/**
 * Names of visible entries matching every unit as typed or by compound parts, the last unit as a
 * prefix on the names' edge n-grams (one request, so typos are not tolerated while typing).
 */
export const suggestRequest = (index: string, query: SuggestQuery, plan: readonly QueryUnit[]): OpenSearchRequest => ({
  method: 'POST',
  path: path(index, '_search'),
  body: {
    size: query.limit,
    _source: { includes: ['id', 'kind', 'name'] },
    query: {
      bool: {
        must: plan.map((unit, i) => unitClause(unit, i, 'widened', { fields: ['name'], named: false, prefix: 'edge-ngram' })),
        filter: validOn(query.today),
        must_not: [TOMBSTONE],
      },
    },
    sort: [{ _score: { order: 'desc' } }, ...nameOrder(query.language)],
  },
});

/**
 * Operations in order as one bulk request. A delete is written as a tombstone document rather than
 * removed, so its version outlives OpenSearch's short memory of deletions (index.gc_deletes) and a
 * late, older upsert still loses to it. `requireAlias` refuses to write when `index` is not an
 * alias, rather than let OpenSearch create an index without our mappings.
 */
export const bulkRequest = (
  index: string,
  operations: readonly IndexOperation[],
  options: { refresh?: RefreshPolicy; requireAlias?: boolean } = {},
): OpenSearchRequest => ({
  method: 'POST',
  path: path(index, '_bulk'),
  ...(options.refresh || options.requireAlias
    ? { querystring: { ...(options.refresh ? { refresh: options.refresh } : {}), ...(options.requireAlias ? { require_alias: 'true' } : {}) } }
    : {}),
  bulkBody: operations.flatMap((operation) => {
    const id = operation.type === 'upsert' ? operation.document.id : operation.id;
    return [
      { index: { _id: id, version: externalVersion(operation), version_type: 'external' } },
      operation.type === 'upsert' ? toStoredDocument(operation.document) : toTombstone(operation.id, operation.version),
    ];
  }),
});

/** Counts live documents, tombstones excluded. */
export const countRequest = (index: string): OpenSearchRequest => ({
  method: 'POST',
  path: path(index, '_count'),
  body: { query: { bool: { must_not: [TOMBSTONE] } } },
});

/** The decompounder's word list of the index behind `index`. */
export const lexiconRequest = (index: string): OpenSearchRequest => ({
  method: 'GET',
  path: `${path(index, '_settings')}/${DECOMPOUNDER_SETTINGS}`,
});

export const createIndexRequest = (name: string, definition: IndexDefinition): OpenSearchRequest => ({
  method: 'PUT',
  path: path(name),
  body: definition,
});

export const deleteIndexRequest = (name: string): OpenSearchRequest => ({ method: 'DELETE', path: path(name) });

export const refreshRequest = (name: string): OpenSearchRequest => ({ method: 'POST', path: path(name, '_refresh') });

/** Which indices an alias points to (404 when it points nowhere). */
export const getAliasRequest = (alias: string): OpenSearchRequest => ({ method: 'GET', path: path('_alias', alias) });

/** Whether an index (or alias) of this name exists. */
export const existsRequest = (name: string): OpenSearchRequest => ({ method: 'HEAD', path: path(name) });

/**
 * Points `alias` at `to` alone in one atomic step: removes it from `from`, and removes a concrete
 * index that still holds the alias's name (a deployment from before aliases).
 */
export const switchAliasRequest = (alias: string, to: string, from: { indices: readonly string[]; concreteIndex?: boolean }): OpenSearchRequest => ({
  method: 'POST',
  path: '/_aliases',
  body: {
    actions: [
      ...(from.concreteIndex ? [{ remove_index: { index: alias } }] : []),
      ...from.indices.map((index) => ({ remove: { index, alias } })),
      { add: { index: to, alias } },
    ],
  },
});
