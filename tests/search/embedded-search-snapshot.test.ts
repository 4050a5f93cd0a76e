/**
 * The search contract held by an engine that is saved and loaded back after every change, so each
 * search is answered by a snapshot-loaded engine; the lexicon and removals travel in the snapshot.
 */
import { describe, expect, it } from 'vitest';
import { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { loadSearchSnapshot, saveSearchSnapshot } from '#shared/adapters/embedded-search/embedded-search-snapshot.ts';
import type { EntryId } from '#shared/domain/entry.ts';
import type { SearchIndex } from '#shared/ports/search-index.ts';
import { describeSearchIndexContract, type LanguageResources } from './search-index.contract.ts';
import { aDocument, aQuery } from '../support/builders.ts';

/** Every apply() lands on the engine, which is then replaced by its own snapshot loaded back without the lexicon. */
const roundTripping = (resources: LanguageResources): SearchIndex => {
  const options = { synonyms: resources.synonyms, understanding: resources.understanding };
  let engine = loadSearchSnapshot(saveSearchSnapshot(new EmbeddedSearchIndex(resources)), options);
  return {
    apply: async (operations) => {
      const outcomes = await engine.apply(operations);
      engine = loadSearchSnapshot(saveSearchSnapshot(engine), options);
      return outcomes;
    },
    search: (query) => engine.search(query),
    suggest: (query) => engine.suggest(query),
    size: () => engine.size(),
  };
};

describeSearchIndexContract('embedded engine saved and loaded back', async (resources) => roundTripping(resources));

describe('embedded search snapshot', () => {
  it('keeps a removal, so an older version redelivered after loading stays out', async () => {
    const index = new EmbeddedSearchIndex();
    await index.apply([{ type: 'upsert', document: aDocument({ id: 'gone', version: 1 }) }, { type: 'delete', id: 'gone' as EntryId, version: 2 }]);
    const loaded = loadSearchSnapshot(saveSearchSnapshot(index), {});
    const [outcome] = await loaded.apply([{ type: 'upsert', document: aDocument({ id: 'gone', version: 1 }) }]);
    expect(outcome?.result).toBe('stale');
    expect((await loaded.search(aQuery({}))).total).toBe(0);
  });

  it('refuses bytes that are not a snapshot', () => {
    expect(() => loadSearchSnapshot(new TextEncoder().encode('{"format":"something else"}'), {})).toThrow();
  });
});
