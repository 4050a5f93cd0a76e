import { describe, expect, it } from 'vitest';
import { DECOMPOUNDER_SETTINGS } from '#shared/adapters/opensearch/index-definition.ts';
import {
  bulkRequest,
  countRequest,
  createIndexRequest,
  deleteIndexRequest,
  existsRequest,
  getAliasRequest,
  HIGHLIGHT_FIELDS,
  lexiconRequest,
  MARK_END,
  needScaleRequest,
  MARK_START,
  MAX_FACET_VALUES,
  PREFERENCE_WEIGHT,
  RELAXED_UNIT_SCORE,
  refreshRequest,
  searchRequest,
  STRICT_MATCHES,
  suggestRequest,
  switchAliasRequest,
  unitStatsRequest,
  validOn,
  type MatchMode,
} from '#shared/adapters/opensearch/requests.ts';
import { knownClause, MEANING_FIT_SCRIPT, meaningClause, NEED_MIN_SCORE, NEED_TEXT_FIELDS, unitClause, type Level } from '#shared/adapters/opensearch/unit-queries.ts';
import { parseNeedScaleResponse, parseSearchResponse } from '#shared/adapters/opensearch/responses.ts';
import { compileUnderstanding, meaningFit, meetsMeaning } from '#shared/search/understanding.ts';
import { SuggestQuery } from '#shared/domain/search.ts';
import { planQuery, synonymIndex } from '#shared/search/query-plan.ts';
import { aDocument, aQuery, TODAY } from '../support/builders.ts';

const INDEX = 'vagvisaren-entries';
const SYNONYMS = synonymIndex({ groups: [['vc', 'riskkapital', 'venture capital']], narrower: {} });
const LEXICON = new Set(['innovation', 'export', 'stod']);
const plan = (q: string) => planQuery(q, SYNONYMS, LEXICON);

type Body = Record<string, any>;
const bodyOf = (q: string, overrides: Parameters<typeof aQuery>[0] = {}, mode?: MatchMode) => {
  const query = aQuery({ q, ...overrides });
  return searchRequest(INDEX, query, plan(query.q), mode).body as Body;
};
const strict = (levels: Level[], required = levels.map(() => true)): MatchMode => ({ kind: 'strict', levels, required });

