/**
 * Demand: what visitors look for, kept as anonymous daily counts. A signal is a search (its
 * normalised text, with whether it found nothing or few), a filter value used, a finder answer or a
 * result opened. Nothing about the visitor is part of it (no IP address, user agent, cookie or
 * session), and a query that looks like personal data (an e-mail address, the digits of an identity
 * or phone number) is never kept. Published figures hide counts below MIN_PUBLISHED_COUNT.
 */
import { z } from 'zod';
import { IsoDate } from './text.ts';

/** Published counts below this are suppressed (shown as "fewer than 5"). */
export const MIN_PUBLISHED_COUNT = 5;
/** A search with fewer hits than this is an unmet need ("few results"); with none, "no results". */
export const FEW_RESULTS = 3;
/** Months demand counts are kept (the table's TTL removes them). */
export const DEMAND_RETENTION_MONTHS = 13;
export const MAX_QUERY_TEXT = 100;

export const DEMAND_SIGNALS = ['search', 'no-results', 'few-results', 'filter', 'finder', 'opened'] as const;
export const DemandSignal = z.enum(DEMAND_SIGNALS);
export type DemandSignal = z.infer<typeof DemandSignal>;

/** One count: on `day`, `signal` with `value` (the query, `area=innovation`, `stage=idea`, an entry id) happened `count` times. */
export const DemandCount = z.strictObject({
  day: IsoDate,
  signal: DemandSignal,
  value: z.string().min(1).max(MAX_QUERY_TEXT + 40),
  count: z.int().min(1),
});
export type DemandCount = z.infer<typeof DemandCount>;

const EMAIL = /\S@\S/;
/** Six digits or more in one run, allowing the separators people type in numbers (556123-4567, 070-123 45 67, +46 …). */
const LONG_NUMBER = /\d(?:[\s\-+().\/]*\d){5,}/;

/** True when the text may hold personal data: an e-mail address, or a run of digits like an identity or phone number. */
export const looksPersonal = (text: string): boolean => EMAIL.test(text) || LONG_NUMBER.test(text);

/** A query as it is counted: lower case, punctuation off the ends of words, single spaces, at most 100 characters. */
export const normaliseQuery = (text: string): string =>
  text
    .normalize('NFC')
    .toLocaleLowerCase('sv')
    .replace(/[^\p{L}\p{N}\s-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUERY_TEXT)
    .trim();

/** A count as published: the number, or `null` when it is 1–4 (none at all is no one, and shown). */
export const suppressed = (count: number): number | null => (count > 0 && count < MIN_PUBLISHED_COUNT ? null : count);
