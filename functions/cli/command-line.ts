/**
 * What every command-line tool shares: counts in words, the two failures a user can cause (a wrong command line, exit 2;
 * invalid input, exit 1), turning them into their message and exit code, and running a module as the
 * program with stdout flushed before exit and a closed pipe (`| head`) taken as a normal end.
 */
import { pathToFileURL } from 'node:url';
import { ZodError } from 'zod';
import type { ProgressStream } from './progress.ts';

/** `1 record`, `2 records`: a count with its noun. */
export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

/** The command line is wrong: print the message and the usage, exit 2. */
export class UsageError extends Error {}

/** The input is invalid: print the message, exit 1. */
export class InputError extends Error {}

/** The exit code for a user's mistake, after printing it to `err` (a ZodError as its issues by path, never raw); anything else is rethrown. */
export const exitCodeFor = (error: unknown, err: ProgressStream, usage: string): number => {
  if (error instanceof UsageError) {
    err.write(`${error.message}\n\n${usage}`);
    return 2;
  }
  if (error instanceof InputError) {
    err.write(`${error.message}\n`);
    return 1;
  }
  if (error instanceof ZodError) {
    err.write(`The input is not valid:\n${error.issues.map((issue) => `  ${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`).join('\n')}\n`);
    return 1;
  }
  throw error;
};

/** Runs `main` when `moduleUrl` is the program node was started with; exits with its code once stdout has flushed. */
export const runAsProgram = (moduleUrl: string, name: string, main: () => Promise<number>): void => {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main().then(
    (code) => process.stdout.write('', () => process.exit(code)),
    (error: Error) => {
      process.stderr.write(`${name} failed: ${error.message}\n`);
      process.stdout.write('', () => process.exit(1));
    },
  );
};
