/** The message catalogues by language: Swedish by default, English by `?lang=en`. */
import type { Language } from '#shared/domain/text.ts';
import { en } from './en.ts';
import { sv } from './sv.ts';
import type { Messages } from './types.ts';

export type { Messages } from './types.ts';

export const MESSAGES: Record<Language, Messages> = { sv, en };

export const messagesFor = (lang: Language): Messages => MESSAGES[lang];
