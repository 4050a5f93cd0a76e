import { describe, expect, it } from 'vitest';
import { MARK_END, MARK_START, RELAXED_UNIT_SCORE, STRICT_MATCHES } from '#shared/adapters/opensearch/requests.ts';
import {
  highlightedWords,
  outcomeOf,
  parseAliasResponse,
  parseBulkResponse,
  parseCountResponse,
  parseLexiconResponse,
  parseSearchResponse,
  parseSuggestResponse,
  parseUnitStatsResponse,
} from '#shared/adapters/opensearch/responses.ts';
import { toSearchDocument, type SearchDocument } from '#shared/domain/search.ts';
import type { IndexOperation } from '#shared/ports/search-index.ts';
import { NO_SYNONYMS } from '#shared/search/synonyms.ts';
import { planQuery, synonymIndex } from '#shared/search/query-plan.ts';
import { aDocument, anOffer, taxonomy } from '../support/builders.ts';

const mark = (word: string) => `${MARK_START}${word}${MARK_END}`;
const plan = (q: string) => planQuery(q, synonymIndex(NO_SYNONYMS), new Set());
const source = (document: SearchDocument) => {
  const { id, kind, name, summary, description, providerId, wholeCounty, facets, offer } = document;
  return { id, kind, name, summary, description, ...(providerId ? { providerId } : {}), wholeCounty, facets, ...(offer ? { offer } : {}) };
};
const hit = (document: SearchDocument, extra: Record<string, unknown> = {}) => ({ _index: 'entries-1', _id: document.id, _score: 3.5, _source: source(document), ...extra });
const response = (hits: unknown[], extra: Record<string, unknown> = {}) => ({
  took: 3,
  timed_out: false,
  hits: { total: { value: hits.length, relation: 'eq' }, max_score: 3.5, hits },
  ...extra,
});
const buckets = (counts: Record<string, number>) => ({ doc_count: 9, values: { buckets: Object.entries(counts).map(([key, doc_count]) => ({ key, doc_count })) } });

describe('parseSearchResponse', () => {
  it('gives an offer hit its facts and its distance from near, measured from the stored position', () => {
    const offer = toSearchDocument(anOffer({ id: 'tomt', offer: { location: { municipality: '1861', placeName: 'Hallsberg', position: { lat: 59.067, lon: 15.11 } }, landAreaM2: 50_000 } }), taxonomy);
    const near = parseSearchResponse(response([hit(offer), hit(aDocument({ id: 'almi' }))]), [], 'sv', false, { lat: 59.274, lon: 15.207 }).result.hits;
    expect(near[0]).toMatchObject({ offer: { type: 'land', areaM2: 50_000, position: { lat: 59.067, lon: 15.11 } }, distanceKm: 23.7 });
    expect(near[1]).not.toHaveProperty('distanceKm');
    expect(near[1]).not.toHaveProperty('offer');
    expect(parseSearchResponse(response([hit(offer)]), [], 'sv').result.hits[0]).not.toHaveProperty('distanceKm');
  });

  const exporter = aDocument({ id: 'exp', summary: { sv: 'Vi ger stöd för export till nya marknader.' } });

  it('names the units a hit matched and in which fields, from the named queries', () => {
    const { result } = parseSearchResponse(response([hit(exporter, { matched_queries: ['0:summary', '1:name', '1:labels'] })]), plan('export aktör'), 'sv');
    expect(result.hits[0]!.matchedTerms).toEqual([
      { term: 'export', fields: ['summary'] },
      { term: 'aktör', fields: ['name', 'labels'] },
    ]);
  });

  it('builds the snippet from the first field the highlighter marked, marking the words it marked', () => {
    const highlight = { 'summary.sv': [`Vi ger stöd för ${mark('export')} till nya marknader.`] };
    const { result } = parseSearchResponse(response([hit(exporter, { highlight, matched_queries: ['0:summary'] })]), plan('export'), 'sv');
    expect(result.hits[0]!.snippet).toEqual([
      { text: 'Vi ger stöd för ', highlighted: false },
      { text: 'export', highlighted: true },
      { text: ' till nya marknader.', highlighted: false },
    ]);
  });

  it('takes the snippet from the description when only the description matched, and from the summary when nothing did', () => {
    const long = aDocument({ id: 'long', summary: { sv: 'Kort.' }, description: { sv: 'Här nämns testbädd för livsmedel.' } });
    const marked = parseSearchResponse(response([hit(long, { highlight: { 'description.sv.folded': [`Här nämns ${mark('testbädd')} för`] } })]), plan('testbadd'), 'sv');
    expect(marked.result.hits[0]!.snippet.filter((p) => p.highlighted).map((p) => p.text)).toEqual(['testbädd']);
    const unmarked = parseSearchResponse(response([hit(long)]), plan(''), 'sv');
    expect(unmarked.result.hits[0]!.snippet).toEqual([{ text: 'Kort.', highlighted: false }]);
  });

  it('shows the visitor\'s language and falls back to Swedish', () => {
    const both = aDocument({ id: 'both', summary: { sv: 'Svensk text.', en: 'English text.' }, description: { sv: 'Beskrivning.' } });
    expect(parseSearchResponse(response([hit(both)]), [], 'en').result.hits[0]!.snippet[0]!.text).toBe('English text.');
  });

  it('carries the hit\'s fields, score and the total, and counts each facet from its aggregation', () => {
    const aggregations = { kind: buckets({ investor: 2, 'establishment-offer': 1 }), area: buckets({}), stage: buckets({ growth: 1 }), municipality: buckets({ 1883: 2 }), supportType: buckets({}), focus: buckets({ breadth: 2 }) };
    const { result, strictMatches } = parseSearchResponse({ ...response([hit(exporter)]), aggregations }, plan('export'), 'sv');
    expect(result).toMatchObject({ total: 1, relaxed: false });
    expect(result.hits[0]).toMatchObject({ id: 'exp', kind: 'actor', score: 3.5, wholeCounty: true, name: exporter.name, summary: exporter.summary, facets: exporter.facets });
    expect(result.hits[0]).not.toHaveProperty('description');
    expect(result.facets).toEqual({ kind: { investor: 2, 'establishment-offer': 1 }, area: {}, stage: { growth: 1 }, municipality: { 1883: 2 }, supportType: {}, focus: { breadth: 2 } });
    expect(strictMatches).toBeUndefined();
  });

  it('gives a listing by name score 0 and reads the count of strict matches when asked for', () => {
    const { result, strictMatches } = parseSearchResponse({ ...response([hit(exporter, { _score: null })]), aggregations: { [STRICT_MATCHES]: { doc_count: 9, live: { doc_count: 0 } } } }, [], 'sv');
    expect(result.hits[0]!.score).toBe(0);
    expect(strictMatches).toBe(0);
  });

  it('takes the constant per matched unit off a relaxed hit\'s score and marks the result relaxed', () => {
    const relaxedHit = hit(exporter, { _score: RELAXED_UNIT_SCORE + 2.25, matched_queries: ['0:summary'] });
    const { result } = parseSearchResponse(response([relaxedHit]), plan('export xylofon'), 'sv', true);
    expect(result.relaxed).toBe(true);
    expect(result.hits[0]!.score).toBeCloseTo(2.25);
    expect(result.hits[0]!.matchedTerms).toEqual([{ term: 'export', fields: ['summary'] }]);
  });

  it('refuses an answer that is not a search response, or a hit that is not a search document', () => {
    expect(() => parseSearchResponse({ error: 'nope' }, [], 'sv')).toThrow();
    expect(() => parseSearchResponse(response([{ _id: 'x', _score: 1, _source: { id: 'x' } }]), [], 'sv')).toThrow();
  });
});

