/** Shared value schemas of the domain: localized text, languages, codes, URLs and dates. */
import { z } from 'zod';

export const Language = z.enum(['sv', 'en']);
export type Language = z.infer<typeof Language>;

const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** Text in Swedish, optionally also in English. */
export const LocalizedText = (max: number) =>
  z.strictObject({ sv: trimmed(max), en: trimmed(max).optional() });
export type LocalizedText = { sv: string; en?: string | undefined };

/** Labels of taxonomy values exist in both languages. */
export const Label = z.strictObject({ sv: trimmed(200), en: trimmed(200) });
export type Label = z.infer<typeof Label>;

/** A stable taxonomy code such as `innovation` or `1880`. */
export const Code = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a lower-case code of letters, digits and hyphens');

export const HttpsUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain })
  .max(2000);

export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });

/** Picks the visitor's language, falling back to Swedish. */
export const localize = (text: LocalizedText, language: Language): string =>
  (language === 'en' ? text.en : undefined) ?? text.sv;

/**
 * A number as a person types it. Spaces (and `'`) group digits in either language; Swedish writes a
 * decimal comma (`12,5`), English groups thousands with commas (`50,000`) and writes a decimal point;
 * a point is a decimal point in both. Undefined for anything else.
 */
export const readTypedNumber = (text: string, lang: Language = 'sv'): number | undefined => {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  const plain = lang === 'en' && /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact) ? compact.replace(/,/g, '') : compact.replace(/,(?=\d*$)/, '.');
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(plain) ? Number(plain) : undefined;
};
