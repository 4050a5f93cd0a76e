import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ChangePublishingRepository } from '#shared/adapters/change-feed/in-process-change-feed.ts';
import type { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { EntryId, type Entry, type EntryOf } from '#shared/domain/entry.ts';
import type { EntryInput } from '#shared/domain/entry-input.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import { recordAuditTrail } from '#shared/services/audit-trail.ts';
import { createEditorService } from '#shared/services/editor.ts';
import { createIntakeBounces } from '#shared/services/intake-bounces.ts';
import { createMailFeedbackHandler } from '#functions/mail-feedback/handler.ts';
import type { Logger } from '#functions/api/middleware/request-log.ts';
import { anEntry, aPrincipal, taxonomy } from '../support/builders.ts';
import { useDynalite } from '../support/dynamo.ts';

const notification = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
const silent: Logger = { info: () => {}, error: () => {}, child: () => silent };
const editor = aPrincipal('eva-editor', ['editor']);
const id = (value: string) => EntryId.parse(value);

const inputOf = (entry: Entry): EntryInput => {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, status: _s, demo: _d, lastVerifiedAt: _l, ...input } = entry;
  if ('intakeEmailBounce' in input) delete input.intakeEmailBounce;
  return input as EntryInput;
};

describe('mail feedback (SES bounces and complaints over SNS, on dynalite)', () => {
  const dynalite = useDynalite();
  let repository: DynamoEntryRepository;
  let entries: ChangePublishingRepository;
  let handle: ReturnType<typeof createMailFeedbackHandler>;
  const now = new Date('2026-11-27T10:00:00Z');
  const clock = { now: () => now };

  beforeEach(async () => {
    repository = await dynalite.freshRepository();
    entries = new ChangePublishingRepository(repository, recordAuditTrail(repository));
    handle = createMailFeedbackHandler({ bounces: createIntakeBounces({ entries, clock }), logger: silent });
    await repository.save(anEntry<'actor'>({ id: 'almi', referralIntakeEmail: 'intake@almi.example' }));
    await repository.save(anEntry<'actor'>({ id: 'other-actor', referralIntakeEmail: 'hanvisning@other.example' }));
  });

  const actor = async (value: string) => (await repository.get(id(value))) as EntryOf<'actor'>;

  it('flags the actor whose intake address bounced for good, in a new audited version', async () => {
    expect(await handle(notification('permanent-bounce'))).toEqual({ flagged: 1 });

    const almi = await actor('almi');
    expect(almi.version).toBe(2);
    expect(almi.intakeEmailBounce).toEqual({ at: '2026-11-27T09:41:02.669Z', reason: 'bounce', address: 'intake@almi.example' });
    const [record] = await repository.history(id('almi'));
    expect(record).toMatchObject({ action: 'intake-bounce', version: 2, actor: { subject: 'system:mail-feedback' } });
    expect(record!.changes.map((c) => c.field)).toEqual(['intakeEmailBounce']);
    expect((await actor('other-actor')).intakeEmailBounce).toBeUndefined();
  });

  it('flags a complaint as such', async () => {
    await handle(notification('complaint'));
    expect((await actor('almi')).intakeEmailBounce).toMatchObject({ reason: 'complaint', at: '2026-11-27T10:12:44.000Z' });
  });

  it('leaves the actor alone for a transient bounce (mailbox full)', async () => {
    expect(await handle(notification('transient-bounce'))).toEqual({ flagged: 0 });
    const almi = await actor('almi');
    expect(almi.version).toBe(1);
    expect(almi.intakeEmailBounce).toBeUndefined();
  });

  it('writes nothing more when SNS delivers the same notification again', async () => {
    await handle(notification('permanent-bounce'));
    expect(await handle(notification('permanent-bounce'))).toEqual({ flagged: 0 });
    expect((await actor('almi')).version).toBe(2);
  });

  it('flags the version an editor saved meanwhile, on top of their change', async () => {
    const stale = await actor('almi');
    const bounces = createIntakeBounces({
      entries: {
        scan: async function* () {
          yield [stale];
        },
        get: (entryId) => entries.get(entryId),
        save: (entry, audit) => entries.save(entry, audit),
        recordAudit: (audit) => entries.recordAudit(audit),
        history: (entryId) => entries.history(entryId),
        isEmpty: () => entries.isEmpty(),
        catalogueVersion: () => entries.catalogueVersion(),
      } satisfies EntryRepository,
      clock,
    });
    await repository.save({ ...stale, summary: { sv: 'Ändrad under tiden.' }, version: 2 });
    expect(await bounces.record([{ address: 'intake@almi.example', reason: 'bounce', at: '2026-11-27T09:41:02.669Z' }])).toHaveLength(1);
    const almi = await actor('almi');
    expect(almi).toMatchObject({ version: 3, summary: { sv: 'Ändrad under tiden.' }, intakeEmailBounce: { reason: 'bounce' } });
  });

  it('keeps the flag through an editor\'s change that keeps the address, and clears it when the address is fixed', async () => {
    await handle(notification('permanent-bounce'));
    const service = createEditorService({ entries, taxonomy, clock, freshnessDays: 180 });
    const flagged = await actor('almi');

    const renamed = await service.update(editor, id('almi'), { ...inputOf(flagged), name: { sv: 'Almi Mälardalen' } }, flagged.version);
    expect(renamed).toMatchObject({ version: 3, intakeEmailBounce: { address: 'intake@almi.example' } });

    const fixed = await service.update(editor, id('almi'), { ...inputOf(renamed), referralIntakeEmail: 'hanvisning@almi.example' } as EntryInput, renamed.version);
    expect(fixed.version).toBe(4);
    expect((fixed as EntryOf<'actor'>).intakeEmailBounce).toBeUndefined();
  });

  it('refuses an event that is not from SNS, so Lambda retries it into the dead letter queue', async () => {
    await expect(handle({ Records: [] })).rejects.toThrow();
  });
});
