/**
 * The `npm start` part of `npm run bench`: on a warm store (a data directory seeded by a first
 * start and stopped cleanly, so it holds the search index saved at the stop), the time from running
 * `npm start` to the first answered GET /v1/search?q=innovation.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, now, round } from './measure.ts';

export type StartRun = { runs: number; firstAnswerMs: number; samplesMs: number[] };

/** A port no server listens on now, so the first answer can only come from the server started here. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const firstAnswer = async (dataDir: string): Promise<number> => {
  const port = await freePort();
  const started = now();
  const child = spawn('npm', ['start', '--silent'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: 'ignore',
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/v1/search?q=innovation`);
        await response.arrayBuffer();
        if (response.ok) return now() - started;
      } catch {
        /* not listening yet */
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (now() - started > 60_000) throw new Error('npm start did not answer within 60 s');
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    await allGone(child.pid!);
  }
};

/** Waits until no process of the group is left (the server saves its search index after npm has gone). */
const allGone = async (group: number): Promise<void> => {
  for (;;) {
    try {
      process.kill(-group, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

export const measureStart = async (options: { quick: boolean; log: (line: string) => void }): Promise<StartRun> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'vagvisaren-bench-start-'));
  try {
    await firstAnswer(dataDir);
    const samples: number[] = [];
    for (let i = 0; i < (options.quick ? 2 : 5); i++) samples.push(await firstAnswer(dataDir));
    options.log(`start: first answers after ${samples.map((s) => s.toFixed(0)).join(', ')} ms`);
    return { runs: samples.length, firstAnswerMs: round(median(samples), 0), samplesMs: samples.map((s) => round(s, 0)) };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
};