describe('searchRequest', () => {
  describe('without query text', () => {
    const body = bodyOf('');

    it('posts to the alias\'s _search, counting every hit exactly', () => {
      expect(searchRequest(INDEX, aQuery({}), [])).toMatchObject({ method: 'POST', path: '/vagvisaren-entries/_search' });
      expect(body).toMatchObject({ from: 0, size: 20, track_total_hits: true });
    });

    it('lists every visible, live entry in Swedish name order, then by id', () => {
      expect(body.query).toEqual({ bool: { filter: validOn(TODAY), must_not: [{ term: { deleted: true } }] } });
      expect(body.sort).toEqual([{ 'nameSort.sv': { order: 'asc' } }, { id: { order: 'asc' } }]);
      expect(body).not.toHaveProperty('highlight');
    });

    it('sorts by the English name for an English visitor', () => {
      expect(bodyOf('', { language: 'en' }).sort[0]).toEqual({ 'nameSort.en': { order: 'asc' } });
    });

    it('returns only what a hit shows and its snippet needs', () => {
      expect(body._source).toEqual({ includes: ['id', 'kind', 'name', 'summary', 'description', 'providerId', 'wholeCounty', 'facets', 'profileAreas', 'offer'] });
    });
  });

  describe('visibility', () => {
    it('keeps entries whose validity window, where they have one, contains the day', () => {
      expect(validOn('2026-11-27')).toEqual([
        { bool: { should: [{ bool: { must_not: [{ exists: { field: 'validFrom' } }] } }, { range: { validFrom: { lte: '2026-11-27' } } }], minimum_should_match: 1 } },
        { bool: { should: [{ bool: { must_not: [{ exists: { field: 'validUntil' } }] } }, { range: { validUntil: { gte: '2026-11-27' } } }], minimum_should_match: 1 } },
      ]);
    });

    it('narrows to one provider in the query itself, so the facets count within it too', () => {
      const providerId = aDocument({ id: 'almi-actor' }).id;
      expect(bodyOf('', { providerId }).query.bool.filter).toEqual([...validOn(TODAY), { term: { providerId: 'almi-actor' } }]);
    });
  });

  describe('filters and facets', () => {
    const body = bodyOf('', { filters: { kind: ['investor', 'actor'], stage: ['startup'] } });

    it('applies the chosen values as a post_filter: OR within a facet, AND across facets', () => {
      expect(body.post_filter).toEqual({
        bool: { filter: [{ terms: { 'facets.kind': ['investor', 'actor'] } }, { terms: { 'facets.stage': ['startup'] } }] },
      });
      expect(bodyOf('').post_filter).toBeUndefined();
    });

    it('counts each facet under every chosen filter but its own, so the counts are disjunctive', () => {
      expect(body.aggs.kind).toEqual({
        filter: { bool: { filter: [{ terms: { 'facets.stage': ['startup'] } }] } },
        aggs: { values: { terms: { field: 'facets.kind', size: MAX_FACET_VALUES } } },
      });
      expect(body.aggs.stage.filter).toEqual({ bool: { filter: [{ terms: { 'facets.kind': ['investor', 'actor'] } }] } });
      for (const facet of ['area', 'municipality', 'supportType', 'focus']) {
        expect(body.aggs[facet].filter, facet).toEqual({
          bool: { filter: [{ terms: { 'facets.kind': ['investor', 'actor'] } }, { terms: { 'facets.stage': ['startup'] } }] },
        });
      }
    });

    it('counts every facet over everything visible when nothing is chosen', () => {
      const aggs = bodyOf('').aggs;
      expect(Object.keys(aggs)).toEqual(['kind', 'area', 'stage', 'municipality', 'supportType', 'focus']);
      for (const aggregation of Object.values<Body>(aggs)) expect(aggregation.filter).toEqual({ match_all: {} });
    });
  });

  describe('offer filters', () => {
    const ÖREBRO = { lat: 59.274, lon: 15.207 };
    const offerFilter = (offer: NonNullable<Parameters<typeof aQuery>[0]>['offer']) => bodyOf('', { offer }).query.bool.filter.slice(validOn(TODAY).length);

    it('adds nothing when no offer filter is set, nor for near alone', () => {
      expect(offerFilter({})).toEqual([]);
      expect(offerFilter({ near: ÖREBRO })).toEqual([]);
    });

    it('keeps only offers, with any of the chosen types and availabilities', () => {
      expect(offerFilter({ type: ['land', 'office'], availability: ['available'] })).toEqual([
        { exists: { field: 'offer.type' } },
        { terms: { 'offer.type': ['land', 'office'] } },
        { terms: { 'offer.availability': ['available'] } },
      ]);
    });

    it('bounds the area in one range, bounds included, and the power from below', () => {
      expect(offerFilter({ minAreaM2: 1000, maxAreaM2: 5000, minPowerMW: 5 }).slice(1)).toEqual([
        { range: { 'offer.areaM2': { gte: 1000, lte: 5000 } } },
        { range: { 'offer.powerMW': { gte: 5 } } },
      ]);
      expect(offerFilter({ maxAreaM2: 5000 }).slice(1)).toEqual([{ range: { 'offer.areaM2': { lte: 5000 } } }]);
    });

    it('requires a rail siding when asked', () => {
      expect(offerFilter({ railSiding: true }).slice(1)).toEqual([{ term: { 'offer.railSiding': true } }]);
      expect(offerFilter({ railSiding: false }).slice(1)).toEqual([{ term: { 'offer.railSiding': false } }]);
    });

    it('keeps offers within the radius by arc distance from near', () => {
      expect(offerFilter({ near: ÖREBRO, radiusKm: 30 }).slice(1)).toEqual([
        { geo_distance: { distance: '30km', distance_type: 'arc', 'offer.position': { lat: 59.274, lon: 15.207 } } },
      ]);
    });

    it('filters in the query, not the post_filter, so every facet count is narrowed', () => {
      const body = bodyOf('', { offer: { railSiding: true }, filters: { kind: ['actor'] } });
      expect(body.query.bool.filter).toContainEqual({ term: { 'offer.railSiding': true } });
      expect(JSON.stringify(body.post_filter)).not.toContain('offer');
      expect(JSON.stringify(body.aggs)).not.toContain('offer');
    });
  });

  describe('sort', () => {
    const ÖREBRO = { lat: 59.274, lon: 15.207 };
    const byName = [{ 'nameSort.sv': { order: 'asc' } }, { id: { order: 'asc' } }];

    it('sorts by the offer area, missing last, then in relevance order, keeping scores for the hits', () => {
      expect(bodyOf('', { sort: 'area-desc' }).sort).toEqual([{ 'offer.areaM2': { order: 'desc', missing: '_last' } }, ...byName]);
      const body = bodyOf('export', { sort: 'area-asc' });
      expect(body.sort).toEqual([{ 'offer.areaM2': { order: 'asc', missing: '_last' } }, { _score: { order: 'desc' } }, ...byName]);
      expect(body.track_scores).toBe(true);
      expect(bodyOf('export')).not.toHaveProperty('track_scores');
    });

    it('sorts by arc distance in km from near, then in relevance order', () => {
      expect(bodyOf('', { sort: 'distance', offer: { near: ÖREBRO } }).sort).toEqual([
        { _geo_distance: { 'offer.position': { lat: 59.274, lon: 15.207 }, order: 'asc', unit: 'km', distance_type: 'arc' } },
        ...byName,
      ]);
    });

    it('falls back to relevance for a distance sort without near', () => {
      expect(bodyOf('', { sort: 'distance' }).sort).toEqual(byName);
    });
  });

  describe('paging', () => {
    it('starts a page at (page - 1) × pageSize', () => {
      expect(bodyOf('', { page: 3, pageSize: 10 })).toMatchObject({ from: 20, size: 10 });
    });
  });

  describe('with query text', () => {
    it('requires every unit at its level, each field clause named after its unit and field', () => {
      const units = plan('riskkapital tillväxt');
      const body = bodyOf('riskkapital tillväxt', {}, strict(['widened', 'tolerant']));
      expect(body.query.bool.must).toEqual([
        unitClause(units[0]!, 0, 'widened', { named: true, prefix: 'folded' }),
        unitClause(units[1]!, 1, 'tolerant', { named: true, prefix: 'folded' }),
      ]);
      expect(body.query.bool.must[1].bool.should.map((c: Body) => c.bool._name)).toEqual(['1:name', '1:summary', '1:description', '1:labels', '1:tags']);
      expect(body.query.bool.should).toBeUndefined();
    });

    it('ranks by score, then by name, and highlights the snippet fields with private-use marks', () => {
      const body = bodyOf('export');
      expect(body.sort).toEqual([{ _score: { order: 'desc' } }, { 'nameSort.sv': { order: 'asc' } }, { id: { order: 'asc' } }]);
      expect(body.highlight).toMatchObject({ type: 'unified', pre_tags: [MARK_START], post_tags: [MARK_END], number_of_fragments: 5 });
      expect(Object.keys(body.highlight.fields)).toEqual(HIGHLIGHT_FIELDS);
      expect(HIGHLIGHT_FIELDS).toContain('description.en.folded');
    });

    it('counts the entries matching every required unit, whatever the filters, when there is more than one unit', () => {
      const body = bodyOf('riskkapital tillväxt', { filters: { kind: ['investor'] } }, strict(['plain', 'plain']));
      expect(body.aggs[STRICT_MATCHES]).toEqual({
        global: {},
        aggs: { live: { filter: { bool: { must: body.query.bool.must, must_not: [{ term: { deleted: true } }] } } } },
      });
      expect(bodyOf('riskkapital').aggs).not.toHaveProperty(STRICT_MATCHES);
    });

    it('lets a common unit add to the score without requiring it', () => {
      const body = bodyOf('stöd riskkapital', {}, strict(['plain', 'plain'], [false, true]));
      expect(body.query.bool.must.map((c: Body) => c.bool.should[0].bool._name)).toEqual(['1:name']);
      expect(body.query.bool.should.map((c: Body) => c.bool.should[0].bool._name)).toEqual(['0:name']);
    });

    it('relaxes to any unit, each matched unit adding a large constant so that more units rank first', () => {
      const body = bodyOf('riskkapital xylofon', {}, { kind: 'relaxed', levels: ['plain', 'tolerant'] });
      expect(body.query.bool.must).toBeUndefined();
      expect(body.query.bool.minimum_should_match).toBe(1);
      const [first, second] = body.query.bool.should;
      const unit = first.bool.should[1];
      expect(first.bool.should[0]).toEqual({ constant_score: { filter: unit, boost: RELAXED_UNIT_SCORE } });
      expect(unit).toEqual(unitClause(plan('riskkapital xylofon')[0]!, 0, 'plain', { named: true, prefix: 'folded' }));
      expect(second.bool.should[1]).toEqual(unitClause(plan('riskkapital xylofon')[1]!, 1, 'tolerant', { named: true, prefix: 'folded' }));
      expect(body.aggs).not.toHaveProperty(STRICT_MATCHES);
    });
  });
});

