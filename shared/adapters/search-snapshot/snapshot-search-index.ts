/**
 * The embedded engine kept in a SearchSnapshotStore, so that many processes share one index: each
 * holds the engine loaded from the current snapshot. Before a search it asks, at most once per
 * `checkEveryMs`, which version is current, and loads a newer one before answering (a Lambda
 * instance is frozen between requests, so nothing could load it in the background). A write (the
 * stream indexer, or the local change feed) loads the newest snapshot, applies, saves it with a
 * conditional write, and starts again from the newest one when another writer saved first.
 */
import type { EngineResult, SearchQuery, Suggestion, SuggestQuery } from '#shared/domain/search.ts';
import type { Clock } from '#shared/ports/clock.ts';
import { readCurrentSnapshot, SnapshotConflict, type CurrentSnapshot, type SearchSnapshotStore, type SnapshotRef } from '#shared/ports/search-snapshot-store.ts';
import type { IndexOperation, IndexOutcome, SearchIndex } from '#shared/ports/search-index.ts';
import { EmbeddedSearchIndex, type EmbeddedSearchOptions } from '../embedded-search/embedded-search-index.ts';
import { EntryId } from '#shared/domain/entry.ts';
import { loadSearchSnapshot, saveSearchSnapshot } from '../embedded-search/embedded-search-snapshot.ts';

/** How often a warm process asks whether a newer snapshot exists. */
export const SNAPSHOT_CHECK_INTERVAL_MS = 1000;
/** Saves a writer tries before giving up on a batch that keeps losing races (Lambda then retries it). */
const MAX_SAVE_ATTEMPTS = 10;

export type SnapshotLog = { error(message: string, fields?: Record<string, unknown>): void };

type Loaded = { ref: SnapshotRef | undefined; engine: EmbeddedSearchIndex };

/** The current snapshot (or `read`, its bytes read already) loaded into an engine; an empty engine built with `options` when none was saved yet. */
export const loadCurrentSnapshot = async (store: SearchSnapshotStore, options: EmbeddedSearchOptions, read?: CurrentSnapshot): Promise<Loaded> => {
  const current = read ?? (await readCurrentSnapshot(store));
  return current.ref ? { ref: current.ref, engine: loadSearchSnapshot(current.bytes, options) } : { ref: undefined, engine: new EmbeddedSearchIndex(options) };
};

/** `held` if it is still the current snapshot (one small read instead of loading the bytes), else the current one loaded. */
const currentFrom = async (store: SearchSnapshotStore, options: EmbeddedSearchOptions, held: Loaded | undefined): Promise<Loaded> => {
  if (held?.ref && (await store.current())?.version === held.ref.version) return held;
  return loadCurrentSnapshot(store, options);
};

/**
 * Runs `change` on the newest snapshot (`held`, when it still is) and saves the result if `change`
 * says it changed anything, starting over from the newest snapshot after a conflict.
 */
export const updateSnapshot = async <T>(
  store: SearchSnapshotStore,
  options: EmbeddedSearchOptions,
  change: (engine: EmbeddedSearchIndex) => Promise<{ result: T; changed: boolean }>,
  held?: Loaded,
): Promise<{ result: T } & Loaded> => {
  for (let attempt = 1; ; attempt += 1) {
    const { ref, engine } = attempt === 1 ? await currentFrom(store, options, held) : await loadCurrentSnapshot(store, options);
    const { result, changed } = await change(engine);
    if (!changed) return { result, ref, engine };
    try {
      return { result, ref: await store.save(saveSearchSnapshot(engine), ref), engine };
    } catch (error) {
      if (!(error instanceof SnapshotConflict) || attempt >= MAX_SAVE_ATTEMPTS) throw error;
    }
  }
};

/** The operations that give another engine what `engine` holds: its documents and its removals' versions. */
const contentsAsOperations = (engine: EmbeddedSearchIndex): IndexOperation[] => {
  const { documents, versions } = engine.state();
  const held = new Set<string>(documents.map((document) => document.id));
  return [
    ...documents.map((document) => ({ type: 'upsert' as const, document })),
    ...versions.filter(([id]) => !held.has(id)).map(([id, version]) => ({ type: 'delete' as const, id: EntryId.parse(id), version })),
  ];
};

