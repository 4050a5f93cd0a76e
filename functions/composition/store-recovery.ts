/**
 * Recovery of the store after a crash, run by `npm start` and by every command on the local store
 * before anything else: import runs cut short are completed or rolled back (their journal says
 * which writes were planned), then every audit record an entry carries but the trail lacks is written.
 * Answers one line per thing it did, for the output.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ChangePublishingRepository } from '#shared/adapters/change-feed/in-process-change-feed.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { DynamoImportJournal } from '#shared/adapters/dynamodb/import-journal.ts';
import type { Clock } from '#shared/ports/clock.ts';
import { recordAuditTrail, replayUnrecordedAudits } from '#shared/services/audit-trail.ts';
import { describeRecovery, recoverImports, type RecoveredImport } from '#shared/services/catalogue-transfer.ts';

export type StoreRecovery = { imports: RecoveredImport[]; audits: number; lines: string[] };

export const recoverStore = async (client: DynamoDBDocumentClient, tableName: string, clock: Clock): Promise<StoreRecovery> => {
  const stored = new DynamoEntryRepository(client, tableName);
  const imports = await recoverImports({
    journal: new DynamoImportJournal(client, tableName),
    repository: new ChangePublishingRepository(stored, recordAuditTrail(stored)),
    clock,
  });
  const audits = await replayUnrecordedAudits(stored);
  const lines = [
    ...imports.map(describeRecovery),
    ...(audits > 0 ? [`Wrote ${audits} audit record${audits === 1 ? '' : 's'} a crash had left out of the trail (each entry carries its latest one).`] : []),
  ];
  return { imports, audits, lines };
};