describe('searchRequest with query understanding', () => {
  const VOCABULARY = compileUnderstanding({
    filler: { sv: ['jag', 'vill', 'vem', 'kan', 'ett', 'i'], en: [] },
    sizeWords: ['anställda'],
    needs: [{ words: ['investera'], means: { kind: ['investor'], supportType: ['equity'] } }],
    filterWords: [],
    filterFiller: [],
  });
  const understood = (q: string) => planQuery(q, SYNONYMS, LEXICON, VOCABULARY);

  it('makes no unit of filler or sizes, and a need word also matches the entries that serve it, by facet codes, named', () => {
    const units = understood('Jag vill växa med 40 anställda, vem kan investera?');
    expect(units.map((u) => u.text)).toEqual(['växa', 'investera']);
    const query = aQuery({ q: 'vem kan investera' });
    const need = understood(query.q);
    const body = searchRequest(INDEX, query, need, strict(['plain'])).body as Body;
    const clauses = body.query.bool.must[0].bool.should;
    expect(clauses.map((c: Body) => c.bool?._name ?? c.function_score.query.bool._name)).toEqual(['0:name', '0:summary', '0:description', '0:tags', '0:meaning']);
    expect(clauses.at(-1)).toEqual(meaningClause({ kind: ['investor'], supportType: ['equity'] }, NEED_MIN_SCORE, '0:meaning'));
  });

  it('scales a need’s meaning by the scale the mode gives for its unit (its best text score), the minimum otherwise', () => {
    const need = understood('växa investera');
    const scaled = searchRequest(INDEX, aQuery({ q: 'växa investera' }), need, { ...strict(['plain', 'plain']), needScales: [undefined, 37.5] }).body as Body;
    const meaning = scaled.query.bool.must[1].bool.should.at(-1);
    expect(meaning).toEqual(meaningClause({ kind: ['investor'], supportType: ['equity'] }, 37.5, '1:meaning'));
    expect(meaning.function_score.functions[0].script_score.script.params.weight).toBe(37.5);
    expect(JSON.stringify(scaled.query.bool.must[0])).not.toContain('script_score');
  });

  it('scores a need graded by how well an entry serves it, as meaningFit does: per named dimension the root of the share of the entry’s values that serve it, averaged, times the scale', () => {
    const clause = meaningClause({ kind: ['investor'], supportType: ['equity', 'loan'] }, 12, '0:meaning');
    expect(clause).toEqual({
      function_score: {
        query: {
          bool: {
            should: [{ terms: { 'facets.kind': ['investor'] } }, { terms: { 'facets.supportType': ['equity', 'loan'] } }],
            minimum_should_match: 1,
            _name: '0:meaning',
          },
        },
        functions: [
          {
            script_score: {
              script: { source: MEANING_FIT_SCRIPT, params: { paths: ['facets.kind', 'facets.supportType'], wanted: [['investor'], ['equity', 'loan']], weight: 12 } },
            },
          },
        ],
        boost_mode: 'replace',
      },
    });
    expect(MEANING_FIT_SCRIPT).toContain('sum += Math.sqrt((double) met / held.size());');
    expect(MEANING_FIT_SCRIPT).toContain('return params.weight * sum / params.paths.size();');
    expect(JSON.stringify(clause)).not.toContain('constant_score');
    const profile = meaningClause({ profileArea: ['food-health-meal'] }, 1).function_score.functions[0]!.script_score.script.params;
    expect(profile).toEqual({ paths: ['profileAreas'], wanted: [['food-health-meal']], weight: 1 });
  });

  it('gives the script what meaningFit reads: evaluated on a document’s values, the params grade it as the embedded engine does', () => {
    const means = { kind: ['investor'], supportType: ['equity'] };
    const { params } = meaningClause(means, 1).function_score.functions[0]!.script_score.script;
    const doc = aDocument({ kind: 'investor', supportTypes: ['equity', 'advice', 'networking'] });
    const values: Record<string, readonly string[]> = { 'facets.kind': doc.facets.kind, 'facets.supportType': doc.facets.supportType, profileAreas: doc.profileAreas ?? [] };
    const fit = params.paths.reduce((sum, path, i) => {
      const held = values[path]!;
      return held.length === 0 ? sum : sum + Math.sqrt(held.filter((v) => params.wanted[i]!.includes(v)).length / held.length);
    }, 0) / params.paths.length;
    expect(fit).toBeCloseTo(meaningFit(means, meetsMeaning(means, doc), doc));
    expect(fit).toBeCloseTo((1 + Math.sqrt(1 / 3)) / 2);
  });

  it('asks each need unit’s best text score, at its level and spelling, in the need text fields, in one _msearch; nothing without a need', () => {
    const units = understood('exportstöd investera');
    const request = needScaleRequest(INDEX, units, ['widened', 'tolerant'], ['folded', 'folded'])!;
    expect(request).toMatchObject({ method: 'POST', path: '/vagvisaren-entries/_msearch' });
    expect(request).not.toHaveProperty('body');
    expect(request.bulkBody).toEqual([
      {},
      {
        size: 1,
        _source: false,
        track_total_hits: false,
        query: {
          bool: {
            must: [unitClause(units[1]!, 1, 'tolerant', { fields: NEED_TEXT_FIELDS, named: false, prefix: 'folded', spelling: 'folded' })],
            must_not: [{ term: { deleted: true } }],
          },
        },
      },
    ]);
    expect(NEED_TEXT_FIELDS).not.toContain('labels');
    expect(JSON.stringify(request.bulkBody)).not.toContain('script_score');
    expect(needScaleRequest(INDEX, plan('exportstöd tillväxt'), ['plain', 'plain'], ['folded', 'folded'])).toBeUndefined();
  });

  it('reads the scales as each need unit’s best score, at least the minimum, in plan order', () => {
    const units = understood('investera export investera');
    expect(parseNeedScaleResponse({ responses: [{ hits: { max_score: 42.5, hits: [] } }, { hits: { max_score: null, hits: [] } }] }, units)).toEqual([42.5, undefined, NEED_MIN_SCORE]);
    expect(() => parseNeedScaleResponse({ responses: [] }, units)).toThrow('Expected 2 need scales, got 0');
  });

  it('reports a hit matched by a need’s meaning with the values it meets', () => {
    const need = understood('investera');
    const { version: _version, sectors: _sectors, keywords: _keywords, ...source } = aDocument({ id: 'fund', kind: 'investor' });
    const response = { hits: { total: { value: 1 }, hits: [{ _id: 'fund', _score: 10, _source: source, matched_queries: ['0:meaning'] }] } };
    const { result } = parseSearchResponse(response, need, 'sv', false, undefined);
    expect(result.hits[0]!.matchedTerms).toEqual([{ term: 'investera', fields: [], meets: [{ dimension: 'kind', values: ['investor'] }] }]);
  });

  it('ranks by preferences: summed weights on a base of one, multiplied into a text score or replacing a list’s', () => {
    const list = bodyOf('', { prefer: { stage: ['growth'], municipality: ['1883'] } });
    expect(list.query.function_score.boost_mode).toBe('replace');
    expect(list.query.function_score.score_mode).toBe('sum');
    expect(list.query.function_score.functions).toEqual([
      { weight: 1 },
      { filter: { terms: { 'facets.stage': ['growth'] } }, weight: PREFERENCE_WEIGHT },
      { filter: { bool: { filter: [{ terms: { 'facets.municipality': ['1883'] } }, { term: { wholeCounty: false } }] } }, weight: PREFERENCE_WEIGHT },
    ]);
    expect(list.sort[0]).toEqual({ _score: { order: 'desc' } });
    expect(bodyOf('export', { prefer: { profileArea: ['food-health-meal'] } }).query.function_score.boost_mode).toBe('multiply');
    expect(bodyOf('export').query).not.toHaveProperty('function_score');
  });
});

