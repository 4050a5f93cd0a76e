import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReferrals } from '#functions/cli/referrals.ts';
import { startDynalite } from '#functions/local/dynalite.ts';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoReferralRepository } from '#shared/adapters/dynamodb/referral-repository.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { newReferralId, Referral } from '#shared/domain/referral.ts';
import { fixedClock } from '../support/builders.ts';
import { dynamoClient } from '../support/dynamo.ts';

const workDir = mkdtempSync(join(tmpdir(), 'vagvisaren-erase-disk-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Personal data only the erased referral holds, easy to find in raw bytes. */
const MARKERS = ['Raderingsbolaget Unikt AB', 'Kim Raderasson', 'kim.raderasson@example.se', 'Behöver hjälp med en unik raderingstext.'];

const sink = () => {
  const chunks: string[] = [];
  return { isTTY: false, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
};

/** Every file of the store as raw bytes, searched as text. */
const onDisk = (dir: string): string =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
const utf8AsLatin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('erased referrals read back from the local store\'s files', () => {
  it('leaves no trace of an erased referral\'s personal data on disk after `referrals erase`', async () => {
    const dataDir = join(workDir, 'data');
    const dynalite = await startDynalite({ path: join(dataDir, 'dynamodb') });
    try {
      const client = dynamoClient(dynalite.endpoint);
      await ensureTable(client, 'vagvisaren');
      await new DynamoReferralRepository(documentClient(client), 'vagvisaren', { clock: fixedClock }).create(
        Referral.parse({
          id: newReferralId(),
          targetId: 'almi-loan',
          receivingOrganisationId: 'almi',
          company: { name: MARKERS[0], organisationNumber: '5561234567', municipality: '1880', stage: 'startup', area: 'company-development' },
          need: MARKERS[3],
          contact: { name: MARKERS[1], email: MARKERS[2] },
          consent: { askedToBeReferred: true, informedAboutDataHandling: true },
          status: 'sent',
          history: [{ status: 'sent', at: '2026-11-27T09:00:00.000Z', by: { subject: 'ada', name: 'Ada' } }],
          referrerSubject: 'ada',
          referrerName: 'Ada',
          version: 1,
          createdAt: '2026-11-27T09:00:00.000Z',
          updatedAt: '2026-11-27T09:00:00.000Z',
        }),
      );
      client.destroy();
    } finally {
      await dynalite.close();
    }
    expect(onDisk(dataDir)).toContain(utf8AsLatin1(MARKERS[1]!));

    const out = sink();
    const err = sink();
    const code = await runReferrals(['erase', '--number', '556123-4567', '--reference', 'RÖL 2026-9', '--by', 'Greta'], { DATA_DIR: dataDir }, { out, err, clock: fixedClock });
    expect(code).toBe(0);
    expect(out.text()).toContain('Erased 1 referral');
    expect(out.text()).toContain('Compacted the local store: the erased referrals are no longer in its files on disk.');
    const files = onDisk(dataDir);
    for (const marker of MARKERS) expect(files, marker).not.toContain(utf8AsLatin1(marker));
    expect(files).not.toContain('5561234567');
  });
});
