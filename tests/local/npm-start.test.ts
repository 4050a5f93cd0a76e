import { mkdir, mkdtemp, readFile, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AS_NPM_START, startServerProcess } from '../support/server-process.ts';

const CACHE_ROOT = 'node_modules/.cache';

describe('npm start (the local server process)', () => {
  const made: string[] = [];
  /** A temporary directory; a bundle cache lives inside the project, whose node_modules its imports resolve from. */
  const temporary = async (prefix: string, under = tmpdir()) => {
    await mkdir(under, { recursive: true });
    const dir = await mkdtemp(join(under, prefix));
    made.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of made) await rm(dir, { recursive: true, force: true });
  });

  it('seeds an empty store, serves search, and keeps its data across a restart', async () => {
    const dataDir = await temporary('vagvisaren-start-');
    const env = { DATA_DIR: dataDir, VAGVISAREN_START_CACHE: await temporary('vagvisaren-start-test-', CACHE_ROOT) };

    const first = await startServerProcess(env, 60_000, AS_NPM_START);
    expect(first.output()).toMatch(/Seeded \d+ demonstration entries/);
    const [, searchable, stored] = /Indexed (\d+) searchable entries of (\d+)/.exec(first.output())!.map(Number);
    expect(searchable).toBeLessThan(stored!);
    const search = await fetch(`${first.url}/v1/search?q=finansiering`);
    expect(search.status).toBe(200);
    const body = await search.json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.facets.area.some((f: { count: number }) => f.count > 0)).toBe(true);
    const someId = body.hits[0].id as string;
    expect(await first.stop()).toBe(0);

    const second = await startServerProcess(env, 60_000, AS_NPM_START);
    expect(second.output()).not.toMatch(/Seeded/);
    const entry = await fetch(`${second.url}/v1/entries/${someId}`);
    expect(entry.status).toBe(200);
    expect((await (await fetch(`${second.url}/v1/search?q=finansiering`)).json()).total).toBe(body.total);
    await second.stop();
  }, 120_000);

  it('runs the code as it is on disk: a start after a source file changed rebuilds its bundle, an unchanged one reuses it', async () => {
    const cache = await temporary('vagvisaren-start-test-', CACHE_ROOT);
    const env = { DATA_DIR: await temporary('vagvisaren-start-'), SEED: 'false', VAGVISAREN_START_CACHE: cache };
    const bundle = join(cache, 'main.mjs');
    const startAndStop = async () => (await startServerProcess(env, 60_000, AS_NPM_START)).stop();

    await startAndStop();
    const built = (await stat(bundle)).mtimeMs;
    const inputs = JSON.parse(await readFile(join(cache, 'inputs.json'), 'utf8')) as [string, number, number][];
    expect(inputs.map(([file]) => file)).toEqual(expect.arrayContaining(['functions/local/main.ts', 'shared/search/analysis.ts', 'package.json']));
    await startAndStop();
    expect((await stat(bundle)).mtimeMs).toBe(built);

    const source = 'shared/search/snippet.ts';
    const { atime, mtime } = await stat(source);
    await utimes(source, atime, new Date(mtime.getTime() + 1000));
    try {
      await startAndStop();
    } finally {
      await utimes(source, atime, mtime);
    }
    expect((await stat(bundle)).mtimeMs).toBeGreaterThan(built);
  }, 120_000);
});
