/**
 * DemandLog on the single table: one counter item per day, signal and value (pk `DEMAND#yyyy-mm`,
 * sk `yyyy-mm-dd#signal#value`, entity `demand`), incremented with an atomic ADD, so concurrent
 * writers never lose a count and a month reads as one query per partition. Each item carries the
 * table's TTL: its day plus 13 months.
 */
import { paginateQuery, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEMAND_RETENTION_MONTHS, DemandCount } from '#shared/domain/demand.ts';
import type { DemandLog } from '#shared/ports/demand-log.ts';
import { keys, TTL_ATTRIBUTE } from './key-schema.ts';

const ENTITY = 'demand';
const PARALLEL_WRITES = 10;

const expiresAt = (day: string): number => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + DEMAND_RETENTION_MONTHS);
  return Math.floor(date.getTime() / 1000);
};

/** The months from `from` to `to`, as `yyyy-mm`. */
const monthsBetween = (from: string, to: string): string[] => {
  const months: string[] = [];
  let [year, month] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 240; guard += 1) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    if (current > last) break;
    months.push(current);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
};

export class DynamoDemandLog implements DemandLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(counts: readonly DemandCount[]): Promise<void> {
    for (let start = 0; start < counts.length; start += PARALLEL_WRITES) {
      await Promise.all(
        counts.slice(start, start + PARALLEL_WRITES).map((count) =>
          this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: keys.demand(count.day, count.signal, count.value),
              UpdateExpression: 'ADD #count :n SET #entity = :entity, #day = :day, #signal = :signal, #value = :value, #ttl = :ttl',
              ExpressionAttributeNames: { '#count': 'count', '#entity': 'entity', '#day': 'day', '#signal': 'signal', '#value': 'value', '#ttl': TTL_ATTRIBUTE },
              ExpressionAttributeValues: { ':n': count.count, ':entity': ENTITY, ':day': count.day, ':signal': count.signal, ':value': count.value, ':ttl': expiresAt(count.day) },
            }),
          ),
        ),
      );
    }
  }

  async counts(from: string, to: string): Promise<DemandCount[]> {
    const counts: DemandCount[] = [];
    for (const month of monthsBetween(from, to)) {
      const pages = paginateQuery(
        { client: this.client },
        {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': keys.demandMonth(month), ':from': from, ':to': `${to}#\uffff` },
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          counts.push(DemandCount.parse({ day: item.day, signal: item.signal, value: item.value, count: item.count }));
        }
      }
    }
    return counts;
  }
}
