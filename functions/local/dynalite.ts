/** Runs dynalite — the DynamoDB API on LevelDB — inside this process, on disk or in memory. */
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import dynalite from 'dynalite';

export type RunningDynalite = { endpoint: string; close(): Promise<void> };

/** Starts dynalite on a free loopback port; with `path` its data persists there, without it lives in memory. */
export const startDynalite = async (options: { path?: string } = {}): Promise<RunningDynalite> => {
  if (options.path) await mkdir(options.path, { recursive: true });
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
