/**
 * The referral store port: conditional writes on the version, idempotency keys claimed once, the
 * anonymised statistics kept per referral, retention (a closed referral is gone once its retention
 * period has passed) and the data subject's rights (find by number, erase, record the erasure).
 */
import type { ErasureRecord, Referral, ReferralId, ReferralStatistic } from '#shared/domain/referral.ts';

/** What an Idempotency-Key stands for: the referral it created and a hash of the request it came with. */
export type IdempotencyRecord = { referralId: ReferralId; requestHash: string; createdAt: string };

export interface ReferralRepository {
  /** The referral; undefined when there is none or its retention period has passed. */
  get(id: ReferralId): Promise<Referral | undefined>;
  /** Stores a new referral, then its statistics record; ConflictError if the id exists. */
  create(referral: Referral): Promise<Referral>;
  /**
   * Stores `referral` if the stored version is `referral.version - 1` (otherwise ConflictError and
   * nothing written), then its statistics record; a closed referral is set to expire after the retention period.
   */
  save(referral: Referral): Promise<Referral>;
  /** Referrals sent by `referrerSubject` or received by `receivingOrganisationId` (either or both); expired ones left out. */
  list(filter: { referrerSubject?: string; receivingOrganisationId?: string }): Promise<Referral[]>;
  /** Every referral not expired, a page at a time. */
  scan(): AsyncIterable<Referral[]>;
  /** Every statistics record, a page at a time; they outlive expiry and erasure. */
  scanStatistics(): AsyncIterable<ReferralStatistic[]>;
  /** Every referral still held about the organisation or personal identity number `digits` (ten digits), expired or not. */
  findByOrganisationNumber(digits: string): Promise<Referral[]>;
  /** Deletes the referrals (their statistics records stay); answers how many were deleted. */
  erase(ids: readonly ReferralId[]): Promise<number>;
  /** Stores the record of an erasure. */
  recordErasure(record: ErasureRecord): Promise<void>;
  /** Claims `key` for `subject` with `record`; answers the record already stored when someone got there first. */
  claimIdempotencyKey(subject: string, key: string, record: IdempotencyRecord): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }>;
}
