/** Rebuilds a search index from the catalogue store, a page at a time, reporting progress. */
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import type { Indexer } from './indexer.ts';

export type RebuildReport = { read: number; applied: number; stale: number; failed: number };

export const rebuildIndex = async (
  repository: EntryRepository,
  indexer: Indexer,
  onProgress: (report: RebuildReport) => void = () => {},
): Promise<RebuildReport> => {
  const report: RebuildReport = { read: 0, applied: 0, stale: 0, failed: 0 };
  for await (const page of repository.scan()) {
    const outcomes = await indexer.apply(page.map((entry) => ({ type: 'upserted', entry })));
    report.read += page.length;
    for (const outcome of outcomes) report[outcome.result] += 1;
    onProgress({ ...report });
  }
  return report;
};
