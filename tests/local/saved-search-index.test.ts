import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { startDynalite } from '#functions/local/dynalite.ts';
import { anEntry } from '../support/builders.ts';
import { dynamoClient } from '../support/dynamo.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const LOADED = /Loaded the search index saved at the last stop: (\d+) searchable entries/;
const INDEXED = /Indexed (\d+) searchable entries/;

const totalOf = async (server: ServerProcess, q: string) =>
  ((await (await fetch(`${server.url}/v1/search?q=${encodeURIComponent(q)}`)).json()) as { total: number }).total;

describe('npm start with the search index saved at the last stop', () => {
  let dataDir: string;
  const started: ServerProcess[] = [];
  const start = async (env: Record<string, string>) => {
    const server = await startServerProcess(env, 60_000);
    started.push(server);
    return server;
  };
  afterAll(async () => {
    for (const server of started) await server.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loads it after a clean stop, and builds from the store after another writer or a crash', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'vagvisaren-saved-index-'));
    const env = { DATA_DIR: dataDir };

    const first = await start(env);
    const [, indexed] = INDEXED.exec(first.output())!;
    const financing = await totalOf(first, 'finansiering');
    expect(financing).toBeGreaterThan(0);
    expect(await first.stop()).toBe(0);

    const second = await start(env);
    expect(LOADED.exec(second.output())?.[1]).toBe(indexed);
    expect(await totalOf(second, 'finansiering')).toBe(financing);
    expect(await totalOf(second, 'Kvarnstensrådgivning')).toBe(0);
    expect(await second.stop()).toBe(0);

    const store = await startDynalite({ path: join(dataDir, 'dynamodb') });
    try {
      await new DynamoEntryRepository(documentClient(dynamoClient(store.endpoint)), 'vagvisaren').save(
        anEntry({ id: 'kvarnstensradgivning', name: { sv: 'Kvarnstensrådgivning' } }),
      );
    } finally {
      await store.close();
    }

    const third = await start(env);
    expect(third.output()).not.toMatch(LOADED);
    expect(INDEXED.exec(third.output())?.[1]).toBe(String(Number(indexed) + 1));
    expect(await totalOf(third, 'Kvarnstensrådgivning')).toBe(1);
    await third.kill();

    const fourth = await start(env);
    expect(fourth.output()).not.toMatch(LOADED);
    expect(await totalOf(fourth, 'Kvarnstensrådgivning')).toBe(1);
    expect(await fourth.stop()).toBe(0);
  }, 180_000);
});
