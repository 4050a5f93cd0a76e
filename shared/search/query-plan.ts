/**
 * Turns a visitor's query into units — a word, or a phrase of a synonym group — each with the forms
 * it may be found in: exact, analysed variants, synonyms and compound parts.
 */
import type { Synonyms } from './synonyms.ts';
import { decompound, fold, isStopWord, lower, stem, tokenize } from './analysis.ts';

export type QueryUnit = {
  /** The words as the visitor typed them. */
  text: string;
  words: string[];
  /** Other phrases meaning the same, each a list of words. */
  synonyms: string[][];
  /** Known words a single-word compound splits into. */
  parts: string[];
  last: boolean;
  /** Search-as-you-type: the last word is a prefix from its first letters. */
  suggesting?: boolean;
};

const key = (word: string) => stem(word, 'sv');

/** Synonym phrases, indexed by their first word's stem, longest first; each with what it also finds. */
export const synonymIndex = (synonyms: Synonyms) => {
  const index = new Map<string, { words: string[]; alternatives: string[][] }[]>();
  const words = (phrase: string) => tokenize(phrase).map((t) => t.text);
  const same = (a: string[], b: string[]) => a.map(key).join(' ') === b.map(key).join(' ');
  const add = (phrase: string[], alternatives: string[][]) => {
    const first = phrase[0];
    if (!first) return;
    const list = index.get(key(first)) ?? [];
    const held = list.find((entry) => same(entry.words, phrase));
    if (held) held.alternatives.push(...alternatives.filter((a) => !held.alternatives.some((b) => same(a, b))));
    else list.push({ words: phrase, alternatives: [...alternatives] });
    list.sort((a, b) => b.words.length - a.words.length);
    index.set(key(first), list);
  };
  for (const group of synonyms.groups) {
    const phrases = group.map(words);
    for (const phrase of phrases) add(phrase, phrases.filter((other) => !same(other, phrase)));
  }
  for (const [broad, narrower] of Object.entries(synonyms.narrower)) add(words(broad), narrower.map(words));
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
        synonyms: phrase.alternatives.map((p) => p.filter((w) => !isStopWord(w))),
        parts: unitWords.length === 1 ? decompound(fold(lower(unitWords[0]!)), lexicon) : [],
        last: false,
      });
      i += phrase.words.length;
      continue;
    }
    const word = words[i]!;
    i += 1;
    if (isStopWord(word)) continue;
    units.push({ text: word, words: [word], synonyms: [], parts: decompound(fold(lower(word)), lexicon), last: false });
  }
  const lastUnit = units.at(-1);
  if (lastUnit && lastUnit.words.length === 1 && lastUnit.synonyms.length === 0) lastUnit.last = true;
  return units;
};

