/** The single table's key design, shared by the adapter, the local bootstrap and the CDK stack (no SDK imports). */

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;
export const TTL_ATTRIBUTE = 'ttl';

/**
 * Global secondary indexes, sparse on attributes only referral items carry (statistics records carry
 * the receiving organisation too and are filtered out): a referrer's and an organisation's referrals,
 * newest first by `createdAt`. All attributes projected.
 */
export const INDEXES = {
  referralsByReferrer: { name: 'referrals-by-referrer', partitionKey: 'referrerSubject', sortKey: 'createdAt' },
  referralsByReceiver: { name: 'referrals-by-receiver', partitionKey: 'receivingOrganisationId', sortKey: 'createdAt' },
} as const;
export type IndexDefinition = (typeof INDEXES)[keyof typeof INDEXES];

/** Item keys per entity; every item also carries `entity` naming its type. */
export const keys = {
  entry: (id: string) => ({ pk: `ENTRY#${id}`, sk: 'ENTRY' }),
  audit: (id: string, version: number) => ({ pk: `ENTRY#${id}`, sk: `AUDIT#${String(version).padStart(10, '0')}` }),
  referral: (id: string) => ({ pk: `REFERRAL#${id}`, sk: 'REFERRAL' }),
  /** The anonymised statistics of a referral: its own partition, so erasing the referral leaves it. */
  referralStatistic: (id: string) => ({ pk: `REFERRAL_STATS#${id}`, sk: 'REFERRAL_STATS' }),
  /** The record of one erasure of a data subject's referrals. */
  erasure: (id: string) => ({ pk: `ERASURE#${id}`, sk: 'ERASURE' }),
  /** A sign-in session: ended at sign-out (then refused), expiring with its token through the TTL. */
  session: (id: string) => ({ pk: `SESSION#${id}`, sk: 'SESSION' }),
  /** The header of one catalogue import run, in one partition so unfinished runs are one query away. */
  importJournal: (runId: string) => ({ pk: 'IMPORT_JOURNAL', sk: `RUN#${runId}` }),
  /** One planned write of an import run. */
  importJournalWrite: (runId: string, index: number) => ({ pk: `IMPORT_JOURNAL#${runId}`, sk: `WRITE#${String(index).padStart(7, '0')}` }),
  /** The pointer to the current search snapshot (shared/adapters/search-snapshot): its version and object key. */
  searchSnapshot: () => ({ pk: 'SEARCH_SNAPSHOT', sk: 'SEARCH_SNAPSHOT' }),
  idempotency: (subject: string, key: string) => ({ pk: `IDEMPOTENCY#${subject}#${key}`, sk: 'IDEMPOTENCY' }),
  /** A month of anonymous demand counts (`yyyy-mm`): one partition, read with one query. */
  demandMonth: (month: string) => `DEMAND#${month}`,
  /** One day's count of one demand signal and value. */
  demand: (day: string, signal: string, value: string) => ({ pk: `DEMAND#${day.slice(0, 7)}`, sk: `${day}#${signal}#${value}` }),
} as const;
