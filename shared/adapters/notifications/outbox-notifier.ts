/**
 * The local outbox: every notice becomes one JSON file under `<dir>` (written to a temporary file
 * and renamed, so a reader never sees half a message), undeliverable ones included with the reason.
 * The reader lists them newest first for the development page.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '#shared/ports/clock.ts';
import { OutboxMessage, type OutboxReader, type ReferralNotifier } from '#shared/ports/notifier.ts';
import { NO_INTAKE_ADDRESS, referralReceivedMessage } from './referral-message.ts';

const SUFFIX = '.json';

export const createOutboxNotifier = (options: { dir: string; clock: Clock }): ReferralNotifier & OutboxReader => ({
  async referralReceived(notice) {
    const at = options.clock.now().toISOString();
    const id = `${at.replace(/[:.]/g, '-')}-${randomUUID()}`;
    const message: OutboxMessage = OutboxMessage.parse({
      id,
      kind: 'referral-received',
      at,
      ...(notice.to ? { to: notice.to } : {}),
      delivered: notice.to !== undefined,
      ...(notice.to ? {} : { reason: NO_INTAKE_ADDRESS }),
      ...referralReceivedMessage(notice),
      referralId: notice.referralId,
      receivingOrganisationId: notice.receivingOrganisationId,
      link: notice.link,
    });
    await mkdir(options.dir, { recursive: true });
    const path = join(options.dir, `${id}${SUFFIX}`);
    const temporary = join(options.dir, `.${id}.tmp`);
    await writeFile(temporary, `${JSON.stringify(message, null, 2)}\n`, 'utf8');
    await rename(temporary, path);
    return message.delivered ? { delivered: true, messageId: id } : { delivered: false, reason: NO_INTAKE_ADDRESS };
  },

  async list() {
    let names: string[];
    try {
      names = await readdir(options.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const messages: OutboxMessage[] = [];
    for (const name of names.filter((n) => n.endsWith(SUFFIX) && !n.startsWith('.'))) {
      const parsed = OutboxMessage.safeParse(JSON.parse(await readFile(join(options.dir, name), 'utf8')));
      if (parsed.success) messages.push(parsed.data);
    }
    return messages.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  },
});
