import { describe, expect, it } from 'vitest';
import { OpenSearchSearchIndex } from '#shared/adapters/opensearch/opensearch-search-index.ts';
import { HIT_SOURCE, STRICT_MATCHES } from '#shared/adapters/opensearch/requests.ts';
import { OpenSearchError } from '#shared/adapters/opensearch/transport.ts';
import { SuggestQuery, toSearchDocument } from '#shared/domain/search.ts';
import { aDocument, anOffer, aQuery, taxonomy, TODAY } from '../support/builders.ts';
import { ok, scriptedTransport } from './fake-transport.ts';

const INDEX = 'vagvisaren-entries';
const emptySearch = (extra: Record<string, unknown> = {}) => ok({ hits: { total: { value: 0 }, hits: [] }, aggregations: {}, ...extra });
/**
 * Unit statistics: per unit, its counts as typed, widened (when it can be) and tolerant; how many
 * entries spell it with its letters (`known`, 0 unless given) and, when known, its counts so spelt.
 */
type Counts = { plain: number; widened?: number; tolerant?: number };
const stats = (total: number, ...units: (Counts & { known?: number; lettered?: Counts })[]) =>
  ok({
    hits: { total: { value: total }, hits: [] },
    aggregations: Object.fromEntries(
      units.flatMap(({ known = 0, lettered, ...counts }, i) => [
        ...Object.entries({ tolerant: counts.plain, ...counts }).map(([level, count]) => [`unit_${i}_${level}`, { doc_count: count }]),
        [`unit_${i}_known`, { doc_count: known }],
        ...Object.entries(lettered ? { tolerant: lettered.plain, ...lettered } : {}).map(([level, count]) => [`unit_${i}_${level}_lettered`, { doc_count: count }]),
      ]),
    ),
  });
type Query = { bool: Record<string, unknown[] | undefined> };
/** A search body's query inside the coordination and preference wrappers. */
const innermost = (body: unknown): Query => {
  let query = (body as { query: Query | { function_score: { query: unknown } } }).query;
  while ('function_score' in query) query = query.function_score.query as Query;
  return query;
};
/** The level each unit of a search body was sent at, read from its clauses. */
const levels = (body: unknown): string[] => {
  const query = innermost(body);
  return [...(query.bool.must ?? []), ...(query.bool.should ?? [])].map((clause) => {
    const text = JSON.stringify(clause);
    return text.includes('"fuzziness"') || text.includes('"prefix":{') ? 'tolerant' : text.includes('"boost":0.5}') || text.includes('_synonyms') ? 'widened' : 'plain';
  });
};
const strict = (count: number) => ({ [STRICT_MATCHES]: { doc_count: 50, live: { doc_count: count } } });
const adapter = (answers: Parameters<typeof scriptedTransport>, options: { lexicon?: string[] } = { lexicon: [] }) => {
  const { transport, requests } = scriptedTransport(...answers);
  return { index: new OpenSearchSearchIndex({ transport, index: INDEX, ...options }), requests };
};
const mode = (body: unknown) => {
  if ((body as { size: number }).size === 0) return 'unit counts';
  const query = innermost(body);
  return 'must' in query.bool ? 'strict' : 'should' in query.bool ? 'relaxed' : 'listing';
};

