/**
 * What the reindex command does, free of environment and process: load a table into an index with
 * counts, rebuild the embedded index in place, and rebuild OpenSearch into a new index behind the
 * alias (create, load, compare counts, switch atomically, catch up, drop the old one).
 */
import type { AliasState } from '#shared/adapters/opensearch/index-admin.ts';
import type { IndexDefinition } from '#shared/adapters/opensearch/index-definition.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { swedishDate, type Clock } from '#shared/ports/clock.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import type { SearchIndex } from '#shared/ports/search-index.ts';
import { toIndexOperation } from '#shared/services/indexer.ts';
import type { LoadCounts, Progress } from './progress.ts';

const noProgress: Progress = { update: () => {}, done: () => {} };

/**
 * Applies every entry of the table to `index` as the indexing core would, a page at a time:
 * searchable entries are upserted, the rest (drafts, archived, expired) deleted at their version.
 */
export const loadIndex = async (
  deps: { repository: EntryRepository; index: SearchIndex; taxonomy: Taxonomy; clock: Clock },
  progress: Progress = noProgress,
): Promise<LoadCounts> => {
  const counts: LoadCounts = { read: 0, upserted: 0, removed: 0, stale: 0, failed: 0 };
  for await (const page of deps.repository.scan()) {
    const today = swedishDate(deps.clock.now());
    const operations = page.map((entry) => toIndexOperation({ type: 'upserted', entry }, deps.taxonomy, today));
    const outcomes = await deps.index.apply(operations);
    counts.read += page.length;
    operations.forEach((operation, i) => {
      const result = outcomes[i]?.result ?? 'failed';
      if (result === 'applied') counts[operation.type === 'upsert' ? 'upserted' : 'removed'] += 1;
      else counts[result] += 1;
    });
    progress.update({ ...counts });
  }
  progress.done({ ...counts });
  return counts;
};

/** Counts agree when the index holds exactly the searchable entries the load applied and nothing failed. */
export const countsAgree = (counts: LoadCounts, held: number): boolean => counts.failed === 0 && held === counts.upserted;

export type EmbeddedReport = { counts: LoadCounts; held: number; agree: boolean };

/** Rebuilds an embedded index in place from the table and compares what it holds with what was loaded. */
export const rebuildEmbedded = async (
  deps: { repository: EntryRepository; index: SearchIndex; taxonomy: Taxonomy; clock: Clock },
  progress?: Progress,
): Promise<EmbeddedReport> => {
  const counts = await loadIndex(deps, progress);
  const held = await deps.index.size();
  return { counts, held, agree: countsAgree(counts, held) };
};

/** The index administration a blue/green reindex needs (see shared/adapters/opensearch/index-admin.ts). */
export type IndexAdmin = {
  aliasState(alias: string): Promise<AliasState>;
  createIndex(name: string, definition: IndexDefinition): Promise<void>;
  refresh(name: string): Promise<void>;
  count(name: string): Promise<number>;
  switchAlias(alias: string, to: string, from: AliasState): Promise<void>;
  deleteIndex(name: string): Promise<void>;
};

export type OpenSearchReindexDeps = {
  admin: IndexAdmin;
  /** The adapter on a concrete index name. */
  openIndex(name: string): SearchIndex;
  repository: EntryRepository;
  taxonomy: Taxonomy;
  clock: Clock;
  alias: string;
  /** The new index's name. */
  indexName: string;
  /** Settings and mappings for the new index, from the table's lexicon. */
  definition: IndexDefinition;
  /** Progress of the load (`load`) and of the catch-up after the switch (`catch-up`). */
  progress?: (phase: 'load' | 'catch-up') => Progress;
  /** Notes each step for the operator. */
  log?: (message: string) => void;
};

export type OpenSearchReport = {
  index: string;
  previous: AliasState;
  counts: LoadCounts;
  held: number;
  catchUp: LoadCounts;
  deleted: string[];
};

/** A reindex stopped before the alias moved; the alias still points where it did. */
export class ReindexAborted extends Error {
  constructor(
    message: string,
    readonly counts: LoadCounts,
    readonly held: number | undefined,
  ) {
    super(message);
    this.name = 'ReindexAborted';
  }
}

/**
 * Rebuilds OpenSearch without a moment of empty or partial search: a new versioned index is
 * created and loaded while the alias still serves the old one; only when its live count equals
 * the searchable entries loaded does the alias move, in one atomic step. The stream indexer
 * writes through the alias, so changes made during the load went to the old index: a second pass
 * over the table after the switch applies them (external versions keep every newer document).
 * The old indices are deleted last. A failed or disagreeing load deletes the new index and
 * leaves the alias alone.
 */
export const reindexOpenSearch = async (deps: OpenSearchReindexDeps): Promise<OpenSearchReport> => {
  const log = deps.log ?? (() => {});
  const progress = deps.progress ?? (() => noProgress);
  const previous = await deps.admin.aliasState(deps.alias);
  log(`${deps.alias} points to ${previous.indices.join(', ') || (previous.concreteIndex ? 'a concrete index of that name' : 'nothing yet')}`);

  await deps.admin.createIndex(deps.indexName, deps.definition);
  log(`created ${deps.indexName}`);
  const index = deps.openIndex(deps.indexName);
  const source = { repository: deps.repository, index, taxonomy: deps.taxonomy, clock: deps.clock };

  let counts: LoadCounts | undefined;
  let held: number | undefined;
  try {
    counts = await loadIndex(source, progress('load'));
    await deps.admin.refresh(deps.indexName);
    held = await deps.admin.count(deps.indexName);
    if (!countsAgree(counts, held)) {
      throw new ReindexAborted(
        `${deps.indexName} holds ${held} searchable entries but ${counts.upserted} were loaded and ${counts.failed} failed`,
        counts,
        held,
      );
    }
  } catch (error) {
    await deps.admin.deleteIndex(deps.indexName).catch(() => {});
    log(`deleted ${deps.indexName}; ${deps.alias} is unchanged`);
    if (error instanceof ReindexAborted) throw error;
    throw new ReindexAborted(`loading ${deps.indexName} failed: ${(error as Error).message}`, counts ?? emptyCounts(), held);
  }

  await deps.admin.switchAlias(deps.alias, deps.indexName, previous);
  log(`${deps.alias} now points to ${deps.indexName} (${held} searchable entries)`);

  const catchUp = await loadIndex(source, progress('catch-up'));
  await deps.admin.refresh(deps.indexName);

  for (const old of previous.indices) {
    await deps.admin.deleteIndex(old);
    log(`deleted ${old}`);
  }
  return { index: deps.indexName, previous, counts, held, catchUp, deleted: previous.indices };
};

const emptyCounts = (): LoadCounts => ({ read: 0, upserted: 0, removed: 0, stale: 0, failed: 0 });