describe('highlightedWords', () => {
  it('collects the lower-cased words inside the marks of every field, splitting a marked phrase', () => {
    expect(highlightedWords({ 'a.sv': [`${mark('Venture capital')} och ${mark('VC')}`], 'b.sv.exact': [mark('Örebro')] })).toEqual(new Set(['venture', 'capital', 'vc', 'örebro']));
    expect(highlightedWords(undefined)).toEqual(new Set());
  });
});

describe('parseSuggestResponse', () => {
  it('answers with id, kind and the name in the visitor\'s language, falling back to Swedish', () => {
    const body = response([
      { _id: 'a-b', _score: 2, _source: { id: 'a-b', kind: 'actor', name: { sv: 'Inkubera', en: 'Inkubera incubator' } } },
      { _id: 'c-d', _score: 1, _source: { id: 'c-d', kind: 'investor', name: { sv: 'Almi Invest' } } },
    ]);
    expect(parseSuggestResponse(body, 'en')).toEqual([
      { id: 'a-b', kind: 'actor', name: 'Inkubera incubator' },
      { id: 'c-d', kind: 'investor', name: 'Almi Invest' },
    ]);
  });
});

describe('bulk outcomes', () => {
  const document = aDocument({ id: 'bulk-entry', version: 3 });
  const upsert: IndexOperation = { type: 'upsert', document };
  const remove: IndexOperation = { type: 'delete', id: document.id, version: 3 };
  const conflict = (held: number, provided: number) => ({
    status: 409,
    error: { type: 'version_conflict_engine_exception', reason: `[bulk-entry]: version conflict, current version [${held}] is higher or equal to the one provided [${provided}]` },
  });

  it('applies an item OpenSearch created or updated', () => {
    expect(outcomeOf(upsert, { status: 201 })).toEqual({ id: 'bulk-entry', result: 'applied' });
    expect(outcomeOf(remove, { status: 200 })).toEqual({ id: 'bulk-entry', result: 'applied' });
  });

  it('calls a version conflict stale', () => {
    expect(outcomeOf(upsert, conflict(6, 6))).toEqual({ id: 'bulk-entry', result: 'stale' });
    expect(outcomeOf(remove, conflict(9, 7))).toEqual({ id: 'bulk-entry', result: 'stale' });
  });

  it('calls a delete that meets its own tombstone applied, as a repeated delete is in the embedded engine', () => {
    expect(outcomeOf(remove, conflict(7, 7))).toEqual({ id: 'bulk-entry', result: 'applied' });
    expect(outcomeOf(remove, { status: 409, error: { type: 'version_conflict_engine_exception', reason: 'something else' } })).toEqual({ id: 'bulk-entry', result: 'stale' });
  });

  it('fails any other item error with its status, type and reason', () => {
    expect(outcomeOf(upsert, { status: 400, error: { type: 'strict_dynamic_mapping_exception', reason: 'mapping set to strict, dynamic introduction of [x] is not allowed' } })).toEqual({
      id: 'bulk-entry',
      result: 'failed',
      reason: 'status 400 strict_dynamic_mapping_exception: mapping set to strict, dynamic introduction of [x] is not allowed',
    });
    expect(outcomeOf(upsert, { status: 500 })).toEqual({ id: 'bulk-entry', result: 'failed', reason: 'status 500' });
  });

  it('pairs items with operations in order and fails an operation the response left out', () => {
    const body = { took: 2, errors: true, items: [{ index: { _id: 'bulk-entry', status: 201 } }] };
    expect(parseBulkResponse(body, [upsert, remove])).toEqual([
      { id: 'bulk-entry', result: 'applied' },
      { id: 'bulk-entry', result: 'failed', reason: 'no item for this operation in the bulk response' },
    ]);
  });

  it('refuses an answer that is not a bulk response', () => {
    expect(() => parseBulkResponse({ acknowledged: true }, [upsert])).toThrow();
  });
});

