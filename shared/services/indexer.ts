/**
 * The indexing core: turns catalogue changes into index operations. Published entries are upserted,
 * everything else (drafts, archived, expired, removed) is deleted. Both the in-process change feed and
 * the DynamoDB stream handler feed it.
 */
import { type Entry } from '#shared/domain/entry.ts';
import type { EntryChange } from '#shared/domain/entry-change.ts';
import { toSearchDocument } from '#shared/domain/search.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Clock } from '#shared/ports/clock.ts';
import { swedishDate } from '#shared/ports/clock.ts';
import type { IndexOperation, IndexOutcome, SearchIndex } from '#shared/ports/search-index.ts';

export type Indexer = {
  apply(changes: readonly EntryChange[]): Promise<IndexOutcome[]>;
};

/** True when a published entry has not yet passed its validUntil; entries not yet valid are indexed and filtered at query time. */
const belongsInIndex = (entry: Entry, today: string): boolean =>
  entry.status === 'published' && (entry.validUntil === undefined || today <= entry.validUntil);

export const toIndexOperation = (change: EntryChange, taxonomy: Taxonomy, today: string): IndexOperation => {
  if (change.type === 'removed') return { type: 'delete', id: change.id, version: change.version };
  const { entry } = change;
  return belongsInIndex(entry, today)
    ? { type: 'upsert', document: toSearchDocument(entry, taxonomy) }
    : { type: 'delete', id: entry.id, version: entry.version };
};

export const createIndexer = (deps: { index: SearchIndex; taxonomy: Taxonomy; clock: Clock }): Indexer => ({
  apply: (changes) => {
    const today = swedishDate(deps.clock.now());
    return deps.index.apply(changes.map((change) => toIndexOperation(change, deps.taxonomy, today)));
  },
});
