/**
 * ImportJournal on the single table. A run's planned writes are items of their own (pk
 * `IMPORT_JOURNAL#run`, sk `WRITE#n`, entity `import-journal-write`: the entry before and after),
 * written first; then the run's header (pk `IMPORT_JOURNAL`, sk `RUN#run`, entity `import-journal`,
 * status `started`). A crash before the header leaves nothing to recover, since no entry was
 * written yet. Finishing sets the header's status and TTL; write items expire through the TTL
 * (dynalite keeps them, unread, since only a started header leads to them).
 */
import { BatchWriteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { Entry } from '#shared/domain/entry.ts';
import type { ImportJournal, JournalHeader, JournalOutcome, JournalWrite } from '#shared/ports/import-journal.ts';
import { keys, TTL_ATTRIBUTE } from './key-schema.ts';

const HEADER_ENTITY = 'import-journal';
const WRITE_ENTITY = 'import-journal-write';
/** How long a run's journal is kept: long enough for anyone to run a command after a crash. */
const KEEP_SECONDS = 90 * 86_400;
const BATCH = 25;

const Header = z.object({
  id: z.string(),
  file: z.string(),
  actor: z.object({ subject: z.string(), name: z.string() }),
  startedAt: z.string(),
  writes: z.int().min(0),
});
const Write = z.object({ at: z.string(), before: Entry.optional(), entry: Entry });

const ttlFrom = (at: Date) => Math.ceil(at.getTime() / 1000) + KEEP_SECONDS;

export class DynamoImportJournal implements ImportJournal {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async begin(header: JournalHeader, writes: readonly JournalWrite[]): Promise<void> {
    const ttl = ttlFrom(new Date(header.startedAt));
    for (let start = 0; start < writes.length; start += BATCH) {
      let requests = writes.slice(start, start + BATCH).map((write, offset) => ({
        PutRequest: {
          Item: {
            ...keys.importJournalWrite(header.id, start + offset),
            entity: WRITE_ENTITY,
            at: write.at,
            ...(write.before ? { before: write.before } : {}),
            entry: write.entry,
            [TTL_ATTRIBUTE]: ttl,
          },
        },
      }));
      while (requests.length > 0) {
        const { UnprocessedItems } = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.importJournal(header.id), entity: HEADER_ENTITY, status: 'started', ...header } }));
  }

  async finish(id: string, outcome: JournalOutcome, at: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.importJournal(id),
        UpdateExpression: 'SET #status = :status, finishedAt = :at, #ttl = :ttl',
        ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':status': outcome, ':at': at.toISOString(), ':ttl': ttlFrom(at) },
      }),
    );
  }

  async unfinished(): Promise<JournalHeader[]> {
    const headers: JournalHeader[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: '#status = :started',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pk': keys.importJournal('-').pk, ':started': 'started' },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) headers.push(Header.parse(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return headers.sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
  }

  async writes(id: string): Promise<JournalWrite[]> {
    const writes: JournalWrite[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.importJournalWrite(id, 0).pk },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const write = Write.parse(item);
        writes.push({ at: write.at, ...(write.before ? { before: write.before } : {}), entry: write.entry });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return writes;
  }
}
