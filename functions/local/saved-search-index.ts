/**
 * The local server's search index, saved under DATA_DIR/search-index when the server stops so that
 * the next start loads it instead of reading and analysing the whole store. A start uses it only
 * when the store's files (DATA_DIR/dynamodb: names, sizes, modification times, read before the store
 * is opened) are as they were after the stop, the code is the same (this module's file: the start
 * bundle, remade on every source change) and so are the region and table. A start takes it once: it
 * removes the stamp, and only a clean stop writes one, so after a crash, or another command's writes,
 * the index is built from the store again.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { saveSearchSnapshot } from '#shared/adapters/embedded-search/embedded-search-snapshot.ts';

export type SavedIndexPlace = {
  /** Where the index and its stamp are kept. */
  dir: string;
  /** The store's directory, whose files the stamp describes. */
  storeDir: string;
  /** What else the index depends on (region, table). */
  identity: string;
};

const SNAPSHOT = 'index.snapshot';
const STAMP = 'stamp.json';

const filesOf = async (dir: string): Promise<string[]> => {
  const names = (await readdir(dir)).sort();
  return Promise.all(names.map(async (name) => {
    const stats = await stat(join(dir, name));
    return `${name} ${stats.size} ${stats.mtimeMs}`;
  }));
};

const stampOf = async (place: SavedIndexPlace): Promise<string> => {
  const code = fileURLToPath(import.meta.url);
  const codeStats = await stat(code);
  return JSON.stringify({ identity: place.identity, code: `${code} ${codeStats.size} ${codeStats.mtimeMs}`, store: await filesOf(place.storeDir) });
};

/** The saved index's bytes when they still describe the store; the stamp is removed either way. Call before the store is opened. */
export const takeSavedIndex = async (place: SavedIndexPlace): Promise<Uint8Array | undefined> => {
  let stamp: string;
  try {
    stamp = await readFile(join(place.dir, STAMP), 'utf8');
  } catch {
    return undefined;
  }
  await rm(join(place.dir, STAMP), { force: true });
  try {
    return stamp === (await stampOf(place)) ? await readFile(join(place.dir, SNAPSHOT)) : undefined;
  } catch {
    return undefined;
  }
};

/** Saves the index and stamps it with the store's files as they are now. Call after the store is closed. */
export const saveIndex = async (place: SavedIndexPlace, index: EmbeddedSearchIndex): Promise<void> => {
  await mkdir(place.dir, { recursive: true });
  await writeFile(join(place.dir, SNAPSHOT), saveSearchSnapshot(index));
  await writeFile(join(place.dir, STAMP), await stampOf(place));
};