describe('OpenSearchSearchIndex', () => {
  describe('apply', () => {
    it('writes all operations in one bulk request and answers with an outcome per operation', async () => {
      const document = aDocument({ id: 'one', version: 2 });
      const { index, requests } = adapter([ok({ errors: false, items: [{ index: { _id: 'one', status: 201 } }, { index: { _id: 'one', status: 409, error: { type: 'version_conflict_engine_exception', reason: 'current version [5] is higher or equal to the one provided [5]' } } }] })]);
      expect(await index.apply([{ type: 'upsert', document }, { type: 'delete', id: document.id, version: 2 }])).toEqual([
        { id: 'one', result: 'applied' },
        { id: 'one', result: 'applied' },
      ]);
      expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /vagvisaren-entries/_bulk']);
      expect(requests[0]!.querystring).toBeUndefined();
    });

    it('asks OpenSearch to refresh when configured to', async () => {
      const { transport, requests } = scriptedTransport(ok({ errors: false, items: [{ index: { status: 201 } }] }));
      await new OpenSearchSearchIndex({ transport, index: INDEX, refresh: 'true' }).apply([{ type: 'upsert', document: aDocument({ id: 'two' }) }]);
      expect(requests[0]!.querystring).toEqual({ refresh: 'true' });
    });

    it('sends nothing for no operations', async () => {
      const { index, requests } = adapter([]);
      expect(await index.apply([])).toEqual([]);
      expect(requests).toEqual([]);
    });

    it('throws, naming status and reason, when the bulk request fails as a whole', async () => {
      const { index } = adapter([{ statusCode: 413, body: { error: { type: 'request_entity_too_large', reason: 'too big' } } }]);
      const failure = index.apply([{ type: 'upsert', document: aDocument({ id: 'three' }) }]);
      await expect(failure).rejects.toBeInstanceOf(OpenSearchError);
      await expect(failure).rejects.toThrow('Bulk write of 1 operations to vagvisaren-entries failed with status 413: request_entity_too_large: too big');
    });
  });

  describe('search', () => {
    it('filters offers in the listing request and gives the hits their distance from near', async () => {
      const offer = toSearchDocument(anOffer({ id: 'tomt', offer: { location: { municipality: '1861', placeName: 'Hallsberg', position: { lat: 59.067, lon: 15.11 } }, railSiding: true } }), taxonomy);
      const source = Object.fromEntries(Object.entries(offer).filter(([key]) => HIT_SOURCE.includes(key)));
      const { index, requests } = adapter([ok({ hits: { total: { value: 1 }, hits: [{ _id: 'tomt', _score: null, _source: source }] }, aggregations: {} })]);
      const result = await index.search(aQuery({ sort: 'distance', offer: { railSiding: true, near: { lat: 59.274, lon: 15.207 }, radiusKm: 30 } }));
      expect(result.hits.map((hit) => [hit.id, hit.distanceKm])).toEqual([['tomt', 23.7]]);
      const body = requests[0]!.body as { query: { bool: { filter: unknown[] } }; sort: Record<string, unknown>[] };
      expect(body.query.bool.filter).toContainEqual({ geo_distance: { distance: '30km', distance_type: 'arc', 'offer.position': { lat: 59.274, lon: 15.207 } } });
      expect(Object.keys(body.sort[0]!)).toEqual(['_geo_distance']);
    });

    it('lists by name in one request when there is no query text, without reading the lexicon', async () => {
      const { index, requests } = adapter([emptySearch()], {});
      expect(await index.search(aQuery({}))).toEqual({ total: 0, hits: [], facets: { kind: {}, area: {}, stage: {}, municipality: {}, supportType: {}, focus: {} }, relaxed: false });
      expect(requests).toHaveLength(1);
      expect(mode(requests[0]!.body)).toBe('listing');
    });

    it('counts the unit\'s matches first, then searches it strictly at the level chosen', async () => {
      const { index, requests } = adapter([stats(10, { plain: 0, tolerant: 1 }), emptySearch()]);
      expect((await index.search(aQuery({ q: 'riskkapitl' }))).relaxed).toBe(false);
      expect(requests.map((r) => mode(r.body))).toEqual(['unit counts', 'strict']);
      expect(levels(requests[1]!.body)).toEqual(['tolerant']);
    });

    it('keeps a unit as typed when that finds something, and widens one with synonyms or parts only when it can', async () => {
      const { index, requests } = adapter([stats(10, { plain: 2, widened: 3 }, { plain: 1 }), emptySearch({ aggregations: strict(1) })], { lexicon: ['export', 'stod'] });
      await index.search(aQuery({ q: 'exportstöd tillväxt' }));
      expect(levels(requests[1]!.body)).toEqual(['widened', 'plain']);
    });

    it('answers a query of stop words only with nothing, without a request', async () => {
      const { index, requests } = adapter([]);
      expect(await index.search(aQuery({ q: 'och i för' }))).toMatchObject({ total: 0, hits: [], relaxed: false });
      expect(requests).toEqual([]);
    });

    it('does not require a unit found in more than a fifth of a large catalogue', async () => {
      const { index, requests } = adapter([stats(100, { plain: 60 }, { plain: 4 }), emptySearch({ aggregations: strict(3) })]);
      await index.search(aQuery({ q: 'stöd riskkapital' }));
      expect(requests).toHaveLength(2);
      const query = innermost(requests[1]!.body).bool;
      expect([query.must!.length, query.should!.length]).toEqual([1, 1]);
    });

    it('searches again relaxed, and says so, when no entry matches every required unit', async () => {
      const only = aDocument({ id: 'only-one' });
      const relaxedHit = { _id: 'only-one', _score: 10_001.5, matched_queries: ['0:summary'], _source: { id: only.id, kind: only.kind, name: only.name, summary: only.summary, description: only.description, wholeCounty: only.wholeCounty, facets: only.facets } };
      const { index, requests } = adapter([stats(2, { plain: 1 }, { plain: 0 }), emptySearch({ aggregations: strict(0) }), ok({ hits: { total: { value: 1 }, hits: [relaxedHit] } })]);
      const result = await index.search(aQuery({ q: 'riskkapital xylofon' }));
      expect(requests.map((r) => mode(r.body))).toEqual(['unit counts', 'strict', 'relaxed']);
      expect(levels(requests[2]!.body)).toEqual(['plain', 'tolerant']);
      expect(result.relaxed).toBe(true);
      expect(result.hits.map((hit) => [hit.id, hit.score])).toEqual([['only-one', 1.5]]);
    });

    it('does not relax when strict matches exist but the filters hide them', async () => {
      const { index, requests } = adapter([stats(10, { plain: 1 }, { plain: 1 }), emptySearch({ aggregations: strict(1) })]);
      expect((await index.search(aQuery({ q: 'riskkapital tillväxt', filters: { kind: ['testbed'] } }))).relaxed).toBe(false);
      expect(requests).toHaveLength(2);
    });

    it('keeps å, ä and ö when the catalogue spells the word so ("lån" never finds "län"), and folds them when it does not', async () => {
      const known = adapter([stats(90, { plain: 30, known: 2, lettered: { plain: 2 } }), emptySearch()]);
      await known.index.search(aQuery({ q: 'lån' }));
      const letteredText = JSON.stringify(innermost(known.requests[1]!.body));
      expect(letteredText).toContain('"summary.sv.letters^2.5"');
      expect(letteredText).not.toMatch(/"(name|summary|description)\.(sv|en)\^|"(keywords|sectors)\^|\.folded|\.parts/);
      const unknown = adapter([stats(90, { plain: 1, known: 0 }), emptySearch()]);
      await unknown.index.search(aQuery({ q: 'stöd' }));
      const foldedText = JSON.stringify(innermost(unknown.requests[1]!.body));
      expect(foldedText).toContain('"summary.sv^2.5"');
      expect(foldedText).not.toContain('.letters');
    });

    it('chooses a lettered unit\'s level from its counts with the letters kept', async () => {
      const { index, requests } = adapter([stats(90, { plain: 30, known: 1, lettered: { plain: 0, tolerant: 1 } }), emptySearch()]);
      await index.search(aQuery({ q: 'lånet' }));
      expect(levels(requests[1]!.body)).toEqual(['tolerant']);
    });

    it('scales the strict search by coordination over the needs and the rare units, each adding its share; one unit alone is not scaled', async () => {
      const { index, requests } = adapter([stats(100, { plain: 60 }, { plain: 4 }, { plain: 3 }), emptySearch({ aggregations: strict(3) })]);
      await index.search(aQuery({ q: 'stöd riskkapital xylofon' }));
      const body = requests[1]!.body as { query: { function_score: { functions: { filter: unknown; weight: number }[]; score_mode: string; boost_mode: string } } };
      expect(body.query.function_score).toMatchObject({ score_mode: 'sum', boost_mode: 'multiply' });
      expect(body.query.function_score.functions.map((f) => f.weight)).toEqual([0.5, 0.5]);
      expect(JSON.stringify(body.query.function_score.functions[0]!.filter)).toContain('"query":"riskkapital"');
      expect(JSON.stringify(body.query.function_score.functions[1]!.filter)).toContain('"query":"xylofon"');
      const one = adapter([stats(10, { plain: 1 }), emptySearch()]);
      await one.index.search(aQuery({ q: 'riskkapital' }));
      expect((one.requests[1]!.body as { query: object }).query).not.toHaveProperty('function_score');
    });

    it('asks a need word’s best text score after the counts, at the level chosen, and scales its meaning by it, in the strict and the relaxed search', async () => {
      const understanding = { filler: { sv: ['vem', 'kan'], en: [] }, sizeWords: [], needs: [{ words: ['investera'], means: { kind: ['investor'] } }], filterWords: [], filterFiller: [] };
      const { transport, requests } = scriptedTransport(
        stats(10, { plain: 0, tolerant: 0 }, { plain: 0, tolerant: 2 }),
        ok({ responses: [{ hits: { max_score: 23.25, hits: [] } }] }),
        emptySearch({ aggregations: strict(0) }),
        emptySearch(),
      );
      const index = new OpenSearchSearchIndex({ transport, index: INDEX, lexicon: [], understanding });
      await index.search(aQuery({ q: 'vem kan investera xylofon' }));
      expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /vagvisaren-entries/_search',
        'POST /vagvisaren-entries/_msearch',
        'POST /vagvisaren-entries/_search',
        'POST /vagvisaren-entries/_search',
      ]);
      expect(requests[1]!.bulkBody).toHaveLength(2);
      expect(JSON.stringify(requests[1]!.bulkBody)).toContain('"query":"investera"');
      expect(JSON.stringify(requests[1]!.bulkBody)).not.toContain('xylofon');
      expect(requests.slice(2).map((r) => mode(r.body))).toEqual(['strict', 'relaxed']);
      for (const request of requests.slice(2)) {
        const scales = [...JSON.stringify(request.body).matchAll(/"params":\{[^{}]*"weight":([\d.]+)\}/g)].map((m) => Number(m[1]));
        expect(scales.length).toBeGreaterThan(0);
        expect(new Set(scales)).toEqual(new Set([23.25]));
      }
    });

    it('sends no need-scale request for a query without a need word', async () => {
      const { index, requests } = adapter([stats(10, { plain: 1 }), emptySearch()]);
      await index.search(aQuery({ q: 'riskkapital' }));
      expect(requests.map((r) => r.path)).toEqual(['/vagvisaren-entries/_search', '/vagvisaren-entries/_search']);
    });

    it('matches the last word as a prefix unless it is already a word of the lexicon', async () => {
      const typing = adapter([stats(1, { plain: 1 }), emptySearch()], { lexicon: ['finansiering'] });
      await typing.index.search(aQuery({ q: 'finans' }));
      expect(JSON.stringify(typing.requests[1]!.body)).toContain('bool_prefix');
      const known = adapter([stats(1, { plain: 1 }), emptySearch()], { lexicon: ['finansiering'] });
      await known.index.search(aQuery({ q: 'finansiering' }));
      expect(JSON.stringify(known.requests[1]!.body)).not.toContain('bool_prefix');
    });

    it('reads the lexicon once from the index settings to split compound query words', async () => {
      const settings = ok({ 'entries-1': { settings: { index: { analysis: { filter: { sv_decompounder: { word_list: ['export', 'stod'] } } } } } } });
      const { index, requests } = adapter([settings, stats(1, { plain: 0, widened: 1 }), emptySearch(), stats(1, { plain: 0, widened: 1 }), emptySearch()], {});
      await index.search(aQuery({ q: 'exportstöd' }));
      await index.search(aQuery({ q: 'exportstöd' }));
      expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /vagvisaren-entries/_settings/index.analysis.filter.sv_decompounder.*',
        ...Array(4).fill('POST /vagvisaren-entries/_search'),
      ]);
      expect(JSON.stringify(requests[2]!.body)).toContain('"query":"export"');
    });

    it('searches without compound parts when the settings cannot be read, and tries again next time', async () => {
      const { index, requests } = adapter([{ statusCode: 403, body: { message: 'forbidden' } }, stats(1, { plain: 1 }), emptySearch(), new Error('timeout'), stats(1, { plain: 1 }), emptySearch()], {});
      await index.search(aQuery({ q: 'exportstöd' }));
      await index.search(aQuery({ q: 'exportstöd' }));
      expect(requests.map((r) => r.method)).toEqual(['GET', 'POST', 'POST', 'GET', 'POST', 'POST']);
      expect(JSON.stringify(requests[1]!.body)).not.toContain('"query":"export"');
    });

    it('throws when the unit statistics cannot be read', async () => {
      const { index } = adapter([{ statusCode: 503, body: { error: { type: 'unavailable_shards_exception', reason: 'no shard' } } }]);
      await expect(index.search(aQuery({ q: 'export' }))).rejects.toThrow(/Unit statistics in vagvisaren-entries failed with status 503/);
    });

    it('throws when the search fails', async () => {
      const { index } = adapter([stats(1, { plain: 1 }), { statusCode: 400, body: { error: { type: 'search_phase_execution_exception', reason: 'all shards failed' } } }]);
      await expect(index.search(aQuery({ q: 'export' }))).rejects.toThrow(/Search in vagvisaren-entries failed with status 400: search_phase_execution_exception/);
    });
  });

  describe('suggest', () => {
    const query = (prefix: string) => SuggestQuery.parse({ prefix, language: 'sv', limit: 3, today: TODAY });

    it('asks for names and answers with suggestions', async () => {
      const { index, requests } = adapter([ok({ hits: { hits: [{ _source: { id: 'inkubera', kind: 'actor', name: { sv: 'Inkubera' } } }] } })]);
      expect(await index.suggest(query('inku'))).toEqual([{ id: 'inkubera', kind: 'actor', name: 'Inkubera' }]);
      expect((requests[0]!.body as { size: number }).size).toBe(3);
    });

    it('sends nothing for a prefix of stop words only', async () => {
      const { index, requests } = adapter([]);
      expect(await index.suggest(query('och'))).toEqual([]);
      expect(requests).toEqual([]);
    });
  });

  describe('size', () => {
    it('counts live documents', async () => {
      const { index, requests } = adapter([ok({ count: 7 })]);
      expect(await index.size()).toBe(7);
      expect(requests[0]!.path).toBe('/vagvisaren-entries/_count');
    });
  });
});
