/**
 * ReferralNotifier on Amazon SES v2 (ses-email.ts): one plain-text e-mail from the configured sender to the
 * organisation's intake address. Without an intake address (or without a configured sender) nothing
 * is sent and a structured warning is logged instead; a failing send throws for the caller to log.
 */
import type { NotificationLog, ReferralNotifier } from '#shared/ports/notifier.ts';
import { NO_INTAKE_ADDRESS, referralReceivedMessage } from './referral-message.ts';
import type { EmailSender } from './ses-email.ts';

export const NO_SENDER = 'no sender address is configured (NOTIFICATION_SENDER)';

export const createSesNotifier = (options: { client: EmailSender | undefined; from: string | undefined; log: NotificationLog }): ReferralNotifier => ({
  async referralReceived(notice) {
    const { client, from } = options;
    const to = notice.to;
    if (to === undefined || from === undefined || client === undefined) {
      const reason = to === undefined ? NO_INTAKE_ADDRESS : NO_SENDER;
      options.log.warn('referral notification undeliverable', { referralId: notice.referralId, receivingOrganisationId: notice.receivingOrganisationId, reason });
      return { delivered: false, reason };
    }
    const { subject, text } = referralReceivedMessage(notice);
    const sent = await client.sendEmail({
      FromEmailAddress: from,
      Destination: { ToAddresses: [to] },
      Content: {
        Simple: {
          Subject: { Data: subject, Charset: 'UTF-8' },
          Body: { Text: { Data: text, Charset: 'UTF-8' } },
        },
      },
    });
    return { delivered: true, messageId: sent.MessageId ?? 'unknown' };
  },
});
