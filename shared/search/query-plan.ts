/**
 * Turns a visitor's query into units — a word, or a phrase of a synonym group — each with the forms
 * it may be found in: exact, analysed variants, synonyms and compound parts.
 */
import type { SynonymGroups } from './synonyms.ts';
import { decompound, fold, isStopWord, lower, queryVariants, stem, tokenize } from './analysis.ts';

export type QueryUnit = {
  /** The words as the visitor typed them. */
  text: string;
  words: string[];
  /** Other phrases meaning the same, each a list of words. */
  synonyms: string[][];
  /** Known words a single-word compound splits into. */
  parts: string[];
  last: boolean;
};

const key = (word: string) => stem(word, 'sv');

/** Synonym phrases, indexed by their first word's folded form, longest first. */
export const synonymIndex = (groups: SynonymGroups) => {
  const index = new Map<string, { words: string[]; group: string[][] }[]>();
  for (const group of groups) {
    const phrases = group.map((phrase) => tokenize(phrase).map((t) => t.text));
    for (const words of phrases) {
      const first = words[0];
      if (!first) continue;
      const list = index.get(key(first)) ?? [];
      list.push({ words, group: phrases });
      list.sort((a, b) => b.words.length - a.words.length);
      index.set(key(first), list);
    }
  }
  return index;
};
export type SynonymIndex = ReturnType<typeof synonymIndex>;

export const planQuery = (query: string, synonyms: SynonymIndex, lexicon: ReadonlySet<string>): QueryUnit[] => {
  const words = tokenize(query).map((t) => t.text);
  const units: QueryUnit[] = [];
  for (let i = 0; i < words.length; ) {
    const candidates = synonyms.get(key(words[i]!)) ?? [];
    const phrase = candidates.find((c) => c.words.every((w, j) => words[i + j] !== undefined && key(words[i + j]!) === key(w)));
    if (phrase) {
      const unitWords = words.slice(i, i + phrase.words.length);
      units.push({
        text: unitWords.join(' '),
        words: unitWords.filter((w) => !isStopWord(w)),
        synonyms: phrase.group.filter((p) => p.map(key).join(' ') !== phrase.words.map(key).join(' ')).map((p) => p.filter((w) => !isStopWord(w))),
        parts: [],
        last: false,
      });
      i += phrase.words.length;
      continue;
    }
    const word = words[i]!;
    i += 1;
    if (isStopWord(word)) continue;
    const known = lexicon.has(fold(lower(word))) || queryVariants(word).some((variant) => lexicon.has(variant));
    units.push({ text: word, words: [word], synonyms: [], parts: known ? [] : decompound(key(word), lexicon), last: false });
  }
  const lastUnit = units.at(-1);
  if (lastUnit && lastUnit.words.length === 1 && lastUnit.synonyms.length === 0) lastUnit.last = true;
  return units;
};

