/**
 * ImportJournal on the single table. A run's planned writes (the entry before and after) are
 * packed as JSON into as few items as the item size allows (pk `IMPORT_JOURNAL#run`, sk `WRITE#n`,
 * entity `import-journal-write`), written first; then the run's header (pk `IMPORT_JOURNAL`, sk `RUN#run`, entity `import-journal`,
 * status `started`). A crash before the header leaves nothing to recover, since no entry was
 * written yet. Finishing sets the header's status and TTL; write items expire through the TTL
 * (dynalite keeps them, unread, since only a started header leads to them).
 */
import { BatchWriteCommand, PutCommand, UpdateCommand, paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { Entry } from '#shared/domain/entry.ts';
import type { ImportJournal, JournalHeader, JournalOutcome, JournalWrite } from '#shared/ports/import-journal.ts';
import { keys, TTL_ATTRIBUTE } from './key-schema.ts';

const HEADER_ENTITY = 'import-journal';
const WRITE_ENTITY = 'import-journal-write';
/** How long a run's journal is kept: long enough for anyone to run a command after a crash. */
const KEEP_SECONDS = 90 * 86_400;
const BATCH = 25;
/** Bytes of JSON per journal item, well under DynamoDB's 400 KB item limit. */
const CHUNK_BYTES = 300_000;

const Header = z.object({
  id: z.string(),
  file: z.string(),
  actor: z.object({ subject: z.string(), name: z.string() }),
  startedAt: z.string(),
  writes: z.int().min(0),
});
const Write = z.object({ at: z.string(), before: Entry.optional(), entry: Entry });
const Chunk = z.object({ writes: z.string() });

/** The writes as JSON chunks of at most CHUNK_BYTES (one write larger than that is a chunk of its own). */
const chunksOf = (writes: readonly JournalWrite[]): string[] => {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const write of writes) {
    const json = JSON.stringify(write);
    const bytes = Buffer.byteLength(json) + 1;
    if (current.length > 0 && size + bytes > CHUNK_BYTES) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += bytes;
  }
  if (current.length > 0) chunks.push(`[${current.join(',')}]`);
  return chunks;
};

const ttlFrom = (at: Date) => Math.ceil(at.getTime() / 1000) + KEEP_SECONDS;

export class DynamoImportJournal implements ImportJournal {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async begin(header: JournalHeader, writes: readonly JournalWrite[]): Promise<void> {
    const ttl = ttlFrom(new Date(header.startedAt));
    const chunks = chunksOf(writes);
    for (let start = 0; start < chunks.length; start += BATCH) {
      let requests = chunks.slice(start, start + BATCH).map((chunk, offset) => ({
        PutRequest: { Item: { ...keys.importJournalWrite(header.id, start + offset), entity: WRITE_ENTITY, writes: chunk, [TTL_ATTRIBUTE]: ttl } },
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
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: '#status = :started',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': keys.importJournal('-').pk, ':started': 'started' },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) for (const item of page.Items ?? []) headers.push(Header.parse(item));
    return headers.sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
  }

  async writes(id: string): Promise<JournalWrite[]> {
    const writes: JournalWrite[] = [];
    const pages = paginateQuery(
      { client: this.client },
      { TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.importJournalWrite(id, 0).pk }, ConsistentRead: true },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        for (const write of z.array(Write).parse(JSON.parse(Chunk.parse(item).writes))) {
          writes.push({ at: write.at, ...(write.before ? { before: write.before } : {}), entry: write.entry });
        }
      }
    }
    return writes;
  }
}
