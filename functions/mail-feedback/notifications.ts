/**
 * Reads SES's bounce and complaint notifications as SNS delivers them to Lambda: the SNS event, and
 * in each record's `Message` the SES event (configuration-set event publishing names its type
 * `eventType`, identity notifications `notificationType`). Only permanent bounces and complaints
 * become feedback: a transient bounce (mailbox full, …) says nothing lasting about an address.
 */
import { z } from 'zod';
import type { IntakeFeedback } from '#shared/services/intake-bounces.ts';

export const SnsEvent = z.object({
  Records: z.array(z.object({ Sns: z.object({ MessageId: z.string(), Message: z.string() }) })).min(1),
});

const Recipients = z.array(z.object({ emailAddress: z.string().min(3).max(254) })).min(1);

const SesFeedback = z.union([
  z.object({
    type: z.literal('Bounce'),
    bounce: z.object({ bounceType: z.string(), bouncedRecipients: Recipients, timestamp: z.iso.datetime({ offset: true }) }),
  }),
  z.object({
    type: z.literal('Complaint'),
    complaint: z.object({ complainedRecipients: Recipients, timestamp: z.iso.datetime({ offset: true }) }),
  }),
  z.object({ type: z.string() }),
]);

/** One SNS record read: its feedback (none for other event types and transient bounces), or why it could not be read. */
export type ReadNotification = { messageId: string; feedback: IntakeFeedback[] } | { messageId: string; unreadable: string };

const isoUtc = (timestamp: string) => new Date(timestamp).toISOString();

/** The feedback in one SNS message. */
export const readNotification = (record: { MessageId: string; Message: string }): ReadNotification => {
  let body: unknown;
  try {
    body = JSON.parse(record.Message);
  } catch {
    return { messageId: record.MessageId, unreadable: 'the message is not JSON' };
  }
  const typed = body !== null && typeof body === 'object' ? { ...body, type: (body as { eventType?: unknown; notificationType?: unknown }).eventType ?? (body as { notificationType?: unknown }).notificationType } : body;
  const parsed = SesFeedback.safeParse(typed);
  if (!parsed.success) return { messageId: record.MessageId, unreadable: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const event = parsed.data;
  if ('bounce' in event) {
    if (event.bounce.bounceType !== 'Permanent') return { messageId: record.MessageId, feedback: [] };
    const at = isoUtc(event.bounce.timestamp);
    return { messageId: record.MessageId, feedback: event.bounce.bouncedRecipients.map((r) => ({ address: r.emailAddress, reason: 'bounce' as const, at })) };
  }
  if ('complaint' in event) {
    const at = isoUtc(event.complaint.timestamp);
    return { messageId: record.MessageId, feedback: event.complaint.complainedRecipients.map((r) => ({ address: r.emailAddress, reason: 'complaint' as const, at })) };
  }
  return { messageId: record.MessageId, feedback: [] };
};
