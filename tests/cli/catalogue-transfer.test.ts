import { describe, expect, it } from 'vitest';
import { ChangePublishingRepository } from '#shared/adapters/change-feed/in-process-change-feed.ts';
import type { AuditRecord } from '#shared/domain/audit.ts';
import type { Entry, EntryId } from '#shared/domain/entry.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import { recordAuditTrail } from '#shared/services/audit-trail.ts';
import {
  applyImport,
  formatIssue,
  loadStored,
  planImport,
  readJsonRecords,
  toRecord,
  validateSource,
  type ImportRecord,
} from '#shared/services/catalogue-transfer.ts';
import { anEntry, fixedClock, NOW, taxonomy } from '../support/builders.ts';
import { useDynalite } from '../support/dynamo.ts';

const dynalite = useDynalite();

const LATER = new Date('2026-11-28T09:00:00Z');
const actor = { subject: 'cli', name: 'catalogue import (tester)' };

const validate = (records: unknown[]) => validateSource(readJsonRecords(JSON.stringify(records)), taxonomy);
const recordOf = (overrides: Parameters<typeof anEntry>[0] = {}): ImportRecord => toRecord(anEntry(overrides));

/** A repository with the audit trail wired as the command wires it. */
const withTrail = (inner: EntryRepository) => new ChangePublishingRepository(inner, recordAuditTrail(inner));

/** The store's entries by id. */
const contents = async (repository: EntryRepository) => Object.fromEntries(await loadStored(repository));

/** Fails the `n`th save (1-based) with `error`, after running `before` — everything else goes to the real repository. */
const failingOnSave = (inner: EntryRepository, n: number, options: { error?: Error; before?: () => Promise<void> } = {}): EntryRepository => {
  let saves = 0;
  return {
    get: (id) => inner.get(id),
    save: async (entry: Entry, audit?: AuditRecord) => {
      saves += 1;
      if (saves === n) {
        await options.before?.();
        throw options.error ?? new Error('the network went away');
      }
      return inner.save(entry, audit);
    },
    recordAudit: (audit) => inner.recordAudit(audit),
    history: (id) => inner.history(id),
    scan: (pageSize) => inner.scan(pageSize),
    catalogueVersion: () => inner.catalogueVersion(),
    isEmpty: () => inner.isEmpty(),
  };
};

describe('validateSource', () => {
  it('accepts valid records and applies the defaults: draft status, empty lists, Swedish', () => {
    const { id, kind, name, summary, description, areas, stages, focus, municipalities } = recordOf({ id: 'bare-actor' });
    const result = validate([{ id, kind, name, summary, description, areas, stages, focus, municipalities }]);
    expect(result.issues).toEqual([]);
    expect(result.records[0]?.record).toMatchObject({ status: 'draft', languages: ['sv'], supportTypes: [], contact: [], sources: [], sectors: [] });
  });

  it('reports every invalid record by its array index and field path, with the reason', () => {
    const good = recordOf({ id: 'good-one' });
    const result = validate([
      good,
      { ...recordOf({ id: 'unknown-area' }), areas: ['innovation', 'space'] },
      { ...recordOf({ id: 'with-version' }), version: 3, demo: true },
      { ...recordOf({ id: 'robot-kind' }), kind: 'robot' },
      { ...recordOf({ id: 'bad-shape' }), name: { sv: '' }, colour: 'red' },
      { ...recordOf({ id: 'good-one' }) },
      'not an object',
    ]);
    expect(result.issues.map(formatIssue)).toEqual([
      'record 1, areas.1: unknown code "space"',
      'record 2, version: is kept by the store and cannot be imported; remove it',
      'record 2, demo: is kept by the store and cannot be imported; remove it',
      'record 3, kind: unknown kind "robot"; expected one of actor, offering, testbed, investor, establishment-offer',
      'record 4, name.sv: Too small: expected string to have >=1 characters',
      'record 4, colour: unknown field',
      'record 5, id: "good-one" is also on record 0',
      'record 6, (record): expected an object',
    ]);
    expect(result.records.map(({ at }) => at)).toEqual(['record 0']);
  });

  it('applies the rules that span fields and the taxonomy of every coded field', () => {
    const result = validate([
      { ...recordOf({ id: 'upside-down' }), validFrom: '2027-01-01', validUntil: '2026-01-01' },
      { ...recordOf({ id: 'provided-actor' }), providerId: 'someone-else' },
      { ...recordOf({ id: 'far-away', kind: 'establishment-offer', municipalities: ['1861'] }), establishmentOffer: { offerType: 'land', location: { municipality: '9999', placeName: 'X' } } },
      { ...recordOf({ id: 'bad-codes' }), supportTypes: ['advice', 'magic'], municipalities: ['1880', '0000'], focus: { level: 'spearhead', profileAreas: ['space'] } },
    ]);
    expect(result.issues.map(formatIssue)).toEqual([
      'record 0, validFrom: validFrom must not be after validUntil',
      'record 1, providerId: an actor has no provider',
      'record 2, establishmentOffer.location.municipality: the location must be one of the municipalities served',
      'record 3, supportTypes.1: unknown code "magic"',
      'record 3, focus.profileAreas.0: unknown code "space"',
      'record 3, municipalities.1: unknown code "0000"',
    ]);
  });

  it('says what the file is when it is not a JSON array', () => {
    expect(validate([]).issues).toEqual([]);
    expect(readJsonRecords('{"id": 1}').issues).toEqual([{ at: 'file', field: '(file)', reason: 'expected a JSON array of records' }]);
    expect(readJsonRecords('[1,').issues[0]?.reason).toMatch(/^not valid JSON/);
  });
});

