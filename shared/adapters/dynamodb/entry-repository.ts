/** EntryRepository on DynamoDB (single table, document client); items are parsed back through the Entry schema. */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, paginateQuery, paginateScan, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AuditRecord } from '#shared/domain/audit.ts';
import { Entry, type EntryId } from '#shared/domain/entry.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import { keys } from './key-schema.ts';

const ENTITY = 'entry';
const AUDIT_ENTITY = 'audit';

const toEntry = (item: Record<string, unknown>): Entry => {
  const { pk: _pk, sk: _sk, entity: _entity, lastChange: _lastChange, ...entry } = item;
  return Entry.parse(entry);
};

/** The audit record a stream consumer finds on an entry item's new image. */
export const auditOnItem = (item: Record<string, unknown>): AuditRecord | undefined =>
  item.lastChange === undefined ? undefined : AuditRecord.parse(item.lastChange);

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

  async save(entry: Entry, audit?: AuditRecord): Promise<Entry> {
    const isNew = entry.version === 1;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.entry(entry.id), entity: ENTITY, ...entry, ...(audit ? { lastChange: audit } : {}) },
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

  async recordAudit(audit: AuditRecord): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...keys.audit(audit.entryId, audit.version), entity: AUDIT_ENTITY, ...audit } }),
    );
  }

  async history(id: EntryId): Promise<AuditRecord[]> {
    const records: AuditRecord[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':pk': keys.entry(id).pk, ':audit': 'AUDIT#' },
        ScanIndexForward: false,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const { pk: _pk, sk: _sk, entity: _entity, ...record } = item;
        records.push(AuditRecord.parse(record));
      }
    }
    return records;
  }

  async *scan(pageSize = 200): AsyncIterable<Entry[]> {
    for await (const items of this.entryItemPages(pageSize)) {
      const entries = items.map(toEntry);
      if (entries.length > 0) yield entries;
    }
  }

  async catalogueVersion(): Promise<string> {
    const versions: string[] = [];
    for await (const items of this.entryItemPages(1000, { projection: 'pk, #version', names: { '#version': 'version' } })) {
      for (const item of items) versions.push(`${String(item.pk)}@${String(item.version)}`);
    }
    return createHash('sha256').update(versions.sort().join('\n')).digest('base64url');
  }

  /** The table's entry items a page at a time, optionally narrowed and projected. */
  private async *entryItemPages(
    pageSize: number,
    narrowing: { filter?: string; projection?: string; names?: Record<string, string> } = {},
  ): AsyncIterable<Record<string, unknown>[]> {
    const pages = paginateScan(
      { client: this.client, pageSize },
      {
        TableName: this.tableName,
        FilterExpression: `#entity = :entity${narrowing.filter ? ` AND ${narrowing.filter}` : ''}`,
        ...(narrowing.projection ? { ProjectionExpression: narrowing.projection } : {}),
        ExpressionAttributeNames: { '#entity': 'entity', ...narrowing.names },
        ExpressionAttributeValues: { ':entity': ENTITY },
      },
    );
    for await (const page of pages) yield page.Items ?? [];
  }

  /**
   * The audit records entries carry (`lastChange`, written with the entry in one put) whose own trail
   * item is missing — what a crash between the entry's write and its trail record leaves — a page at a time.
   */
  async *unrecordedAudits(pageSize = 100): AsyncIterable<AuditRecord[]> {
    for await (const items of this.entryItemPages(pageSize, { filter: 'attribute_exists(lastChange)', projection: 'lastChange' })) {
      const missing = await this.withoutTrailItem(items.map((item) => AuditRecord.parse(item.lastChange)));
      if (missing.length > 0) yield missing;
    }
  }

  private async withoutTrailItem(audits: readonly AuditRecord[]): Promise<AuditRecord[]> {
    const found = new Set<string>();
    for (let start = 0; start < audits.length; start += 100) {
      let requested: Record<string, unknown>[] = audits.slice(start, start + 100).map((audit) => keys.audit(audit.entryId, audit.version));
      while (requested.length > 0) {
        const { Responses, UnprocessedKeys } = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: requested, ConsistentRead: true, ProjectionExpression: 'pk, sk' } } }),
        );
        for (const item of Responses?.[this.tableName] ?? []) found.add(`${item.pk}|${item.sk}`);
        requested = (UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return audits.filter((audit) => {
      const key = keys.audit(audit.entryId, audit.version);
      return !found.has(`${key.pk}|${key.sk}`);
    });
  }

  async isEmpty(): Promise<boolean> {
    for await (const items of this.entryItemPages(50, { projection: 'pk' })) if (items.length > 0) return false;
    return true;
  }
}
