/**
 * The search snapshot part of `npm run bench`: the engine built at a catalogue size is saved, and loaded back until
 * it answers its first search (median of several loads), beside the size of the catalogue's documents as JSON.
 */
import { loadSearchSnapshot, saveSearchSnapshot } from '#shared/adapters/embedded-search/embedded-search-snapshot.ts';
import type { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { loadSynonyms } from '#shared/search/synonyms.ts';
import { loadQueryVocabulary } from '#shared/search/understanding.ts';
import { median, now, round } from './measure.ts';
import { toDocument, toQuery } from './production-engine.ts';
import type { SearchDoc } from './engine.ts';

export type SnapshotRun = { saveMs: number; loadMs: number; loadSamplesMs: number[]; bytes: number; catalogueJsonBytes: number; sizeRatio: number };

/** Snapshots are measured up to this size (a 100k catalogue is built from the store instead). */
export const SNAPSHOT_MAX_N = 10_000;

export const measureSnapshot = async (index: EmbeddedSearchIndex, docs: readonly SearchDoc[], loads: number): Promise<SnapshotRun> => {
  const options = { synonyms: loadSynonyms('orebro-lan'), understanding: loadQueryVocabulary('orebro-lan') };
  let started = now();
  const bytes = saveSearchSnapshot(index);
  const saveMs = now() - started;
  const first = toQuery({ q: 'finansiering', filters: {}, page: 1 }, 20);
  const samples: number[] = [];
  for (let i = 0; i < loads; i++) {
    started = now();
    await loadSearchSnapshot(bytes, options).search(first);
    samples.push(round(now() - started, 1));
  }
  const catalogueJsonBytes = Buffer.byteLength(JSON.stringify(docs.map(toDocument)));
  return { saveMs: round(saveMs, 0), loadMs: round(median(samples), 1), loadSamplesMs: samples, bytes: bytes.length, catalogueJsonBytes, sizeRatio: round(bytes.length / catalogueJsonBytes, 2) };
};
