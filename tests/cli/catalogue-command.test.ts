import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCatalogue } from '#functions/cli/catalogue.ts';
import { createWriteProgress } from '#functions/cli/progress.ts';
import { startDynalite } from '#functions/local/dynalite.ts';
import { writeCsvRecords } from '#shared/adapters/csv/catalogue-csv.ts';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { ENTRY_KINDS, type Entry, type EntryId } from '#shared/domain/entry.ts';
import { loadStored, toRecord, writeJsonRecords, type ImportRecord } from '#shared/services/catalogue-transfer.ts';
import { anEntry, fixedClock, municipalityCodes } from '../support/builders.ts';
import { dynamoClient } from '../support/dynamo.ts';

const workDir = mkdtempSync(join(tmpdir(), 'vagvisaren-catalogue-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let dirs = 0;
const freshDataDir = () => join(workDir, `data-${(dirs += 1)}`);
const file = (name: string, text: string) => {
  const path = join(workDir, name);
  writeFileSync(path, text);
  return path;
};

const sink = (isTTY = false) => {
  const chunks: string[] = [];
  return { isTTY, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
};

/** Runs the command in-process on the local store in `dataDir`. */
const run = async (dataDir: string, ...argv: string[]) => {
  const out = sink();
  const err = sink();
  const code = await runCatalogue(argv, { DATA_DIR: dataDir }, { out, err, clock: fixedClock, username: 'tester' });
  return { code, out: out.text(), err: err.text() };
};

/** Opens the local store in `dataDir` for a look (the command must not hold it). */
const inspect = async <T>(dataDir: string, look: (repository: DynamoEntryRepository) => Promise<T>): Promise<T> => {
  const store = await startDynalite({ path: join(dataDir, 'dynamodb') });
  const client = dynamoClient(store.endpoint);
  try {
    await ensureTable(client, 'vagvisaren');
    return await look(new DynamoEntryRepository(documentClient(client), 'vagvisaren'));
  } finally {
    client.destroy();
    await store.close();
  }
};

/** `count` varied records of every kind, as an editor would prepare them. */
const generated = (count: number): ImportRecord[] =>
  Array.from({ length: count }, (_, i) => {
    const kind = ENTRY_KINDS[i % ENTRY_KINDS.length]!;
    const municipality = municipalityCodes[i % municipalityCodes.length]!;
    const n = String(i + 1).padStart(4, '0');
    return toRecord(
      anEntry({
        id: `generated-${n}`,
        kind,
        status: i % 3 === 0 ? 'draft' : 'published',
        name: { sv: `Stöd nummer ${n}, "Örebro"`, en: `Support number ${n}` },
        description: { sv: `Beskrivning ${n}.\nAndra raden.` },
        municipalities: i % 2 === 0 ? 'county' : [municipality],
        sectors: [`Sektor ${i % 7}`],
        sources: [`https://example.se/kalla/${n}`],
        ...(kind === 'establishment-offer'
          ? { municipalities: [municipality], establishmentOffer: { offerType: 'office', location: { municipality, placeName: `Plats ${n}` }, keyFacts: [] } }
          : {}),
      }),
    );
  });

describe('catalogue import (1 000 entries)', () => {
  const dataDir = freshDataDir();
  const records = generated(1000);
  const csv = file('thousand.csv', writeCsvRecords(records));

  it('imports a 1 000-entry CSV into an empty store, reporting progress on stderr', async () => {
    const started = performance.now();
    const result = await run(dataDir, 'import', csv);
    const seconds = (performance.now() - started) / 1000;
    console.info(`catalogue import of 1 000 CSV rows into an empty store: ${seconds.toFixed(2)} s`);
    expect(result.out).toMatch(/: 1000 created, 0 changed, 0 unchanged \(\d+\.\d s\)\.\n$/);
    expect(result.code).toBe(0);
    expect(result.err).toContain('import: 100/1000 (10%)');
    expect(result.err).toContain('import: 1000/1000 (100%)');
    const stored = await inspect(dataDir, async (repository) => ({
      entries: await loadStored(repository),
      history: await repository.history('generated-0001' as EntryId),
    }));
    expect(stored.entries.size).toBe(1000);
    expect([...stored.entries.values()].map(toRecord).sort((a, b) => a.id.localeCompare(b.id))).toEqual(records);
    expect(stored.history).toEqual([expect.objectContaining({ version: 1, action: 'import', actor: { subject: 'cli', name: 'catalogue import (tester)' } })]);
  }, 90_000);

  it('changes nothing when the same file is imported again', async () => {
    const result = await run(dataDir, 'import', csv);
    expect(result.out).toContain('0 created, 0 changed, 1000 unchanged; nothing to write');
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
  });

  it('writes nothing when one row of the file is bad, and names the row, its column and the reason', async () => {
    const renamed = records.map((record) => ({ ...record, name: { sv: `${record.name.sv} (ny)` } }));
    renamed[499] = { ...renamed[499]!, areas: ['innovation', 'space'] };
    const lines = writeCsvRecords(renamed);
    const result = await run(dataDir, 'import', file('one-bad-row.csv', lines));
    expect(result.code).toBe(1);
    // Each row spans two lines (the descriptions hold a line break): row 501 starts on line 1000.
    expect(result.out).toBe(`line 1000 (row 501), areas.1: unknown code "space"\nNothing was written: 1 record of 1000 in ${join(workDir, 'one-bad-row.csv')} invalid (1 problem).\n`);
    const again = await run(dataDir, 'import', csv);
    expect(again.out).toContain('0 created, 0 changed, 1000 unchanged');
  });

  it('lists in a dry run what would change, and writes nothing', async () => {
    const changed = records.map((record, i) => (i < 2 ? { ...record, status: 'archived' as const } : record));
    changed.push(toRecord(anEntry({ id: 'one-more-entry' })));
    const result = await run(dataDir, 'import', '--dry-run', file('changed.json', writeJsonRecords(changed)));
    expect(result.code).toBe(0);
    expect(result.out).toContain('nothing was written. Would be 1 created, 2 changed, 998 unchanged:\n');
    expect(result.out).toContain('  create 1: one-more-entry\n');
    expect(result.out).toContain('  change 2: generated-0001 (status), generated-0002 (status)\n');
    expect(result.out).toMatch(/ {2}unchanged 998: generated-0003, generated-0004, /);
    const again = await run(dataDir, 'import', csv);
    expect(again.out).toContain('0 created, 0 changed, 1000 unchanged');
  });

  it('exports every entry as CSV and as JSON in a form that imports back without changes', async () => {
    const asCsv = join(workDir, 'export.csv');
    expect(await run(dataDir, 'export', '--out', asCsv)).toMatchObject({ code: 0, out: expect.stringContaining(`Exported 1000 entries from the local store in ${dataDir}/ to ${asCsv} (CSV).`) });
    expect(readFileSync(asCsv, 'utf8')).toBe(readFileSync(csv, 'utf8'));
    expect((await run(dataDir, 'import', asCsv)).out).toContain('0 created, 0 changed, 1000 unchanged');

    const toStdout = await run(dataDir, 'export');
    expect(toStdout.err).toContain('Exported 1000 entries');
    expect(JSON.parse(toStdout.out)).toEqual(records);
    expect((await run(dataDir, 'import', file('export.json', toStdout.out))).out).toContain('0 created, 0 changed, 1000 unchanged');
  });
});

describe('catalogue import', () => {
  it('changes what differs, keeping what the store knows (creation time, demonstration mark)', async () => {
    const dataDir = freshDataDir();
    const demo = anEntry({ id: 'demo-entry', demo: true, version: 4 });
    await inspect(dataDir, async (repository) => void (await repository.save({ ...demo, version: 1 })));
    const record = { ...toRecord(demo), status: 'archived' };
    const result = await run(dataDir, 'import', file('one.json', JSON.stringify([record])));
    expect(result.out).toContain('0 created, 1 changed, 0 unchanged');
    const stored = await inspect(dataDir, (repository) => repository.get('demo-entry' as EntryId));
    expect(stored).toMatchObject({ status: 'archived', version: 2, demo: true, createdAt: demo.createdAt, updatedAt: fixedClock.now().toISOString() });
  });

  it('refuses a record that sets bookkeeping fields, naming the field', async () => {
    const entry: Entry = anEntry({ id: 'with-bookkeeping' });
    const result = await run(freshDataDir(), 'validate', file('bookkeeping.json', JSON.stringify([entry])));
    expect(result.code).toBe(1);
    expect(result.out).toContain('record 0, version: is kept by the store and cannot be imported; remove it\n');
    expect(result.out).toContain('record 0, demo: is kept by the store');
  });
});

describe('catalogue reindex', () => {
  it('rebuilds search from the store, as npm run reindex does', async () => {
    const dataDir = freshDataDir();
    expect((await run(dataDir, 'import', file('three.csv', writeCsvRecords(generated(3))))).code).toBe(0);
    const result = await run(dataDir, 'reindex');
    expect(result.out).toContain('3 entries read: 2 searchable, 1 not searchable');
    expect(result.code).toBe(0);
  });
});

describe('catalogue validate', () => {
  it('checks a file without a store and exits 0 when every record is valid', async () => {
    const dataDir = freshDataDir();
    const result = await run(dataDir, 'validate', file('valid.csv', writeCsvRecords(generated(12))));
    expect(result).toEqual({ code: 0, out: `${join(workDir, 'valid.csv')}: all 12 records valid.\n`, err: '' });
  });

  it('reads a file without a telling extension by its content', async () => {
    expect((await run(freshDataDir(), 'validate', file('records.txt', writeJsonRecords(generated(2))))).code).toBe(0);
    expect((await run(freshDataDir(), 'validate', file('rows.txt', writeCsvRecords(generated(2))))).code).toBe(0);
  });
});

describe('catalogue usage', () => {
  it.each([
    [[], 'name a command'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['import'], 'import takes one file'],
    [['import', 'a.csv', '--out', 'b.csv'], 'import takes no --out'],
    [['export', '--format', 'xml'], '--format must be json or csv, not "xml"'],
    [['validate', 'a.csv', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 with the usage for %j', async (argv, message) => {
    const result = await run(freshDataDir(), ...argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toContain('Usage: npm run catalogue -- <command> [options]');
  });

  it('exits 1 when the file cannot be read', async () => {
    const result = await run(freshDataDir(), 'validate', join(workDir, 'missing.csv'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^cannot read .*missing\.csv: ENOENT/);
  });
});

describe('createWriteProgress', () => {
  it('writes a line at every tenth of the way and one at the end when stderr is not a terminal', () => {
    const out = sink();
    const progress = createWriteProgress(out, 'import', 20);
    for (let done = 1; done <= 20; done += 1) progress.update(done);
    progress.stop();
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('import: 2/20 (10%)');
    expect(lines.at(-1)).toBe('import: 20/20 (100%)');
  });

  it('draws a bar when stderr is a terminal', () => {
    const out = Object.assign(sink(true), { columns: 100 });
    const progress = createWriteProgress(out, 'import', 4);
    progress.update(4);
    progress.stop();
    expect(out.text()).toMatch(/import \[█+\] 100% \| 4\/4/);
  });
});

describe('the catalogue command as a process', () => {
  const small = () => file('small.csv', writeCsvRecords(generated(3)));
  const runProcess = (dataDir: string, ...argv: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'functions/cli/catalogue.ts', ...argv], {
      cwd: process.cwd(),
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('imports a file end to end through the entry point', () => {
    const dataDir = freshDataDir();
    const result = runProcess(dataDir, 'import', small());
    expect(result.stderr).toContain('import: 3/3 (100%)');
    expect(result.stdout).toBe(`Imported ${join(workDir, 'small.csv')} into the local store in ${dataDir}/: 3 created, 0 changed, 0 unchanged (${/\d+\.\d/.exec(result.stdout)?.[0]} s).\n`);
    expect(result.status).toBe(0);
  });

  it('rolls back what it wrote when interrupted with Ctrl+C, and says so', async () => {
    const dataDir = freshDataDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'functions/cli/catalogue.ts', 'import', file('interrupted.csv', writeCsvRecords(generated(400)))], {
      cwd: process.cwd(),
      env: { ...process.env, DATA_DIR: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      const seen = stderr.includes('import: 40/400 (10%)');
      stderr += chunk.toString();
      if (!seen && stderr.includes('import: 40/400 (10%)')) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stdout).toMatch(/^Import of .*interrupted\.csv failed at line \d+( \(row \d+\))?, entry generated-\d+: the import was interrupted before this write\n/);
    expect(stdout).toMatch(/Rolled back the \d+ entries this run had written: 0 restored to their previous content, \d+ created ones archived/);
    expect(code).toBe(1);
    const statuses = await inspect(dataDir, async (repository) => new Set([...(await loadStored(repository)).values()].map((entry) => entry.status)));
    expect(statuses).toEqual(new Set(['archived']));
  });

  it('refuses clearly when another process holds the local store', async () => {
    const dataDir = freshDataDir();
    const holder = await startDynalite({ path: join(dataDir, 'dynamodb') });
    const client = dynamoClient(holder.endpoint);
    try {
      await ensureTable(client, 'vagvisaren');
      const result = runProcess(dataDir, 'import', small());
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('is `npm start` running? Stop it first.');
    } finally {
      client.destroy();
      await holder.close();
    }
  });
});
