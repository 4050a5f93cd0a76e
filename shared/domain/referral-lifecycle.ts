/**
 * The referral lifecycle, pure: which action moves which status where, who may take it, which
 * statuses close a referral, and when an unanswered referral is overdue (Swedish working days in the
 * Europe/Stockholm calendar: Monday to Friday except public holidays and the non-working eves).
 */
import { ConflictError } from './errors.ts';
import type { ReferralStatus } from './referral.ts';
import { addCalendarDays, isSwedishWorkingDay, stockholmInstant, stockholmWallClock } from './swedish-holidays.ts';

export const REFERRAL_ACTIONS = ['accept', 'start', 'complete', 'decline', 'cancel'] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/** The party that may take an action: the receiving organisation or the referrer. */
export type Party = 'receiver' | 'referrer';

export const TRANSITIONS: Readonly<Record<ReferralAction, { from: readonly ReferralStatus[]; to: ReferralStatus; by: Party }>> = {
  accept: { from: ['sent'], to: 'accepted', by: 'receiver' },
  start: { from: ['accepted'], to: 'in-progress', by: 'receiver' },
  complete: { from: ['in-progress'], to: 'completed', by: 'receiver' },
  decline: { from: ['sent', 'accepted'], to: 'declined', by: 'receiver' },
  cancel: { from: ['sent', 'accepted', 'in-progress'], to: 'cancelled', by: 'referrer' },
};

/** The status an action leads to from `status`; ConflictError naming the status when it may not be taken. */
export const nextStatus = (status: ReferralStatus, action: ReferralAction): ReferralStatus => {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    throw new ConflictError(`A referral that is "${status}" cannot be ${action === 'start' ? 'started' : `${action.replace(/e$/, '')}ed`}.`, [
      { name: 'status', reason: `is "${status}"; ${action} needs ${rule.from.map((s) => `"${s}"`).join(' or ')}` },
    ]);
  }
  return rule.to;
};

/** The statuses after which nothing more happens to a referral; it is then kept for the retention period. */
export const CLOSED_STATUSES: readonly ReferralStatus[] = ['completed', 'declined', 'cancelled'];
export const isClosed = (status: ReferralStatus): boolean => CLOSED_STATUSES.includes(status);

/**
 * `from` plus `days` Swedish working days, counted in the Europe/Stockholm calendar, at the same
 * Stockholm time of day (a referral sent on Thursday before Easter at 10:00 is due on Wednesday at 10:00).
 */
export const addWorkingDays = (from: Date, days: number): Date => {
  const { date, msOfDay } = stockholmWallClock(from);
  let at = date;
  let left = days;
  while (left > 0) {
    at = addCalendarDays(at, 1);
    if (isSwedishWorkingDay(at)) left -= 1;
  }
  return stockholmInstant(at, msOfDay);
};

/** True when a referral is still `sent` `days` Swedish working days (see addWorkingDays) after it was created. */
export const isOverdue = (referral: { status: ReferralStatus; createdAt: string }, now: Date, days: number): boolean =>
  referral.status === 'sent' && now.getTime() >= addWorkingDays(new Date(referral.createdAt), days).getTime();

export const DEFAULT_REFERRAL_RETENTION_MONTHS = 24;

/** When a referral closed at `closedAt` is to be gone: `months` calendar months later (UTC), the day clamped to the month's end. */
export const retentionEnds = (closedAt: string, months: number): Date => {
  const closed = new Date(closedAt);
  const target = new Date(Date.UTC(closed.getUTCFullYear(), closed.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(closed.getUTCDate(), lastDay));
  target.setUTCHours(closed.getUTCHours(), closed.getUTCMinutes(), closed.getUTCSeconds(), closed.getUTCMilliseconds());
  return target;
};
