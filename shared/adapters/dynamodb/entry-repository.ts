/** EntryRepository on DynamoDB (single table, document client); items are parsed back through the Entry schema. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entry, type EntryId } from '#shared/domain/entry.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import { keys } from './key-schema.ts';

const ENTITY = 'entry';

const toEntry = (item: Record<string, unknown>): Entry => {
  const { pk: _pk, sk: _sk, entity: _entity, ...entry } = item;
  return Entry.parse(entry);
};

export class DynamoEntryRepository implements EntryRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: EntryId): Promise<Entry | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.entry(id), ConsistentRead: true }),
    );
    return Item ? toEntry(Item) : undefined;
  }

  async save(entry: Entry): Promise<Entry> {
    const isNew = entry.version === 1;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.entry(entry.id), entity: ENTITY, ...entry },
          ConditionExpression: isNew ? 'attribute_not_exists(pk)' : '#version = :previous',
          ...(isNew ? {} : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':previous': entry.version - 1 } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConflictError(
          isNew
            ? `An entry with id "${entry.id}" already exists.`
            : `Entry "${entry.id}" was changed by someone else since version ${entry.version - 1}.`,
          [{ name: isNew ? 'id' : 'version', reason: isNew ? 'already exists' : 'stale version' }],
        );
      }
      throw error;
    }
    return entry;
  }

  async *scan(pageSize = 200): AsyncIterable<Entry[]> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          Limit: pageSize,
          FilterExpression: '#entity = :entity',
          ExpressionAttributeNames: { '#entity': 'entity' },
          ExpressionAttributeValues: { ':entity': ENTITY },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      const entries = (page.Items ?? []).map(toEntry);
      if (entries.length > 0) yield entries;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  async isEmpty(): Promise<boolean> {
    for await (const page of this.scan(50)) if (page.length > 0) return false;
    return true;
  }
}
