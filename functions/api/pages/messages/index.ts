/** The message catalogues by language: Swedish by default, English by `?lang=en`. */
import type { Language } from '#shared/domain/text.ts';
import { en } from './en.ts';
import { sv } from './sv.ts';
import { privacyEn, referralsEn } from './referrals.en.ts';
import { privacySv, referralsSv } from './referrals.sv.ts';
import type { PrivacyMessages, ReferralMessages } from './referrals-types.ts';
import type { Messages as CoreMessages } from './types.ts';
import { demandPrivacyEn, followUpEn } from './follow-up.en.ts';
import { demandPrivacySv, followUpSv } from './follow-up.sv.ts';
import type { FollowUpMessages } from './follow-up-types.ts';

export type Messages = CoreMessages & { referrals: ReferralMessages; privacy: PrivacyMessages; followUp: FollowUpMessages };

export const MESSAGES: Record<Language, Messages> = {
  sv: { ...sv, referrals: referralsSv, privacy: { ...privacySv, sections: [...privacySv.sections, demandPrivacySv] }, followUp: followUpSv },
  en: { ...en, referrals: referralsEn, privacy: { ...privacyEn, sections: [...privacyEn.sections, demandPrivacyEn] }, followUp: followUpEn },
};

export const messagesFor = (lang: Language): Messages => MESSAGES[lang];
