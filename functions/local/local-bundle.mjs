// @ts-check
/**
 * One ES module of a local entry point, made by esbuild of the project's own TypeScript and the
 * packages it imports (one file read and compiled instead of hundreds resolved one by one; dynalite
 * too, but classic-level, which loads LevelDB's native binding, stays in node_modules), and rebuilt only when a file it was
 * made from, or package-lock.json, has changed.
 * What the code imports with `await import()` goes to chunks of its own beside it, so a package only
 * such code needs (the S3 client of the snapshot store) loads only when that code runs.
 * `npm start` runs the local server from it (start.mjs), and the HTTP bench the servers it loads,
 * so neither compiles TypeScript nor goes through a loader hook per file. Plain JavaScript: nothing
 * compiles it.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Files outside a bundle's inputs that change how it is made. */
const BUILD_FILES = ['functions/local/local-bundle.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** Packages loaded from node_modules rather than bundled (classic-level loads LevelDB's native binding beside its own files). */
const UNBUNDLED = ['classic-level', 'esbuild'];
/** CommonJS packages bundled into an ES module call `require` (node's built-ins). */
const REQUIRE_SHIM = "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);";

/**
 * zod's error messages in some forty languages, which the app never reads (it keeps zod's English
 * default), bundled as an empty module: about a third of the zod the server would otherwise compile
 * at every start. The Lambda bundle leaves them out the same way (infra/bundling.ts, LEFT_OUT["zod-locales"]).
 * @type {import('esbuild').Plugin}
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(bundler) {
    bundler.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined);
    bundler.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * dynalite requires each action's module by name (`require('./actions/' + action)`); with the file's
 * extension added there, esbuild bundles every file of those folders and finds them by the full name.
 * @type {import('esbuild').Plugin}
 */
const dynaliteActionsBundled = {
  name: 'dynalite-actions-bundled',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]node_modules[\\/]dynalite[\\/]index\.js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/require\('\.\/(actions|validations)\/' \+ action\)/g, "require('./$1/' + action + '.js')"),
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

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

/** Writes a file whole under a new name and renames it into place (never into a file another copy shares). @param {string} file @param {string | Uint8Array} contents */
const replaceFile = (file, contents) => {
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
};

/** A day after a rebuild, chunks of earlier builds are removed (a server started before it may still load one). @param {string} dir @param {Set<string>} current */
const removeOldChunks = (dir, current) => {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const file of readdirSync(dir)) {
    if (!file.startsWith('chunk-') || current.has(file)) continue;
    const path = join(dir, file);
    if (statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
  }
};

/** Bundles the entry and its packages (but UNBUNDLED); writes the bundle, its chunks and its inputs' stamps. @param {string} entry @param {string} bundle @param {string} inputs */
const rebuild = async (entry, bundle, inputs) => {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { [basename(bundle, '.mjs')]: entry },
    bundle: true,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(ROOT, 'tsconfig.json'),
    external: UNBUNDLED,
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_SHIM },
    metafile: true,
    plugins: [zodEnglishOnly, dynaliteActionsBundled],
    write: false,
    outdir: dirname(bundle),
    logLevel: 'warning',
  });
  mkdirSync(dirname(bundle), { recursive: true });
  const outputs = result.outputFiles.sort((a, b) => Number(a.path === bundle) - Number(b.path === bundle));
  for (const output of outputs) replaceFile(output.path, output.contents);
  removeOldChunks(dirname(bundle), new Set(outputs.map((output) => basename(output.path))));
  const sources = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/') && !file.startsWith('zod-english-only:'));
  replaceFile(inputs, `${JSON.stringify([...sources, ...BUILD_FILES].map(stamp))}\n`);
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
