/** A progress line on stderr for long commands: rewritten in place on a terminal, a line every few seconds otherwise. */

export type LoadCounts = { read: number; upserted: number; removed: number; stale: number; failed: number };

export type ProgressStream = { write(text: string): unknown; isTTY?: boolean };

/** `label: 1 200 read · 1 180 searchable · 20 removed · 0 stale · 0 failed · 850/s` */
export const formatProgress = (label: string, counts: LoadCounts, elapsedMs: number): string => {
  const rate = elapsedMs > 0 ? Math.round((counts.read * 1000) / elapsedMs) : 0;
  return `${label}: ${counts.read} read · ${counts.upserted} searchable · ${counts.removed} removed · ${counts.stale} stale · ${counts.failed} failed · ${rate}/s`;
};

export type Progress = { update(counts: LoadCounts): void; done(counts: LoadCounts): void };

/**
 * Reports counts as they grow. On a terminal the line is redrawn at most every `intervalMs`
 * (default 100 ms); elsewhere (CI, a log file) a full line is written every `logEveryMs`
 * (default 5 s), and always a final one.
 */
export const createProgress = (options: {
  stream: ProgressStream;
  label: string;
  now?: () => number;
  intervalMs?: number;
  logEveryMs?: number;
}): Progress => {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const tty = options.stream.isTTY === true;
  const every = tty ? (options.intervalMs ?? 100) : (options.logEveryMs ?? 5000);
  let last = -Infinity;
  const line = (counts: LoadCounts) => formatProgress(options.label, counts, now() - started);
  return {
    update(counts) {
      if (now() - last < every) return;
      last = now();
      options.stream.write(tty ? `\r\x1b[2K${line(counts)}` : `${line(counts)}\n`);
    },
    done(counts) {
      options.stream.write(tty ? `\r\x1b[2K${line(counts)}\n` : `${line(counts)}\n`);
    },
  };
};