describe('unitStatsRequest', () => {
  it('counts live documents and, per unit, those it matches at each level, returning no hits', () => {
    const units = plan('exportstöd riskkapital tillväxt');
    const request = unitStatsRequest(INDEX, units);
    expect(request).toMatchObject({ method: 'POST', path: '/vagvisaren-entries/_search' });
    const body = request.body as Body;
    expect(body).toMatchObject({ size: 0, track_total_hits: true, query: { bool: { must_not: [{ term: { deleted: true } }] } } });
    expect(Object.keys(body.aggs)).toEqual([
      'unit_0_plain', 'unit_0_widened', 'unit_0_tolerant',
      'unit_0_known', 'unit_0_plain_lettered', 'unit_0_widened_lettered', 'unit_0_tolerant_lettered',
      'unit_1_plain', 'unit_1_widened', 'unit_1_tolerant',
      'unit_2_plain', 'unit_2_tolerant',
      'unit_2_known', 'unit_2_plain_lettered', 'unit_2_tolerant_lettered',
    ]);
    expect(body.aggs.unit_1_widened.filter).toEqual(unitClause(units[1]!, 1, 'widened', { named: false, prefix: 'folded' }));
    expect(body.aggs.unit_2_plain_lettered.filter).toEqual(unitClause(units[2]!, 2, 'plain', { named: false, prefix: 'folded', spelling: 'lettered' }));
  });

  it('asks, for a unit typed with å, ä or ö, whether the catalogue spells it so: as typed or stemmed with its letters, in any text field', () => {
    const [lan] = plan('lån');
    const body = unitStatsRequest(INDEX, [lan!]).body as Body;
    expect(body.aggs.unit_0_known.filter).toEqual(knownClause(lan!));
    expect(knownClause(lan!)).toEqual({
      multi_match: {
        query: 'lån',
        fields: [
          'name.sv.exact', 'name.sv.letters', 'name.en.exact', 'name.en.letters',
          'summary.sv.exact', 'summary.sv.letters', 'summary.en.exact', 'summary.en.letters',
          'description.sv.exact', 'description.sv.letters', 'description.en.exact', 'description.en.letters',
          'keywords.exact', 'keywords.letters', 'sectors.exact', 'sectors.letters',
        ],
        operator: 'and',
      },
    });
    expect(Object.keys((unitStatsRequest(INDEX, plan('vaxa')).body as Body).aggs)).toEqual(['unit_0_plain', 'unit_0_tolerant']);
  });
});

