/**
 * ReferralRepository on the single table: one item per referral (pk `REFERRAL#id`, sk `REFERRAL`,
 * entity `referral`), written conditionally on its version; idempotency keys as their own items,
 * claimed with attribute_not_exists and expiring through the table's TTL after a week.
 * Listing is a filtered scan: fine for the county's few thousand referrals a year; add a GSI on
 * receiving organisation and on referrer when it is not.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '#shared/domain/errors.ts';
import { Referral, ReferralId } from '#shared/domain/referral.ts';
import type { IdempotencyRecord, ReferralRepository } from '#shared/ports/referral-repository.ts';
import { keys, TTL_ATTRIBUTE } from './key-schema.ts';

const ENTITY = 'referral';
const IDEMPOTENCY_ENTITY = 'idempotency';
const IDEMPOTENCY_TTL_SECONDS = 7 * 86_400;

const toReferral = (item: Record<string, unknown>): Referral => {
  const { pk: _pk, sk: _sk, entity: _entity, ...referral } = item;
  return Referral.parse(referral);
};

export class DynamoReferralRepository implements ReferralRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: ReferralId): Promise<Referral | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.referral(id), ConsistentRead: true }));
    return Item ? toReferral(Item) : undefined;
  }

  async create(referral: Referral): Promise<Referral> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.referral(referral.id), entity: ENTITY, ...referral },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConflictError(`Referral ${referral.id} already exists.`, [{ name: 'id', reason: 'already exists' }]);
      throw error;
    }
    return referral;
  }

  async save(referral: Referral): Promise<Referral> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.referral(referral.id), entity: ENTITY, ...referral },
          ConditionExpression: '#version = :previous',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':previous': referral.version - 1 },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConflictError(`Referral ${referral.id} was changed by someone else since version ${referral.version - 1}.`, [{ name: 'version', reason: 'stale version' }]);
      }
      throw error;
    }
    return referral;
  }

  async list(filter: { referrerSubject?: string; receivingOrganisationId?: string }): Promise<Referral[]> {
    const conditions: string[] = [];
    const values: Record<string, unknown> = { ':entity': ENTITY };
    if (filter.referrerSubject !== undefined) {
      conditions.push('referrerSubject = :subject');
      values[':subject'] = filter.referrerSubject;
    }
    if (filter.receivingOrganisationId !== undefined) {
      conditions.push('receivingOrganisationId = :organisation');
      values[':organisation'] = filter.receivingOrganisationId;
    }
    if (conditions.length === 0) return [];
    return this.collect(`#entity = :entity AND (${conditions.join(' OR ')})`, values);
  }

  async *scan(): AsyncIterable<Referral[]> {
    yield await this.collect('#entity = :entity', { ':entity': ENTITY });
  }

  async claimIdempotencyKey(subject: string, key: string, record: IdempotencyRecord): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }> {
    const itemKey = keys.idempotency(subject, key);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...itemKey, entity: IDEMPOTENCY_ENTITY, ...record, [TTL_ATTRIBUTE]: Math.floor(Date.parse(record.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { claimed: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: itemKey, ConsistentRead: true }));
    if (!Item) throw new ConflictError('The Idempotency-Key was taken and released at once; retry.', [{ name: 'Idempotency-Key', reason: 'retry' }]);
    return {
      claimed: false,
      existing: { referralId: ReferralId.parse(Item.referralId), requestHash: String(Item.requestHash), createdAt: String(Item.createdAt) },
    };
  }

  private async collect(filter: string, values: Record<string, unknown>): Promise<Referral[]> {
    const referrals: Referral[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: filter,
          ExpressionAttributeNames: { '#entity': 'entity' },
          ExpressionAttributeValues: values,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      referrals.push(...(page.Items ?? []).map(toReferral));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return referrals;
  }
}
