/**
 * ReferralRepository on the single table: one item per referral (pk `REFERRAL#id`, sk `REFERRAL`,
 * entity `referral`), written conditionally on its version; a closed referral carries the table's
 * TTL (closedAt plus the retention period) and reads treat it as gone once that has passed, as
 * DynamoDB deletes expired items only lazily. Beside it an anonymised statistics item per referral
 * (entity `referral-stats`, no TTL), written after every referral write and only over an older
 * version; erasure records (entity `erasure`); idempotency keys as their own items, claimed with
 * attribute_not_exists and expiring through the TTL after a week.
 * A referrer's and an organisation's referrals are read through the two sparse indexes (key-schema.ts);
 * statistics, exports and erasure scan.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, paginateQuery, paginateScan, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '#shared/domain/errors.ts';
import { ErasureRecord, Referral, ReferralId, ReferralStatistic, statisticOf } from '#shared/domain/referral.ts';
import { DEFAULT_REFERRAL_RETENTION_MONTHS, retentionEnds } from '#shared/domain/referral-lifecycle.ts';
import { systemClock, type Clock } from '#shared/ports/clock.ts';
import type { IdempotencyRecord, ReferralRepository } from '#shared/ports/referral-repository.ts';
import { INDEXES, keys, TTL_ATTRIBUTE, type IndexDefinition } from './key-schema.ts';

const ENTITY = 'referral';
const STATISTIC_ENTITY = 'referral-stats';
const ERASURE_ENTITY = 'erasure';
const IDEMPOTENCY_ENTITY = 'idempotency';
const IDEMPOTENCY_TTL_SECONDS = 7 * 86_400;

type Item = Record<string, unknown>;

const toReferral = (item: Item): Referral => {
  const { pk: _pk, sk: _sk, entity: _entity, [TTL_ATTRIBUTE]: _ttl, ...referral } = item;
  return Referral.parse(referral);
};

const toStatistic = (item: Item): ReferralStatistic => {
  const { pk: _pk, sk: _sk, entity: _entity, ...statistic } = item;
  return ReferralStatistic.parse(statistic);
};

export type ReferralRepositoryOptions = {
  /** Months a closed referral is kept after it closed. @default 24 */
  retentionMonths?: number;
  /** What "now" is when deciding whether an item has expired. */
  clock?: Clock;
};

export class DynamoReferralRepository implements ReferralRepository {
  private readonly retentionMonths: number;
  private readonly clock: Clock;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: ReferralRepositoryOptions = {},
  ) {
    this.retentionMonths = options.retentionMonths ?? DEFAULT_REFERRAL_RETENTION_MONTHS;
    this.clock = options.clock ?? systemClock;
  }

  async get(id: ReferralId): Promise<Referral | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.referral(id), ConsistentRead: true }));
    return Item && !this.expired(Item) ? toReferral(Item) : undefined;
  }

  async create(referral: Referral): Promise<Referral> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: this.item(referral), ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConflictError(`Referral ${referral.id} already exists.`, [{ name: 'id', reason: 'already exists' }]);
      throw error;
    }
    await this.putStatistic(referral);
    return referral;
  }

  async save(referral: Referral): Promise<Referral> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(referral),
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
    await this.putStatistic(referral);
    return referral;
  }

  async list(filter: { referrerSubject?: string; receivingOrganisationId?: string }): Promise<Referral[]> {
    const [sent, received] = await Promise.all([
      filter.referrerSubject === undefined ? [] : this.query(INDEXES.referralsByReferrer, filter.referrerSubject),
      filter.receivingOrganisationId === undefined ? [] : this.query(INDEXES.referralsByReceiver, filter.receivingOrganisationId),
    ]);
    const byId = new Map<string, Item>();
    for (const item of [...sent, ...received]) byId.set(String(item.id), item);
    return [...byId.values()].filter((item) => !this.expired(item)).map(toReferral);
  }

  async *scan(): AsyncIterable<Referral[]> {
    yield (await this.collect('#entity = :entity', { ':entity': ENTITY })).filter((item) => !this.expired(item)).map(toReferral);
  }

  async *scanStatistics(): AsyncIterable<ReferralStatistic[]> {
    yield (await this.collect('#entity = :entity', { ':entity': STATISTIC_ENTITY })).map(toStatistic);
  }

  async findByOrganisationNumber(digits: string): Promise<Referral[]> {
    return (await this.collect('#entity = :entity AND company.organisationNumber = :number', { ':entity': ENTITY, ':number': digits })).map(toReferral);
  }

  async erase(ids: readonly ReferralId[]): Promise<number> {
    let erased = 0;
    for (const id of ids) {
      const { Attributes } = await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.referral(id), ReturnValues: 'ALL_OLD' }));
      if (Attributes) erased += 1;
      // The company's leadership goes with the referral; the rest of its statistics record stays.
      await this.client.send(
        new UpdateCommand({ TableName: this.tableName, Key: keys.referralStatistic(id), UpdateExpression: 'REMOVE leadership', ConditionExpression: 'attribute_exists(pk)' }),
      ).catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
    }
    return erased;
  }

  async recordErasure(record: ErasureRecord): Promise<void> {
    const parsed = ErasureRecord.parse(record);
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...keys.erasure(parsed.id), entity: ERASURE_ENTITY, ...parsed }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
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

  /** The referral's item: a closed one expires (epoch seconds in the TTL attribute) when its retention period ends. */
  private item(referral: Referral): Item {
    return {
      ...keys.referral(referral.id),
      entity: ENTITY,
      ...referral,
      ...(referral.closedAt ? { [TTL_ATTRIBUTE]: Math.floor(retentionEnds(referral.closedAt, this.retentionMonths).getTime() / 1000) } : {}),
    };
  }

  private expired(item: Item): boolean {
    const ttl = item[TTL_ATTRIBUTE];
    return typeof ttl === 'number' && ttl * 1000 <= this.clock.now().getTime();
  }

  /** Writes the statistics record unless a newer version of it is already stored (concurrent writers may finish out of order). */
  private async putStatistic(referral: Referral): Promise<void> {
    const statistic = statisticOf(referral);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.referralStatistic(referral.id), entity: STATISTIC_ENTITY, ...statistic },
          ConditionExpression: 'attribute_not_exists(pk) OR #version < :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': statistic.version },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** The referral items of one index partition, newest first. */
  private async query(index: IndexDefinition, value: string): Promise<Item[]> {
    const items: Item[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#key = :value',
        FilterExpression: '#entity = :entity',
        ExpressionAttributeNames: { '#key': index.partitionKey, '#entity': 'entity' },
        ExpressionAttributeValues: { ':value': value, ':entity': ENTITY },
        ScanIndexForward: false,
      },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }

  private async collect(filter: string, values: Record<string, unknown>): Promise<Item[]> {
    const items: Item[] = [];
    const pages = paginateScan(
      { client: this.client },
      { TableName: this.tableName, FilterExpression: filter, ExpressionAttributeNames: { '#entity': 'entity' }, ExpressionAttributeValues: values },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }
}