describe('suggestRequest', () => {
  const request = (prefix: string, language: 'sv' | 'en' = 'sv') => {
    const query = SuggestQuery.parse({ prefix, language, limit: 5, today: TODAY });
    const units = planQuery(prefix, SYNONYMS, LEXICON).map((unit, i, all) => ({ ...unit, synonyms: [], last: i === all.length - 1 }));
    return suggestRequest(INDEX, query, units);
  };

  it('asks for at most `limit` visible, live names, best first, then by the visitor\'s name order', () => {
    const body = request('inku', 'en').body as Body;
    expect(body).toMatchObject({ size: 5, _source: { includes: ['id', 'kind', 'name'] } });
    expect(body.query.bool.filter).toEqual(validOn(TODAY));
    expect(body.query.bool.must_not).toEqual([{ term: { deleted: true } }]);
    expect(body.sort).toEqual([{ _score: { order: 'desc' } }, { 'nameSort.en': { order: 'asc' } }, { id: { order: 'asc' } }]);
  });

  it('matches names only, as typed or by compound parts, the last word on their edge n-grams from two letters', () => {
    const must = (request('al').body as Body).query.bool.must;
    expect(must).toEqual([unitClause({ ...plan('al')[0]!, synonyms: [], last: true }, 0, 'widened', { fields: ['name'], named: false, prefix: 'edge-ngram' })]);
    expect(must[0].bool.should[0].bool.should).toContainEqual({ multi_match: { query: 'al', fields: ['name.sv.prefix^5', 'name.en.prefix^5'], operator: 'and', boost: 0.375 } });
  });
});

