import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgress, formatProgress } from '#functions/cli/progress.ts';
import { runReindex } from '#functions/cli/reindex.ts';
import { countsAgree, loadIndex, rebuildEmbedded, ReindexAborted, reindexOpenSearch, type IndexAdmin } from '#functions/cli/reindex-run.ts';
import { startDynalite } from '#functions/local/dynalite.ts';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import type { AliasState } from '#shared/adapters/opensearch/index-admin.ts';
import type { Entry } from '#shared/domain/entry.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import { anEntry, fixedClock, taxonomy } from '../support/builders.ts';
import { dynamoClient, useDynalite } from '../support/dynamo.ts';

const dynalite = useDynalite();

/** Published, draft, archived and expired entries: one searchable, three not. */
const catalogue = (): Entry[] => [
  anEntry({ id: 'published-entry' }),
  anEntry({ id: 'draft-entry', status: 'draft' }),
  anEntry({ id: 'archived-entry', status: 'archived' }),
  anEntry({ id: 'expired-entry', validUntil: '2026-01-31' }),
];

const filled = async (entries: Entry[] = catalogue()): Promise<EntryRepository> => {
  const repository = await dynalite.freshRepository();
  for (const entry of entries) await repository.save(entry);
  return repository;
};

const sink = (isTTY = false) => {
  const chunks: string[] = [];
  return { stream: { isTTY, write: (text: string) => chunks.push(text) }, text: () => chunks.join(''), chunks };
};

/** Index administration over embedded indices standing in for OpenSearch ones, recording each step. */
const fakeAdmin = (previous: AliasState, options: { miscount?: number; onSwitch?: () => Promise<void> } = {}) => {
  const indices = new Map<string, EmbeddedSearchIndex>();
  const steps: string[] = [];
  const admin: IndexAdmin = {
    aliasState: async (alias) => (steps.push(`read ${alias}`), previous),
    createIndex: async (name) => {
      steps.push(`create ${name}`);
      indices.set(name, new EmbeddedSearchIndex());
    },
    refresh: async (name) => void steps.push(`refresh ${name}`),
    count: async (name) => (steps.push(`count ${name}`), (await indices.get(name)!.size()) + (options.miscount ?? 0)),
    switchAlias: async (alias, to, from) => {
      steps.push(`switch ${alias} from ${from.indices.join(',') || '-'} to ${to}`);
      await options.onSwitch?.();
    },
    deleteIndex: async (name) => void steps.push(`delete ${name}`),
  };
  return { admin, steps, index: (name: string) => indices.get(name)! };
};

describe('formatProgress', () => {
  it('shows the counts and the rate of entries read per second', () => {
    expect(formatProgress('entries-2', { read: 1200, upserted: 1180, removed: 20, stale: 0, failed: 0 }, 1500)).toBe(
      'entries-2: 1200 read · 1180 searchable · 20 removed · 0 stale · 0 failed · 800/s',
    );
    expect(formatProgress('x', { read: 0, upserted: 0, removed: 0, stale: 0, failed: 0 }, 0)).toMatch(/ 0\/s$/);
  });
});

