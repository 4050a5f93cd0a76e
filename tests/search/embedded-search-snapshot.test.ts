import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EmbeddedSearchIndex, type EmbeddedSearchOptions } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { loadSearchSnapshot, saveSearchSnapshot, SnapshotFormatError } from '#shared/adapters/embedded-search/embedded-search-snapshot.ts';
import type { EngineResult } from '#shared/domain/search.ts';
import type { IndexOperation, SearchIndex } from '#shared/ports/search-index.ts';
import { loadSynonyms } from '#shared/search/synonyms.ts';
import { loadQueryVocabulary } from '#shared/search/understanding.ts';
import judged from '../relevance/judged-queries.json' with { type: 'json' };
import { aDocument, aQuery, TODAY } from '../support/builders.ts';
import { seededIndex } from '../support/seeded-index.ts';
import { describeSearchIndexContract } from './search-index.contract.ts';

/** An engine that is saved and loaded back after every change: every search runs on a loaded snapshot. */
class ReloadedAfterEveryChange implements SearchIndex {
  constructor(
    private index: EmbeddedSearchIndex,
    private readonly options: EmbeddedSearchOptions,
  ) {}
  async apply(operations: readonly IndexOperation[]) {
    const outcomes = await this.index.apply(operations);
    this.index = loadSearchSnapshot(saveSearchSnapshot(this.index), this.options);
    return outcomes;
  }
  search: SearchIndex['search'] = (query) => this.index.search(query);
  suggest: SearchIndex['suggest'] = (query) => this.index.suggest(query);
  size: SearchIndex['size'] = () => this.index.size();
}

/**
 * A result with its scores to ten significant digits: a loaded index numbers its terms in sorted order, so prefix
 * and typo matches may be summed in another order (a difference in the last bit).
 */
const comparable = (result: EngineResult) => ({ ...result, hits: result.hits.map((hit) => ({ ...hit, score: Number(hit.score.toPrecision(10)) })) });

describeSearchIndexContract('embedded engine, saved and loaded after every change', async (resources) => {
  const options = { synonyms: resources.synonyms, understanding: resources.understanding };
  return new ReloadedAfterEveryChange(new EmbeddedSearchIndex({ ...options, lexicon: resources.lexicon }), options);
});

describe('search snapshot', () => {
  const regionData = { synonyms: loadSynonyms('orebro-lan'), understanding: loadQueryVocabulary('orebro-lan') };

  it('loads the seeded catalogue into an engine that answers every judged query as the engine built from text does', async () => {
    const { index } = await seededIndex();
    const loaded = loadSearchSnapshot(saveSearchSnapshot(index), regionData);
    expect(await loaded.size()).toBe(await index.size());
    const differing: string[] = [];
    for (const { q } of judged.queries) {
      for (const query of [aQuery({ q }), aQuery({ q, page: 2, pageSize: 5, filters: { stage: ['startup'] } })]) {
        if (!isDeepStrictEqual(comparable(await loaded.search(query)), comparable(await index.search(query)))) differing.push(`${q} (page ${query.page})`);
      }
      const suggest = { prefix: q.slice(0, 4), language: 'sv', limit: 8, today: TODAY } as const;
      if (!isDeepStrictEqual(await loaded.suggest(suggest), await index.suggest(suggest))) differing.push(`suggest ${suggest.prefix}`);
    }
    expect(differing).toEqual([]);
  });

  it('remembers versions, deletes included, so a stale change is still refused after loading', async () => {
    const index = new EmbeddedSearchIndex(regionData);
    await index.apply([
      { type: 'upsert', document: aDocument({ id: 'kept', version: 3 }) },
      { type: 'upsert', document: aDocument({ id: 'gone', version: 2 }) },
      { type: 'delete', id: aDocument({ id: 'gone' }).id, version: 4 },
    ]);
    const loaded = loadSearchSnapshot(saveSearchSnapshot(index), regionData);
    const outcomes = await loaded.apply([
      { type: 'upsert', document: aDocument({ id: 'kept', version: 2 }) },
      { type: 'upsert', document: aDocument({ id: 'gone', version: 3 }) },
    ]);
    expect(outcomes.map((o) => o.result)).toEqual(['stale', 'stale']);
    expect(await loaded.size()).toBe(1);
  });

  it('refuses bytes that are not a snapshot', () => {
    expect(() => loadSearchSnapshot(new TextEncoder().encode('{"documents":[]}'), regionData)).toThrow(/snapshot/);
  });

  it('refuses a truncated snapshot and one of another format version with an error that says so', async () => {
    const { index } = await seededIndex();
    const bytes = saveSearchSnapshot(index);
    expect(() => loadSearchSnapshot(bytes.subarray(0, bytes.byteLength - 100), regionData)).toThrow(SnapshotFormatError);
    expect(() => loadSearchSnapshot(bytes.subarray(0, 30), regionData)).toThrow(/search snapshot.*bytes of body/);
    const otherVersion = bytes.slice();
    new DataView(otherVersion.buffer).setUint32(8, 1, true);
    expect(() => loadSearchSnapshot(otherVersion, regionData)).toThrow(/search snapshot.*version 1/);
    const scrambled = bytes.slice();
    scrambled.fill(0xff, 20, 24);
    expect(() => loadSearchSnapshot(scrambled, regionData)).toThrow(SnapshotFormatError);
  });

  it('leaves the bytes it loaded untouched when the loaded engine changes', async () => {
    const { index, documents } = await seededIndex();
    const bytes = saveSearchSnapshot(index);
    const before = bytes.slice();
    const loaded = loadSearchSnapshot(bytes, regionData);
    await loaded.apply([{ type: 'delete', id: documents[0]!.id, version: documents[0]!.version + 1 }]);
    expect(Buffer.compare(bytes, before)).toBe(0);
    expect(await loaded.size()).toBe((await index.size()) - 1);
  });
});
