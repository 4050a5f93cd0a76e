/** A change to the catalogue as the indexer sees it, whether it came from a DynamoDB stream or the in-process feed. */
import type { Entry, EntryId } from './entry.ts';

export type EntryChange =
  | { type: 'upserted'; entry: Entry }
  | { type: 'removed'; id: EntryId; version: number };