describe('createProgress', () => {
  const counts = (read: number) => ({ read, upserted: read, removed: 0, stale: 0, failed: 0 });

  it('redraws one line on a terminal, at most every interval, and ends it with a newline', () => {
    let now = 0;
    const out = sink(true);
    const progress = createProgress({ stream: out.stream, label: 'load', now: () => now, intervalMs: 100 });
    progress.update(counts(1));
    now = 50;
    progress.update(counts(2));
    now = 150;
    progress.update(counts(3));
    progress.done(counts(4));
    expect(out.chunks).toHaveLength(3);
    expect(out.chunks.every((chunk) => chunk.startsWith('\r\x1b[2K'))).toBe(true);
    expect(out.chunks.at(-1)).toMatch(/^\r\x1b\[2Kload: 4 read .*\n$/);
  });

  it('writes whole lines, seldom, when stderr is not a terminal', () => {
    let now = 0;
    const out = sink(false);
    const progress = createProgress({ stream: out.stream, label: 'load', now: () => now, logEveryMs: 5000 });
    for (let i = 1; i <= 10; i += 1) {
      now = i * 1000;
      progress.update(counts(i));
    }
    progress.done(counts(10));
    expect(out.text()).not.toContain('\r');
    expect(out.text().trim().split('\n').map((line) => line.split(':')[1]!.split(' read')[0]!.trim())).toEqual(['1', '6', '10']);
  });
});

describe('loadIndex', () => {
  it('upserts the searchable entries of the table and deletes the others, counting each', async () => {
    const index = new EmbeddedSearchIndex();
    const counts = await loadIndex({ repository: await filled(), index, taxonomy, clock: fixedClock });
    expect(counts).toEqual({ read: 4, upserted: 1, removed: 3, stale: 0, failed: 0 });
    expect(await index.size()).toBe(1);
  });

  it('counts what the index already holds as stale when loaded again', async () => {
    const index = new EmbeddedSearchIndex();
    const repository = await filled();
    await loadIndex({ repository, index, taxonomy, clock: fixedClock });
    expect(await loadIndex({ repository, index, taxonomy, clock: fixedClock })).toEqual({ read: 4, upserted: 0, removed: 3, stale: 1, failed: 0 });
  });

  it('reports progress after every page', async () => {
    const out = sink();
    await loadIndex({ repository: await filled(), index: new EmbeddedSearchIndex(), taxonomy, clock: fixedClock }, createProgress({ stream: out.stream, label: 'p', logEveryMs: 0 }));
    expect(out.text()).toContain('p: 4 read · 1 searchable · 3 removed');
  });
});

describe('rebuildEmbedded', () => {
  it('rebuilds the embedded index in place and finds the counts in agreement', async () => {
    const report = await rebuildEmbedded({ repository: await filled(), index: new EmbeddedSearchIndex(), taxonomy, clock: fixedClock });
    expect(report).toEqual({ counts: { read: 4, upserted: 1, removed: 3, stale: 0, failed: 0 }, held: 1, agree: true });
  });

  it('does not call counts in agreement when something failed or the index holds another number', () => {
    const counts = { read: 2, upserted: 2, removed: 0, stale: 0, failed: 0 };
    expect(countsAgree(counts, 2)).toBe(true);
    expect(countsAgree(counts, 3)).toBe(false);
    expect(countsAgree({ ...counts, failed: 1 }, 2)).toBe(false);
  });
});

describe('reindexOpenSearch', () => {
  const ALIAS = 'vagvisaren-entries';
  const run = async (fake: ReturnType<typeof fakeAdmin>, repository: EntryRepository) =>
    reindexOpenSearch({
      admin: fake.admin,
      openIndex: fake.index,
      repository,
      taxonomy,
      clock: fixedClock,
      alias: ALIAS,
      indexName: 'entries-new',
      definition: { settings: {}, mappings: {} },
    });

  it('loads a new index, compares counts, moves the alias, catches up and deletes the old index, in that order', async () => {
    const fake = fakeAdmin({ indices: ['entries-old'], concreteIndex: false });
    const report = await run(fake, await filled());
    expect(fake.steps).toEqual([
      `read ${ALIAS}`,
      'create entries-new',
      'refresh entries-new',
      'count entries-new',
      `switch ${ALIAS} from entries-old to entries-new`,
      'refresh entries-new',
      'delete entries-old',
    ]);
    expect(report).toMatchObject({ index: 'entries-new', held: 1, deleted: ['entries-old'], counts: { read: 4, upserted: 1, removed: 3 } });
    expect(report.catchUp).toMatchObject({ read: 4, upserted: 0, stale: 1 });
  });

  it('applies in the catch-up what changed in the table while the new index was loading', async () => {
    const repository = await filled();
    const newer = anEntry({ id: 'published-entry', version: 2, name: { sv: 'Ändrad under omindexeringen' } });
    const fake = fakeAdmin({ indices: [], concreteIndex: false }, { onSwitch: async () => void (await repository.save(newer)) });
    const report = await run(fake, repository);
    expect(report.catchUp).toMatchObject({ upserted: 1, stale: 0 });
    const [hit] = (await fake.index('entries-new').search({ q: '', filters: { kind: [], area: [], stage: [], municipality: [], supportType: [], focus: [] }, page: 1, pageSize: 5, language: 'sv', offer: { type: [], availability: [] }, sort: 'relevance', today: '2026-11-27' })).hits;
    expect(hit?.name.sv).toBe('Ändrad under omindexeringen');
  });

  it('leaves the alias alone and deletes the new index when the counts disagree', async () => {
    const fake = fakeAdmin({ indices: ['entries-old'], concreteIndex: false }, { miscount: -1 });
    const failure = run(fake, await filled());
    await expect(failure).rejects.toBeInstanceOf(ReindexAborted);
    await expect(failure).rejects.toThrow('entries-new holds 0 searchable entries but 1 were loaded and 0 failed');
    expect(fake.steps.filter((step) => step.startsWith('switch'))).toEqual([]);
    expect(fake.steps.at(-1)).toBe('delete entries-new');
  });

  it('leaves the alias alone and deletes the new index when loading fails', async () => {
    const fake = fakeAdmin({ indices: [], concreteIndex: false });
    const broken: EntryRepository = { ...(await filled()), scan: async function* () { throw new Error('table gone'); } } as EntryRepository;
    await expect(run(fake, broken)).rejects.toThrow('loading entries-new failed: table gone');
    expect(fake.steps).toEqual([`read ${ALIAS}`, 'create entries-new', 'delete entries-new']);
  });
});

describe('runReindex', () => {
  const capture = () => ({ out: sink(), err: sink() });

  it('refuses both OPENSEARCH_URL and OPENSEARCH_ENDPOINT at once', async () => {
    const { out, err } = capture();
    expect(await runReindex({ OPENSEARCH_URL: 'http://localhost:9200', OPENSEARCH_ENDPOINT: 'https://x.es.amazonaws.com' }, out.stream as never, err.stream as never)).toBe(2);
    expect(err.text()).toContain('set OPENSEARCH_URL or OPENSEARCH_ENDPOINT, not both');
  });

  it('needs the deployed table and region to reindex an AWS domain', async () => {
    const { out, err } = capture();
    expect(await runReindex({ OPENSEARCH_ENDPOINT: 'https://x.es.amazonaws.com' }, out.stream as never, err.stream as never)).toBe(2);
    expect(err.text()).toContain('OPENSEARCH_ENDPOINT needs AWS_REGION and TABLE_NAME');
  });

  it('rebuilds the embedded index from the local store in DATA_DIR and reports agreeing counts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vagvisaren-reindex-'));
    try {
      const store = await startDynalite({ path: join(dataDir, 'dynamodb') });
      const client = dynamoClient(store.endpoint);
      await ensureTable(client, 'vagvisaren');
      const repository = new DynamoEntryRepository(documentClient(client), 'vagvisaren');
      for (const entry of catalogue()) await repository.save(entry);
      client.destroy();
      await store.close();

      const { out, err } = capture();
      expect(await runReindex({ DATA_DIR: dataDir }, out.stream as never, err.stream as never)).toBe(0);
      expect(out.text()).toContain('4 entries read: 1 searchable, 3 not searchable (draft, archived or expired), 0 stale, 0 failed.');
      expect(out.text()).toContain('The index holds 1 entries: counts agree.');
      expect(err.text()).toContain('embedded index: 4 read');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