describe('planImport', () => {
  const stored = () =>
    new Map<string, Entry>([
      ['same-one', anEntry({ id: 'same-one', version: 3, demo: true, lastVerifiedAt: '2026-05-01T00:00:00.000Z' })],
      ['other-one', anEntry({ id: 'other-one', version: 2, demo: true })],
      ['a-testbed', anEntry({ id: 'a-testbed', kind: 'testbed' })],
    ]);

  it('creates what is absent, changes what differs and leaves equal entries alone', () => {
    const current = stored();
    const valid = validate([
      toRecord(current.get('same-one')!),
      { ...toRecord(current.get('other-one')!), name: { sv: 'Nytt namn' }, status: 'archived' },
      recordOf({ id: 'brand-new', kind: 'offering' }),
    ]);
    const { plan, issues } = planImport(valid.records, current, LATER);
    expect(issues).toEqual([]);
    expect(plan.unchanged.map(({ entry }) => entry.id)).toEqual(['same-one']);
    expect(plan.create).toEqual([
      { at: 'record 2', entry: expect.objectContaining({ id: 'brand-new', version: 1, demo: false, createdAt: LATER.toISOString(), updatedAt: LATER.toISOString() }) },
    ]);
    expect(plan.change).toEqual([
      {
        at: 'record 1',
        before: current.get('other-one'),
        entry: expect.objectContaining({ id: 'other-one', version: 3, demo: true, createdAt: current.get('other-one')!.createdAt, updatedAt: LATER.toISOString(), status: 'archived' }),
        fields: ['name', 'status'],
      },
    ]);
  });

  it('treats a record as the whole entry: a field it leaves out is removed', () => {
    const current = stored();
    const { lastVerifiedAt: _dropped, ...record } = toRecord(current.get('same-one')!);
    const { plan } = planImport(validate([record]).records, current, LATER);
    expect(plan.change[0]?.fields).toEqual(['lastVerifiedAt']);
    expect(plan.change[0]?.entry.lastVerifiedAt).toBeUndefined();
  });

  it('refuses to change the kind of a stored entry, naming the record', () => {
    const { issues } = planImport(validate([recordOf({ id: 'a-testbed', kind: 'actor' })]).records, stored(), LATER);
    expect(issues.map(formatIssue)).toEqual(['record 0, kind: "a-testbed" is a testbed in the store; the kind of an entry cannot change']);
  });
});

