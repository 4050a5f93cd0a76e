/** DynamoDB stream records of the directory table, parsed with zod into catalogue changes for the indexing core. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import { auditOnItem } from '#shared/adapters/dynamodb/entry-repository.ts';
import { Entry, EntryId } from '#shared/domain/entry.ts';
import type { EntryChange } from '#shared/domain/entry-change.ts';

/** The `entity` attribute of entry items (see DynamoEntryRepository). */
export const ENTRY_ENTITY = 'entry';

/** An item image in DynamoDB JSON: every attribute a typed value such as `{ "S": "text" }`. */
const Image = z.record(z.string(), z.record(z.string(), z.unknown()));

export const StreamRecord = z.object({
  eventID: z.string().min(1),
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
  userIdentity: z.object({ type: z.string(), principalId: z.string() }).optional(),
  dynamodb: z.object({
    Keys: Image,
    NewImage: Image.optional(),
    OldImage: Image.optional(),
    SequenceNumber: z.string().min(1),
  }),
});
export type StreamRecord = z.infer<typeof StreamRecord>;

/** The event Lambda hands the stream function; records are parsed one by one so one bad record spoils nothing else. */
export const StreamEvent = z.object({ Records: z.array(z.unknown()) });

export type ParsedRecord =
  | { kind: 'change'; sequenceNumber: string; eventId: string; change: EntryChange; expired: boolean }
  | { kind: 'ignored'; sequenceNumber: string; eventId: string }
  | { kind: 'invalid'; sequenceNumber: string | undefined; eventId: string | undefined; reason: string };

/** A removal by DynamoDB's time-to-live process rather than by a person or the application. */
export const isTtlRemoval = (record: StreamRecord): boolean =>
  record.eventName === 'REMOVE' &&
  record.userIdentity?.type === 'Service' &&
  record.userIdentity.principalId === 'dynamodb.amazonaws.com';

const RemovedEntry = z.object({ id: EntryId, version: z.int().min(1) });

const issues = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');

const toItem = (image: Record<string, Record<string, unknown>>): Record<string, unknown> =>
  unmarshall(image as unknown as Record<string, AttributeValue>, { wrapNumbers: false });

/** The audit record the writer left on the item; one that does not parse does not keep the entry out of search. */
const auditOf = (item: Record<string, unknown>) => {
  try {
    return auditOnItem(item);
  } catch {
    return undefined;
  }
};

/**
 * Reads one stream record: an insert or modify of an entry is `upserted` with the new image parsed
 * through the Entry schema (with the audit record the writer left on it); a removal (TTL or not) is `removed` at the old image's version; items of
 * other entities are `ignored`; anything unreadable is `invalid` with the reason.
 */
export const parseStreamRecord = (raw: unknown): ParsedRecord => {
  const envelope = StreamRecord.safeParse(raw);
  if (!envelope.success) {
    const loose = z.object({ eventID: z.string().optional(), dynamodb: z.object({ SequenceNumber: z.string().optional() }).optional() }).safeParse(raw);
    return {
      kind: 'invalid',
      sequenceNumber: loose.success ? loose.data.dynamodb?.SequenceNumber : undefined,
      eventId: loose.success ? loose.data.eventID : undefined,
      reason: `not a DynamoDB stream record: ${issues(envelope.error)}`,
    };
  }
  const record = envelope.data;
  const ids = { sequenceNumber: record.dynamodb.SequenceNumber, eventId: record.eventID };
  const image = record.eventName === 'REMOVE' ? record.dynamodb.OldImage : record.dynamodb.NewImage;
  if (!image) return { kind: 'invalid', ...ids, reason: `${record.eventName} record without its ${record.eventName === 'REMOVE' ? 'old' : 'new'} image` };

  let item: Record<string, unknown>;
  try {
    item = toItem(image);
  } catch (error) {
    return { kind: 'invalid', ...ids, reason: `unreadable image: ${(error as Error).message}` };
  }
  if (item.entity !== ENTRY_ENTITY) return { kind: 'ignored', ...ids };

  if (record.eventName === 'REMOVE') {
    const removed = RemovedEntry.safeParse(item);
    if (!removed.success) return { kind: 'invalid', ...ids, reason: `removed entry: ${issues(removed.error)}` };
    return { kind: 'change', ...ids, change: { type: 'removed', ...removed.data }, expired: isTtlRemoval(record) };
  }
  const { pk: _pk, sk: _sk, entity: _entity, lastChange: _lastChange, ...fields } = item;
  const entry = Entry.safeParse(fields);
  if (!entry.success) return { kind: 'invalid', ...ids, reason: `entry: ${issues(entry.error)}` };
  const audit = auditOf(item);
  return { kind: 'change', ...ids, change: { type: 'upserted', entry: entry.data, ...(audit ? { audit } : {}) }, expired: false };
};
