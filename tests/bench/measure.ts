/** Measurement helpers: a forced full GC, heap snapshots, timing, order statistics and rounding. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { performance } from 'node:perf_hooks';

type Gc = () => void;

const resolveGc = (): { gc: Gc | undefined; method: string } => {
  const existing = (globalThis as { gc?: Gc }).gc;
  if (typeof existing === 'function') return { gc: existing, method: 'node --expose-gc' };
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return { gc: gc as Gc, method: "v8.setFlagsFromString('--expose-gc') at start-up" };
  } catch {
    /* fall through */
  }
  return { gc: undefined, method: 'none (heap deltas include garbage)' };
};

const { gc, method } = resolveGc();
export const gcMethod = method;

/** Full collections until the heap stops shrinking, so that a delta is live memory. */
export const settle = (): number => {
  if (!gc) return process.memoryUsage().heapUsed;
  let last = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 4; i++) {
    gc();
    const used = process.memoryUsage().heapUsed;
    if (used >= last - 64 * 1024) return used;
    last = used;
  }
  return last;
};

export const now = (): number => performance.now();

/** Wall-clock and process CPU time (user + system, all threads: GC helpers included) of one call. */
export const time = (fn: () => void): { wallMs: number; cpuMs: number } => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
};

export const quantile = (values: readonly number[], q: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
};

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export const geomean = (values: readonly number[]): number =>
  Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / Math.max(1, values.length));

export const round = (value: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

export const mb = (bytes: number): number => round(bytes / (1024 * 1024), 1);
