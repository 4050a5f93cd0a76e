// @ts-check
/**
 * `npm start`'s launcher: runs functions/local/main.ts from its cached bundle (local-bundle.mjs) in
 * node_modules/.cache/vagvisaren-start, remade on the first start after a source file changed.
 * VAGVISAREN_START_CACHE moves the cache (tests); it must lie inside the project. `node --import tsx
 * functions/local/main.ts` runs the same server from source.
 */
import { pathToFileURL } from 'node:url';
import { localBundle } from './local-bundle.mjs';

const bundle = await localBundle('functions/local/main.ts', process.env.VAGVISAREN_START_CACHE ?? 'node_modules/.cache/vagvisaren-start');
await import(pathToFileURL(bundle).href);
