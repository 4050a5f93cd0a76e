/** The catalogue store port. Writes are conditional on the entry's version. */
import type { AuditRecord } from '#shared/domain/audit.ts';
import type { Entry, EntryId } from '#shared/domain/entry.ts';

export interface EntryRepository {
  get(id: EntryId): Promise<Entry | undefined>;
  /**
   * Stores `entry` if the stored version is `entry.version - 1` (or absent when `entry.version` is 1);
   * otherwise throws ConflictError and writes nothing. The audit record travels atomically with the
   * entry (on its item) and reaches the trail through the change feed or stream.
   */
  save(entry: Entry, audit?: AuditRecord): Promise<Entry>;
  /** Adds a record to an entry's audit trail; recording the same version twice keeps one. */
  recordAudit(audit: AuditRecord): Promise<void>;
  /** An entry's audit trail, newest first. */
  history(id: EntryId): Promise<AuditRecord[]>;
  /** Every entry, a page at a time. */
  scan(pageSize?: number): AsyncIterable<Entry[]>;
  /**
   * A fingerprint of the catalogue: of every entry's id and version, so it changes whenever an entry is
   * created or saved (in any process). Reads only keys and versions, to tell whether work built from
   * a full scan can be reused.
   */
  catalogueVersion(): Promise<string>;
  /** True when the store holds no entry at all. */
  isEmpty(): Promise<boolean>;
}