describe('other responses', () => {
  it('reads a count', () => {
    expect(parseCountResponse({ count: 42, _shards: {} })).toBe(42);
    expect(() => parseCountResponse({})).toThrow();
  });

  it('reads how many documents each unit matches at each level, and refuses an answer missing one', () => {
    const units = planQuery('exportstöd riskkapital', synonymIndex(NO_SYNONYMS), new Set(['export', 'stod']));
    const aggregations = { unit_0_plain: { doc_count: 2 }, unit_0_widened: { doc_count: 5 }, unit_0_tolerant: { doc_count: 6 }, unit_1_plain: { doc_count: 80 }, unit_1_tolerant: { doc_count: 81 } };
    const body = { hits: { total: { value: 120 }, hits: [] }, aggregations };
    const unknown = { ...aggregations, unit_0_known: { doc_count: 0 } };
    expect(parseUnitStatsResponse({ ...body, aggregations: unknown }, units)).toEqual({
      total: 120,
      counts: [{ plain: 2, widened: 5, tolerant: 6 }, { plain: 80, tolerant: 81 }],
      spellings: ['folded', 'folded'],
    });
    expect(() => parseUnitStatsResponse({ ...body, aggregations: { ...unknown, unit_0_widened: undefined } }, units)).toThrow(/unit_0_widened/);
    expect(() => parseUnitStatsResponse(body, units)).toThrow(/unit_0_known/);
  });

  it('spells a unit with its letters, and counts it so, when the catalogue knows it with å, ä or ö', () => {
    const units = planQuery('lån', synonymIndex(NO_SYNONYMS), new Set());
    const aggregations = { unit_0_plain: { doc_count: 30 }, unit_0_tolerant: { doc_count: 31 }, unit_0_known: { doc_count: 2 }, unit_0_plain_lettered: { doc_count: 2 }, unit_0_tolerant_lettered: { doc_count: 3 } };
    expect(parseUnitStatsResponse({ hits: { total: { value: 90 }, hits: [] }, aggregations }, units)).toEqual({ total: 90, counts: [{ plain: 2, tolerant: 3 }], spellings: ['lettered'] });
  });

  it('reads the decompounder\'s word list, as a list or as numbered settings, and nothing when there is none', () => {
    const settings = (wordList: unknown) => ({ 'entries-1': { settings: { index: { analysis: { filter: { sv_decompounder: { type: 'dictionary_decompounder', word_list: wordList } } } } } } });
    expect(parseLexiconResponse(settings(['export', 'stod']))).toEqual(['export', 'stod']);
    expect(parseLexiconResponse(settings({ 0: 'export', 1: 'stod' }))).toEqual(['export', 'stod']);
    expect(parseLexiconResponse({ 'entries-1': { settings: { index: {} } } })).toEqual([]);
    expect(parseLexiconResponse('nonsense')).toEqual([]);
  });

  it('lists the indices an alias points to', () => {
    expect(parseAliasResponse({ 'entries-2': { aliases: { entries: {} } }, 'entries-1': { aliases: { entries: {} } } })).toEqual(['entries-1', 'entries-2']);
  });
});
