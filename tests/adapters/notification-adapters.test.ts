import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SendEmailInput } from '#shared/adapters/notifications/ses-email.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { createOutboxNotifier } from '#shared/adapters/notifications/outbox-notifier.ts';
import { createSesNotifier } from '#shared/adapters/notifications/ses-notifier.ts';
import type { EntryId } from '#shared/domain/entry.ts';
import type { ReferralId } from '#shared/domain/referral.ts';

const workDir = mkdtempSync(join(tmpdir(), 'vagvisaren-notifications-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const notice = (to: string | undefined, id = 'ref_abcdefghijklmnopqrst') => ({
  referralId: id as ReferralId,
  receivingOrganisationId: 'almi' as EntryId,
  to,
  link: `https://vagvisaren.example/referrals/${id}`,
});

describe('the local outbox', () => {
  it('writes one JSON file per message, no temporary files left, and lists them newest first', async () => {
    let now = new Date('2026-11-27T09:00:00Z');
    const dir = join(workDir, 'outbox');
    const outbox = createOutboxNotifier({ dir, clock: { now: () => now } });
    expect(await outbox.list()).toEqual([]);
    expect(await outbox.referralReceived(notice('remisser@almi.example', 'ref_aaaaaaaaaaaaaaaaaaaa'))).toMatchObject({ delivered: true });
    now = new Date('2026-11-27T10:00:00Z');
    expect(await outbox.referralReceived(notice(undefined, 'ref_bbbbbbbbbbbbbbbbbbbb'))).toMatchObject({ delivered: false, reason: expect.stringMatching(/intake address/) });
    expect(readdirSync(dir).sort()).toHaveLength(2);
    expect(readdirSync(dir).every((name) => name.endsWith('.json') && !name.startsWith('.'))).toBe(true);
    const listed = await outbox.list();
    expect(listed.map((m) => m.referralId)).toEqual(['ref_bbbbbbbbbbbbbbbbbbbb', 'ref_aaaaaaaaaaaaaaaaaaaa']);
    expect(listed[1]).toMatchObject({ to: 'remisser@almi.example', delivered: true, subject: expect.stringMatching(/hänvisning.*referral/i) });
  });
});

describe('the SES notifier', () => {
  const warnings: Record<string, unknown>[] = [];
  const log = { warn: (_m: string, fields: Record<string, unknown>) => warnings.push(fields), error: () => {} };

  it('sends one plain-text e-mail in Swedish and English from the sender to the intake address', async () => {
    const sent: SendEmailInput[] = [];
    const client = { sendEmail: async (input: SendEmailInput) => (sent.push(input), { MessageId: 'm-1' }) };
    const outcome = await createSesNotifier({ client, from: 'remisser@vagvisaren.se', log }).referralReceived(notice('remisser@almi.example'));
    expect(outcome).toEqual({ delivered: true, messageId: 'm-1' });
    expect(sent).toHaveLength(1);
    const input = sent[0]!;
    expect(input.FromEmailAddress).toBe('remisser@vagvisaren.se');
    expect(input.Destination?.ToAddresses).toEqual(['remisser@almi.example']);
    const text = input.Content?.Simple?.Body?.Text?.Data ?? '';
    expect(text).toContain('https://vagvisaren.example/referrals/ref_abcdefghijklmnopqrst');
    expect(text).toMatch(/hänvisning/);
    expect(text).toMatch(/referral/);
  });

  it('logs a structured warning and sends nothing when there is no intake address or no sender', async () => {
    const client = { sendEmail: async () => Promise.reject(new Error('must not be called')) };
    const noAddress = await createSesNotifier({ client, from: 'remisser@vagvisaren.se', log }).referralReceived(notice(undefined));
    expect(noAddress).toMatchObject({ delivered: false, reason: expect.stringMatching(/intake address/) });
    const noSender = await createSesNotifier({ client: undefined, from: undefined, log }).referralReceived(notice('remisser@almi.example'));
    expect(noSender).toMatchObject({ delivered: false, reason: expect.stringMatching(/NOTIFICATION_SENDER/) });
    expect(warnings).toEqual([
      expect.objectContaining({ referralId: 'ref_abcdefghijklmnopqrst', receivingOrganisationId: 'almi', reason: expect.stringMatching(/intake address/) }),
      expect.objectContaining({ reason: expect.stringMatching(/NOTIFICATION_SENDER/) }),
    ]);
  });

  it('lets a failing send throw for the service to log', async () => {
    const client = { sendEmail: async () => Promise.reject(new Error('Throttling')) };
    await expect(createSesNotifier({ client, from: 'a@b.se', log }).referralReceived(notice('x@y.se'))).rejects.toThrow('Throttling');
  });
});
