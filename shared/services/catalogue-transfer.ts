/**
 * Catalogue import and export, format-neutral: the import record (an entry as the API shows it, minus
 * bookkeeping), row-by-row validation against the Entry schema and the taxonomy, the plan (create,
 * change, unchanged) against the stored entries, and its all-or-nothing application with an 'import'
 * audit record per write and a rollback of what the run wrote when a write fails; with a journal,
 * all or nothing across crashes too (recoverImports completes or rolls back a run cut short). No SDK
 * imports; the CSV and JSON readers hand it `ImportSource`s.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { changedFields, type AuditRecord } from '#shared/domain/audit.ts';
import {
  Actor,
  Entry,
  ENTRY_KINDS,
  EntryStatus,
  EstablishmentOffer,
  Investor,
  keepIntakeBounce,
  Offering,
  Testbed,
  type EntryKind,
} from '#shared/domain/entry.ts';
import { DirectoryError } from '#shared/domain/errors.ts';
import { taxonomyIssues, type Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import type { ImportJournal, JournalWrite } from '#shared/ports/import-journal.ts';

/** Fields the store keeps; a record that sets one is refused with the field named. */
export const BOOKKEEPING_FIELDS = ['version', 'createdAt', 'updatedAt', 'demo'] as const;

const bookkeeping = { version: true, createdAt: true, updatedAt: true, demo: true } as const;
const importStatus = { status: EntryStatus.default('draft') };

/** One import record per kind: every field an editor may set, plus `id` (required), `status` and `lastVerifiedAt`. */
export const RECORD_SCHEMAS = {
  actor: Actor.omit({ ...bookkeeping, intakeEmailBounce: true }).extend(importStatus),
  offering: Offering.omit(bookkeeping).extend(importStatus),
  testbed: Testbed.omit(bookkeeping).extend(importStatus),
  investor: Investor.omit(bookkeeping).extend(importStatus),
  'establishment-offer': EstablishmentOffer.omit(bookkeeping).extend(importStatus),
} as const;

export const ImportRecord = z.discriminatedUnion('kind', [
  RECORD_SCHEMAS.actor,
  RECORD_SCHEMAS.offering,
  RECORD_SCHEMAS.testbed,
  RECORD_SCHEMAS.investor,
  RECORD_SCHEMAS['establishment-offer'],
]);
export type ImportRecord = z.infer<typeof ImportRecord>;

/** The field holding a kind's own block (`offering: {cost: 'free'}`); an actor has none. */
export const DETAILS_FIELD: Record<EntryKind, 'offering' | 'testbed' | 'investor' | 'establishmentOffer' | undefined> = {
  actor: undefined,
  offering: 'offering',
  testbed: 'testbed',
  investor: 'investor',
  'establishment-offer': 'establishmentOffer',
};

/** An entry as import reads it back: everything but its bookkeeping, `id`, `kind` and `status` first. */
export const toRecord = (entry: Entry): ImportRecord => {
  const { version: _version, createdAt: _createdAt, updatedAt: _updatedAt, demo: _demo, id, kind, status, ...rest } = entry;
  if ('intakeEmailBounce' in rest) delete rest.intakeEmailBounce;
  return { id, kind, status, ...rest } as ImportRecord;
};

// ——— sources and issues ———

/** A field path as zod reports it: `['areas', 1]`. */
export type FieldPath = readonly PropertyKey[];

/** One record as read from a file, named for messages (`line 17`, `record 3`). */
export type SourceRecord = {
  at: string;
  value: unknown;
  /** Problems met while reading the record (a cell that is not JSON, …), by record field path. */
  issues?: readonly { path: FieldPath; reason: string }[];
};

/** What a reader made of a file. */
export type ImportSource = {
  records: SourceRecord[];
  /** Problems with the file as a whole: an unknown CSV column, a body that is not a JSON array. */
  issues: RecordIssue[];
  /** How this format names a field path (CSV names its columns); by default the path joined with dots. */
  fieldName?: (path: FieldPath) => string;
};

/** One problem, named by record and field: `line 17, areas.1: unknown code "space"`. */
export type RecordIssue = { at: string; field: string; reason: string };

export const formatIssue = (issue: RecordIssue): string => `${issue.at}, ${issue.field}: ${issue.reason}`;

export const dottedPath = (path: FieldPath): string => (path.length === 0 ? '(record)' : path.map(String).join('.'));

