import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { keys, TTL_ATTRIBUTE } from '#shared/adapters/dynamodb/key-schema.ts';
import { DynamoReferralRepository } from '#shared/adapters/dynamodb/referral-repository.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { createOutboxNotifier } from '#shared/adapters/notifications/outbox-notifier.ts';
import { NotFoundError } from '#shared/domain/errors.ts';
import { statisticOf } from '#shared/domain/referral.ts';
import type { ReferralNotifier } from '#shared/ports/notifier.ts';
import { createReferralService } from '#shared/services/referrals.ts';
import { anEntry, aPrincipal, aReferralInput, taxonomy } from '../support/builders.ts';
import { dynamoClient, useDynalite } from '../support/dynamo.ts';

const advisor = aPrincipal('ada-advisor', ['advisor']);
const almi = aPrincipal('anna-almi', ['actor-staff'], 'almi');
const inkubera = aPrincipal('ivan-inkubera', ['actor-staff'], 'inkubera');

const SECRETS = ['Exempelbolaget', '5561234567', '556123-4567', 'finansiering', 'Kim Exempel', 'kim@example.se', 'ada-advisor'];

const workDir = mkdtempSync(join(tmpdir(), 'vagvisaren-referral-notices-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('referral notices, retention and statistics', () => {
  const dynalite = useDynalite();
  let now: Date;
  const clock = { now: () => now };
  let table = 0;
  let tableName: string;
  let client: ReturnType<typeof documentClient>;
  let referrals: DynamoReferralRepository;
  let entries: DynamoEntryRepository;
  let outboxDir: string;
  let outbox: ReturnType<typeof createOutboxNotifier>;
  const errors: { message: string; fields: Record<string, unknown> }[] = [];
  const service = (notifier: ReferralNotifier = outbox, linkBase?: string) =>
    createReferralService({ referrals, entries, taxonomy, clock, notifier, ...(linkBase ? { linkBase } : {}), log: { error: (message, fields) => errors.push({ message, fields }) } });

  beforeEach(async () => {
    table += 1;
    tableName = `notices-${process.pid}-${table}`;
    const raw = dynamoClient(dynalite.endpoint);
    await ensureTable(raw, tableName);
    client = documentClient(raw);
    entries = new DynamoEntryRepository(client, tableName);
    referrals = new DynamoReferralRepository(client, tableName, { clock, retentionMonths: 24 });
    for (const entry of [
      anEntry({ id: 'almi', referralIntakeEmail: 'remisser@almi.example' }),
      anEntry({ id: 'inkubera' }),
      anEntry({ id: 'almi-loan', kind: 'offering', providerId: 'almi' }),
      anEntry({ id: 'inkubera-program', kind: 'offering', providerId: 'inkubera' }),
    ]) await entries.save(entry);
    now = new Date('2026-11-27T09:00:00Z');
    outboxDir = join(workDir, `outbox-${table}`);
    outbox = createOutboxNotifier({ dir: outboxDir, clock });
    errors.length = 0;
  });

  it('leaves exactly one message for a new referral, to the intake address, with a link and no personal data', async () => {
    const { referral } = await service().create(advisor, aReferralInput(), undefined, { origin: 'https://vagvisaren.example' });
    const messages = await outbox.list();
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message).toMatchObject({ to: 'remisser@almi.example', delivered: true, referralId: referral.id, receivingOrganisationId: 'almi', link: `https://vagvisaren.example/referrals/${referral.id}` });
    expect(message!.text).toContain(`https://vagvisaren.example/referrals/${referral.id}`);
    expect(message!.text).toMatch(/Logga in/);
    expect(message!.text).toMatch(/Sign in/);
    const whole = JSON.stringify(message);
    for (const secret of SECRETS) expect(whole, secret).not.toContain(secret);
  });

  it('prefers the configured base URL to the request origin for the link', async () => {
    const { referral } = await service(outbox, 'https://vagvisaren.se/').create(advisor, aReferralInput(), undefined, { origin: 'https://evil.example' });
    expect((await outbox.list())[0]!.link).toBe(`https://vagvisaren.se/referrals/${referral.id}`);
  });

  it('sends the suggested actor no notice on a decline that only suggests it', async () => {
    const { referral } = await service().create(advisor, aReferralInput());
    await service().act(almi, referral.id, 'decline', 1, { reasonCategory: 'better-elsewhere', reason: 'Inkubera passar bättre.', redirectTo: 'inkubera-program' as never });
    expect((await outbox.list()).map((m) => m.receivingOrganisationId)).toEqual(['almi']);
  });

  it('records the notice as undeliverable when the organisation has no intake address, and the forwarded referral is stored', async () => {
    const consent = { askedToBeReferred: true, informedAboutDataHandling: true, forwardingAllowed: true };
    const { referral } = await service().create(advisor, aReferralInput({ consent }));
    const { redirected } = await service().act(almi, referral.id, 'decline', 1, { reasonCategory: 'better-elsewhere', reason: 'Inkubera passar bättre.', redirectTo: 'inkubera-program' as never, forward: true });
    const messages = await outbox.list();
    expect(messages).toHaveLength(2);
    expect(messages.find((m) => m.referralId === redirected!.id)).toMatchObject({ receivingOrganisationId: 'inkubera', delivered: false, reason: expect.stringMatching(/intake address/) });
    expect((await service().get(inkubera, redirected!.id)).status).toBe('sent');
  });

  it('stores the referral even when the notifier fails, and logs the failure', async () => {
    const failing: ReferralNotifier = { referralReceived: async () => Promise.reject(new Error('SES is down')) };
    const { referral, created } = await service(failing).create(advisor, aReferralInput());
    expect(created).toBe(true);
    expect((await service().get(almi, referral.id)).status).toBe('sent');
    expect(errors).toEqual([{ message: 'referral notification failed', fields: expect.objectContaining({ referralId: referral.id, error: 'SES is down' }) }]);
  });

  it('does not notify again for a repeated request with the same Idempotency-Key', async () => {
    await service().create(advisor, aReferralInput(), 'key-1');
    await service().create(advisor, aReferralInput(), 'key-1');
    expect(readdirSync(outboxDir).filter((n) => n.endsWith('.json'))).toHaveLength(1);
  });

  it('answers a closed referral as gone once its retention period has passed, though DynamoDB has not deleted it yet', async () => {
    const { referral } = await service().create(advisor, aReferralInput());
    now = new Date('2026-11-30T10:00:00Z');
    const cancelled = (await service().act(advisor, referral.id, 'cancel', 1)).referral;
    expect(cancelled.closedAt).toBe('2026-11-30T10:00:00.000Z');
    now = new Date('2028-11-30T09:59:59Z');
    expect((await service().get(advisor, referral.id)).status).toBe('cancelled');
    now = new Date('2028-11-30T10:00:00Z');
    await expect(service().get(advisor, referral.id)).rejects.toThrow(NotFoundError);
    expect(await service().list(advisor)).toEqual([]);
    expect((await service().stats()).byStatus).toEqual({ cancelled: 1 });
  });

  it('sets the table TTL on a closed referral only', async () => {
    const { referral } = await service().create(advisor, aReferralInput());
    const ttlOf = async () => (await client.send(new GetCommand({ TableName: tableName, Key: keys.referral(referral.id) }))).Item?.[TTL_ATTRIBUTE];
    expect(await ttlOf()).toBeUndefined();
    await service().act(almi, referral.id, 'accept', 1);
    expect(await ttlOf()).toBeUndefined();
    now = new Date('2027-01-15T12:00:00Z');
    await service().act(almi, referral.id, 'decline', 2, { reasonCategory: 'outside-offer', reason: 'Fel aktör.' });
    expect(await ttlOf()).toBe(Date.parse('2029-01-15T12:00:00Z') / 1000);
  });

  it('keeps the statistics when referrals are erased, and they hold no personal data', async () => {
    const first = (await service().create(advisor, aReferralInput())).referral;
    await service().create(advisor, aReferralInput());
    now = new Date('2026-11-27T13:00:00Z');
    await service().act(almi, first.id, 'accept', 1);
    const before = await service().stats();
    expect(before).toMatchObject({ total: 2, byStatus: { accepted: 1, sent: 1 }, answered: 1, medianHoursToFirstAnswer: 4 });
    expect(await referrals.erase((await referrals.findByOrganisationNumber('5561234567')).map((r) => r.id))).toBe(2);
    await expect(service().get(advisor, first.id)).rejects.toThrow(NotFoundError);
    expect(await service().stats()).toEqual(before);
    const stored: unknown[] = [];
    for await (const page of referrals.scanStatistics()) stored.push(...page);
    for (const secret of SECRETS) expect(JSON.stringify(stored), secret).not.toContain(secret);
  });

  it('never lets an older statistics write overwrite a newer one (writers finishing out of order)', async () => {
    const { referral } = await service().create(advisor, aReferralInput());
    const accepted = (await service().act(almi, referral.id, 'accept', 1)).referral;
    const { overdue: _overdue, ...newer } = accepted;
    // A slow writer of version 1 finishes after version 2: here, a referral item stored afresh at version 1.
    await client.send(new DeleteCommand({ TableName: tableName, Key: keys.referral(referral.id) }));
    const { overdue: _o, ...older } = { ...referral, version: 1 };
    await referrals.create(older);
    expect((await service().stats()).byStatus).toEqual({ accepted: 1 });
    expect(statisticOf(newer).version).toBe(2);
  });
});
