import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../support/server-process.ts';

describe('npm start (the local server process)', () => {
  let dataDir: string;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds an empty store, serves search, and keeps its data across a restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'vagvisaren-start-'));

    const first = await startServerProcess({ DATA_DIR: dataDir });
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

    const second = await startServerProcess({ DATA_DIR: dataDir });
    expect(second.output()).not.toMatch(/Seeded/);
    const entry = await fetch(`${second.url}/v1/entries/${someId}`);
    expect(entry.status).toBe(200);
    expect((await (await fetch(`${second.url}/v1/search?q=finansiering`)).json()).total).toBe(body.total);
    await second.stop();
  }, 90_000);
});