/** The issues of a zod error as field paths and reasons, unknown keys one by one, unions opened where one branch fits. */
const zodIssues = (issues: readonly z.core.$ZodIssue[], prefix: FieldPath = []): { path: FieldPath; reason: string }[] =>
  issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], reason: 'unknown field' }));
    if (issue.code === 'invalid_union') {
      const fitting = issue.errors.find((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
      if (fitting) return zodIssues(fitting, path);
      if (path.length === 1 && path[0] === 'municipalities') return [{ path, reason: 'expected "county" or a list of municipality codes' }];
    }
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && 'input' in issue && issue.input === undefined) return [{ path, reason: 'required' }];
    return [{ path, reason: issue.message }];
  });

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A taxonomy issue name (`areas.1`, `establishmentOffer.location.municipality.0`) as a field path. */
const taxonomyPath = (name: string): FieldPath => {
  if (name.startsWith('establishmentOffer.location.municipality')) return ['establishmentOffer', 'location', 'municipality'];
  return name.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
};

/** A record that passed validation, with where it came from. */
export type ValidRecord = { at: string; record: ImportRecord };

export type Validation = { records: ValidRecord[]; issues: RecordIssue[]; total: number };

const PLACEHOLDER_TIME = '1970-01-01T00:00:00.000Z';

/**
 * Checks every record of a source against the import record schema, the entry rules and the
 * taxonomy, and that no id repeats. Reports every problem of every record; valid records come back
 * parsed (defaults applied, text trimmed).
 */
export const validateSource = (source: ImportSource, taxonomy: Taxonomy): Validation => {
  const name = source.fieldName ?? dottedPath;
  const issues: RecordIssue[] = [...source.issues];
  const records: ValidRecord[] = [];
  const seen = new Map<string, string>();

  for (const { at, value, issues: readIssues = [] } of source.records) {
    const problems: { path: FieldPath; reason: string }[] = [...readIssues];
    // A record the reader could not make out as a whole (a row of the wrong length) is not checked further.
    const record = readIssues.some((issue) => issue.path.length === 0) ? undefined : checkRecord(value, taxonomy, problems);
    if (record) {
      const first = seen.get(record.id);
      if (first !== undefined) problems.push({ path: ['id'], reason: `"${record.id}" is also on ${first}` });
      else seen.set(record.id, at);
    }
    if (problems.length > 0) issues.push(...problems.map(({ path, reason }) => ({ at, field: name(path), reason })));
    else if (record) records.push({ at, record });
  }
  return { records, issues, total: source.records.length };
};

const checkRecord = (value: unknown, taxonomy: Taxonomy, problems: { path: FieldPath; reason: string }[]): ImportRecord | undefined => {
  if (!isPlainObject(value)) {
    problems.push({ path: [], reason: 'expected an object' });
    return undefined;
  }
  const rest: Record<string, unknown> = { ...value };
  for (const field of BOOKKEEPING_FIELDS) {
    if (field in rest) {
      problems.push({ path: [field], reason: 'is kept by the store and cannot be imported; remove it' });
      delete rest[field];
    }
  }
  const kind = rest.kind;
  if (kind === undefined) {
    problems.push({ path: ['kind'], reason: 'required' });
    return undefined;
  }
  if (typeof kind !== 'string' || !(ENTRY_KINDS as readonly string[]).includes(kind)) {
    problems.push({ path: ['kind'], reason: `unknown kind ${JSON.stringify(kind)}; expected one of ${ENTRY_KINDS.join(', ')}` });
    return undefined;
  }
  const parsed = RECORD_SCHEMAS[kind as EntryKind].safeParse(rest, { reportInput: true });
  if (!parsed.success) {
    problems.push(...zodIssues(parsed.error.issues));
    return undefined;
  }
  // The entry-wide rules (validity window, provider, focus, location) live on Entry.
  const whole = Entry.safeParse({ ...parsed.data, demo: false, version: 1, createdAt: PLACEHOLDER_TIME, updatedAt: PLACEHOLDER_TIME });
  if (!whole.success) {
    problems.push(...zodIssues(whole.error.issues));
    return undefined;
  }
  const unknownCodes = taxonomyIssues(whole.data, taxonomy);
  if (unknownCodes.length > 0) {
    problems.push(...unknownCodes.map((issue) => ({ path: taxonomyPath(issue.name), reason: issue.reason })));
    return undefined;
  }
  return problems.length > 0 ? undefined : (parsed.data as ImportRecord);
};

// ——— JSON files ———

