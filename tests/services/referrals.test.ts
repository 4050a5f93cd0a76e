import { beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { DynamoReferralRepository } from '#shared/adapters/dynamodb/referral-repository.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableContentError, ValidationError } from '#shared/domain/errors.ts';
import { luhnValid, readOrganisationNumber, maskOrganisationNumber, OrganisationNumberInput, type ReferralId } from '#shared/domain/referral.ts';
import { addWorkingDays, isOverdue, nextStatus } from '#shared/domain/referral-lifecycle.ts';
import { createReferralService, type ReferralService } from '#shared/services/referrals.ts';
import { anEntry, aPrincipal, aReferralInput, taxonomy } from '../support/builders.ts';
import { dynamoClient, useDynalite } from '../support/dynamo.ts';

const advisor = aPrincipal('ada-advisor', ['advisor']);
const almi = aPrincipal('anna-almi', ['actor-staff'], 'almi');
const inkubera = aPrincipal('ivan-inkubera', ['actor-staff'], 'inkubera');
const editor = aPrincipal('eva-editor', ['editor']);
const admin = aPrincipal('adam-admin', ['admin']);


describe('organisation numbers', () => {
  it('accepts a number whose Luhn check digit matches, with or without the hyphen, and stores its digits', () => {
    expect(luhnValid('5561234567')).toBe(true);
    expect(OrganisationNumberInput.parse('556123-4567')).toBe('5561234567');
    expect(OrganisationNumberInput.parse('5561234567')).toBe('5561234567');
  });

  it('reads numbers as people type them: spaces, 12 digits with the century, a sole trader\'s personal identity number', () => {
    expect(OrganisationNumberInput.parse('556123 4567')).toBe('5561234567');
    expect(OrganisationNumberInput.parse(' 16556123-4567 ')).toBe('5561234567');
    expect(OrganisationNumberInput.parse('19811218-9876')).toBe('8112189876');
    expect(OrganisationNumberInput.parse('811218-9876')).toBe('8112189876');
    expect(readOrganisationNumber('198112189876')).toEqual({ ok: true, digits: '8112189876' });
  });

  it('says what is wrong: the shape or the check digit', () => {
    expect(readOrganisationNumber('556123-456')).toEqual({ ok: false, problem: 'format' });
    expect(readOrganisationNumber('21811218-9876')).toEqual({ ok: false, problem: 'format' });
    expect(readOrganisationNumber('556123-4568')).toEqual({ ok: false, problem: 'check' });
    expect(readOrganisationNumber('556123-456a')).toEqual({ ok: false, problem: 'format' });
  });

  it('refuses a wrong check digit or a malformed number', () => {
    expect(luhnValid('5561234568')).toBe(false);
    expect(OrganisationNumberInput.safeParse('556123-4568').success).toBe(false);
    expect(OrganisationNumberInput.safeParse('55612345678').success).toBe(false);
    expect(OrganisationNumberInput.safeParse('556123456').success).toBe(false);
  });

  it('masks the last four digits for lists', () => {
    expect(maskOrganisationNumber('5561234567')).toBe('556123-****');
  });
});

describe('referral lifecycle', () => {
  it('moves sent → accepted → in-progress → completed', () => {
    expect(nextStatus('sent', 'accept')).toBe('accepted');
    expect(nextStatus('accepted', 'start')).toBe('in-progress');
    expect(nextStatus('in-progress', 'complete')).toBe('completed');
  });

  it('lets sent or accepted be declined, and sent, accepted or in-progress be cancelled', () => {
    expect(nextStatus('sent', 'decline')).toBe('declined');
    expect(nextStatus('accepted', 'decline')).toBe('declined');
    for (const status of ['sent', 'accepted', 'in-progress'] as const) expect(nextStatus(status, 'cancel')).toBe('cancelled');
  });

  it('refuses an illegal transition with a conflict naming the status', () => {
    expect(() => nextStatus('completed', 'accept')).toThrow(ConflictError);
    expect(() => nextStatus('in-progress', 'decline')).toThrow(/"in-progress"/);
    expect(() => nextStatus('sent', 'complete')).toThrow(/"sent"/);
    expect(() => nextStatus('declined', 'cancel')).toThrow(/"declined"/);
  });

  it('counts working days, skipping the weekend', () => {
    expect(addWorkingDays(new Date('2026-11-27T09:00:00Z'), 2).toISOString()).toBe('2026-12-01T09:00:00.000Z'); // Fri → Tue
    expect(addWorkingDays(new Date('2026-11-23T09:00:00Z'), 2).toISOString()).toBe('2026-11-25T09:00:00.000Z'); // Mon → Wed
  });

  it('calls a referral overdue when still sent two working days after creation', () => {
    const sent = { status: 'sent' as const, createdAt: '2026-11-27T09:00:00Z' };
    expect(isOverdue(sent, new Date('2026-11-30T12:00:00Z'), 2)).toBe(false);
    expect(isOverdue(sent, new Date('2026-12-01T09:00:00Z'), 2)).toBe(true);
    expect(isOverdue({ ...sent, status: 'accepted' }, new Date('2026-12-10T09:00:00Z'), 2)).toBe(false);
  });
});

describe('referral service', () => {
  const dynalite = useDynalite();
  let now: Date;
  let service: ReferralService;
  let referrals: DynamoReferralRepository;
  let table = 0;

  beforeEach(async () => {
    table += 1;
    const name = `referrals-${process.pid}-${table}`;
    const client = dynamoClient(dynalite.endpoint);
    await ensureTable(client, name);
    const entries = new DynamoEntryRepository(documentClient(client), name);
    referrals = new DynamoReferralRepository(documentClient(client), name);
    for (const entry of [
      anEntry({ id: 'almi' }),
      anEntry({ id: 'inkubera' }),
      anEntry({ id: 'almi-loan', kind: 'offering', providerId: 'almi' }),
      anEntry({ id: 'inkubera-program', kind: 'offering', providerId: 'inkubera' }),
    ]) await entries.save(entry);
    now = new Date('2026-11-27T09:00:00Z');
    service = createReferralService({ referrals, entries, taxonomy, clock: { now: () => now } });
  });

  const stored = async () => {
    const all = [];
    for await (const page of referrals.scan()) all.push(...page);
    return all;
  };

  it("sends a referral to an offering's provider, stores the number as digits and answers it to both parties", async () => {
    const { referral, created } = await service.create(advisor, aReferralInput());
    expect(created).toBe(true);
    expect(referral).toMatchObject({ status: 'sent', receivingOrganisationId: 'almi', version: 1, overdue: false, referrerName: 'ada-advisor' });
    expect(referral.id).toMatch(/^ref_[a-z2-7]{20}$/);
    expect(referral.company.organisationNumber).toBe('5561234567');
    expect((await service.get(almi, referral.id)).id).toBe(referral.id);
    expect((await service.get(advisor, referral.id)).id).toBe(referral.id);
  });

  it("hides a referral from another actor's staff, editors, admins and other advisors: not found, not forbidden", async () => {
    const { referral } = await service.create(advisor, aReferralInput());
    for (const outsider of [inkubera, editor, admin, aPrincipal('other-advisor', ['advisor'])]) {
      await expect(service.get(outsider, referral.id)).rejects.toThrow(NotFoundError);
      await expect(service.act(outsider, referral.id, 'accept', 1)).rejects.toThrow(NotFoundError);
    }
    expect(await service.list(inkubera)).toEqual([]);
  });

  it('lists sent and inbox referrals with the organisation number masked', async () => {
    await service.create(advisor, aReferralInput());
    const [sent] = await service.list(advisor, 'sent');
    expect(sent!.company.organisationNumber).toBe('556123-****');
    expect(JSON.stringify(sent)).not.toContain('kim@example.se');
    expect(await service.list(almi, 'inbox')).toHaveLength(1);
    expect(await service.list(almi, 'sent')).toHaveLength(0);
  });

  it('runs the lifecycle with versions, and lets only the right party act', async () => {
    const { referral } = await service.create(advisor, aReferralInput());
    await expect(service.act(advisor, referral.id, 'accept', 1)).rejects.toThrow(ForbiddenError);
    now = new Date('2026-11-27T15:00:00Z');
    const accepted = (await service.act(almi, referral.id, 'accept', 1)).referral;
    expect(accepted).toMatchObject({ status: 'accepted', version: 2, answeredAt: '2026-11-27T15:00:00.000Z' });
    await expect(service.act(almi, referral.id, 'start', 1)).rejects.toThrow(PreconditionFailedError);
    await expect(service.act(almi, referral.id, 'complete', 2)).rejects.toThrow(/"accepted"/);
    await service.act(almi, referral.id, 'start', 2);
    const done = (await service.act(almi, referral.id, 'complete', 3, { note: 'Lån beviljat.' })).referral;
    expect(done.history.map((h) => h.status)).toEqual(['sent', 'accepted', 'in-progress', 'completed']);
    await expect(service.act(advisor, referral.id, 'cancel', 4)).rejects.toThrow(ConflictError);
  });

  it('lets the referrer cancel, and not the receiver', async () => {
    const { referral } = await service.create(advisor, aReferralInput());
    await expect(service.act(almi, referral.id, 'cancel', 1)).rejects.toThrow(ForbiddenError);
    expect((await service.act(advisor, referral.id, 'cancel', 1)).referral.status).toBe('cancelled');
  });

  it('needs a reason category to decline (and words for "other"), and a redirect without a forwarding confirmation only suggests the better actor: no referral there until the referrer refers again', async () => {
    const { referral } = await service.create(advisor, aReferralInput());
    const refusal = async (details: Parameters<typeof service.act>[4]) => {
      const error = await service.act(almi, referral.id, 'decline', 1, details).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues.map((issue) => issue.name);
    };
    expect(await refusal({ reason: 'Inkubera passar bättre.' })).toEqual(['reasonCategory']);
    expect(await refusal({ reasonCategory: 'other' })).toEqual(['reason']);
    const { referral: declined, redirected } = await service.act(almi, referral.id, 'decline', 1, { reasonCategory: 'better-elsewhere', reason: 'Inkubera passar bättre.', redirectTo: 'inkubera-program' as never });
    expect(redirected).toBeUndefined();
    expect(declined).toMatchObject({ status: 'declined', declineReason: 'better-elsewhere', suggestedTargetId: 'inkubera-program' });
    expect(declined.redirectedToId).toBeUndefined();
    expect(await service.list(inkubera, 'inbox')).toEqual([]);
    expect(await stored()).toHaveLength(1);
    expect((await service.list(advisor, 'sent'))[0]).toMatchObject({ id: referral.id, suggestedTargetId: 'inkubera-program' });

    const again = await service.create(advisor, aReferralInput({ targetId: 'inkubera-program', redirectedFromId: referral.id }));
    expect(again.referral).toMatchObject({ status: 'sent', receivingOrganisationId: 'inkubera', redirectedFromId: referral.id, referrerSubject: advisor.subject });
    expect((await service.list(inkubera, 'inbox')).map((r) => r.id)).toEqual([again.referral.id]);
    expect((await service.get(advisor, referral.id)).redirectedToId).toBe(again.referral.id);
    await expect(service.create(advisor, aReferralInput({ targetId: 'inkubera-program', redirectedFromId: referral.id }))).rejects.toMatchObject({ issues: [{ name: 'redirectedFromId', reason: 'was already passed on' }] });
  });

  it('refers again only from a declined referral of one\'s own', async () => {
    const { referral } = await service.create(advisor, aReferralInput());
    await expect(service.create(advisor, aReferralInput({ targetId: 'inkubera-program', redirectedFromId: referral.id }))).rejects.toMatchObject({ issues: [{ name: 'redirectedFromId', reason: 'is "sent", not declined' }] });
    await service.act(almi, referral.id, 'decline', 1, { reasonCategory: 'better-elsewhere', reason: 'Nej.', redirectTo: 'inkubera-program' as never });
    const other = aPrincipal('olle-advisor', ['advisor']);
    await expect(service.create(other, aReferralInput({ targetId: 'inkubera-program', redirectedFromId: referral.id }))).rejects.toMatchObject({ issues: [{ name: 'redirectedFromId', reason: 'no such referral of yours' }] });
  });

  it('forwards directly, creating a linked referral for the same company, only when the company\'s confirmation covered forwarding', async () => {
    const { referral: unconfirmed } = await service.create(advisor, aReferralInput());
    await expect(service.act(almi, unconfirmed.id, 'decline', 1, { reasonCategory: 'better-elsewhere', reason: 'Inkubera passar bättre.', redirectTo: 'inkubera-program' as never, forward: true })).rejects.toThrow(
      /does not cover/,
    );
    expect((await service.get(almi, unconfirmed.id)).status).toBe('sent');

    const { referral } = await service.create(advisor, aReferralInput({ consent: { askedToBeReferred: true, informedAboutDataHandling: true, forwardingAllowed: true } }));
    const { referral: declined, redirected } = await service.act(almi, referral.id, 'decline', 1, { reasonCategory: 'better-elsewhere', reason: 'Inkubera passar bättre.', redirectTo: 'inkubera-program' as never, forward: true });
    expect(declined).toMatchObject({ status: 'declined', redirectedToId: redirected!.id });
    expect(redirected).toMatchObject({ status: 'sent', receivingOrganisationId: 'inkubera', targetId: 'inkubera-program', redirectedFromId: referral.id, referrerSubject: advisor.subject });
    expect(redirected!.company).toEqual(referral.company);
    expect((await service.get(inkubera, redirected!.id)).id).toBe(redirected!.id);
    expect((await service.get(advisor, redirected!.id)).id).toBe(redirected!.id);
  });

  it('refuses a redirect back to the same organisation and writes nothing', async () => {
    const { referral } = await service.create(advisor, aReferralInput());
    await expect(service.act(almi, referral.id, 'decline', 1, { reasonCategory: 'better-elsewhere', reason: 'Nej.', redirectTo: 'almi' as never })).rejects.toThrow(ValidationError);
    expect((await service.get(almi, referral.id)).status).toBe('sent');
    expect(await stored()).toHaveLength(1);
  });

  it('refuses an unknown target or codes outside the taxonomy, storing nothing', async () => {
    await expect(service.create(advisor, aReferralInput({ targetId: 'no-such-entry' }))).rejects.toThrow(ValidationError);
    await expect(service.create(advisor, aReferralInput({ company: { ...aReferralInput().company, municipality: '0180' } }))).rejects.toThrow(/taxonomy/);
    expect(await stored()).toEqual([]);
  });

  it('creates one referral for repeated and concurrent requests with the same Idempotency-Key', async () => {
    const results = await Promise.all([service.create(advisor, aReferralInput(), 'key-1'), service.create(advisor, aReferralInput(), 'key-1'), service.create(advisor, aReferralInput(), 'key-1')]);
    expect(new Set(results.map((r) => r.referral.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const again = await service.create(advisor, aReferralInput(), 'key-1');
    expect(again).toMatchObject({ created: false, referral: { id: results[0]!.referral.id } });
    expect(await stored()).toHaveLength(1);
  });

  it('refuses the same Idempotency-Key with a different request, and keys are per user', async () => {
    await service.create(advisor, aReferralInput(), 'key-2');
    await expect(service.create(advisor, aReferralInput({ need: 'Något annat.' }), 'key-2')).rejects.toThrow(UnprocessableContentError);
    const other = await service.create(aPrincipal('other-advisor', ['advisor']), aReferralInput(), 'key-2');
    expect(other.created).toBe(true);
    expect(await stored()).toHaveLength(2);
  });

  it('marks a referral overdue after two working days unanswered', async () => {
    const { referral } = await service.create(advisor, aReferralInput());
    now = new Date('2026-12-01T09:00:00Z');
    expect((await service.get(almi, referral.id)).overdue).toBe(true);
  });

  it('counts referrals for follow-up without personal data', async () => {
    const first = (await service.create(advisor, aReferralInput())).referral;
    await service.create(advisor, aReferralInput({ targetId: 'inkubera-program', company: { ...aReferralInput().company, stage: 'idea', area: 'innovation' } }));
    now = new Date('2026-11-27T13:00:00Z');
    await service.act(almi, first.id as ReferralId, 'accept', 1);
    const stats = await service.stats();
    expect(stats).toMatchObject({
      total: 2,
      byStatus: { accepted: 1, sent: 1 },
      byArea: { 'company-development': 1, innovation: 1 },
      byStage: { startup: 1, idea: 1 },
      byMunicipality: { '1880': 2 },
      byReceivingOrganisation: { almi: 1, inkubera: 1 },
      byMonth: { '2026-11': 2 },
      answered: 1,
      medianHoursToFirstAnswer: 4,
    });
    const text = JSON.stringify(stats);
    for (const secret of ['5561234567', 'Exempelbolaget', 'Kim', 'kim@example.se', 'ada-advisor', 'finansiering']) expect(text).not.toContain(secret);
  });
});
