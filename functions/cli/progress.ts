/**
 * Progress on stderr for long commands: a load's counts rewritten in place on a terminal (a line every
 * few seconds otherwise), and a bar for a known number of writes (a line at every tenth elsewhere).
 */
import { SingleBar } from 'cli-progress';

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


export type WriteProgress = { update(done: number): void; stop(): void };

/**
 * A progress bar (cli-progress) on a terminal; elsewhere a line at every tenth of the way and at the
 * end, so logs stay short.
 */
export const createWriteProgress = (stream: ProgressStream, label: string, total: number): WriteProgress => {
  let stopped = false;
  if (stream.isTTY === true) {
    const bar = new SingleBar({
      stream: stream as NodeJS.WriteStream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      etaBuffer: 100,
    });
    bar.start(total, 0);
    return {
      update: (done) => bar.update(done),
      stop: () => {
        if (!stopped) bar.stop();
        stopped = true;
      },
    };
  }
  let reported = 0;
  let last = 0;
  const line = (done: number) => stream.write(`${label}: ${done}/${total} (${total === 0 ? 100 : Math.floor((done * 100) / total)}%)\n`);
  return {
    update(done) {
      last = done;
      const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
      if (tenth > reported && done < total) {
        reported = tenth;
        line(done);
      }
    },
    stop: () => {
      if (!stopped) line(last);
      stopped = true;
    },
  };
};
