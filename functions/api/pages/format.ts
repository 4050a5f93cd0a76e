/** Formatting for the pages: dates, numbers, taxonomy labels, and the language of entry text. */
import { facetTerms, type Facet, type Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Language, LocalizedText } from '#shared/domain/text.ts';
import type { Messages } from './messages/index.ts';

/** A date (ISO date or date-time) in words: "27 november 2026" / "27 November 2026". */
export const formatDate = (iso: string, t: Messages): string => {
  const instant = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return new Intl.DateTimeFormat(t.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' }).format(instant);
};

export const formatNumber = (value: number, t: Messages): string => new Intl.NumberFormat(t.locale).format(value);

/** The label of a taxonomy code in a facet, or the code itself when the taxonomy does not know it. */
export const termLabel = (taxonomy: Taxonomy, facet: Facet, code: string, lang: Language): string =>
  facetTerms(taxonomy, facet).find((term) => term.code === code)?.label[lang] ?? code;

export const profileAreaLabel = (taxonomy: Taxonomy, code: string, lang: Language): string =>
  taxonomy.focus.profileAreas.find((p) => p.code === code)?.label[lang] ?? code;

/** A language's name in the visitor's language ("engelska" / "English"). */
export const languageName = (code: string, t: Messages): string => {
  try {
    return new Intl.DisplayNames([t.locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** `sv` when an English page shows the Swedish text because the English is missing, so `lang` is right. */
export const fallbackLang = (text: LocalizedText, lang: Language): 'sv' | undefined =>
  lang === 'en' && !text.en ? 'sv' : undefined;

/** Joins labels as a list: "a, b och c" / "a, b and c". */
export const listFormat = (items: readonly string[], t: Messages): string =>
  new Intl.ListFormat(t.locale, { style: 'long', type: 'conjunction' }).format(items);

/** Labels that may themselves contain "och"/"and", joined by commas so the list stays unambiguous. */
export const commaList = (items: readonly string[]): string => items.join(', ');
