/** Runs the local server (`npm start`) as a real process and waits for the URL it prints. */
import { spawn, type ChildProcess } from 'node:child_process';

export type ServerProcess = {
  url: string;
  output: () => string;
  stop(): Promise<number | null>;
  /** Kills the process with SIGKILL (as a power cut would end it) and waits until it is gone. */
  kill(): Promise<void>;
  /** Resolves with the signal that ended the process (or null), whoever ended it. */
  exited: Promise<NodeJS.Signals | null>;
};

/** The server from source, through tsx. */
export const FROM_SOURCE = ['--import', 'tsx', 'functions/local/main.ts'];
/** The server as `npm start` runs it: the launcher and its cached bundle. */
export const AS_NPM_START = ['functions/local/start.mjs'];

export const startServerProcess = (env: Record<string, string>, timeoutMs = 30_000, args = FROM_SOURCE): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, args, {
      env: { ...process.env, PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not become ready in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const exited = new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_code, signal) => done(signal)));
    const kill = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    };
    const stop = () =>
      new Promise<number | null>((done) => {
        if (child.exitCode !== null) return done(child.exitCode);
        child.once('exit', (code) => done(code));
        child.kill('SIGTERM');
      });
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, output: () => output, stop, kill, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`));
    });
  });
