import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { isTtlRemoval, parseStreamRecord, StreamRecord } from '#functions/indexer/stream-records.ts';
import { fixture } from './support.ts';

const first = (name: Parameters<typeof fixture>[0]) => fixture(name).Records[0]!;

describe('parseStreamRecord', () => {
  it('reads an insert as an upserted entry parsed through the Entry schema, without the key attributes', () => {
    const parsed = parseStreamRecord(first('insert'));
    expect(parsed).toMatchObject({ kind: 'change', sequenceNumber: '100000000000000000001', expired: false });
    if (parsed.kind !== 'change' || parsed.change.type !== 'upserted') throw new Error('expected an upsert');
    expect(parsed.change.entry).toMatchObject({ id: 'innovationskontoret', version: 1, status: 'published' });
    expect(parsed.change.entry).not.toHaveProperty('pk');
    expect(parsed.change.entry).not.toHaveProperty('entity');
  });

  it('carries the audit record the writer left on the item, and indexes the entry even when that record is unreadable', () => {
    const audit = { entryId: 'innovationskontoret', version: 1, at: '2026-11-27T10:00:00.000Z', actor: { subject: 'u-1', name: 'Redaktör' }, action: 'create', changes: [] };
    const record = first('insert');
    record.dynamodb.NewImage.lastChange = marshall({ audit }).audit;
    expect(parseStreamRecord(record)).toMatchObject({ kind: 'change', change: { type: 'upserted', audit } });
    record.dynamodb.NewImage.lastChange = { S: 'not an audit record' };
    const parsed = parseStreamRecord(record);
    expect(parsed).toMatchObject({ kind: 'change', change: { type: 'upserted' } });
    expect(parsed.kind === 'change' && 'audit' in parsed.change).toBe(false);
  });

  it('reads a modify from its new image', () => {
    const parsed = parseStreamRecord(first('modify'));
    expect(parsed.kind === 'change' && parsed.change.type === 'upserted' && parsed.change.entry.version).toBe(2);
  });

  it('reads a removal as removed at the old image\'s version', () => {
    expect(parseStreamRecord(first('remove'))).toMatchObject({ kind: 'change', change: { type: 'removed', id: 'innovationskontoret', version: 2 }, expired: false });
  });

  it('marks a removal by DynamoDB\'s time-to-live process as expired', () => {
    const record = first('ttl-remove');
    expect(isTtlRemoval(StreamRecord.parse(record))).toBe(true);
    expect(parseStreamRecord(record)).toMatchObject({ kind: 'change', change: { type: 'removed', version: 2 }, expired: true });
  });

  it('does not take a removal by a person for a ttl removal', () => {
    const record = first('ttl-remove');
    record.userIdentity = { type: 'Service', principalId: 'someone-else.amazonaws.com' };
    expect(parseStreamRecord(record)).toMatchObject({ kind: 'change', expired: false });
  });

  it('ignores items of other entities', () => {
    expect(parseStreamRecord(first('other-entity'))).toEqual({ kind: 'ignored', sequenceNumber: '900000000000000000001', eventId: expect.any(String) });
  });

  it('names the fields of an entry image that fail the schema', () => {
    const parsed = parseStreamRecord(fixture('poison').Records[1]);
    expect(parsed).toMatchObject({ kind: 'invalid', sequenceNumber: '700000000000000000002' });
    expect(parsed.kind === 'invalid' && parsed.reason).toMatch(/^entry: .*version/);
  });

  it('finds a record without the image it needs invalid', () => {
    const record = first('remove');
    delete record.dynamodb.OldImage;
    expect(parseStreamRecord(record)).toMatchObject({ kind: 'invalid', reason: 'REMOVE record without its old image' });
  });

  it('finds a removed entry without a version invalid', () => {
    const record = first('remove');
    delete record.dynamodb.OldImage.version;
    expect(parseStreamRecord(record)).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/^removed entry: version/) });
  });

  it('finds an image that is not DynamoDB JSON invalid', () => {
    const record = first('insert');
    record.dynamodb.NewImage.version = { Q: 'what' };
    expect(parseStreamRecord(record)).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/^unreadable image|^entry: /) });
  });

  it('keeps what it can of a record that is not a stream record at all', () => {
    expect(parseStreamRecord({ eventID: 'x', dynamodb: { SequenceNumber: '42' } })).toMatchObject({
      kind: 'invalid',
      eventId: 'x',
      sequenceNumber: '42',
      reason: expect.stringMatching(/^not a DynamoDB stream record/),
    });
    expect(parseStreamRecord('nonsense')).toMatchObject({ kind: 'invalid', sequenceNumber: undefined });
  });
});
