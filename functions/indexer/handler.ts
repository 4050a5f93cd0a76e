/** The stream handler: stream records in, index changes applied in one bulk and audit records kept, partial batch failures out. */
import type { Logger } from '#functions/api/middleware/request-log.ts';
import type { EntryChange } from '#shared/domain/entry-change.ts';
import type { Indexer } from '#shared/services/indexer.ts';
import { METRIC_NAMES, noMetrics, type Metrics } from '#shared/ports/metrics.ts';
import { parseStreamRecord, StreamEvent, type ParsedRecord } from './stream-records.ts';

/** Lambda's partial batch response: the sequence numbers of the records to retry. */
export type StreamBatchResponse = { batchItemFailures: { itemIdentifier: string }[] };

type Change = Extract<ParsedRecord, { kind: 'change' }>;

/** Sequence numbers are decimal strings of varying length: shorter is lower. */
const bySequence = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Handles one batch of DynamoDB stream records. Every readable entry change of the batch goes to
 * the indexing core at once; a record whose change failed, or that cannot be read, is reported by
 * its sequence number. Lambda then retries from the lowest one reported (records after it again,
 * which versioning makes harmless) and, once its retries are spent, sends the batch to the
 * on-failure destination. Stale changes are successes: the index already holds something newer.
 */
export const createStreamHandler =
  (deps: { indexer: Indexer; recordAudit: (changes: readonly EntryChange[]) => Promise<void>; logger: Logger; metrics?: Metrics }) =>
  async (event: unknown): Promise<StreamBatchResponse> => {
    const records = StreamEvent.parse(event).Records.map(parseStreamRecord);
    const failed = new Set<string>();
    const tally = { records: records.length, applied: 0, stale: 0, failed: 0, ignored: 0, invalid: 0, expired: 0 };

    for (const record of records) {
      if (record.kind === 'ignored') tally.ignored += 1;
      if (record.kind !== 'invalid') continue;
      tally.invalid += 1;
      deps.logger.error('unreadable stream record', { eventId: record.eventId, sequenceNumber: record.sequenceNumber, reason: record.reason });
      if (record.sequenceNumber === undefined) throw new Error(`A stream record without a sequence number cannot be retried alone: ${record.reason}`);
      failed.add(record.sequenceNumber);
    }

    const changes = records.filter((record): record is Change => record.kind === 'change');
    if (changes.length > 0) {
      try {
        const outcomes = await deps.indexer.apply(changes.map((record) => record.change));
        changes.forEach((record, i) => {
          const outcome = outcomes[i];
          if (record.expired) tally.expired += 1;
          if (outcome?.result === 'applied' || outcome?.result === 'stale') {
            tally[outcome.result] += 1;
            return;
          }
          tally.failed += 1;
          failed.add(record.sequenceNumber);
          deps.logger.error('index change failed', {
            eventId: record.eventId,
            sequenceNumber: record.sequenceNumber,
            id: outcome?.id,
            reason: outcome?.reason ?? 'no outcome for this change',
          });
        });
      } catch (error) {
        tally.failed += changes.length;
        for (const record of changes) failed.add(record.sequenceNumber);
        deps.logger.error('index write failed', { changes: changes.length, error: (error as Error).message });
      }
    }

    for (const record of changes) {
      if (record.change.type !== 'upserted' || !record.change.audit || failed.has(record.sequenceNumber)) continue;
      try {
        await deps.recordAudit([record.change]);
      } catch (error) {
        failed.add(record.sequenceNumber);
        deps.logger.error('audit record failed', { eventId: record.eventId, sequenceNumber: record.sequenceNumber, error: (error as Error).message });
      }
    }

    deps.logger.info('stream batch', tally);
    const metrics = deps.metrics ?? noMetrics;
    metrics.count(METRIC_NAMES.indexerApplied, tally.applied);
    metrics.count(METRIC_NAMES.indexerStale, tally.stale);
    metrics.count(METRIC_NAMES.indexerFailed, tally.failed);
    metrics.count(METRIC_NAMES.indexerInvalid, tally.invalid);
    return { batchItemFailures: [...failed].sort(bySequence).map((itemIdentifier) => ({ itemIdentifier })) };
  };
