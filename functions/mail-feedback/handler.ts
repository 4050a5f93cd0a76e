/**
 * The mail feedback handler: SNS records of SES bounces and complaints in, the actors whose intake
 * address they name flagged for editors, one log line per batch. A record that cannot be read is
 * logged and skipped (retrying would not make it readable); a failed write throws, so Lambda retries
 * the event and, after its retries, sends it to the dead letter queue.
 */
import type { Logger } from '#functions/api/middleware/request-log.ts';
import type { IntakeBounces } from '#shared/services/intake-bounces.ts';
import { readNotification, SnsEvent } from './notifications.ts';

export const createMailFeedbackHandler =
  (deps: { bounces: IntakeBounces; logger: Logger }) =>
  async (event: unknown): Promise<{ flagged: number }> => {
    const notifications = SnsEvent.parse(event).Records.map((record) => readNotification(record.Sns));
    for (const notification of notifications) {
      if ('unreadable' in notification) deps.logger.error('unreadable mail feedback', { messageId: notification.messageId, reason: notification.unreadable });
    }
    const feedback = notifications.flatMap((notification) => ('feedback' in notification ? notification.feedback : []));
    const flagged = await deps.bounces.record(feedback);
    for (const actor of flagged) deps.logger.info('intake address flagged', { entryId: actor.id, version: actor.version });
    deps.logger.info('mail feedback', { records: notifications.length, addresses: feedback.length, flagged: flagged.length });
    return { flagged: flagged.length };
  };
