import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs a script in a fresh node process (TypeScript through tsx) and returns what it wrote to stdout. */
const stdoutOf = (script: string): string =>
  execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });

describe('the local server log writer', () => {
  it('writes every line in order, those of the last turn when the process exits too', () => {
    const output = stdoutOf(`
      import { bufferedStdout } from './functions/local/buffered-stdout.ts';
      const write = bufferedStdout();
      for (let i = 0; i < 3; i++) write('first turn ' + i);
      setImmediate(() => {
        for (let i = 0; i < 3; i++) write('second turn ' + i);
        process.exit(0);
      });
    `);
    expect(output).toBe(['first turn 0', 'first turn 1', 'first turn 2', 'second turn 0', 'second turn 1', 'second turn 2', ''].join('\n'));
  });
});