describe('bulkRequest', () => {
  it('writes upserts and deletes in order, each with its external version, deletes as tombstones', () => {
    const document = aDocument({ id: 'almi', version: 3 });
    const request = bulkRequest(INDEX, [{ type: 'upsert', document }, { type: 'delete', id: document.id, version: 4 }]);
    expect(request).toEqual({
      method: 'POST',
      path: '/vagvisaren-entries/_bulk',
      bulkBody: [
        { index: { _id: 'almi', version: 6, version_type: 'external' } },
        { ...document, deleted: false, nameSort: { sv: 'exempelakt}ren', en: 'the example actor' } },
        { index: { _id: 'almi', version: 9, version_type: 'external' } },
        { id: 'almi', version: 4, deleted: true },
      ],
    });
  });

  it('asks for a refresh when the adapter is told to make writes visible at once', () => {
    expect(bulkRequest(INDEX, [], { refresh: 'wait_for' }).querystring).toEqual({ refresh: 'wait_for' });
  });

  it('can refuse to write anywhere but through an alias, so no index is created without our mappings', () => {
    expect(bulkRequest(INDEX, [], { requireAlias: true }).querystring).toEqual({ require_alias: 'true' });
    expect(bulkRequest(INDEX, [], { refresh: 'true', requireAlias: true }).querystring).toEqual({ refresh: 'true', require_alias: 'true' });
    expect(bulkRequest(INDEX, []).querystring).toBeUndefined();
  });
});

