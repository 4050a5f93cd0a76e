/** Formatting for the pages: dates, numbers, taxonomy labels, and the language of entry text. */
import { facetTerms, type Facet, type Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Language, LocalizedText } from '#shared/domain/text.ts';
import type { Messages } from './messages/index.ts';

/**
 * One formatter per page locale, made on first use and kept for the process: making an Intl
 * formatter costs far more than formatting with it.
 */
export const perLocale = <F>(make: (locale: string) => F): ((t: Pick<Messages, 'locale'>) => F) => {
  const made = new Map<string, F>();
  return ({ locale }) => {
    let formatter = made.get(locale);
    if (formatter === undefined) made.set(locale, (formatter = make(locale)));
    return formatter;
  };
};

const longDate = perLocale((locale) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' }));
const plainNumber = perLocale((locale) => new Intl.NumberFormat(locale));
const languageNames = perLocale((locale) => new Intl.DisplayNames([locale], { type: 'language' }));
const conjunction = perLocale((locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }));
const collator = perLocale((locale) => new Intl.Collator(locale));

/** Orders two labels as the page's language sorts words (what `localeCompare(b, locale)` does, with one collator). */
export const compareLabels = (a: string, b: string, t: Pick<Messages, 'locale'>): number => collator(t).compare(a, b);

/** A date (ISO date or date-time) in words: "27 november 2026" / "27 November 2026". */
export const formatDate = (iso: string, t: Messages): string => {
  const instant = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return longDate(t).format(instant);
};

const longDateTime = perLocale((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' }));

/** A date and time in words, Swedish time: "27 november 2026 kl. 13:05" / "November 27, 2026 at 1:05 PM". */
export const formatDateTime = (iso: string, t: Messages): string => {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return longDateTime(t).format(instant);
};

export const formatNumber = (value: number, t: Messages): string => plainNumber(t).format(value);

/** The label of a taxonomy code in a facet, or the code itself when the taxonomy does not know it. */
export const termLabel = (taxonomy: Taxonomy, facet: Facet, code: string, lang: Language): string =>
  facetTerms(taxonomy, facet).find((term) => term.code === code)?.label[lang] ?? code;

export const profileAreaLabel = (taxonomy: Taxonomy, code: string, lang: Language): string =>
  taxonomy.focus.profileAreas.find((p) => p.code === code)?.label[lang] ?? code;

/** A language's name in the visitor's language ("engelska" / "English"). */
export const languageName = (code: string, t: Messages): string => {
  try {
    return languageNames(t).of(code) ?? code;
  } catch {
    return code;
  }
};

/** `sv` when an English page shows the Swedish text because the English is missing, so `lang` is right. */
export const fallbackLang = (text: LocalizedText, lang: Language): 'sv' | undefined =>
  lang === 'en' && !text.en ? 'sv' : undefined;

/** Joins labels as a list: "a, b och c" / "a, b and c". */
export const listFormat = (items: readonly string[], t: Messages): string =>
  conjunction(t).format(items);

/** Labels that may themselves contain "och"/"and", joined by commas so the list stays unambiguous. */
export const commaList = (items: readonly string[]): string => items.join(', ');
