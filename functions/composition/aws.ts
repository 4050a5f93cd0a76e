/**
 * The AWS composition root of the API: DynamoDB from the function's role (its client and adapters
 * built while the search index opens: a search's demand count writes to the table), and search on OpenSearch
 * when OPENSEARCH_ENDPOINT is set, or on the embedded engine loaded from the snapshot in
 * SEARCH_SNAPSHOT_BUCKET (either way the stream indexer keeps search current, so writes here only go
 * to the table and its audit trail); with neither, the embedded index built from the table at cold start.
 * Referral notices go out through Amazon SES from NOTIFICATION_SENDER (without it they are logged
 * as undeliverable), linking to PUBLIC_BASE_URL or else the request's origin; their module (a signed
 * call to SES, ses-email.ts) loads with the first notice, the token verifier (jose, the user pool's
 * keys) with the first bearer token.
 */
import { z } from 'zod';
import { createCognitoHostedSignIn } from '#shared/adapters/oidc/cognito-hosted-sign-in.ts';
import { loadPublication } from '#shared/open-data/publication.ts';
import { systemClock } from '#shared/ports/clock.ts';
import { loadSynonyms } from '#shared/search/synonyms.ts';
import { loadQueryVocabulary } from '#shared/search/understanding.ts';
import { DEFAULT_REGION, RegionCode, loadTaxonomy } from '#shared/taxonomy/regions.ts';
import type { AppDeps } from '../api/env.ts';
import type { NotificationLog, ReferralNotifier } from '#shared/ports/notifier.ts';
import { jsonLogger, type Logger } from '../api/middleware/request-log.ts';
import { OpenSearchEnv } from './opensearch.ts';
import { SearchSnapshotEnv, type SnapshotStoreTarget } from './search-snapshot.ts';
import type { SearchIndex } from '#shared/ports/search-index.ts';
import type { Synonyms } from '#shared/search/synonyms.ts';
import type { QueryVocabulary } from '#shared/search/understanding.ts';
import { noMetrics, type Metrics } from '#shared/ports/metrics.ts';
import { measuredNotifier, measuredReferrals, measuredSearch } from './measured.ts';
import { composeServices } from './services.ts';
import { lazyPort } from './lazy-port.ts';
import { awsCredentials } from './aws-credentials.ts';
import { loadOnce } from '../api/lazy-handler.ts';
import { API_SEARCH_TIMEOUTS, AWS_CLIENT_TIMEOUTS, SIGNED_CALL_TIMEOUTS } from './timeouts.ts';

export const AwsConfig = z.object({
  TABLE_NAME: z.string().min(3),
  STAGE: z.string().min(1).default('dev'),
  REGION: RegionCode.default(DEFAULT_REGION),
  AWS_REGION: z.string().min(1),
  OPENSEARCH_ENDPOINT: OpenSearchEnv.shape.OPENSEARCH_ENDPOINT.optional(),
  OPENSEARCH_INDEX: OpenSearchEnv.shape.OPENSEARCH_INDEX,
  /** The bucket of the embedded engine's snapshots (the `embedded` search mode); OPENSEARCH_ENDPOINT is then unset. */
  SEARCH_SNAPSHOT_BUCKET: SearchSnapshotEnv.shape.SEARCH_SNAPSHOT_BUCKET,
  /** A local S3 server for the snapshots (the bench); the AWS SDK reads AWS_ENDPOINT_URL_DYNAMODB alike. */
  AWS_ENDPOINT_URL_S3: z.url({ protocol: /^https?$/ }).optional(),
  COGNITO_USER_POOL_ID: z.string().regex(/^[\w-]+_[0-9A-Za-z]+$/, 'a Cognito user pool id'),
  COGNITO_CLIENT_ID: z.string().min(1),
  /** The user pool domain's base URL (https://….auth.<region>.amazoncognito.com) for the hosted sign-in pages. */
  COGNITO_DOMAIN: z.url({ protocol: /^https$/ }).optional(),
  FRESHNESS_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  REFERRAL_ANSWER_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(2),
  /** Months a closed referral is kept before the table's TTL removes it. */
  REFERRAL_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(24),
  /** The verified SES identity referral notices are sent from; without it notices are only logged. */
  NOTIFICATION_SENDER: z.email().optional(),
  /** The site's public base URL for links in notices (a custom domain); without it, the request's origin. */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
});
export type AwsConfig = z.infer<typeof AwsConfig>;

