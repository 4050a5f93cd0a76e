/**
 * Creates the table as the CDK stack defines it (keys, stream, the global secondary indexes), for the
 * local runtime and tests. A local table from before an index existed is rebuilt with it, items kept:
 * dynalite cannot add an index to an existing table.
 */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  paginateScan,
  waitUntilTableExists,
  waitUntilTableNotExists,
  type AttributeValue,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { INDEXES, TABLE_KEYS } from './key-schema.ts';

const WAIT = { maxWaitTime: 60, minDelay: 0.05, maxDelay: 1 } as const;
const BATCH = 25;

const keyAttributes = [
  ...new Set([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...Object.values(INDEXES).flatMap((index) => [index.partitionKey, index.sortKey])]),
];

const create = async (client: DynamoDBClient, tableName: string) => {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Object.values(INDEXES).map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  await waitUntilTableExists({ client, ...WAIT }, { TableName: tableName });
};

const lacksIndexes = (table: TableDescription | undefined) => {
  const present = new Set((table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  return Object.values(INDEXES).some((index) => !present.has(index.name));
};

/** Every item, read before the table is dropped and written back after it is created again. */
const readAll = async (client: DynamoDBClient, tableName: string): Promise<Record<string, AttributeValue>[]> => {
  const items: Record<string, AttributeValue>[] = [];
  for await (const page of paginateScan({ client }, { TableName: tableName })) items.push(...(page.Items ?? []));
  return items;
};

const writeAll = async (client: DynamoDBClient, tableName: string, items: readonly Record<string, AttributeValue>[]) => {
  for (let start = 0; start < items.length; start += BATCH) {
    let requests = items.slice(start, start + BATCH).map((item) => ({ PutRequest: { Item: item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = (UnprocessedItems?.[tableName] ?? []).flatMap((request) => (request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : []));
    }
  }
};

/** Creates the table when it does not exist, or rebuilds a local one that lacks an index; waits until it is active. */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<'created' | 'existed' | 'rebuilt'> => {
  let existing: TableDescription | undefined;
  try {
    existing = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await create(client, tableName);
    return 'created';
  }
  if (!lacksIndexes(existing)) return 'existed';
  const items = await readAll(client, tableName);
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  await waitUntilTableNotExists({ client, ...WAIT }, { TableName: tableName });
  await create(client, tableName);
  await writeAll(client, tableName, items);
  return 'rebuilt';
};
