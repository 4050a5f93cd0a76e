/** Builds the app's services from a store and a search index; every composition root shares it. */
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import type { DemandLog } from '#shared/ports/demand-log.ts';
import { createDemandRecorder, readingPending } from '#shared/services/demand-recorder.ts';
import { createFollowUpService } from '#shared/services/follow-up.ts';

import type { ReferralRepository } from '#shared/ports/referral-repository.ts';
import type { HostedSignIn } from '#shared/ports/hosted-sign-in.ts';
import type { OutboxReader, ReferralNotifier } from '#shared/ports/notifier.ts';
import type { SearchIndex } from '#shared/ports/search-index.ts';
import type { SessionStore } from '#shared/ports/session-store.ts';
import type { TokenVerifier } from '#shared/ports/token-verifier.ts';
import { createCatalogueService } from '#shared/services/catalogue.ts';
import { createEditorService } from '#shared/services/editor.ts';
import { createOpenDataService } from '#shared/services/open-data.ts';
import { loadPublication, type Publication } from '#shared/open-data/publication.ts';
import { RegionCode } from '#shared/taxonomy/regions.ts';
import { createReferralService, DEFAULT_ANSWER_WORKING_DAYS } from '#shared/services/referrals.ts';
import { createSearchService } from '#shared/services/search.ts';
import type { QueryVocabulary } from '#shared/search/understanding.ts';
import type { AppDeps, DevSignIn } from '../api/env.ts';
import type { Logger } from '../api/middleware/request-log.ts';

export const DEFAULT_FRESHNESS_DAYS = 180;

export type ServiceOptions = {
  entries: EntryRepository;
  referrals: ReferralRepository;
  /** Anonymous demand counts, written after the response. */
  demandLog: DemandLog;
  /**
   * Milliseconds demand counts gather before they are written (default 0: just after the request,
   * as a Lambda function may be frozen and never woken). A long-running server gathers to write many
   * searches' counts as one ADD per day, signal and value.
   */
  demandGatherMs?: number;
  index: SearchIndex;
  taxonomy: Taxonomy;
  /** The region's open-data licence and dataset description; by default the taxonomy's region's. */
  publication?: Publication;
  /** How the region's queries are read: filler, sizes, need words, filter words. */
  vocabulary: QueryVocabulary;
  clock: Clock;
  logger: Logger;
  tokens: TokenVerifier;
  sessions: SessionStore;
  /** Days after which an entry is due for verification. */
  freshnessDays?: number;
  /** Working days a receiving organisation has to answer a referral before it is overdue. */
  referralAnswerDays?: number;
  /** Months a closed referral is kept (REFERRAL_RETENTION_MONTHS); used where the referral store is built. */
  referralRetentionMonths?: number;
  /** Tells receiving organisations about new referrals. */
  notifier?: ReferralNotifier;
  /** The site's base URL for links in notices; without it, the origin of the request. */
  linkBase?: string;
  /** Local only: the outbox the development page lists. */
  devOutbox?: OutboxReader;
  devSignIn?: DevSignIn;
  hostedSignIn?: HostedSignIn;
  /** AWS: responses carry Strict-Transport-Security. */
  strictTransportSecurity?: boolean;
};

export const composeServices = (options: ServiceOptions): AppDeps => {
  const demand = createDemandRecorder({
    log: options.demandLog,
    clock: options.clock,
    onError: (error) => options.logger.error('demand not recorded', { error: error instanceof Error ? error.message : String(error) }),
    ...(options.demandGatherMs !== undefined ? { gatherMs: options.demandGatherMs } : {}),
  });
  return {
    catalogue: createCatalogueService({ entries: options.entries, clock: options.clock }),
    search: createSearchService({ index: options.index, taxonomy: options.taxonomy, vocabulary: options.vocabulary }),
    editor: createEditorService({
      entries: options.entries,
      taxonomy: options.taxonomy,
      clock: options.clock,
      freshnessDays: options.freshnessDays ?? DEFAULT_FRESHNESS_DAYS,
    }),
    referrals: createReferralService({
      referrals: options.referrals,
      entries: options.entries,
      taxonomy: options.taxonomy,
      clock: options.clock,
      ...(options.referralAnswerDays !== undefined ? { answerWorkingDays: options.referralAnswerDays } : {}),
      ...(options.notifier ? { notifier: options.notifier } : {}),
      ...(options.linkBase ? { linkBase: options.linkBase } : {}),
      log: options.logger,
    }),
    openData: createOpenDataService({ entries: options.entries, taxonomy: options.taxonomy, clock: options.clock, publication: options.publication ?? loadPublication(RegionCode.parse(options.taxonomy.region.code)) }),
    demand,
    followUp: createFollowUpService({
      entries: options.entries,
      referrals: options.referrals,
      demandLog: readingPending(options.demandLog, demand),
      taxonomy: options.taxonomy,
      clock: options.clock,
      freshnessDays: options.freshnessDays ?? DEFAULT_FRESHNESS_DAYS,
      answerWorkingDays: options.referralAnswerDays ?? DEFAULT_ANSWER_WORKING_DAYS,
    }),
    tokens: options.tokens,
    sessions: options.sessions,
    taxonomy: options.taxonomy,
    clock: options.clock,
    logger: options.logger,
    ...(options.devSignIn ? { devSignIn: options.devSignIn } : {}),
    ...(options.hostedSignIn ? { hostedSignIn: options.hostedSignIn } : {}),
    ...(options.devOutbox ? { devOutbox: options.devOutbox } : {}),
    ...(options.strictTransportSecurity ? { strictTransportSecurity: true } : {}),
  };
};
