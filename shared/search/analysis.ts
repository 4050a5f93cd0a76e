/** Text analysis shared by indexing, querying and snippet highlighting, so all three agree on what a term is. */

export type Token = { text: string; start: number; end: number };

const WORD = /[\p{L}\p{N}]+/gu;

const STOP_WORDS = new Set([
  'och', 'att', 'i', 'för', 'på', 'med', 'av', 'som', 'en', 'ett', 'det', 'den', 'till', 'om', 'är', 'de', 'vi', 'du', 'eller',
  'the', 'and', 'of', 'for', 'in', 'to', 'a', 'an', 'on', 'with', 'is', 'or', 'by', 'at',
]);

export const tokenize = (text: string): Token[] =>
  Array.from(text.matchAll(WORD), (m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));

/** The index form of a word, or undefined for a word that carries no meaning on its own. */
export const toTerm = (word: string): string | undefined => {
  const term = word.toLocaleLowerCase('sv');
  return STOP_WORDS.has(term) ? undefined : term;
};

export const queryTerms = (query: string): string[] =>
  [...new Set(tokenize(query).map((t) => toTerm(t.text)).filter((t): t is string => t !== undefined))];
