/**
 * The referral lifecycle, pure: which action moves which status where, who may take it, and when an
 * unanswered referral is overdue (working days, Monday to Friday; public holidays are not counted yet).
 */
import { ConflictError } from './errors.ts';
import type { ReferralStatus } from './referral.ts';

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

/** `from` plus `days` working days (Monday–Friday, UTC calendar), at the same time of day. */
export const addWorkingDays = (from: Date, days: number): Date => {
  const at = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return at;
};

/** True when a referral is still `sent` `days` working days after it was created. */
export const isOverdue = (referral: { status: ReferralStatus; createdAt: string }, now: Date, days: number): boolean =>
  referral.status === 'sent' && now.getTime() >= addWorkingDays(new Date(referral.createdAt), days).getTime();
