/** Runs dynalite — the DynamoDB API on LevelDB — inside this process, on disk or in memory. */
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import dynalite from 'dynalite';

export type RunningDynalite = { endpoint: string; close(): Promise<void> };

/**
 * LevelDB lets one process hold a store; dynalite itself only notices on its first request, so the
 * lock is tried here, before starting, to refuse a store another process (`npm start`) holds.
 */
const levelOf = () => {
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  return (fromDynalite('level') as typeof import('level')).Level;
};

const ensureStoreFree = async (path: string): Promise<void> => {
  const Level = levelOf();
  const db = new Level(path);
  try {
    await db.open();
  } catch (error) {
    const cause = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new Error(`cannot open the local store in ${path}: is \`npm start\` running? Stop it first. (${cause})`);
  }
  await db.close();
};

/** Starts dynalite on a free loopback port; with `path` its data persists there (refused while another process holds it), without it lives in memory. */
export const startDynalite = async (options: { path?: string } = {}): Promise<RunningDynalite> => {
  if (options.path) {
    await mkdir(options.path, { recursive: true });
    await ensureStoreFree(options.path);
  }
  const server = dynalite({ ...(options.path ? { path: options.path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

/**
 * Compacts a stopped local store: LevelDB keeps deleted items in its files until compaction, so after
 * an erasure the whole key range is compacted and what was deleted is no longer on disk.
 */
export const compactStore = async (path: string): Promise<void> => {
  const db = new (levelOf())(path);
  await db.open();
  try {
    await (db as unknown as { compactRange(start: string, end: string): Promise<void> }).compactRange('\u0000', '\uffff');
  } finally {
    await db.close();
  }
};
