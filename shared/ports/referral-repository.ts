/** The referral store port: conditional writes on the version, and idempotency keys claimed once. */
import type { Referral, ReferralId } from '#shared/domain/referral.ts';

/** What an Idempotency-Key stands for: the referral it created and a hash of the request it came with. */
export type IdempotencyRecord = { referralId: ReferralId; requestHash: string; createdAt: string };

export interface ReferralRepository {
  get(id: ReferralId): Promise<Referral | undefined>;
  /** Stores a new referral; ConflictError if the id exists. */
  create(referral: Referral): Promise<Referral>;
  /** Stores `referral` if the stored version is `referral.version - 1`; otherwise ConflictError and nothing written. */
  save(referral: Referral): Promise<Referral>;
  /** Referrals sent by `referrerSubject` or received by `receivingOrganisationId` (either or both). */
  list(filter: { referrerSubject?: string; receivingOrganisationId?: string }): Promise<Referral[]>;
  /** Every referral, a page at a time. */
  scan(): AsyncIterable<Referral[]>;
  /** Claims `key` for `subject` with `record`; answers the record already stored when someone got there first. */
  claimIdempotencyKey(subject: string, key: string, record: IdempotencyRecord): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }>;
}
