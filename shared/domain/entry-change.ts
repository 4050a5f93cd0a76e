/** A change to the catalogue as the indexer sees it, whether it came from a DynamoDB stream or the in-process feed. */
import type { AuditRecord } from './audit.ts';
import type { Entry, EntryId } from './entry.ts';

/** An upsert carries the audit record of the change when the writer gave one. */
export type EntryChange =
  | { type: 'upserted'; entry: Entry; audit?: AuditRecord }
  | { type: 'removed'; id: EntryId; version: number };