describe('other requests', () => {
  it('counts live documents only', () => {
    expect(countRequest(INDEX)).toEqual({ method: 'POST', path: '/vagvisaren-entries/_count', body: { query: { bool: { must_not: [{ term: { deleted: true } }] } } } });
  });

  it('reads the decompounder settings back', () => {
    expect(lexiconRequest(INDEX)).toEqual({ method: 'GET', path: `/vagvisaren-entries/_settings/${DECOMPOUNDER_SETTINGS}` });
  });

  it('creates, refreshes, checks and deletes an index by name, escaping it in the path', () => {
    const definition = { settings: {}, mappings: {} };
    expect(createIndexRequest('entries-1', definition)).toEqual({ method: 'PUT', path: '/entries-1', body: definition });
    expect(refreshRequest('entries-1')).toEqual({ method: 'POST', path: '/entries-1/_refresh' });
    expect(existsRequest('entries-1')).toEqual({ method: 'HEAD', path: '/entries-1' });
    expect(deleteIndexRequest('a/b')).toEqual({ method: 'DELETE', path: '/a%2Fb' });
    expect(getAliasRequest(INDEX)).toEqual({ method: 'GET', path: '/_alias/vagvisaren-entries' });
  });

  it('moves an alias in one atomic request, also replacing a concrete index of the alias\'s name', () => {
    expect(switchAliasRequest(INDEX, 'new', { indices: ['old-1', 'old-2'] }).body).toEqual({
      actions: [{ remove: { index: 'old-1', alias: INDEX } }, { remove: { index: 'old-2', alias: INDEX } }, { add: { index: 'new', alias: INDEX } }],
    });
    expect(switchAliasRequest(INDEX, 'new', { indices: [], concreteIndex: true })).toEqual({
      method: 'POST',
      path: '/_aliases',
      body: { actions: [{ remove_index: { index: INDEX } }, { add: { index: 'new', alias: INDEX } }] },
    });
  });
});