/**
 * Saves `rebuilt` (an engine built from the whole table, with a fresh lexicon) as the new snapshot.
 * Changes the stream indexer saved while the table was being read are newer than what the rebuild
 * read, so the current snapshot is applied onto the rebuild first (versions keep the newer side).
 */
export const replaceSnapshot = async (store: SearchSnapshotStore, rebuilt: EmbeddedSearchIndex, options: EmbeddedSearchOptions): Promise<SnapshotRef> => {
  for (let attempt = 1; ; attempt += 1) {
    const current = await loadCurrentSnapshot(store, options);
    await rebuilt.apply(contentsAsOperations(current.engine));
    try {
      return await store.save(saveSearchSnapshot(rebuilt), current.ref);
    } catch (error) {
      if (!(error instanceof SnapshotConflict) || attempt >= MAX_SAVE_ATTEMPTS) throw error;
    }
  }
};

/** A search index shared through a snapshot store: reads follow the current snapshot, writes save a new one. */
export class SnapshotSearchIndex implements SearchIndex {
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | undefined;

  private constructor(
    private readonly store: SearchSnapshotStore,
    private readonly options: EmbeddedSearchOptions,
    private readonly deps: { clock: Clock; log: SnapshotLog; checkEveryMs: number },
    private loaded: Loaded,
  ) {}

  /**
   * Loads the current snapshot (at cold start), or `read` (readCurrentSnapshot's answer, read while this module
   * loaded). `options` give the synonyms and query vocabulary; a snapshot brings its own lexicon.
   */
  static async open(
    store: SearchSnapshotStore,
    options: EmbeddedSearchOptions,
    deps: { clock: Clock; log: SnapshotLog; checkEveryMs?: number },
    read?: CurrentSnapshot,
  ): Promise<SnapshotSearchIndex> {
    const index = new SnapshotSearchIndex(store, options, { checkEveryMs: SNAPSHOT_CHECK_INTERVAL_MS, ...deps }, await loadCurrentSnapshot(store, options, read));
    index.checkedAt = deps.clock.now().getTime();
    return index;
  }

  /** The version this process is answering from (undefined: no snapshot saved yet). */
  get version(): number | undefined {
    return this.loaded.ref?.version;
  }

  async apply(operations: readonly IndexOperation[]): Promise<IndexOutcome[]> {
    const updated = await updateSnapshot(this.store, this.options, async (engine) => {
      const outcomes = await engine.apply(operations);
      return { result: outcomes, changed: outcomes.some((outcome) => outcome.result === 'applied') };
    }, this.loaded);
    this.adopt(updated);
    return updated.result;
  }

  async search(query: SearchQuery): Promise<EngineResult> {
    return (await this.fresh()).search(query);
  }

  async suggest(query: SuggestQuery): Promise<Suggestion[]> {
    return (await this.fresh()).suggest(query);
  }

  async size(): Promise<number> {
    return (await this.fresh()).size();
  }

  /** The engine to answer from: after a check of the current version when the last one is `checkEveryMs` old. */
  private async fresh(): Promise<EmbeddedSearchIndex> {
    if (this.deps.clock.now().getTime() - this.checkedAt >= this.deps.checkEveryMs) {
      this.checking ??= this.check().finally(() => (this.checking = undefined));
      await this.checking;
    }
    return this.loaded.engine;
  }

  private async check(): Promise<void> {
    this.checkedAt = this.deps.clock.now().getTime();
    try {
      const current = await this.store.current();
      if (current === undefined || current.version <= (this.version ?? 0)) return;
      const bytes = await this.store.read(current);
      this.adopt(bytes ? { ref: current, engine: loadSearchSnapshot(bytes, this.options) } : await loadCurrentSnapshot(this.store, this.options));
    } catch (error) {
      this.deps.log.error('search snapshot check failed; answering from the loaded one', { version: this.version, error: (error as Error).message });
    }
  }

  /** Keeps `loaded` if it is newer than what this process answers from. */
  private adopt(loaded: Loaded): void {
    if (loaded.ref && loaded.ref.version > (this.version ?? 0)) this.loaded = { ref: loaded.ref, engine: loaded.engine };
  }
}
