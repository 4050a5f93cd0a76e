import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { parseStreamRecord } from '#functions/indexer/stream-records.ts';
import { keys } from '#shared/adapters/dynamodb/key-schema.ts';

const record = (eventName: 'INSERT' | 'REMOVE', item: Record<string, unknown>, ttl = false) => ({
  eventID: `e-${eventName}`,
  eventName,
  ...(ttl ? { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } } : {}),
  dynamodb: {
    Keys: marshall({ pk: item.pk, sk: item.sk }),
    [eventName === 'REMOVE' ? 'OldImage' : 'NewImage']: marshall(item, { removeUndefinedValues: true }),
    SequenceNumber: '100',
  },
});

describe('the stream indexer and referral items', () => {
  it('ignores statistics and erasure records, and the TTL removal of an expired referral', () => {
    const statistic = { ...keys.referralStatistic('ref_abcdefghijklmnopqrst'), entity: 'referral-stats', version: 2, status: 'completed' };
    const erasure = { ...keys.erasure('0b6f0a3e-0000-4000-8000-000000000000'), entity: 'erasure', referrals: 2 };
    const referral = { ...keys.referral('ref_abcdefghijklmnopqrst'), entity: 'referral', id: 'ref_abcdefghijklmnopqrst', version: 4, ttl: 1_800_000_000 };
    expect(parseStreamRecord(record('INSERT', statistic)).kind).toBe('ignored');
    expect(parseStreamRecord(record('INSERT', erasure)).kind).toBe('ignored');
    expect(parseStreamRecord(record('REMOVE', referral, true)).kind).toBe('ignored');
    expect(parseStreamRecord(record('REMOVE', referral)).kind).toBe('ignored');
  });
});
