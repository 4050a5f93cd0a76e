/**
 * The durable journal of a catalogue import: what a run is about to write, kept before its first
 * write, so that a run cut short (a crash, kill -9, a power cut) is found by the next command or
 * `npm start` and completed or rolled back — the import stays all or nothing across crashes.
 */
import type { AuditRecord } from '#shared/domain/audit.ts';
import type { Entry } from '#shared/domain/entry.ts';

/** One planned write: the entry as it was (absent for a create) and as the import writes it. */
export type JournalWrite = { at: string; before?: Entry; entry: Entry };

export type JournalHeader = { id: string; file: string; actor: AuditRecord['actor']; startedAt: string; writes: number };

export type JournalOutcome = 'completed' | 'rolled-back';

export interface ImportJournal {
  /** Records the run's planned writes, then the run as started; only a started run is ever recovered. */
  begin(header: JournalHeader, writes: readonly JournalWrite[]): Promise<void>;
  /** Marks a run finished (applied, or rolled back after a failure it saw); it is not recovered again. */
  finish(id: string, outcome: JournalOutcome, at: Date): Promise<void>;
  /** Runs started and never finished. */
  unfinished(): Promise<JournalHeader[]>;
  /** A run's planned writes, in plan order. */
  writes(id: string): Promise<JournalWrite[]>;
}
