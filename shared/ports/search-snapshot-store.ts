/**
 * The search snapshot port: where the embedded index's saved bytes live, which version is current, and how a writer
 * replaces it; and reading the current one's bytes, which needs no engine (a cold start reads while the engine loads).
 */

/** One saved snapshot: its version (1, 2, …) and the object that holds its bytes. */
export type SnapshotRef = { readonly version: number; readonly key: string };

/** Another writer saved a snapshot after the one this save started from: load the current one, apply again, save again. */
export class SnapshotConflict extends Error {
  constructor(readonly expected: SnapshotRef | undefined) {
    super(`the search snapshot is no longer at version ${expected?.version ?? 'none'}`);
    this.name = 'SnapshotConflict';
  }
}

export interface SearchSnapshotStore {
  /** The current snapshot, or undefined before the first save: one small read, cheap enough for warm instances to ask often. */
  current(): Promise<SnapshotRef | undefined>;
  /** The bytes of a snapshot; undefined once a newer save has replaced and removed it (ask current() again). */
  read(ref: SnapshotRef): Promise<Uint8Array | undefined>;
  /**
   * Saves `bytes` as the version after `expected` (undefined: the first snapshot), only if `expected`
   * is still current; rejects with SnapshotConflict otherwise, leaving the store as it was.
   */
  save(bytes: Uint8Array, expected: SnapshotRef | undefined): Promise<SnapshotRef>;
}

/** The current snapshot's bytes, or no ref before the first save. */
export type CurrentSnapshot = { ref: SnapshotRef; bytes: Uint8Array } | { ref: undefined };

/** Reads of current() → read() that may find the object just replaced before one holds. */
const MAX_READ_ATTEMPTS = 5;

/** The bytes of the current snapshot, asking current() again when a newer save removed the object it named. */
export const readCurrentSnapshot = async (store: SearchSnapshotStore): Promise<CurrentSnapshot> => {
  for (let attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt += 1) {
    const ref = await store.current();
    if (!ref) return { ref };
    const bytes = await store.read(ref);
    if (bytes) return { ref, bytes };
  }
  throw new Error(`the search snapshot was replaced ${MAX_READ_ATTEMPTS} times while it was being read`);
};
