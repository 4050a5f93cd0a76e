import { beforeEach, describe, expect, it } from 'vitest';
import { ChangePublishingRepository } from '#shared/adapters/change-feed/in-process-change-feed.ts';
import type { Entry } from '#shared/domain/entry.ts';
import type { EntryInput } from '#shared/domain/entry-input.ts';
import { ForbiddenError, PreconditionFailedError, UnprocessableContentError, ValidationError } from '#shared/domain/errors.ts';
import { recordAuditTrail } from '#shared/services/audit-trail.ts';
import { createEditorService, type EditorService } from '#shared/services/editor.ts';
import { anEntry, aPrincipal, taxonomy } from '../support/builders.ts';
import { useDynalite } from '../support/dynamo.ts';

const editor = aPrincipal('eva-editor', ['editor']);
const almiStaff = aPrincipal('anna-almi', ['actor-staff'], 'almi-actor');
const promoter = aPrincipal('ivar-invest', ['investment-promotion']);
const advisor = aPrincipal('ada-advisor', ['advisor']);

const inputOf = (entry: Entry): EntryInput => {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, status: _s, demo: _d, lastVerifiedAt: _l, ...input } = entry;
  return input as EntryInput;
};

describe('editor service', () => {
  const dynalite = useDynalite();
  let now: Date;
  let service: EditorService;
  let seed: (entry: Entry) => Promise<Entry>;

  beforeEach(async () => {
    const repository = await dynalite.freshRepository();
    const entries = new ChangePublishingRepository(repository, recordAuditTrail(repository));
    now = new Date('2026-11-27T10:00:00Z');
    service = createEditorService({ entries, taxonomy, clock: { now: () => now }, freshnessDays: 180 });
    seed = (entry) => repository.save(entry);
  });

  it('creates a draft with an id made from its name, and records who created it', async () => {
    const created = await service.create(editor, inputOf(anEntry({ name: { sv: 'Nya Exportlotsen i Örebro' } })));
    expect(created).toMatchObject({ id: 'nya-exportlotsen-i-orebro', status: 'draft', version: 1, demo: false });
    const [record] = await service.history(editor, created.id);
    expect(record).toMatchObject({ action: 'create', version: 1, actor: { subject: 'eva-editor' } });
    expect(record!.changes.map((c) => c.field)).toContain('name');
  });

  it('gives a second entry of the same name an id of its own', async () => {
    const input = inputOf(anEntry({ name: { sv: 'Tvilling' } }));
    const first = await service.create(editor, input);
    const second = await service.create(editor, input);
    expect([first.id, second.id]).toEqual(['tvilling', 'tvilling-2']);
  });

  it('publishes, unpublishes and archives with a new version each time', async () => {
    const draft = await service.create(editor, inputOf(anEntry()));
    const published = await service.publish(editor, draft.id, 1);
    const unpublished = await service.unpublish(editor, draft.id, 2);
    const archived = await service.archive(editor, draft.id, 3);
    expect([published, unpublished, archived].map((e) => [e.status, e.version])).toEqual([['published', 2], ['draft', 3], ['archived', 4]]);
    expect((await service.history(editor, draft.id)).map((r) => r.action)).toEqual(['archive', 'unpublish', 'publish', 'create']);
  });

  it('refuses a save based on an old version and keeps the newer one', async () => {
    const draft = await service.create(editor, inputOf(anEntry({ name: { sv: 'Original' } })));
    await service.update(editor, draft.id, { ...inputOf(draft), name: { sv: 'Första fliken' } }, 1);
    const second = service.update(editor, draft.id, { ...inputOf(draft), name: { sv: 'Andra fliken' } }, 1);
    await expect(second).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(second).rejects.toThrow(/changed by someone else/);
    expect((await service.get(editor, draft.id)).name.sv).toBe('Första fliken');
  });

  it('records each changed field before and after', async () => {
    const draft = await service.create(editor, inputOf(anEntry({ summary: { sv: 'Före.' } })));
    await service.update(editor, draft.id, { ...inputOf(draft), summary: { sv: 'Efter.' } }, 1);
    const [latest] = await service.history(editor, draft.id);
    expect(latest).toMatchObject({ action: 'update', version: 2, changes: [{ field: 'summary', before: { sv: 'Före.' }, after: { sv: 'Efter.' } }] });
  });

  it('records no change when a multi-select is only reordered, and only the changed field when one is', async () => {
    const draft = await service.create(
      editor,
      inputOf(anEntry({ areas: ['innovation', 'company-development'], stages: ['idea', 'startup', 'growth'], municipalities: ['1880', '1861'], summary: { sv: 'Före.' } })),
    );
    const reordered = { ...inputOf(draft), areas: ['company-development', 'innovation'], stages: ['growth', 'idea', 'startup'], municipalities: ['1861', '1880'] } as EntryInput;
    expect((await service.update(editor, draft.id, reordered, 1)).version).toBe(1);
    expect((await service.history(editor, draft.id)).map((r) => r.action)).toEqual(['create']);
    await service.update(editor, draft.id, { ...reordered, summary: { sv: 'Efter.' } }, 1);
    const [latest] = await service.history(editor, draft.id);
    expect(latest!.changes.map((c) => c.field)).toEqual(['summary']);
    await service.update(editor, draft.id, { ...reordered, summary: { sv: 'Efter.' }, stages: ['growth', 'idea'] } as EntryInput, 2);
    const [dropped] = await service.history(editor, draft.id);
    expect(dropped!.changes).toEqual([{ field: 'stages', before: ['growth', 'idea', 'startup'], after: ['growth', 'idea'] }]);
  });

  it('leaves an entry at its version when an update changes nothing', async () => {
    const draft = await service.create(editor, inputOf(anEntry()));
    expect((await service.update(editor, draft.id, inputOf(draft), 1)).version).toBe(1);
  });

  it('refuses codes outside the taxonomy, naming the field', async () => {
    const draft = await service.create(editor, inputOf(anEntry()));
    const update = service.update(editor, draft.id, { ...inputOf(draft), areas: ['space'] }, 1);
    await expect(update).rejects.toBeInstanceOf(ValidationError);
    await expect(update).rejects.toMatchObject({ issues: [{ name: 'areas.0' }] });
  });

  describe('who may change what', () => {
    it("lets actor staff change their organisation's entries and nobody else's", async () => {
      const own = await seed(anEntry({ id: 'almi-loan', kind: 'offering', providerId: 'almi-actor' }));
      const other = await seed(anEntry({ id: 'other-loan', kind: 'offering', providerId: 'inkubera-actor' }));
      expect((await service.verify(almiStaff, own.id, 1)).lastVerifiedAt).toBe(now.toISOString());
      await expect(service.verify(almiStaff, other.id, 1)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(service.update(almiStaff, own.id, { ...inputOf(own), providerId: 'inkubera-actor' as Entry['id'] }, 2)).rejects.toBeInstanceOf(ForbiddenError);
      expect((await service.editable(almiStaff)).map((e) => e.id)).toEqual(['almi-loan']);
    });

    it('lets investment-promotion staff change establishment offers only', async () => {
      const offer = await seed(anEntry({ id: 'plot-hallsberg', kind: 'establishment-offer' }));
      const actor = await seed(anEntry({ id: 'some-actor' }));
      expect((await service.publish(promoter, offer.id, 1)).status).toBe('published');
      await expect(service.publish(promoter, actor.id, 1)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(service.create(promoter, inputOf(anEntry({ kind: 'actor' })))).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('keeps editors and actor staff off establishment offers, even an offer their organisation provides', async () => {
      const offer = await seed(anEntry({ id: 'plot-almi', kind: 'establishment-offer', providerId: 'almi-actor' }));
      await expect(service.publish(editor, offer.id, 1)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(service.update(almiStaff, offer.id, inputOf(offer), 1)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(service.create(editor, inputOf(anEntry({ kind: 'establishment-offer' })))).rejects.toBeInstanceOf(ForbiddenError);
      expect((await service.editable(almiStaff)).map((e) => e.id)).toEqual([]);
    });

    it('lets an advisor change nothing', async () => {
      const entry = await seed(anEntry({ id: 'any-entry' }));
      await expect(service.publish(advisor, entry.id, 1)).rejects.toBeInstanceOf(ForbiddenError);
      expect(await service.editable(advisor)).toEqual([]);
    });
  });

  describe('offer availability', () => {
    it('reserves an offer as a new version with an availability audit record, and releases it again', async () => {
      const offer = await seed(anEntry({ id: 'plot-hallsberg', kind: 'establishment-offer' }));
      const reserved = await service.setAvailability(promoter, offer.id, { status: 'reserved', availableFrom: '2027-03-01' }, 1);
      expect(reserved).toMatchObject({ version: 2, establishmentOffer: { availability: { status: 'reserved', availableFrom: '2027-03-01' } } });
      const released = await service.setAvailability(promoter, offer.id, { status: 'available' }, 2);
      expect(released.version).toBe(3);
      expect(released.kind === 'establishment-offer' && released.establishmentOffer.availability).toEqual({ status: 'available' });
      const [latest] = await service.history(promoter, offer.id);
      expect(latest).toMatchObject({ action: 'availability', version: 3, changes: [{ field: 'establishmentOffer' }] });
    });

    it('leaves an unchanged availability alone, refuses a stale version and any entry that is not an offer', async () => {
      const offer = await seed(anEntry({ id: 'plot-same', kind: 'establishment-offer' }));
      const once = await service.setAvailability(promoter, offer.id, { status: 'taken' }, 1);
      expect((await service.setAvailability(promoter, offer.id, { status: 'taken' }, 2)).version).toBe(once.version);
      await expect(service.setAvailability(promoter, offer.id, { status: 'available' }, 1)).rejects.toBeInstanceOf(PreconditionFailedError);
      const actor = await seed(anEntry({ id: 'an-actor' }));
      await expect(service.setAvailability(editor, actor.id, { status: 'reserved' }, 1)).rejects.toBeInstanceOf(UnprocessableContentError);
      await expect(service.setAvailability(editor, offer.id, { status: 'reserved' }, 2)).rejects.toBeInstanceOf(ForbiddenError);
    });
  });

  it('queues entries not verified within the freshness period, oldest first, archived ones left out', async () => {
    await seed(anEntry({ id: 'fresh', lastVerifiedAt: '2026-10-01T00:00:00Z' }));
    await seed(anEntry({ id: 'stale', lastVerifiedAt: '2026-03-01T00:00:00Z' }));
    await seed(anEntry({ id: 'never' }));
    await seed(anEntry({ id: 'gone', status: 'archived' }));
    expect((await service.verificationQueue(editor)).map((e) => e.id)).toEqual(['never', 'stale']);
  });
});
