/** Builds the app's services from a store and a search index; every composition root shares it. */
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import type { ReferralRepository } from '#shared/ports/referral-repository.ts';
import type { HostedSignIn } from '#shared/ports/hosted-sign-in.ts';
import type { OutboxReader, ReferralNotifier } from '#shared/ports/notifier.ts';
import type { SearchIndex } from '#shared/ports/search-index.ts';
import type { TokenVerifier } from '#shared/ports/token-verifier.ts';
import { createCatalogueService } from '#shared/services/catalogue.ts';
import { createEditorService } from '#shared/services/editor.ts';
import { createReferralService } from '#shared/services/referrals.ts';
import { createSearchService } from '#shared/services/search.ts';
import type { QueryVocabulary } from '#shared/search/understanding.ts';
import type { AppDeps, DevSignIn } from '../api/env.ts';
import type { Logger } from '../api/middleware/request-log.ts';

export const DEFAULT_FRESHNESS_DAYS = 180;

export type ServiceOptions = {
  entries: EntryRepository;
  referrals: ReferralRepository;
  index: SearchIndex;
  taxonomy: Taxonomy;
  /** How the region's queries are read: filler, sizes, need words, filter words. */
  vocabulary: QueryVocabulary;
  clock: Clock;
  logger: Logger;
  tokens: TokenVerifier;
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
};

export const composeServices = (options: ServiceOptions): AppDeps => ({
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
  tokens: options.tokens,
  taxonomy: options.taxonomy,
  clock: options.clock,
  logger: options.logger,
  ...(options.devSignIn ? { devSignIn: options.devSignIn } : {}),
  ...(options.hostedSignIn ? { hostedSignIn: options.hostedSignIn } : {}),
  ...(options.devOutbox ? { devOutbox: options.devOutbox } : {}),
});