/**
 * `snapshot`: the embedded engine loaded from the indexer's snapshot; `embedded`: built from the table
 * at cold start. `ready` settles when the search index is open and the table's client built: the
 * snapshot's reads run while the caller builds the app, and a request before then waits for them.
 */
export type AwsRuntime = { deps: AppDeps; search: 'opensearch' | 'snapshot' | 'embedded'; ready: Promise<void> };

/** The log the notification adapters report to: warnings as info lines marked `level: warn`. */
export const notificationLog = (logger: Logger): NotificationLog => ({
  warn: (message, fields) => logger.info(message, { ...fields, level: 'warn' }),
  error: (message, fields) => logger.error(message, fields),
});

/**
 * A notifier whose module and client load when the first notice is sent: most requests send none,
 * so the SES client stays out of the cold start.
 */
export const loadOnFirstNotice = (load: () => Promise<ReferralNotifier>): ReferralNotifier => {
  let loaded: Promise<ReferralNotifier> | undefined;
  return {
    referralReceived: async (notice) => {
      loaded ??= load().catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
      return (await loaded).referralReceived(notice);
    },
  };
};

/**
 * Parses the environment and builds every client once; call it once per container, during init.
 * `observe` gives the Lambda's logger and metrics (JSON lines and no metrics without it).
 */
export const composeAws = async (env: NodeJS.ProcessEnv = process.env, observe: { logger?: Logger; metrics?: Metrics } = {}): Promise<AwsRuntime> => {
  const config = AwsConfig.parse(env);
  const metrics = observe.metrics ?? noMetrics;
  const synonyms = loadSynonyms(config.REGION);
  const vocabulary = loadQueryVocabulary(config.REGION);
  const issuer = `https://cognito-idp.${config.AWS_REGION}.amazonaws.com/${config.COGNITO_USER_POOL_ID}`;
  const logger = observe.logger ?? jsonLogger({ runtime: 'aws', stage: config.STAGE });
  const notifierLog = notificationLog(logger.child({ component: 'notifications' }));
  const notifier = loadOnFirstNotice(async () => {
    const [{ createSesNotifier }, { sesEmailSender }] = await Promise.all([
      import('#shared/adapters/notifications/ses-notifier.ts'),
      import('#shared/adapters/notifications/ses-email.ts'),
    ]);
    const client = config.NOTIFICATION_SENDER === undefined ? undefined : sesEmailSender({ region: config.AWS_REGION, credentials: awsCredentials(env), timeouts: SIGNED_CALL_TIMEOUTS });
    return createSesNotifier({ client, from: config.NOTIFICATION_SENDER, log: notifierLog });
  });
  const shared = {
    taxonomy: loadTaxonomy(config.REGION),
    publication: loadPublication(config.REGION),
    vocabulary,
    clock: systemClock,
    logger,
    strictTransportSecurity: true,
    freshnessDays: config.FRESHNESS_DAYS,
    referralAnswerDays: config.REFERRAL_ANSWER_WORKING_DAYS,
    referralRetentionMonths: config.REFERRAL_RETENTION_MONTHS,
    notifier: measuredNotifier(notifier, metrics),
    ...(config.PUBLIC_BASE_URL ? { linkBase: config.PUBLIC_BASE_URL } : {}),
    tokens: lazyPort(async () => (await import('./cognito-tokens.ts')).cognitoTokenVerifier(issuer, config.COGNITO_CLIENT_ID)),
    ...(config.COGNITO_DOMAIN ? { hostedSignIn: createCognitoHostedSignIn({ domain: config.COGNITO_DOMAIN, clientId: config.COGNITO_CLIENT_ID }) } : {}),
  };

  if (config.OPENSEARCH_ENDPOINT === undefined && config.SEARCH_SNAPSHOT_BUCKET === undefined) {
    const { composeCatalogue } = await import('./catalogue.ts');
    const runtime = await composeCatalogue({ ...shared, dynamo: { region: config.AWS_REGION, ...AWS_CLIENT_TIMEOUTS }, tableName: config.TABLE_NAME, synonyms });
    return { deps: { ...runtime.deps, search: measuredSearch(runtime.deps.search, metrics), referrals: measuredReferrals(runtime.deps.referrals, metrics) }, search: 'embedded', ready: Promise.resolve() };
  }

  const tableClient = loadOnce(async () => {
    const [{ DynamoDBClient }, { documentClient }] = await Promise.all([import('@aws-sdk/client-dynamodb'), import('#shared/adapters/dynamodb/client.ts')]);
    return documentClient(new DynamoDBClient({ region: config.AWS_REGION, ...AWS_CLIENT_TIMEOUTS }));
  });
  const table = loadOnce(async () => {
    const [client, { DynamoEntryRepository }, { DynamoReferralRepository }, { DynamoSessionStore }, { DynamoDemandLog }, { ChangePublishingRepository }, { recordAuditTrail }] = await Promise.all([
      tableClient(),
      import('#shared/adapters/dynamodb/entry-repository.ts'),
      import('#shared/adapters/dynamodb/referral-repository.ts'),
      import('#shared/adapters/dynamodb/session-store.ts'),
      import('#shared/adapters/dynamodb/demand-log.ts'),
      import('#shared/adapters/change-feed/in-process-change-feed.ts'),
      import('#shared/services/audit-trail.ts'),
    ]);
    const stored = new DynamoEntryRepository(client, config.TABLE_NAME);
    return {
      entries: new ChangePublishingRepository(stored, recordAuditTrail(stored)),
      referrals: new DynamoReferralRepository(client, config.TABLE_NAME, { clock: systemClock, retentionMonths: config.REFERRAL_RETENTION_MONTHS }),
      sessions: new DynamoSessionStore(client, config.TABLE_NAME),
      demandLog: new DynamoDemandLog(client, config.TABLE_NAME),
    };
  });
  const opening =
    config.SEARCH_SNAPSHOT_BUCKET !== undefined
      ? openSnapshotIndex(
          async () => ({ bucket: config.SEARCH_SNAPSHOT_BUCKET!, region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL_S3, table: { client: await tableClient(), name: config.TABLE_NAME }, clock: systemClock }),
          { synonyms, understanding: vocabulary },
          logger,
        )
      : openSearchIndex(config.OPENSEARCH_ENDPOINT!, config, { synonyms, understanding: vocabulary });
  const index = lazyPort(() => opening);
  const entries = lazyPort(async () => (await table()).entries, ['scan']);
  const referrals = lazyPort(async () => (await table()).referrals, ['scan', 'scanStatistics']);
  const sessions = lazyPort(async () => (await table()).sessions);
  const demandLog = lazyPort(async () => (await table()).demandLog);
  const deps = composeServices({ ...shared, entries, index, referrals, sessions, demandLog });
  const ready = Promise.all([opening, table()]).then(() => undefined);
  return { search: config.SEARCH_SNAPSHOT_BUCKET !== undefined ? 'snapshot' : 'opensearch', ready, deps: { ...deps, search: measuredSearch(deps.search, metrics), referrals: measuredReferrals(deps.referrals, metrics) } };
};

