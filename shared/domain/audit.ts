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

/** The multi-selects of an entry, by path: sets of codes, whose order says nothing. */
const SETS = new Set(['areas', 'stages', 'supportTypes', 'municipalities', 'focus.profileAreas', 'investor.instruments', 'investor.investmentStages']);

/** A value as compared between versions: keys in order, and the multi-selects' codes sorted. */
const comparable = (value: unknown, path: string): unknown => {
  if (Array.isArray(value)) {
    const items = value.map((item) => comparable(item, path));
    return SETS.has(path) ? items.map((item) => JSON.stringify(item)).sort() : items;
  }
  if (value !== null && typeof value === 'object') {
    return Object.keys(value)
      .sort()
      .map((key) => [key, comparable((value as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`)]);
  }
  return value;
};

/** The top-level fields whose values differ between two versions of an entry (bookkeeping left out; a reordered multi-select is no change). */
export const changedFields = (before: Entry | undefined, after: Entry): FieldChange[] => {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].filter((k) => !BOOKKEEPING.has(k)).sort();
  return keys.flatMap((field) => {
    const was = (before as Record<string, unknown> | undefined)?.[field];
    const is = (after as Record<string, unknown>)[field];
    if (JSON.stringify(comparable(was, field)) === JSON.stringify(comparable(is, field))) return [];
    return [{ field, ...(was === undefined ? {} : { before: was }), ...(is === undefined ? {} : { after: is }) }];
  });
};
