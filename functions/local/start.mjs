// @ts-check
/**
 * `npm start`'s launcher: runs functions/local/main.ts from one ES module that esbuild makes of the
 * project's own TypeScript (packages stay in node_modules and load as they are). The module is kept
 * in node_modules/.cache/vagvisaren-start and rebuilt only when a file it was made from has changed,
 * so a start neither compiles TypeScript nor goes through a loader hook for each of its ~180 files.
 * VAGVISAREN_START_CACHE moves the cache (tests); it must lie inside the project, whose node_modules the
 * bundle's imports resolve from. Plain JavaScript, since nothing compiles it. `node --import tsx functions/local/main.ts` runs the
 * same server from source.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = 'functions/local/main.ts';
const CACHE = process.env.VAGVISAREN_START_CACHE ?? join(ROOT, 'node_modules/.cache/vagvisaren-start');
const BUNDLE = join(CACHE, 'main.mjs');
const INPUTS = join(CACHE, 'inputs.json');
/** Files outside the bundle's inputs that change how it is made. */
const BUILD_FILES = ['functions/local/start.mjs', 'package.json', 'tsconfig.json'];

/** @typedef {[file: string, mtimeMs: number, size: number]} Stamp */

/** @param {string} file @returns {Stamp} */
const stamp = (file) => {
  const stats = statSync(join(ROOT, file));
  return [file, stats.mtimeMs, stats.size];
};

/** True when the bundle was made from the files as they are now. */
const upToDate = () => {
  try {
    /** @type {Stamp[]} */
    const stamps = JSON.parse(readFileSync(INPUTS, 'utf8'));
    statSync(BUNDLE);
    return stamps.every(([file, mtimeMs, size]) => {
      const [, nowMs, nowSize] = stamp(file);
      return nowMs === mtimeMs && nowSize === size;
    });
  } catch {
    return false;
  }
};

/** Bundles the entry with every package import left external; writes the bundle and its inputs' stamps. */
const rebuild = async () => {
  const { build } = await import('esbuild');
  /** @type {import('esbuild').Plugin} */
  const packagesExternal = {
    name: 'packages-external',
    setup(bundler) {
      bundler.onResolve({ filter: /^[^./#]/ }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path, external: true }));
    },
  };
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(ROOT, 'tsconfig.json'),
    plugins: [packagesExternal],
    metafile: true,
    write: false,
    outfile: BUNDLE,
    logLevel: 'warning',
  });
  mkdirSync(CACHE, { recursive: true });
  const temporary = `${BUNDLE}.${process.pid}`;
  writeFileSync(temporary, result.outputFiles[0].contents);
  renameSync(temporary, BUNDLE);
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/'));
  writeFileSync(INPUTS, `${JSON.stringify([...inputs, ...BUILD_FILES].map(stamp))}\n`);
};

if (!upToDate()) await rebuild();
await import(pathToFileURL(BUNDLE).href);
