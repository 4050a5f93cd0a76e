/** The referral pages' URLs: a path in a language with its parameters, and the notices a redirect carries. */
import type { Language } from '#shared/domain/text.ts';
import type { ReferralNotice } from '../messages/referrals-types.ts';

export const REFERRAL_NOTICES = ['created', 'accepted', 'started', 'completed', 'declined', 'suggested', 'redirected', 'cancelled'] as const satisfies readonly ReferralNotice[];

export const BOXES = ['sent', 'inbox'] as const;
export type Box = (typeof BOXES)[number];

/** A referral path with parameters, `lang=en` last when English. */
export const referralHref = (path: string, lang: Language, params: Record<string, string> = {}): string => {
  const query = new URLSearchParams(params);
  if (lang === 'en') query.set('lang', 'en');
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};

/** The notice named by `?notice=`, when it is one the referral pages give. */
export const readReferralNotice = (value: string | undefined): ReferralNotice | undefined =>
  (REFERRAL_NOTICES as readonly string[]).includes(value ?? '') ? (value as ReferralNotice) : undefined;
