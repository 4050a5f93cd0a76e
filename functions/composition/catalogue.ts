/**
 * The catalogue on DynamoDB with the embedded search index, kept current by the in-process change
 * feed; or, given a snapshot store, the embedded index shared through its snapshots (the `embedded`
 * search mode of AWS, run locally by several processes).
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { DynamoReferralRepository } from '#shared/adapters/dynamodb/referral-repository.ts';
import { DynamoSessionStore } from '#shared/adapters/dynamodb/session-store.ts';
import { DynamoDemandLog } from '#shared/adapters/dynamodb/demand-log.ts';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { ChangePublishingRepository } from '#shared/adapters/change-feed/in-process-change-feed.ts';
import { EmbeddedSearchIndex, type EmbeddedSearchOptions } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { GenerationCountingIndex } from '#shared/adapters/search-generation/generation-counting-index.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import type { SearchIndex } from '#shared/ports/search-index.ts';
import type { SearchSnapshotStore } from '#shared/ports/search-snapshot-store.ts';
import { catalogueLexicon } from '#shared/services/catalogue-lexicon.ts';
import { recordAuditTrail } from '#shared/services/audit-trail.ts';
import type { Synonyms } from '#shared/search/synonyms.ts';
import { createIndexer } from '#shared/services/indexer.ts';
import { rebuildIndex, type RebuildReport } from '#shared/services/rebuild-index.ts';
import type { AppDeps } from '../api/env.ts';
import { composeServices, type ServiceOptions } from './services.ts';
import { recoverStore, type StoreRecovery } from './store-recovery.ts';

export type CatalogueRuntime = {
  deps: AppDeps;
  /** The store; writes through it reach search via the change feed. */
  entries: EntryRepository;
  index: SearchIndex;
  /** What the start read from the table into the index (nothing when it loaded a snapshot or a saved index). */
  indexed: RebuildReport;
  /** The embedded index this process holds and keeps current (not with `snapshots`), to save at a stop. */
  engine?: EmbeddedSearchIndex;
  /** True when the index came from `savedIndex` rather than from the table. */
  fromSavedIndex: boolean;
  /** What start-up recovery did (with `recover`): imports completed or rolled back, audit records written. */
  recovered: StoreRecovery;
};

/**
 * The catalogue on DynamoDB with the embedded search index: built from the table at start and kept
 * current by the in-process change feed after every write made through `deps`.
 */
export const composeCatalogue = async (options: Omit<ServiceOptions, 'entries' | 'index' | 'referrals' | 'sessions' | 'demandLog'> & {
  dynamo: DynamoDBClientConfig;
  tableName: string;
  synonyms: Synonyms;
  beforeIndexing?: (entries: DynamoEntryRepository) => Promise<void>;
  /** Recover the store before anything else (the local runtime, which holds the store alone). */
  recover?: boolean;
  /** Fault injection (local tests only): called after an entry's write, before its audit record and indexing. */
  afterEntrySaved?: () => void;
  /**
   * Search from this store's current snapshot, following newer ones; writes through `deps` save a
   * new snapshot. With no snapshot saved yet, one is built from the table first.
   */
  snapshots?: SearchSnapshotStore;
  /**
   * The index saved when this store was last closed, if it still holds what the store holds; asked
   * after `beforeIndexing` when recovery changed nothing, and built from the table instead when it answers nothing.
   */
  savedIndex?: (language: EmbeddedSearchOptions) => EmbeddedSearchIndex | undefined;
}): Promise<CatalogueRuntime> => {
  const client = documentClient(new DynamoDBClient(options.dynamo));
  const recovered = options.recover ? await recoverStore(client, options.tableName, options.clock) : { imports: [], audits: 0, lines: [] };
  const entries = new DynamoEntryRepository(client, options.tableName);
  const referrals = new DynamoReferralRepository(client, options.tableName, {
    clock: options.clock,
    ...(options.referralRetentionMonths !== undefined ? { retentionMonths: options.referralRetentionMonths } : {}),
  });
  await options.beforeIndexing?.(entries);
  const language: EmbeddedSearchOptions = { synonyms: options.synonyms, understanding: options.vocabulary };
  const buildFromTable = async () => {
    const engine = new EmbeddedSearchIndex({ lexicon: await catalogueLexicon(entries, options.taxonomy), ...language });
    return { engine, report: await rebuildIndex(entries, createIndexer({ index: engine, taxonomy: options.taxonomy, clock: options.clock })) };
  };
  let index: SearchIndex;
  let searchGeneration: (() => number) | undefined;
  let engine: EmbeddedSearchIndex | undefined;
  let fromSavedIndex = false;
  let indexed: RebuildReport = { read: 0, applied: 0, stale: 0, failed: 0 };
  if (options.snapshots) {
    const { SnapshotSearchIndex, replaceSnapshot } = await import('#shared/adapters/search-snapshot/snapshot-search-index.ts');
    if ((await options.snapshots.current()) === undefined) {
      const built = await buildFromTable();
      await replaceSnapshot(options.snapshots, built.engine, language);
      indexed = built.report;
    }
    index = await SnapshotSearchIndex.open(options.snapshots, language, { clock: options.clock, log: options.logger.child({ component: 'search-snapshot' }) });
  } else {
    const saved = recovered.lines.length === 0 ? options.savedIndex?.(language) : undefined;
    fromSavedIndex = saved !== undefined;
    if (saved) engine = saved;
    else ({ engine, report: indexed } = await buildFromTable());
    const counted = new GenerationCountingIndex(engine);
    index = counted;
    searchGeneration = () => counted.generation();
  }
  const indexer = createIndexer({ index, taxonomy: options.taxonomy, clock: options.clock });
  const recordAudit = recordAuditTrail(entries);
  const observed = new ChangePublishingRepository(entries, (changes) => {
    options.afterEntrySaved?.();
    return Promise.all([indexer.apply(changes), recordAudit(changes)]);
  });
  return {
    entries: observed,
    index,
    indexed,
    ...(engine ? { engine } : {}),
    fromSavedIndex,
    recovered,
    deps: {
      ...composeServices({ ...options, entries: observed, index, referrals, sessions: new DynamoSessionStore(client, options.tableName), demandLog: new DynamoDemandLog(client, options.tableName) }),
      ...(searchGeneration ? { searchGeneration } : {}),
    },
  };
};
