/**
 * Keeps the audit trail from the change feed or stream: each change that carries a record is written
 * to the trail. An entry and its record are written in one put (the record rides on the entry item as
 * `lastChange`), the trail item after it; replaying what entries carry closes the gap a crash between
 * the two leaves, so no version lacks its record.
 */
import type { AuditRecord } from '#shared/domain/audit.ts';
import type { EntryChange } from '#shared/domain/entry-change.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';

export const recordAuditTrail = (repository: Pick<EntryRepository, 'recordAudit'>) => async (changes: readonly EntryChange[]) => {
  for (const change of changes) if (change.type === 'upserted' && change.audit) await repository.recordAudit(change.audit);
};

/** Where the records entries carry but the trail lacks can be found. */
export type UnrecordedAudits = { unrecordedAudits(): AsyncIterable<AuditRecord[]> };

/** Writes to the trail every record an entry carries that the trail lacks; answers how many. Recording is idempotent. */
export const replayUnrecordedAudits = async (repository: Pick<EntryRepository, 'recordAudit'> & UnrecordedAudits): Promise<number> => {
  let replayed = 0;
  for await (const page of repository.unrecordedAudits()) {
    for (const audit of page) await repository.recordAudit(audit);
    replayed += page.length;
  }
  return replayed;
};
