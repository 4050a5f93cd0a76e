/**
 * How a function's code is bundled, for the CDK construct and the benchmark alike: one ESM entry
 * with the createRequire banner, minified, with source maps beside it (not read at run time), and
 * split so that modules loaded by dynamic import (the SES client, the embedded engine, credential
 * providers) become chunks that load only when used. Modules the functions never run (zod's other
 * locales and its compiler, the SDK's browser user agent parser, the credential providers after the
 * environment's) are left out (LEFT_OUT). Run as a script
 * (`tsx infra/bundling.ts <entry> <outdir>`) it bundles one entry.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { repoRoot, tsconfigPath } from './paths.ts';

/**
 * First line of every bundle. ESM bundles have no `require`, and the AWS SDK's CommonJS parts
 * crash with "Dynamic require of node:https" without it.
 */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** The file the handler is exported from, inside the bundle directory. */
export const BUNDLE_ENTRY_FILE = 'index.mjs';

/**
 * A module the functions never run, bundled as `contents` instead: `specifier` as written by a module
 * under `importer` (a path inside node_modules). Each one left out is named in LEFT_OUT with why.
 */
type LeftOut = { specifier: RegExp; importer: RegExp; contents: string; loader: 'js' };

/** Where each replacement comes from, so a changed dependency fails the build's tests rather than the function. */
export const LEFT_OUT: Record<string, LeftOut> = {
  /**
   * zod's `locales` namespace holds some forty languages' error messages (about 270 kB minified). The
   * app keeps zod's English default and never reads another locale, but @hono/zod-openapi passes the
   * whole `z` namespace to a function, so tree shaking cannot drop it.
   */
  'zod-locales': { specifier: /^\.\.\/locales\/index\.js$/, importer: /[\\/]node_modules[\\/]zod[\\/]/, contents: 'export {};', loader: 'js' },
  /**
   * zod's ahead-of-time compiler (`z.compile`, `zod/compile`: about 29 kB minified) runs only when
   * called or imported by name; the app does neither, and zod's own parsing never reaches it.
   */
  'zod-compile': {
    specifier: /^\.\/compile\.js$/,
    importer: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/]index\.js$/,
    contents: [
      'const leftOut = () => { throw new Error("z.compile is left out of this bundle (infra/bundling.ts)"); };',
      'export const INVALID = Symbol.for("zod.compile.invalid");',
      'export class ZodCompileAsyncError extends Error {}',
      'export class ZodCompileUnsupportedError extends Error {}',
      'export const compile = leftOut, withParser = leftOut, compileFn = leftOut;',
    ].join('\n'),
    loader: 'js',
  },
  /** `z.fromJSONSchema` (about 12 kB) builds schemas from JSON Schema documents; the app writes its schemas in zod. */
  'zod-from-json-schema': {
    specifier: /^\.\/from-json-schema\.js$/,
    importer: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]classic[\\/]external\.js$/,
    contents: 'export const fromJSONSchema = () => { throw new Error("z.fromJSONSchema is left out of this bundle (infra/bundling.ts)"); };',
    loader: 'js',
  },
  /**
   * bowser (about 35 kB) parses a browser's user agent for the AWS SDK's browser build; @aws-sdk/core
   * exports that provider from its Node entry too, but Node clients use the Node user agent provider.
   */
  bowser: {
    specifier: /^bowser$/,
    importer: /[\\/]node_modules[\\/]@aws-sdk[\\/]core[\\/]/,
    contents: 'export default {}; export const parse = () => undefined;',
    loader: 'js',
  },
  /**
   * The default credential chain's providers after the environment's (SSO, profiles, processes, web
   * identity files, container and instance metadata: about 85 kB with the STS and SSO clients they
   * bring). Lambda gives every function its role's credentials in the environment, which the chain
   * reads first; were they missing, the chain ends with these providers' error.
   */
  'credential-chain': {
    specifier: /^(@aws-sdk\/credential-provider-(sso|ini|process|web-identity|http)|@smithy\/credential-provider-imds)$/,
    importer: /[\\/]node_modules[\\/]@aws-sdk[\\/]credential-provider-node[\\/]/,
    contents: [
      'const leftOut = (name) => () => async () => {',
      '  const error = new Error(`${name} is left out of this bundle: a Lambda function reads its role\'s credentials from the environment (infra/bundling.ts)`);',
      '  error.name = "CredentialsProviderError";',
      '  error.tryNextLink = true;',
      '  throw error;',
      '};',
      'export const fromSSO = leftOut("fromSSO"), fromIni = leftOut("fromIni"), fromProcess = leftOut("fromProcess"), fromTokenFile = leftOut("fromTokenFile");',
      'export const fromHttp = leftOut("fromHttp"), fromContainerMetadata = leftOut("fromContainerMetadata"), fromInstanceMetadata = leftOut("fromInstanceMetadata");',
      'export const ENV_CMDS_FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI", ENV_CMDS_RELATIVE_URI = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";',
    ].join('\n'),
    loader: 'js',
  },
};

