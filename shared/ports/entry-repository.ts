/** The catalogue store port. Writes are conditional on the entry's version. */
import type { Entry, EntryId } from '#shared/domain/entry.ts';

export interface EntryRepository {
  get(id: EntryId): Promise<Entry | undefined>;
  /**
   * Stores `entry` if the stored version is `entry.version - 1` (or absent when `entry.version` is 1);
   * otherwise throws ConflictError and writes nothing.
   */
  save(entry: Entry): Promise<Entry>;
  /** Every entry, a page at a time. */
  scan(pageSize?: number): AsyncIterable<Entry[]>;
  /** True when the store holds no entry at all. */
  isEmpty(): Promise<boolean>;
}
