/**
 * The embedded engine's snapshot codec: an index saved as bytes and loaded back into an engine that
 * answers as the saved one did. This one keeps the documents, every id's version (so a removal stays
 * newer than a late upsert) and the decompounding lexicon as JSON, and rebuilds the engine at load.
 */
import { z } from 'zod';
import { EntryId } from '#shared/domain/entry.ts';
import { SearchDocument } from '#shared/domain/search.ts';
import { EmbeddedSearchIndex, type EmbeddedSearchOptions } from './embedded-search-index.ts';

const SNAPSHOT_FORMAT = 'vagvisaren-search-snapshot/1';

const Snapshot = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  lexicon: z.array(z.string()),
  documents: z.array(SearchDocument),
  removed: z.array(z.tuple([EntryId, z.int().min(0)])),
});

export function saveSearchSnapshot(index: EmbeddedSearchIndex): Uint8Array {
  const { documents, versions, lexicon } = index.snapshotContents();
  const held = new Set(documents.map((document) => document.id));
  const removed = versions.filter(([id]) => !held.has(id));
  return new TextEncoder().encode(JSON.stringify({ format: SNAPSHOT_FORMAT, lexicon, documents, removed }));
}

/** The snapshot's lexicon replaces `options.lexicon`: the saved documents were indexed with it. */
export function loadSearchSnapshot(bytes: Uint8Array, options: EmbeddedSearchOptions): EmbeddedSearchIndex {
  const snapshot = Snapshot.parse(JSON.parse(new TextDecoder().decode(bytes)));
  const index = new EmbeddedSearchIndex({ ...options, lexicon: snapshot.lexicon });
  // The engine's apply() changes the index before its promise settles.
  void index.apply([
    ...snapshot.documents.map((document) => ({ type: 'upsert' as const, document })),
    ...snapshot.removed.map(([id, version]) => ({ type: 'delete' as const, id, version })),
  ]);
  return index;
}
