/** The demand log port: anonymous daily counts of what visitors look for (see domain/demand.ts). */
import type { DemandCount } from '#shared/domain/demand.ts';

export interface DemandLog {
  /** Adds each count to the day's running total for its signal and value. */
  add(counts: readonly DemandCount[]): Promise<void>;
  /** Every count from `from` to `to` (ISO dates, both included), one per day, signal and value. */
  counts(from: string, to: string): Promise<DemandCount[]>;
}
