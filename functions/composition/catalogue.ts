/** The catalogue on DynamoDB with the embedded search index, kept current by the in-process change feed. */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { DynamoReferralRepository } from '#shared/adapters/dynamodb/referral-repository.ts';
import { DynamoSessionStore } from '#shared/adapters/dynamodb/session-store.ts';
import { DynamoDemandLog } from '#shared/adapters/dynamodb/demand-log.ts';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { ChangePublishingRepository } from '#shared/adapters/change-feed/in-process-change-feed.ts';
import { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
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
  index: EmbeddedSearchIndex;
  indexed: RebuildReport;
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
}): Promise<CatalogueRuntime> => {
  const client = documentClient(new DynamoDBClient(options.dynamo));
  const recovered = options.recover ? await recoverStore(client, options.tableName, options.clock) : { imports: [], audits: 0, lines: [] };
  const entries = new DynamoEntryRepository(client, options.tableName);
  const referrals = new DynamoReferralRepository(client, options.tableName, {
    clock: options.clock,
    ...(options.referralRetentionMonths !== undefined ? { retentionMonths: options.referralRetentionMonths } : {}),
  });
  await options.beforeIndexing?.(entries);
  const index = new EmbeddedSearchIndex({
    lexicon: await catalogueLexicon(entries, options.taxonomy),
    synonyms: options.synonyms,
    understanding: options.vocabulary,
  });
  const indexer = createIndexer({ index, taxonomy: options.taxonomy, clock: options.clock });
  const indexed = await rebuildIndex(entries, indexer);
  const recordAudit = recordAuditTrail(entries);
  const observed = new ChangePublishingRepository(entries, (changes) => {
    options.afterEntrySaved?.();
    return Promise.all([indexer.apply(changes), recordAudit(changes)]);
  });
  return {
    entries: observed,
    index,
    indexed,
    recovered,
    deps: composeServices({ ...options, entries: observed, index, referrals, sessions: new DynamoSessionStore(client, options.tableName), demandLog: new DynamoDemandLog(client, options.tableName) }),
  };
};
