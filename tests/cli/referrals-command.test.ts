import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { runReferrals } from '#functions/cli/referrals.ts';
import { startDynalite } from '#functions/local/dynalite.ts';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoReferralRepository } from '#shared/adapters/dynamodb/referral-repository.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { newReferralId, Referral } from '#shared/domain/referral.ts';
import { fixedClock } from '../support/builders.ts';
import { dynamoClient } from '../support/dynamo.ts';

const workDir = mkdtempSync(join(tmpdir(), 'vagvisaren-referrals-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
let dirs = 0;

const aReferral = (organisationNumber: string, receivingOrganisationId = 'almi') =>
  Referral.parse({
    id: newReferralId(),
    targetId: 'almi-loan',
    receivingOrganisationId,
    company: { name: `Bolaget ${organisationNumber} AB`, organisationNumber, municipality: '1880', stage: 'startup', area: 'company-development' },
    need: 'Behöver finansiering.',
    contact: { name: 'Kim Exempel', email: 'kim@example.se' },
    consent: { askedToBeReferred: true, informedAboutDataHandling: true },
    status: 'sent',
    history: [{ status: 'sent', at: '2026-11-27T09:00:00.000Z', by: { subject: 'ada', name: 'Ada' } }],
    referrerSubject: 'ada',
    referrerName: 'Ada',
    version: 1,
    createdAt: '2026-11-27T09:00:00.000Z',
    updatedAt: '2026-11-27T09:00:00.000Z',
  });

/** A local store in a fresh DATA_DIR holding two referrals about 556123-4567 and one about another company. */
const storeWithReferrals = async () => {
  const dataDir = join(workDir, `data-${(dirs += 1)}`);
  const dynalite = await startDynalite({ path: join(dataDir, 'dynamodb') });
  try {
    const client = dynamoClient(dynalite.endpoint);
    await ensureTable(client, 'vagvisaren');
    const repository = new DynamoReferralRepository(documentClient(client), 'vagvisaren', { clock: fixedClock });
    for (const referral of [aReferral('5561234567'), aReferral('5561234567', 'inkubera'), aReferral('5560160680')]) await repository.create(referral);
    client.destroy();
  } finally {
    await dynalite.close();
  }
  return dataDir;
};

/** Reads every item of the local store in `dataDir`. */
const items = async (dataDir: string) => {
  const dynalite = await startDynalite({ path: join(dataDir, 'dynamodb') });
  try {
    const client = dynamoClient(dynalite.endpoint);
    const { Items = [] } = await documentClient(client).send(new ScanCommand({ TableName: 'vagvisaren' }));
    client.destroy();
    return Items;
  } finally {
    await dynalite.close();
  }
};

const sink = () => {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text), text: () => chunks.join('') };
};
const run = async (dataDir: string, argv: string[], env: Record<string, string> = {}) => {
  const out = sink();
  const err = sink();
  const code = await runReferrals(argv, { DATA_DIR: dataDir, ...env }, { out, err, clock: fixedClock });
  return { code, out: out.text(), err: err.text() };
};

describe('npm run referrals', { timeout: 30_000 }, () => {
  it('exports every referral about a number, with history, as JSON', async () => {
    const dataDir = await storeWithReferrals();
    const file = join(workDir, 'export.json');
    const result = await run(dataDir, ['export', '--number', '556123-4567', '--out', file]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Exported 2 referrals about 556123-\*\*\*\* /);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.organisationNumber).toBe('5561234567');
    expect(exported.referrals).toHaveLength(2);
    expect(exported.referrals.every((r: Referral) => r.company.organisationNumber === '5561234567' && r.history.length === 1)).toBe(true);
  });

  it('erases the referrals about a number, keeps their statistics and the other company, and records the request, not the number', async () => {
    const dataDir = await storeWithReferrals();
    const result = await run(dataDir, ['erase', '--number', '5561234567', '--reference', 'RÖL 2026-1234', '--by', 'Greta Gallring']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Erased 2 referrals about 556123-\*\*\*\*/);
    const after = await items(dataDir);
    expect(after.filter((i) => i.entity === 'referral').map((i) => i.company.organisationNumber)).toEqual(['5560160680']);
    expect(after.filter((i) => i.entity === 'referral-stats')).toHaveLength(3);
    const [erasure, ...more] = after.filter((i) => i.entity === 'erasure');
    expect(more).toEqual([]);
    expect(erasure).toMatchObject({ by: 'Greta Gallring', at: '2026-11-27T12:00:00.000Z', referrals: 2, reference: 'RÖL 2026-1234' });
    const stored = JSON.stringify(after.filter((i) => i.entity !== 'referral'));
    expect(stored).not.toContain('5561234567');
    expect(stored).not.toContain('556123-4567');
  });

  it('erases nothing for an unknown number, and nothing at all on a dry run', async () => {
    const dataDir = await storeWithReferrals();
    const dry = await run(dataDir, ['erase', '--number', '556123-4567', '--dry-run'], { USER: 'ops' });
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/would erase 2 referrals.*Nothing was changed/);
    const unknown = await run(dataDir, ['erase', '--number', '212000-0142', '--reference', 'RÖL 2026-1235'], { USER: 'ops' });
    expect(unknown.code).toBe(0);
    expect(unknown.out).toMatch(/Erased 0 referrals/);
    expect((await items(dataDir)).filter((i) => i.entity === 'referral')).toHaveLength(3);
  });

  it('refuses a number whose check digit fails (1) and a missing --number, --by or --reference (2), changing nothing', async () => {
    const dataDir = await storeWithReferrals();
    const bad = await run(dataDir, ['erase', '--number', '556123-4568', '--by', 'ops']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/not a valid organisation or personal identity number: the check digit does not match/);
    expect((await run(dataDir, ['export'])).code).toBe(2);
    const noBy = await run(dataDir, ['erase', '--number', '556123-4567']);
    expect(noBy.code).toBe(2);
    expect(noBy.err).toMatch(/--by/);
    const noReference = await run(dataDir, ['erase', '--number', '556123-4567', '--by', 'ops']);
    expect(noReference.code).toBe(2);
    expect(noReference.err).toMatch(/--reference/);
    expect((await items(dataDir)).filter((i) => i.entity === 'referral')).toHaveLength(3);
  });
});
