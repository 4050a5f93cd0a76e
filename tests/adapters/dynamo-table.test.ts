import { CreateTableCommand, DescribeTableCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { INDEXES } from '#shared/adapters/dynamodb/key-schema.ts';
import { DynamoReferralRepository } from '#shared/adapters/dynamodb/referral-repository.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { newReferralId, Referral } from '#shared/domain/referral.ts';
import { fixedClock } from '../support/builders.ts';
import { dynamoClient, useDynalite } from '../support/dynamo.ts';

const dynalite = useDynalite();

const aReferral = (referrerSubject: string, receivingOrganisationId: string, createdAt: string): Referral =>
  Referral.parse({
    id: newReferralId(),
    targetId: receivingOrganisationId,
    receivingOrganisationId,
    company: { name: 'Testbolaget AB', organisationNumber: '5561234567', municipality: '1880', stage: 'growth', area: 'innovation' },
    need: 'Behöver hjälp med finansiering.',
    contact: { name: 'Kim Kontakt', email: 'kim@example.se' },
    consent: { askedToBeReferred: true, informedAboutDataHandling: true },
    status: 'sent',
    history: [{ status: 'sent', at: createdAt, by: { subject: referrerSubject, name: 'Rådgivaren' } }],
    referrerSubject,
    referrerName: 'Rådgivaren',
    version: 1,
    createdAt,
    updatedAt: createdAt,
  });

describe('the table as npm start and the tests create it', () => {
  it('has the indexes the stack defines, and lists a referrer’s and an organisation’s referrals through them', async () => {
    const client = dynamoClient(dynalite.endpoint);
    expect(await ensureTable(client, 'indexed')).toBe('created');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'indexed' }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(Object.values(INDEXES).map((index) => index.name).sort());
    const repository = new DynamoReferralRepository(documentClient(client), 'indexed', { clock: fixedClock });
    const older = await repository.create(aReferral('advisor-1', 'almi', '2026-11-01T08:00:00.000Z'));
    const newer = await repository.create(aReferral('advisor-1', 'inkubera', '2026-11-02T08:00:00.000Z'));
    const other = await repository.create(aReferral('advisor-2', 'almi', '2026-11-03T08:00:00.000Z'));
    expect((await repository.list({ referrerSubject: 'advisor-1' })).map((r) => r.id).sort()).toEqual([older.id, newer.id].sort());
    expect((await repository.list({ receivingOrganisationId: 'almi' })).map((r) => r.id).sort()).toEqual([older.id, other.id].sort());
    expect((await repository.list({ referrerSubject: 'advisor-2', receivingOrganisationId: 'almi' })).map((r) => r.id).sort()).toEqual([older.id, other.id].sort());
    expect(await repository.list({})).toEqual([]);
  });

  it('rebuilds a local table made before the indexes existed, keeping every item', async () => {
    const client = dynamoClient(dynalite.endpoint);
    await client.send(
      new CreateTableCommand({
        TableName: 'old',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    const referral = aReferral('advisor-1', 'almi', '2026-11-01T08:00:00.000Z');
    await documentClient(client).send(new PutCommand({ TableName: 'old', Item: { pk: `REFERRAL#${referral.id}`, sk: 'REFERRAL', entity: 'referral', ...referral } }));
    for (let i = 0; i < 60; i += 1) {
      await client.send(new PutItemCommand({ TableName: 'old', Item: { pk: { S: `ENTRY#e-${i}` }, sk: { S: 'ENTRY' }, entity: { S: 'entry' } } }));
    }
    expect(await ensureTable(client, 'old')).toBe('rebuilt');
    expect((await client.send(new ScanCommand({ TableName: 'old', Select: 'COUNT' }))).Count).toBe(61);
    const repository = new DynamoReferralRepository(documentClient(client), 'old', { clock: fixedClock });
    expect(await repository.get(referral.id)).toEqual(referral);
    expect((await repository.list({ receivingOrganisationId: 'almi' })).map((r) => r.id)).toEqual([referral.id]);
    expect(await ensureTable(client, 'old')).toBe('existed');
  });
});
