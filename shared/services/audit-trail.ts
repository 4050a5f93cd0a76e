/** Keeps the audit trail from the change feed or stream: each change that carries a record is written to the trail. */
import type { EntryChange } from '#shared/domain/entry-change.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';

export const recordAuditTrail = (repository: Pick<EntryRepository, 'recordAudit'>) => async (changes: readonly EntryChange[]) => {
  for (const change of changes) if (change.type === 'upserted' && change.audit) await repository.recordAudit(change.audit);
};
