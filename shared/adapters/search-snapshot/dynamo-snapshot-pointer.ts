/**
 * The search snapshot's pointer as one item of the directory table: which version is current and the
 * object holding it. A conditional write moves it on only from the version the writer started from.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { keys } from '#shared/adapters/dynamodb/key-schema.ts';
import { SnapshotConflict, type SnapshotRef } from '#shared/ports/search-snapshot-store.ts';

const ENTITY = 'search-snapshot';

const PointerItem = z.object({ version: z.int().min(1), key: z.string().min(1) });

export class DynamoSnapshotPointer {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** A strongly consistent read of the pointer item: a warm instance never goes back to an older version. */
  async read(): Promise<SnapshotRef | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.searchSnapshot(), ConsistentRead: true, ProjectionExpression: 'version, #key', ExpressionAttributeNames: { '#key': 'key' } }));
    return Item ? PointerItem.parse(Item) : undefined;
  }

  /** Points at `next` if the pointer is still at `expected` (absent when undefined); SnapshotConflict otherwise. */
  async advance(expected: SnapshotRef | undefined, next: SnapshotRef, savedAt: string): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.searchSnapshot(), entity: ENTITY, version: next.version, key: next.key, savedAt },
          ...(expected
            ? { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expected.version } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') throw new SnapshotConflict(expected);
      throw error;
    }
  }
}
