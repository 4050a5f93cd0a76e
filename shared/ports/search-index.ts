/** The search port: one interface for the embedded engine and OpenSearch, held to one contract suite. */
import type { EntryId } from '#shared/domain/entry.ts';
import type { EngineResult, SearchDocument, SearchQuery, Suggestion, SuggestQuery } from '#shared/domain/search.ts';

/** An index operation carries the entry's version; an engine ignores one older than what it holds (external versioning). */
export type IndexOperation =
  | { type: 'upsert'; document: SearchDocument }
  | { type: 'delete'; id: EntryId; version: number };

export type IndexOutcome = { id: EntryId; result: 'applied' | 'stale' | 'failed'; reason?: string };

export interface SearchIndex {
  /** Applies operations in order; each outcome says whether it changed the index. */
  apply(operations: readonly IndexOperation[]): Promise<IndexOutcome[]>;
  /** Searches published, currently valid documents with disjunctive facet counts. */
  search(query: SearchQuery): Promise<EngineResult>;
  /** Names of visible entries for search-as-you-type, best first. */
  suggest(query: SuggestQuery): Promise<Suggestion[]>;
  /** The number of documents held, visible or not. */
  size(): Promise<number>;
}
