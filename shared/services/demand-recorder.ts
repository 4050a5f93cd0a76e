/**
 * Records demand without touching the request it comes from: each call only adds to an in-memory
 * batch and returns; the batch is written after the current request's work is done (a timer of the
 * event loop, so after the response is sent; or, with `gatherMs`, once that long has passed since the
 * first count of the batch), one ADD per day, signal and value. A failed write is logged and dropped:
 * demand figures are statistics, a search never waits for them or fails because of them. Only the
 * first page of a search counts, and personal-looking queries are never kept. Reads through
 * `readingPending` see every count recorded before them.
 */
import { FEW_RESULTS, looksPersonal, normaliseQuery, type DemandCount, type DemandSignal } from '#shared/domain/demand.ts';
import type { SearchQuery } from '#shared/domain/search.ts';
import { swedishDate, type Clock } from '#shared/ports/clock.ts';
import type { DemandLog } from '#shared/ports/demand-log.ts';

/** Filters worth counting: what visitors narrow by (not the page or sort). */
const COUNTED_FILTERS = ['kind', 'area', 'stage', 'municipality', 'supportType', 'focus'] as const;

export type DemandRecorder = {
  /** A search and how many hits it found (only page 1 counts; a paged search is the same search). */
  search(query: Pick<SearchQuery, 'q' | 'filters' | 'page'>, total: number): void;
  /** A finder answer, as `step=answer` (e.g. `stage=idea`). */
  finder(step: string, answer: string): void;
  /** A result opened: an entry's page was read. */
  opened(entryId: string): void;
  /** Writes what is batched now; resolves when it is written (or dropped after logging). */
  flush(): Promise<void>;
};

export type DemandRecorderDeps = {
  log: DemandLog;
  clock: Clock;
  onError: (error: unknown) => void;
  /** Milliseconds counts gather before they are written: by default 0, just after the current request. */
  gatherMs?: number;
};

export const createDemandRecorder = (deps: DemandRecorderDeps): DemandRecorder => {
  const pending = new Map<string, DemandCount>();
  let scheduled = false;
  let writing: Promise<void> = Promise.resolve();
  const schedule = (write: () => void) => void setTimeout(write, deps.gatherMs ?? 0).unref?.();

  const flush = (): Promise<void> => {
    scheduled = false;
    if (pending.size === 0) return writing;
    const batch = [...pending.values()];
    pending.clear();
    writing = writing.then(() => deps.log.add(batch)).catch((error: unknown) => deps.onError(error));
    return writing;
  };

  const count = (signal: DemandSignal, value: string) => {
    try {
      const day = swedishDate(deps.clock.now());
      const key = `${day}#${signal}#${value}`;
      const current = pending.get(key);
      pending.set(key, { day, signal, value, count: (current?.count ?? 0) + 1 });
      if (!scheduled) {
        scheduled = true;
        schedule(() => void flush());
      }
    } catch (error) {
      deps.onError(error);
    }
  };

  return {
    search(query, total) {
      if (query.page !== 1) return;
      if (looksPersonal(query.q)) return;
      const text = normaliseQuery(query.q);
      const filters = COUNTED_FILTERS.flatMap((facet) => query.filters[facet].map((value) => `${facet}=${value}`));
      if (text !== '') count('search', text);
      for (const filter of filters) count('filter', filter);
      // An unmet need is named by its words, or by its filters when it had none.
      const need = text !== '' ? text : filters.length > 0 ? `[${filters.join(' ')}]` : '';
      if (need === '') return;
      if (total === 0) count('no-results', need);
      else if (total < FEW_RESULTS) count('few-results', need);
    },
    finder(step, answer) {
      count('finder', `${step}=${answer}`);
    },
    opened(entryId) {
      count('opened', entryId);
    },
    flush,
  };
};

/** The demand log as its readers need it: counts read after the recorder has written what it holds. */
export const readingPending = (log: DemandLog, recorder: Pick<DemandRecorder, 'flush'>): DemandLog => ({
  add: (counts) => log.add(counts),
  counts: async (from, to) => {
    await recorder.flush();
    return log.counts(from, to);
  },
});