describe('applyImport', () => {
  /** A store holding two entries, and a plan that creates three and changes those two. */
  const scenario = async () => {
    const repository = await dynalite.freshRepository();
    const kept = [anEntry({ id: 'kept-one', name: { sv: 'Före ett' } }), anEntry({ id: 'kept-two', kind: 'investor', name: { sv: 'Före två' } })];
    for (const entry of kept) await repository.save(entry);
    const records = [
      recordOf({ id: 'new-one' }),
      recordOf({ id: 'new-two', kind: 'testbed' }),
      recordOf({ id: 'new-three', status: 'archived' }),
      { ...toRecord(kept[0]!), name: { sv: 'Efter ett' } },
      { ...toRecord(kept[1]!), name: { sv: 'Efter två' } },
    ];
    const { plan } = planImport(validate(records).records, await loadStored(repository), NOW);
    return { repository, before: await contents(repository), plan };
  };

  it('writes every create and change with an import audit record naming the actor', async () => {
    const { repository, plan } = await scenario();
    const progress: number[] = [];
    const result = await applyImport(plan, { repository: withTrail(repository), actor, clock: fixedClock, onWrite: (done) => progress.push(done) });
    expect(result).toEqual({ ok: true, created: 3, changed: 2 });
    expect(progress.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(await repository.get('kept-one' as EntryId)).toMatchObject({ version: 2, name: { sv: 'Efter ett' } });
    expect(await repository.history('kept-one' as EntryId)).toEqual([
      { entryId: 'kept-one', version: 2, at: NOW.toISOString(), actor, action: 'import', changes: [{ field: 'name', before: { sv: 'Före ett' }, after: { sv: 'Efter ett' } }] },
    ]);
    expect((await repository.history('new-one' as EntryId))[0]).toMatchObject({ version: 1, action: 'import', actor });
  });

  it('rolls back when a write fails midway: changed entries get their content back, created ones are archived', async () => {
    const { repository, plan, before } = await scenario();
    const log: string[] = [];
    // Writes run creates first, then changes: the 5th (the second change) fails.
    const result = await applyImport(plan, { repository: withTrail(failingOnSave(repository, 5)), actor, clock: { now: () => LATER }, concurrency: 1, log: (line) => log.push(line) });
    expect(result).toEqual({
      ok: false,
      failed: { id: 'kept-two', at: 'record 4', reason: 'the network went away' },
      written: 4,
      restored: ['kept-one'],
      archived: ['new-three', 'new-two', 'new-one'],
      notRestored: [],
    });
    const after = await contents(repository);
    expect(after['kept-two']).toEqual(before['kept-two']);
    expect(toRecord(after['kept-one']!)).toEqual(toRecord(before['kept-one']!));
    expect(after['kept-one']).toMatchObject({ version: 3, updatedAt: LATER.toISOString() });
    expect(['new-one', 'new-two', 'new-three'].map((id) => after[id]?.status)).toEqual(['archived', 'archived', 'archived']);
    expect((await repository.history('kept-one' as EntryId))[0]).toMatchObject({
      version: 3,
      action: 'import',
      actor: { subject: 'cli', name: 'catalogue import (tester), rolled back' },
      changes: [{ field: 'name', before: { sv: 'Efter ett' }, after: { sv: 'Före ett' } }],
    });
    expect(log).toContain('rollback: kept-one restored to its content before the import (version 3)');
  });

  it('rolls back what several concurrent writers had written when one write is refused', async () => {
    const { repository, plan, before } = await scenario();
    const result = await applyImport(plan, { repository: failingOnSave(repository, 3, { error: new ConflictError('someone was faster') }), actor, clock: fixedClock });
    expect(result).toMatchObject({ ok: false, failed: { reason: 'someone was faster' }, notRestored: [] });
    const after = await contents(repository);
    for (const id of ['kept-one', 'kept-two']) expect(toRecord(after[id]!)).toEqual(toRecord(before[id]!));
    for (const entry of Object.values(after)) if (!before[entry.id]) expect(entry.status).toBe('archived');
  });

  it('stops at an entry someone changed after planning and keeps their change', async () => {
    const { repository, plan } = await scenario();
    const theirs = { ...(await repository.get('kept-two' as EntryId))!, name: { sv: 'Någon annans ändring' }, version: 2 };
    await repository.save(theirs);
    const result = await applyImport(plan, { repository, actor, clock: fixedClock, concurrency: 1 });
    expect(result).toMatchObject({ ok: false, failed: { id: 'kept-two', reason: 'Entry "kept-two" was changed by someone else since version 1.' }, written: 4 });
    expect(await repository.get('kept-two' as EntryId)).toEqual(theirs);
  });

  it('stops and rolls back when interrupted', async () => {
    const { repository, plan, before } = await scenario();
    const interrupt = new AbortController();
    const result = await applyImport(plan, {
      repository,
      actor,
      clock: fixedClock,
      concurrency: 1,
      signal: interrupt.signal,
      onWrite: (done) => done === 2 && interrupt.abort(),
    });
    expect(result).toEqual({
      ok: false,
      failed: { id: 'new-three', at: 'record 2', reason: 'the import was interrupted before this write' },
      written: 2,
      restored: [],
      archived: ['new-two', 'new-one'],
      notRestored: [],
    });
    const after = await contents(repository);
    expect(after['new-three']).toBeUndefined();
    expect(after['kept-one']).toEqual(before['kept-one']);
  });

  it('names the entries it could not undo because someone changed them after the import wrote them', async () => {
    const { repository, plan } = await scenario();
    const meddle = async () => {
      const written = (await repository.get('new-one' as EntryId))!;
      await repository.save({ ...written, name: { sv: 'Redan ändrad' }, version: written.version + 1 });
    };
    const result = await applyImport(plan, { repository: failingOnSave(repository, 4, { before: meddle }), actor, clock: fixedClock, concurrency: 1 });
    expect(result).toMatchObject({
      ok: false,
      written: 3,
      archived: ['new-three', 'new-two'],
      notRestored: [{ id: 'new-one', reason: 'Entry "new-one" was changed by someone else since version 1.' }],
    });
  });
});