/** Reads a JSON file: an array of records, each named by its array index (`record 0` is the first). */
export const readJsonRecords = (text: string): ImportSource => {
  let body: unknown;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { records: [], issues: [{ at: 'file', field: '(file)', reason: `not valid JSON: ${(error as Error).message}` }] };
  }
  if (!Array.isArray(body)) return { records: [], issues: [{ at: 'file', field: '(file)', reason: 'expected a JSON array of records' }] };
  return { records: body.map((value, index) => ({ at: `record ${index}`, value })), issues: [] };
};

/** Writes records as import reads them: a JSON array, two-space indented. */
export const writeJsonRecords = (records: readonly ImportRecord[]): string => `${JSON.stringify(records, null, 2)}\n`;

// ——— planning ———

/** Every stored entry by id. */
export const loadStored = async (repository: Pick<EntryRepository, 'scan'>): Promise<Map<string, Entry>> => {
  const stored = new Map<string, Entry>();
  for await (const page of repository.scan(500)) for (const entry of page) stored.set(entry.id, entry);
  return stored;
};

export type PlannedCreate = { at: string; entry: Entry };
export type PlannedChange = { at: string; before: Entry; entry: Entry; fields: string[] };
export type ImportPlan = {
  create: PlannedCreate[];
  change: PlannedChange[];
  unchanged: { at: string; entry: Entry }[];
};

/** JSON with object keys sorted, so equal content compares equal whatever the key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    isPlainObject(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner,
  );

/**
 * Compares valid records with the stored entries. Absent → create (version 1, demo false); present
 * and different in any importable field → change (next version, createdAt and demo kept); equal →
 * unchanged. A record replaces the whole entry: a field it leaves out is removed (or set to its
 * default). An entry's kind cannot change; a record that tries is an issue and the plan is not to be applied.
 */
export const planImport = (
  records: readonly ValidRecord[],
  stored: ReadonlyMap<string, Entry>,
  now: Date,
  fieldName: (path: FieldPath) => string = dottedPath,
): { plan: ImportPlan; issues: RecordIssue[] } => {
  const stamp = now.toISOString();
  const plan: ImportPlan = { create: [], change: [], unchanged: [] };
  const issues: RecordIssue[] = [];
  for (const { at, record } of records) {
    const before = stored.get(record.id);
    if (!before) {
      plan.create.push({ at, entry: { ...record, demo: false, version: 1, createdAt: stamp, updatedAt: stamp } as Entry });
      continue;
    }
    if (before.kind !== record.kind) {
      issues.push({ at, field: fieldName(['kind']), reason: `"${record.id}" is a ${before.kind} in the store; the kind of an entry cannot change` });
      continue;
    }
    if (canonical(toRecord(before)) === canonical(record)) {
      plan.unchanged.push({ at, entry: before });
      continue;
    }
    const entry = keepIntakeBounce(before, { ...record, demo: before.demo, version: before.version + 1, createdAt: before.createdAt, updatedAt: stamp } as Entry);
    plan.change.push({ at, before, entry, fields: changedFields(before, entry).map((change) => change.field) });
  }
  return { plan, issues };
};

// ——— applying ———

export type ImportActor = AuditRecord['actor'];

type Write = { at: string; before: Entry | undefined; entry: Entry };

/** The 'import' audit record of one write. */
const importAudit = (write: Write, actor: ImportActor): AuditRecord => ({
  entryId: write.entry.id,
  version: write.entry.version,
  at: write.entry.updatedAt,
  actor,
  action: 'import',
  changes: changedFields(write.before, write.entry),
});

export type ImportFailure = {
  /** The first write that failed, and why. */
  failed: { id: string; at: string; reason: string };
  /** Entries written by this run before it failed. */
  written: number;
  /** Changed entries put back to their previous content (as a new version). */
  restored: string[];
  /** Created entries archived, since entries cannot be deleted. */
  archived: string[];
  /** Entries this run wrote but could not undo, and why (someone changed them meanwhile, …). */
  notRestored: { id: string; reason: string }[];
};

export type ApplyResult = { ok: true; created: number; changed: number } | ({ ok: false } & ImportFailure);

const reasonOf = (error: unknown): string => {
  if (error instanceof DirectoryError || (error instanceof Error && error.name === 'Error')) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
};

