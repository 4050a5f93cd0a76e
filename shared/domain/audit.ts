/** The audit trail: who changed an entry, when, how, and each changed field before and after. */
import { z } from 'zod';
import { EntryId, type Entry } from './entry.ts';
import { IsoDateTime } from './text.ts';

export const AUDIT_ACTIONS = ['create', 'update', 'publish', 'unpublish', 'archive', 'verify', 'import', 'availability', 'intake-bounce'] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const FieldChange = z.strictObject({ field: z.string(), before: z.unknown().optional(), after: z.unknown().optional() });
export type FieldChange = z.infer<typeof FieldChange>;

export const AuditRecord = z.strictObject({
  entryId: EntryId,
  version: z.int().min(1),
  at: IsoDateTime,
  actor: z.strictObject({ subject: z.string(), name: z.string() }),
  action: AuditAction,
  changes: z.array(FieldChange),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

const BOOKKEEPING = new Set(['version', 'updatedAt', 'createdAt']);

/** The top-level fields whose values differ between two versions of an entry (bookkeeping left out). */
export const changedFields = (before: Entry | undefined, after: Entry): FieldChange[] => {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].filter((k) => !BOOKKEEPING.has(k)).sort();
  return keys.flatMap((field) => {
    const was = (before as Record<string, unknown> | undefined)?.[field];
    const is = (after as Record<string, unknown>)[field];
    if (JSON.stringify(was) === JSON.stringify(is)) return [];
    return [{ field, ...(was === undefined ? {} : { before: was }), ...(is === undefined ? {} : { after: is }) }];
  });
};
