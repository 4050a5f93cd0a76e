/** Owns the filesystem locations the CDK app needs: repository root, lock file, tsconfig, function entries. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../', import.meta.url));
export const depsLockFilePath = join(repoRoot, 'package-lock.json');
export const tsconfigPath = join(repoRoot, 'tsconfig.json');

/** Absolute path of a function entry given relative to the repository root, e.g. `functions/api/lambda.ts`. */
export const entryPath = (relative: string): string => join(repoRoot, relative);
