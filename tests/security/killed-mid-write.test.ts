/**
 * Fault injection: the real server process (and the real import command) killed with SIGKILL in the
 * middle of work, as a power cut would end them, then started again on the same data directory.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import type { EntryId } from '#shared/domain/entry.ts';
import { toRecord, writeJsonRecords } from '#shared/services/catalogue-transfer.ts';
import { LOCAL_TABLE } from '#functions/cli/table-store.ts';
import { startDynalite } from '#functions/local/dynalite.ts';
import { createDevIssuer } from '#functions/local/dev-issuer.ts';
import { anEntry, anOfferingDraft } from '../support/builders.ts';
import { dynamoClient } from '../support/dynamo.ts';
import { startServerProcess } from '../support/server-process.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
const freshDataDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vagvisaren-crash-'));
  dirs.push(dir);
  return dir;
};

const draft = (name: string) => anOfferingDraft({ sv: name });

const editorHeaders = async (dataDir: string) => {
  const issuer = await createDevIssuer({ keyPath: join(dataDir, 'dev-issuer', 'signing-key.json') });
  return { authorization: `Bearer ${await issuer.issue('demo-editor')}`, 'content-type': 'application/json' };
};

/** Opens the stopped server's store directly and hands `check` its entry repository. */
const withStore = async <T>(dataDir: string, check: (repository: DynamoEntryRepository) => Promise<T>): Promise<T> => {
  const dynalite = await startDynalite({ path: join(dataDir, 'dynamodb') });
  try {
    return await check(new DynamoEntryRepository(documentClient(dynamoClient(dynalite.endpoint)), LOCAL_TABLE));
  } finally {
    await dynalite.close();
  }
};

/** Every stored entry's versions that lack their audit record (seeded version-1 entries carry none by design). */
const versionsWithoutAudit = async (repository: DynamoEntryRepository, ids: readonly string[]) => {
  const missing: string[] = [];
  for (const id of ids) {
    const entry = await repository.get(id as EntryId);
    if (!entry) continue;
    const recorded = new Set((await repository.history(id as EntryId)).map((record) => record.version));
    for (let version = 1; version <= entry.version; version += 1) if (!recorded.has(version)) missing.push(`${id}@${version}`);
  }
  return missing;
};

describe('the server killed mid-write (SIGKILL) and started again', () => {
  it('keeps every acknowledged write of a burst, each with its audit record', async () => {
    const dataDir = await freshDataDir();
    const server = await startServerProcess({ DATA_DIR: dataDir });
    const headers = await editorHeaders(dataDir);
    const acknowledged: string[] = [];
    let killed = false;
    const writer = async (worker: number) => {
      for (let n = 0; !killed; n += 1) {
        try {
          const response = await fetch(`${server.url}/v1/editor/entries`, { method: 'POST', headers, body: JSON.stringify(draft(`Krocktest ${worker}-${n}`)) });
          if (response.status === 201) acknowledged.push((await response.json()).id);
          else throw new Error(`create answered ${response.status}: ${await response.text()}`);
        } catch (error) {
          if (!killed) throw error;
          return;
        }
        if (acknowledged.length >= 40 && !killed) {
          killed = true;
          await server.kill();
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5].map(writer));
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    const again = await startServerProcess({ DATA_DIR: dataDir });
    for (const id of acknowledged) {
      const response = await fetch(`${again.url}/v1/editor/entries/${id}`, { headers });
      expect(response.status, id).toBe(200);
    }
    expect(await again.stop()).toBe(0);
    expect(await withStore(dataDir, (repository) => versionsWithoutAudit(repository, acknowledged))).toEqual([]);
  }, 120_000);

  it('records the audit record of an entry saved just before the kill, at the next start', async () => {
    const dataDir = await freshDataDir();
    const first = await startServerProcess({ DATA_DIR: dataDir });
    expect(await first.stop()).toBe(0);
    const faulty = await startServerProcess({ DATA_DIR: dataDir, FAULT_INJECTION: 'kill-after-entry-save' });
    const headers = await editorHeaders(dataDir);
    await expect(fetch(`${faulty.url}/v1/editor/entries`, { method: 'POST', headers, body: JSON.stringify(draft('Sparad före krocken')) })).rejects.toThrow();
    expect(await faulty.exited).toBe('SIGKILL');

    const [saved] = await withStore(dataDir, async (repository) => {
      const ids: string[] = [];
      for await (const page of repository.scan()) ids.push(...page.filter((entry) => entry.name.sv === 'Sparad före krocken').map((entry) => entry.id));
      expect(await versionsWithoutAudit(repository, ids)).toEqual(ids.map((id) => `${id}@1`));
      return ids;
    });
    expect(saved).toBeDefined();

    const again = await startServerProcess({ DATA_DIR: dataDir });
    expect(again.output()).toContain('Wrote 1 audit record a crash had left out of the trail');
    const history = await (await fetch(`${again.url}/v1/editor/entries/${saved}/history`, { headers })).json();
    expect(history).toMatchObject({ records: [expect.objectContaining({ version: 1, action: 'create' })] });
    expect(await again.stop()).toBe(0);
    expect(await withStore(dataDir, (repository) => versionsWithoutAudit(repository, [saved!]))).toEqual([]);
  }, 120_000);

  it('leaves a catalogue import killed part-way fully applied once npm start has recovered it', async () => {
    const dataDir = await freshDataDir();
    const first = await startServerProcess({ DATA_DIR: dataDir });
    expect(await first.stop()).toBe(0);
    const records = Array.from({ length: 1000 }, (_, n) => toRecord(anEntry({ id: `krock-${String(n).padStart(4, '0')}`, name: { sv: `Krockpost ${n}` }, status: 'draft' })));
    const file = join(dataDir, 'import.json');
    await writeFile(file, writeJsonRecords(records));

    const importer = spawn(process.execPath, ['--import', 'tsx', 'functions/cli/catalogue.ts', 'import', file], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let progress = '';
    const exited = new Promise<NodeJS.Signals | null>((done) => importer.once('exit', (_code, signal) => done(signal)));
    importer.stderr.on('data', (chunk: Buffer) => {
      progress += chunk.toString();
      if (/import: \d+\/1000 \(1\d%\)/.test(progress)) importer.kill('SIGKILL');
    });
    expect(await exited).toBe('SIGKILL');
    const writtenBeforeKill = await withStore(dataDir, async (repository) => {
      let count = 0;
      for await (const page of repository.scan()) count += page.filter((entry) => entry.id.startsWith('krock-')).length;
      return count;
    });
    expect(writtenBeforeKill).toBeGreaterThan(0);
    expect(writtenBeforeKill).toBeLessThan(1000);

    const again = await startServerProcess({ DATA_DIR: dataDir }, 180_000);
    expect(again.output()).toMatch(new RegExp(`Completed an import a crash had cut short \\(.*import\\.json, begun [^)]+\\): ${writtenBeforeKill} of 1000 entries had been written; wrote the remaining ${1000 - writtenBeforeKill}\\.`));
    expect(await again.stop()).toBe(0);
    await withStore(dataDir, async (repository) => {
      const ids = records.map((record) => record.id);
      for (const id of ids) expect((await repository.get(id as EntryId))?.version, id).toBe(1);
      expect(await versionsWithoutAudit(repository, ids)).toEqual([]);
    });

    const third = await startServerProcess({ DATA_DIR: dataDir });
    expect(third.output()).not.toMatch(/crash had/);
    expect(await third.stop()).toBe(0);
  }, 240_000);
});
