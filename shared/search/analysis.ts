/**
 * Text analysis shared by indexing, querying and snippet highlighting, so all three agree on what a
 * term is: tokens, lower-casing, diacritic folding, Snowball stemming (Swedish, English), stop words
 * and decompounding against a lexicon.
 */
import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as swedishStem } from '@orama/stemmers/swedish';
import type { Language } from '#shared/domain/text.ts';

export type Token = { text: string; start: number; end: number };

const WORD = /[\p{L}\p{N}]+(?:[&+][\p{L}\p{N}]+)*/gu;

/** Snowball's Swedish stop words and the commonest English ones. */
const STOP_WORDS = new Set(
  [
    'och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du henne då sin nu har inte',
    'hans honom skulle hennes där min man ej vid kunde något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot',
    'alla under någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras',
    'blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars',
    'vårt våra ert era vilkas',
    'the and of for in to a an on with is or by at as be are was it its this that from into our your their we you they',
  ].flatMap((line) => line.split(' ')),
);

export const MIN_PART_LENGTH = 3;
const LINKING_LETTERS = ['', 's'];

export const tokenize = (text: string): Token[] =>
  Array.from(text.matchAll(WORD), (m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));

/** The tokens' words alone (what `tokenize` finds, without positions). */
export const tokenWords = (text: string): string[] => text.match(WORD) ?? [];

/** A text's tokens as positions and words: the catalogue's summaries and descriptions are read again for every hit. */
type TextTokens = { words: readonly string[]; starts: Uint32Array; ends: Uint32Array };

const TEXT_TOKENS_LIMIT = 4_096;
const knownTextTokens = new Map<string, TextTokens>();

const textTokens = (text: string): TextTokens => {
  let tokens = knownTextTokens.get(text);
  if (tokens === undefined) {
    if (knownTextTokens.size >= TEXT_TOKENS_LIMIT) knownTextTokens.clear();
    const words: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    for (const m of text.matchAll(WORD)) {
      words.push(m[0]);
      starts.push(m.index);
      ends.push(m.index + m[0].length);
    }
    tokens = { words, starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
    knownTextTokens.set(text, tokens);
  }
  return tokens;
};

/** The index of the first token starting at or after `from`. */
const firstTokenFrom = (starts: Uint32Array, from: number): number => {
  let [low, high] = [0, starts.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (starts[middle]! < from) low = middle + 1;
    else high = middle;
  }
  return low;
};

/**
 * The first token of `text` for which `test` holds, reading from `from` (the start, or the end of a
 * token found before).
 */
export const findToken = (text: string, test: (word: string) => boolean, from = 0): Token | undefined => {
  const { words, starts, ends } = textTokens(text);
  for (let i = firstTokenFrom(starts, from); i < words.length; i += 1) {
    if (test(words[i]!)) return { text: words[i]!, start: starts[i]!, end: ends[i]! };
  }
  return undefined;
};

export const lower = (word: string): string => word.toLocaleLowerCase('sv');

/** Strips diacritics: "Örebro" and "orebro" fold to the same term. */
export const fold = (word: string): string =>
  word.normalize('NFD').replace(/\p{M}/gu, '').replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/ß/g, 'ss');

export const isStopWord = (word: string): boolean => STOP_WORDS.has(lower(word));

const STEMMERS: Record<Language, (word: string) => string> = { sv: swedishStem, en: englishStem };

/** Remembers a function of a word per language (a catalogue and its queries repeat their vocabulary); bounded. */
const remembered = (compute: (word: string, language: Language) => string) => {
  const LIMIT = 200_000;
  const known: Record<Language, Map<string, string>> = { sv: new Map(), en: new Map() };
  return (word: string, language: Language): string => {
    const cache = known[language];
    let value = cache.get(word);
    if (value === undefined) {
      if (cache.size >= LIMIT) cache.clear();
      value = compute(word, language);
      cache.set(word, value);
    }
    return value;
  };
};

/** The stem of a word in a language, its å, ä and ö kept. */
export const letterStem = remembered((word, language) => STEMMERS[language](lower(word)));

/** The folded stem of a word in a language. */
export const stem = remembered((word, language) => fold(letterStem(word, language)));

/** True when folding changes the word: it has å, ä, ö or another letter with a diacritic. */
export const hasDiacritics = (word: string): boolean => fold(word) !== word;

/** A word's stems with their diacritics kept, where they differ from the folded ones (index and query agree on these). */
const letterStems = (word: string, languages: readonly Language[]): string[] =>
  hasDiacritics(lower(word)) ? [...new Set(languages.map((language) => letterStem(word, language)))].filter(hasDiacritics) : [];

/**
 * The forms a query word is looked up in: its exact surface (ranked higher) and its stems. Folding is
 * a fallback, not an identity: a word typed with å, ä or ö that the catalogue's vocabulary holds
 * (`known`) is looked up with its letters ("lån" does not find "län"); otherwise, or when typed
 * without them ("orebro", "vaxa"), by its folded stems in both languages.
 */
export const queryForms = (word: string, known: (term: string) => boolean = () => false): { exact: string; stems: string[] } => {
  const { lowered, lettered, letteredStems, foldedStems } = wordForms(word);
  if (lettered.length > 0 && (known(lowered) || lettered.some(known))) return { exact: lowered, stems: [...letteredStems] };
  return { exact: lowered, stems: [...foldedStems] };
};