/** The domain's alias through a SigV4-signed transport. */
const openSearchIndex = async (endpoint: string, config: AwsConfig, language: { synonyms: Synonyms; understanding: QueryVocabulary }): Promise<SearchIndex> => {
  const [{ OpenSearchSearchIndex }, { signedTransport }] = await Promise.all([import('#shared/adapters/opensearch/opensearch-search-index.ts'), import('./opensearch.ts')]);
  return new OpenSearchSearchIndex({ transport: await signedTransport(endpoint, config.AWS_REGION, API_SEARCH_TIMEOUTS), index: config.OPENSEARCH_INDEX, ...language });
};

/**
 * The embedded engine loaded from the current snapshot, following the indexer's newer ones. The engine's
 * modules load while the snapshot's bytes are on their way (not before: the pointer read waits for no
 * compilation), and all of it while the caller builds the app.
 */
const openSnapshotIndex = async (target: () => Promise<SnapshotStoreTarget>, language: { synonyms: Synonyms; understanding: QueryVocabulary }, logger: Logger): Promise<SearchIndex> => {
  const [{ openSearchSnapshotStore }, { readCurrentSnapshot }, resolved] = await Promise.all([import('./search-snapshot.ts'), import('#shared/ports/search-snapshot-store.ts'), target()]);
  const store = await openSearchSnapshotStore(resolved);
  const [{ SnapshotSearchIndex }, current] = await Promise.all([import('#shared/adapters/search-snapshot/snapshot-search-index.ts'), readCurrentSnapshot(store)]);
  const log = logger.child({ component: 'search-snapshot' });
  const index = await SnapshotSearchIndex.open(store, language, { clock: resolved.clock, log }, current);
  if (index.version === undefined) log.error('no search snapshot saved yet: search is empty until `npm run reindex` rebuilds it or the indexer saves one');
  return index;
};
