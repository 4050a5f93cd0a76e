// @ts-check
/**
 * One ES module of a local entry point, made by esbuild of the project's own TypeScript with every
 * package import left to node_modules, and rebuilt only when a file it was made from has changed.
 * `npm start` runs the local server from it (start.mjs), and the HTTP bench the servers it loads,
 * so neither compiles TypeScript nor goes through a loader hook per file. Plain JavaScript: nothing
 * compiles it.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Files outside a bundle's inputs that change how it is made. */
const BUILD_FILES = ['functions/local/local-bundle.mjs', 'package.json', 'tsconfig.json'];

/** @typedef {[file: string, mtimeMs: number, size: number]} Stamp */

/** @param {string} file @returns {Stamp} */
const stamp = (file) => {
  const stats = statSync(join(ROOT, file));
  return [file, stats.mtimeMs, stats.size];
};

/** True when the bundle was made from the files as they are now. @param {string} bundle @param {string} inputs */
const upToDate = (bundle, inputs) => {
  try {
    /** @type {Stamp[]} */
    const stamps = JSON.parse(readFileSync(inputs, 'utf8'));
    statSync(bundle);
    return stamps.every(([file, mtimeMs, size]) => {
      const [, nowMs, nowSize] = stamp(file);
      return nowMs === mtimeMs && nowSize === size;
    });
  } catch {
    return false;
  }
};

/** Bundles the entry with every package import left external; writes the bundle and its inputs' stamps. @param {string} entry @param {string} bundle @param {string} inputs */
const rebuild = async (entry, bundle, inputs) => {
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
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(ROOT, 'tsconfig.json'),
    plugins: [packagesExternal],
    metafile: true,
    write: false,
    outfile: bundle,
    logLevel: 'warning',
  });
  mkdirSync(resolve(bundle, '..'), { recursive: true });
  const temporary = `${bundle}.${process.pid}`;
  writeFileSync(temporary, result.outputFiles[0].contents);
  renameSync(temporary, bundle);
  const sources = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/'));
  writeFileSync(inputs, `${JSON.stringify([...sources, ...BUILD_FILES].map(stamp))}\n`);
};

/**
 * The path of `entry`'s bundle (entry relative to the project root) in the directory `cache`, made
 * or remade first when needed. The cache must lie inside the project: the bundle's package imports
 * resolve from the node_modules above it.
 * @param {string} entry
 * @param {string} cache
 * @returns {Promise<string>}
 */
export const localBundle = async (entry, cache) => {
  const bundle = join(resolve(ROOT, cache), 'main.mjs');
  const inputs = join(resolve(ROOT, cache), 'inputs.json');
  if (!upToDate(bundle, inputs)) await rebuild(entry, bundle, inputs);
  return bundle;
};