/** What queryForms reads of a word whatever the vocabulary holds, remembered per word (queries repeat their words); bounded. */
type WordForms = { lowered: string; lettered: readonly string[]; letteredStems: readonly string[]; foldedStems: readonly string[] };
const WORD_FORMS_LIMIT = 50_000;
const knownWordForms = new Map<string, WordForms>();

const wordForms = (word: string): WordForms => {
  let forms = knownWordForms.get(word);
  if (forms === undefined) {
    if (knownWordForms.size >= WORD_FORMS_LIMIT) knownWordForms.clear();
    const lowered = lower(word);
    const lettered = letterStems(word, ['sv', 'en']);
    forms = {
      lowered,
      lettered,
      letteredStems: lettered.filter((s) => s !== lowered),
      foldedStems: [...new Set([stem(word, 'sv'), stem(word, 'en'), fold(lowered)])].filter((s) => s !== lowered),
    };
    knownWordForms.set(word, forms);
  }
  return forms;
};

/** Every form a query word may match, for telling which words of a text it matched. */
export const queryVariants = (word: string, known?: (term: string) => boolean): string[] => {
  const { exact, stems } = queryForms(word, known);
  return [exact, ...stems];
};

/**
 * Each way `word` starts with a lexicon word followed (after a linking letter, or none) by a rest of
 * at least `minRest` letters: the longest head first.
 */
function* knownHeads(word: string, lexicon: ReadonlySet<string>, minRest: number): Generator<[head: string, rest: string]> {
  for (let cut = word.length - minRest; cut >= MIN_PART_LENGTH; cut -= 1) {
    const head = word.slice(0, cut);
    if (!lexicon.has(head)) continue;
    const tail = word.slice(cut);
    for (const link of LINKING_LETTERS) {
      if (tail.startsWith(link) && tail.length - link.length >= minRest) yield [head, tail.slice(link.length)];
    }
  }
}

/**
 * Splits a folded compound into lexicon words, allowing a linking "s" ("innovationsstod" →
 * innovation, stod); an empty list when the word is not a compound of known words.
 */
export const decompound = (word: string, lexicon: ReadonlySet<string>): string[] => {
  const split = (rest: string, depth: number): string[] | undefined => {
    if (lexicon.has(rest) && depth > 0) return [rest];
    if (depth > 3) return undefined;
    for (const [head, tail] of knownHeads(rest, lexicon, MIN_PART_LENGTH)) {
      const parts = split(tail, depth + 1);
      if (parts) return [head, ...parts];
    }
    return undefined;
  };
  return split(word, 0) ?? [];
};

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** A typo is looked for only in a compound's last part of at least this many letters. */
const MIN_TYPO_PART_LENGTH = 6;

/** The lexicon word one edit (a letter left out, added, changed or swapped) from `word`, if any. */
const oneEditAway = (word: string, lexicon: ReadonlySet<string>): string | undefined => {
  const edits = function* () {
    for (let i = 0; i <= word.length; i += 1) {
      const [head, tail] = [word.slice(0, i), word.slice(i)];
      for (const letter of LETTERS) yield head + letter + tail;
      if (tail.length === 0) continue;
      yield head + tail.slice(1);
      for (const letter of LETTERS) yield head + letter + tail.slice(1);
      if (tail.length > 1) yield head + tail[1] + tail[0] + tail.slice(2);
    }
  };
  for (const edit of edits()) if (edit !== word && lexicon.has(edit)) return edit;
  return undefined;
};

/**
 * A query word's compound parts (see decompound); when it splits into none, a known head and a last
 * part one typo from a lexicon word ("exportrådgivnig" → export, radgivning). Only query words are
 * read this way: the index holds what the catalogue spells.
 */
export const decompoundQueryWord = (word: string, lexicon: ReadonlySet<string>): string[] => {
  const parts = decompound(word, lexicon);
  if (parts.length > 0 || lexicon.has(word)) return parts;
  for (const [head, tail] of knownHeads(word, lexicon, MIN_TYPO_PART_LENGTH)) {
    const corrected = oneEditAway(tail, lexicon);
    if (corrected) return [head, corrected];
  }
  return [];
};

/**
 * The terms a field holds for a word: its exact surface, its folded stem (and its stem with å, ä, ö
 * kept, when that differs), and the parts of a Swedish compound (folded, and stemmed).
 */
export const indexTerms = (word: string, language: Language, lexicon: ReadonlySet<string>): string[] => {
  if (isStopWord(word)) return [];
  const lowered = lower(word);
  const parts = language === 'sv' ? decompound(fold(lowered), lexicon) : [];
  return [...new Set([lowered, stem(word, language), ...letterStems(word, [language]), ...parts.flatMap((part) => [part, stem(part, 'sv')])])];
};

/** Query words without stop words, as typed. */
export const queryWords = (query: string): string[] => tokenize(query).map((t) => t.text).filter((w) => !isStopWord(w));

/** Kept for callers that want the exact terms of a query. */
export const queryTerms = (query: string): string[] => [...new Set(queryWords(query).map(lower))];