/** Bundles each module of LEFT_OUT as its replacement. */
export const leaveOutUnused: Plugin = {
  name: 'leave-out-unused',
  setup(bundler) {
    for (const [name, leftOut] of Object.entries(LEFT_OUT)) {
      bundler.onResolve({ filter: leftOut.specifier }, (args) => (leftOut.importer.test(args.importer) ? { path: name, namespace: 'left-out' } : undefined));
    }
    bundler.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({ contents: LEFT_OUT[args.path]!.contents, loader: LEFT_OUT[args.path]!.loader }));
  },
};

export const bundleOptions = (entry: string, outdir: string): BuildOptions => ({
  entryPoints: { index: resolve(repoRoot, entry) },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  mainFields: ['module', 'main'],
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: CREATE_REQUIRE_BANNER },
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  tsconfig: tsconfigPath,
  plugins: [leaveOutUnused],
  metafile: true,
  logLevel: 'warning',
});

export type BundleReport = {
  /** Bytes of JavaScript in the bundle, source maps excluded. */
  totalBytes: number;
  /** Bytes of JavaScript the entry loads before its handler runs (its static imports). */
  entryGraphBytes: number;
};

/** The output files the entry loads by static imports, itself included: what a cold start reads and compiles. */
const staticOutputs = (metafile: Metafile, outdir: string): Set<string> => {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((file) => resolve(repoRoot, file) === join(outdir, BUNDLE_ENTRY_FILE))!;
  const reached = new Set<string>();
  const visit = (file: string): void => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const imported of outputs[file]!.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  return reached;
};

const reportOf = (metafile: Metafile, outdir: string): BundleReport => {
  const outputs = metafile.outputs;
  const bytes = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + outputs[file]!.bytes, 0);
  return { totalBytes: bytes(Object.keys(outputs).filter((file) => file.endsWith('.mjs'))), entryGraphBytes: bytes(staticOutputs(metafile, outdir)) };
};

/** A bundle's report and the source files (relative to the repository root) its static imports load. */
export type BundleGraph = BundleReport & { staticInputs: ReadonlySet<string>; inputs: ReadonlySet<string> };

/** Bundles one function entry (relative to the repository root) into `outdir`, emptied first, and tells what loads at import. */
export const bundleGraph = async (entry: string, outdir: string): Promise<BundleGraph> => {
  const absolute = resolve(repoRoot, outdir);
  rmSync(absolute, { recursive: true, force: true });
  const { metafile } = await build({ ...bundleOptions(entry, absolute), absWorkingDir: repoRoot });
  const staticInputs = new Set([...staticOutputs(metafile!, absolute)].flatMap((file) => Object.keys(metafile!.outputs[file]!.inputs)));
  const inputs = new Set(Object.values(metafile!.outputs).flatMap((output) => Object.keys(output.inputs)));
  return { ...reportOf(metafile!, absolute), staticInputs, inputs };
};

/** Bundles one function entry (relative to the repository root) into `outdir`, emptied first. */
export const bundleFunction = async (entry: string, outdir: string): Promise<BundleReport> => {
  const { totalBytes, entryGraphBytes } = await bundleGraph(entry, outdir);
  return { totalBytes, entryGraphBytes };
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry, outdir] = process.argv.slice(2);
  if (!entry || !outdir) throw new Error('usage: tsx infra/bundling.ts <entry relative to the repository root> <outdir>');
  await bundleFunction(entry, resolve(outdir));
}