/**
 * Writes the plan's creates and changes, each conditional on the version read while planning and
 * carrying an 'import' audit record. All or nothing as far as the store allows: when a write fails,
 * the remaining writes are not started and every entry already written by this run is undone — a
 * changed entry gets its previous content back as a new version, a created one is archived (there is
 * no delete) — each with an 'import' audit record by `actor` marked as a rollback.
 */
export const applyImport = async (
  plan: ImportPlan,
  deps: {
    repository: EntryRepository;
    actor: ImportActor;
    clock: Clock;
    /** Writes in flight at once (default 16). */
    concurrency?: number;
    /** Called after each successful write with the count so far. */
    onWrite?: (done: number, total: number) => void;
    /** One line per rollback step. */
    log?: (line: string) => void;
    /** Aborting stops starting writes and rolls back what was written (Ctrl+C). */
    signal?: AbortSignal;
    /** Where the run is journalled before its first write, so a crash cannot leave it half done; `file` names it. */
    journal?: { store: ImportJournal; file: string };
  },
): Promise<ApplyResult> => {
  const writes: Write[] = [
    ...plan.create.map(({ at, entry }) => ({ at, before: undefined, entry })),
    ...plan.change.map(({ at, before, entry }) => ({ at, before, entry })),
  ];
  const runId = randomUUID();
  if (deps.journal && writes.length > 0) {
    const startedAt = deps.clock.now().toISOString();
    await deps.journal.store.begin(
      { id: runId, file: deps.journal.file, actor: deps.actor, startedAt, writes: writes.length },
      writes.map(({ at, before, entry }) => ({ at, ...(before ? { before } : {}), entry })),
    );
  }
  const finish = async <R>(result: R, outcome: 'completed' | 'rolled-back'): Promise<R> => {
    if (deps.journal && writes.length > 0) await deps.journal.store.finish(runId, outcome, deps.clock.now());
    return result;
  };
  const written: Write[] = [];
  const failures: { write: Write; error: unknown }[] = [];
  let next = 0;

  const worker = async () => {
    while (failures.length === 0 && deps.signal?.aborted !== true && next < writes.length) {
      const write = writes[next]!;
      next += 1;
      try {
        await deps.repository.save(write.entry, importAudit(write, deps.actor));
        written.push(write);
        deps.onWrite?.(written.length, writes.length);
      } catch (error) {
        failures.push({ write, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 16, writes.length) }, worker));

  if (failures.length === 0 && next >= writes.length) return finish({ ok: true, created: plan.create.length, changed: plan.change.length }, 'completed');
  if (failures.length === 0) failures.push({ write: writes[next]!, error: new Error('the import was interrupted before this write') });

  // A write can fail after the store took it (a lost response, a failing audit listener): look.
  for (const { write } of failures.filter(({ write }) => !written.includes(write))) {
    const now = await deps.repository.get(write.entry.id).catch(() => undefined);
    if (now && canonical(now) === canonical(write.entry)) written.push(write);
  }
  const first = failures[0]!;
  return finish(
    {
      ok: false,
      failed: { id: first.write.entry.id, at: first.write.at, reason: reasonOf(first.error) },
      written: written.length,
      ...(await rollBack(written, deps)),
    },
    'rolled-back',
  );
};

const rollBack = async (
  written: readonly Write[],
  deps: { repository: EntryRepository; actor: ImportActor; clock: Clock; log?: (line: string) => void },
): Promise<Pick<ImportFailure, 'restored' | 'archived' | 'notRestored'>> => {
  const result: Pick<ImportFailure, 'restored' | 'archived' | 'notRestored'> = { restored: [], archived: [], notRestored: [] };
  const actor = { subject: deps.actor.subject, name: `${deps.actor.name}, rolled back` };
  for (const { before, entry } of [...written].reverse()) {
    const stamp = deps.clock.now().toISOString();
    if (!before && entry.status === 'archived') {
      result.archived.push(entry.id);
      deps.log?.(`rollback: ${entry.id} was created archived; left as it is`);
      continue;
    }
    const undone = { ...(before ?? { ...entry, status: 'archived' }), version: entry.version + 1, updatedAt: stamp } as Entry;
    const audit: AuditRecord = { entryId: entry.id, version: undone.version, at: stamp, actor, action: 'import', changes: changedFields(entry, undone) };
    try {
      await deps.repository.save(undone, audit);
      (before ? result.restored : result.archived).push(entry.id);
      deps.log?.(before ? `rollback: ${entry.id} restored to its content before the import (version ${undone.version})` : `rollback: ${entry.id} created by the import, now archived (version ${undone.version})`);
    } catch (error) {
      result.notRestored.push({ id: entry.id, reason: reasonOf(error) });
      deps.log?.(`rollback: ${entry.id} could not be undone: ${reasonOf(error)}`);
    }
  }
  return result;
};

// ——— recovering a run cut short ———

/** What recovery did with one run a crash cut short. */
export type RecoveredImport =
  | { id: string; file: string; startedAt: string; outcome: 'completed'; total: number; alreadyWritten: number; written: number }
  | ({ id: string; file: string; startedAt: string; outcome: 'rolled-back'; total: number; blocked: { id: string; reason: string } } & Pick<ImportFailure, 'restored' | 'archived' | 'notRestored'>);

/**
 * Finds every import run that started and never finished (the process died mid-way) and makes it
 * all or nothing: each planned write is checked against the store — already written (the entry is at
 * the planned version), still to do (the entry is as the run found it), or changed by someone else
 * meanwhile. When nothing was changed meanwhile the run is completed; otherwise what it wrote is
 * rolled back as a failed import is. Either way the run is marked finished.
 */
export const recoverImports = async (deps: {
  journal: ImportJournal;
  repository: EntryRepository;
  clock: Clock;
  log?: (line: string) => void;
}): Promise<RecoveredImport[]> => {
  const recovered: RecoveredImport[] = [];
  const runs = await deps.journal.unfinished();
  const storedNow = runs.length > 0 ? await loadStored(deps.repository) : new Map<string, Entry>();
  for (const run of runs) {
    const planned: Write[] = (await deps.journal.writes(run.id)).map((write: JournalWrite) => ({ at: write.at, before: write.before, entry: write.entry }));
    const done: Write[] = [];
    const pending: Write[] = [];
    let blocked: { id: string; reason: string } | undefined;
    for (const write of planned) {
      const stored = storedNow.get(write.entry.id);
      if (stored && canonical(stored) === canonical(write.entry)) done.push(write);
      else if (write.before ? stored !== undefined && stored.version === write.before.version : stored === undefined) pending.push(write);
      else blocked ??= { id: write.entry.id, reason: stored ? `changed since the import began (now version ${stored.version})` : 'missing from the store' };
    }
    const base = { id: run.id, file: run.file, startedAt: run.startedAt, total: run.writes };
    if (planned.length !== run.writes) blocked ??= { id: '(journal)', reason: `the journal holds ${planned.length} of the run's ${run.writes} writes` };
    if (!blocked) {
      try {
        for (const write of pending) {
          await deps.repository.save(write.entry, importAudit(write, run.actor));
          storedNow.set(write.entry.id, write.entry);
          done.push(write);
        }
      } catch (error) {
        blocked = { id: pending.find((write) => !done.includes(write))?.entry.id ?? '?', reason: reasonOf(error) };
      }
    }
    if (!blocked) {
      await deps.journal.finish(run.id, 'completed', deps.clock.now());
      deps.log?.(`recovery: completed the import of ${run.file} begun ${run.startedAt}: ${done.length - pending.length} of ${run.writes} entries had been written, wrote the other ${pending.length}`);
      recovered.push({ ...base, outcome: 'completed', alreadyWritten: done.length - pending.length, written: pending.length });
      continue;
    }
    const undone = await rollBack(done, { ...deps, actor: run.actor });
    await deps.journal.finish(run.id, 'rolled-back', deps.clock.now());
    deps.log?.(`recovery: rolled back the import of ${run.file} begun ${run.startedAt} (${blocked.id}: ${blocked.reason})`);
    recovered.push({ ...base, outcome: 'rolled-back', blocked, ...undone });
  }
  return recovered;
};

/** One line per recovered run, for a command's or `npm start`'s output. */
export const describeRecovery = (run: RecoveredImport): string =>
  run.outcome === 'completed'
    ? `Completed an import a crash had cut short (${run.file}, begun ${run.startedAt}): ${run.alreadyWritten} of ${run.total} entries had been written; wrote the remaining ${run.written}.`
    : `Rolled back an import a crash had cut short (${run.file}, begun ${run.startedAt}): ${run.blocked.id} ${run.blocked.reason}; ` +
      `${run.restored.length} restored, ${run.archived.length} created ones archived` +
      (run.notRestored.length > 0 ? `, ${run.notRestored.length} could NOT be undone (${run.notRestored.map((n) => n.id).join(', ')})` : '') +
      '.';
