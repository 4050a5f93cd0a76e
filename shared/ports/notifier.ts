/**
 * The notification port: tells a receiving organisation that a referral has arrived. The notice
 * carries no personal data (no company, number, need or contact), only the referral's id, the
 * organisation and a link to sign in and read it. Also the outbox reader the local runtime shows.
 */
import { z } from 'zod';
import { EntryId } from '#shared/domain/entry.ts';
import { ReferralId } from '#shared/domain/referral.ts';
import { IsoDateTime } from '#shared/domain/text.ts';

export type ReferralReceivedNotice = {
  referralId: ReferralId;
  receivingOrganisationId: EntryId;
  /** The organisation's referral intake address (`referralIntakeEmail`); absent when it has none. */
  to: string | undefined;
  /** Where to sign in and read the referral: `<base>/referrals/<id>` (root-relative when no base is known). */
  link: string;
};

/** What became of a notice: sent (with the channel's message id), or recorded as undeliverable and why. */
export type NotificationOutcome = { delivered: true; messageId: string } | { delivered: false; reason: string };

export interface ReferralNotifier {
  /** Sends the notice or records it as undeliverable; throws only when the channel itself fails. */
  referralReceived(notice: ReferralReceivedNotice): Promise<NotificationOutcome>;
}

/** Where adapters report what they could not deliver, as structured fields. */
export type NotificationLog = {
  warn(message: string, fields: Record<string, unknown>): void;
  error(message: string, fields: Record<string, unknown>): void;
};

/** A message as the local outbox keeps it: the notice, the text sent, and whether it could be delivered. */
export const OutboxMessage = z.strictObject({
  id: z.string().min(1),
  kind: z.literal('referral-received'),
  at: IsoDateTime,
  to: z.string().optional(),
  delivered: z.boolean(),
  reason: z.string().optional(),
  subject: z.string(),
  text: z.string(),
  referralId: ReferralId,
  receivingOrganisationId: EntryId,
  link: z.string(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

/** Reads the local outbox, newest first. */
export interface OutboxReader {
  list(): Promise<OutboxMessage[]>;
}
