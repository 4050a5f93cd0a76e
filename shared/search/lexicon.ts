/** Builds the decompounding lexicon — folded words and stems of the catalogue and the taxonomy. */
import { fold, isStopWord, lower, MIN_PART_LENGTH, stem, tokenWords } from './analysis.ts';

/** Lower-case, diacritic-folded words and their Swedish stems, at least three letters long, sorted; each distinct word read once. */
export const buildLexicon = (texts: Iterable<string>): string[] => {
  const words = new Set<string>();
  const seen = new Set<string>();
  for (const text of texts) {
    for (const word of tokenWords(text)) {
      if (seen.has(word)) continue;
      seen.add(word);
      if (isStopWord(word) || /\d/.test(word)) continue;
      for (const form of [fold(lower(word)), stem(word, 'sv')]) if (form.length >= MIN_PART_LENGTH) words.add(form);
    }
  }
  return [...words].sort();
};
