/**
 * Turns a visitor's query into units — a word, or a phrase of a synonym group or of a need — each with
 * the forms it may be found in (exact, analysed variants, synonyms, compound parts) and, for a need
 * word or a compound with a need among its parts or at its head ("livsmedelsprodukt"), what it means in the taxonomy.
 * Filler words and sizes ("40 anställda") make no unit.
 */
import type { Synonyms } from './synonyms.ts';
import { decompound, decompoundQueryWord, fold, isStopWord, lower, MIN_PART_LENGTH, stem, tokenize } from './analysis.ts';
import { ignoredAt, needAt, NO_UNDERSTANDING, type Meaning, type Need, type Understanding } from './understanding.ts';

export type QueryUnit = {
  /** The words as the visitor typed them. */
  text: string;
  words: string[];
  /** Other phrases meaning the same, each a list of words. */
  synonyms: string[][];
  /** Known words a single-word compound splits into. */
  parts: string[];
  last: boolean;
  /** For a need word: the entries that serve it, whatever their text says. */
  means?: Meaning;
  /** A need that ranks but does not decide (see requiredUnits). */
  ranksOnly?: true;
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

/** A need word this long may head an unknown compound ("mat" does not head "matematik"). */
const MIN_NEED_HEAD_LENGTH = 5;

/** The need an unknown compound starts with, its rest no catalogue word ("livsmedelsprodukt": food), if any. */
const needHead = (word: string, lexicon: ReadonlySet<string>, understanding: Understanding): Need | undefined => {
  if (lexicon.has(word)) return undefined;
  for (let cut = word.length - MIN_PART_LENGTH; cut >= MIN_NEED_HEAD_LENGTH; cut -= 1) {
    const need = needAt([word.slice(0, cut)], 0, understanding);
    if (need?.words.length === 1) return need;
  }
  return undefined;
};

/** How many plans are kept per lexicon, synonym index and understanding (a catalogue's visitors repeat their queries). */
const PLANS_LIMIT = 2_048;
type Plans = { lexiconSize: number; byQuery: Map<string, readonly QueryUnit[]> };
const plansOf = new WeakMap<ReadonlySet<string>, WeakMap<SynonymIndex, WeakMap<Understanding, Plans>>>();

/** Freezes a plan, so every search that reads a remembered plan reads the same one. */
const frozen = (units: QueryUnit[]): readonly QueryUnit[] => {
  for (const unit of units) {
    for (const synonym of unit.synonyms) Object.freeze(synonym);
    Object.freeze(unit.words);
    Object.freeze(unit.synonyms);
    Object.freeze(unit.parts);
    Object.freeze(unit);
  }
  return Object.freeze(units);
};

/**
 * The units of a query (see analyseQuery), remembered per lexicon, synonym index and understanding,
 * and planned again once the lexicon has grown or shrunk; bounded.
 */
export const planQuery = (query: string, synonyms: SynonymIndex, lexicon: ReadonlySet<string>, understanding: Understanding = NO_UNDERSTANDING): readonly QueryUnit[] => {
  let bySynonyms = plansOf.get(lexicon);
  if (bySynonyms === undefined) plansOf.set(lexicon, (bySynonyms = new WeakMap()));
  let byUnderstanding = bySynonyms.get(synonyms);
  if (byUnderstanding === undefined) bySynonyms.set(synonyms, (byUnderstanding = new WeakMap()));
  let plans = byUnderstanding.get(understanding);
  if (plans === undefined || plans.lexiconSize !== lexicon.size || plans.byQuery.size >= PLANS_LIMIT) {
    byUnderstanding.set(understanding, (plans = { lexiconSize: lexicon.size, byQuery: new Map() }));
  }
  let units = plans.byQuery.get(query);
  if (units === undefined) plans.byQuery.set(query, (units = frozen(analyseQuery(query, synonyms, lexicon, understanding))));
  return units;
};

/** The units of a query: a synonym or need phrase, else a word that is no filler, size or stop word, with its compound parts. */
const analyseQuery = (query: string, synonyms: SynonymIndex, lexicon: ReadonlySet<string>, understanding: Understanding): QueryUnit[] => {
  const words = tokenize(query).map((t) => t.text);
  const units: QueryUnit[] = [];
  for (let i = 0; i < words.length; ) {
    const candidates = synonyms.get(key(words[i]!)) ?? [];
    const phrase = candidates.find((c) => c.words.every((w, j) => words[i + j] !== undefined && key(words[i + j]!) === key(w)));
    const need = needAt(words, i, understanding);
    const length = Math.max(phrase?.words.length ?? 0, need?.words.length ?? 0);
    if (length > 0) {
      const unitWords = words.slice(i, i + length);
      const alternatives = phrase && phrase.words.length === length ? phrase.alternatives : [];
      units.push({
        text: unitWords.join(' '),
        words: unitWords.filter((w) => !isStopWord(w)),
        synonyms: alternatives.map((p) => p.filter((w) => !isStopWord(w))),
        parts: unitWords.length === 1 ? decompound(fold(lower(unitWords[0]!)), lexicon) : [],
        last: false,
        ...(need && need.words.length === length ? { means: need.means, ...(need.ranksOnly ? { ranksOnly: need.ranksOnly } : {}) } : {}),
      });
      i += length;
      continue;
    }
    const ignored = ignoredAt(words, i, understanding);
    if (ignored > 0) {
      i += ignored;
      continue;
    }
    const word = words[i]!;
    i += 1;
    if (isStopWord(word)) continue;
    const parts = decompoundQueryWord(fold(lower(word)), lexicon);
    const partNeed = parts.length > 0 ? parts.map((part) => needAt([part], 0, understanding)).find((need) => need?.words.length === 1) : needHead(fold(lower(word)), lexicon, understanding);
    units.push({ text: word, words: [word], synonyms: [], parts, last: false, ...(partNeed ? { means: partNeed.means, ranksOnly: true as const } : {}) });
  }
  const lastUnit = units.at(-1);
  if (lastUnit && lastUnit.words.length === 1 && lastUnit.synonyms.length === 0 && !lastUnit.means) lastUnit.last = true;
  return units;
};

/** The units that may decide a match: all but the needs that only rank, unless nothing else is asked. */
const decidingUnits = (units: readonly QueryUnit[]): boolean[] =>
  units.some((unit) => !unit.ranksOnly) ? units.map((unit) => !unit.ranksOnly) : units.map(() => true);

/**
 * The units whose match counts in coordination: needs, and words that are not common (a word found in
 * a large share of the catalogue, "business", says little about an entry).
 */
export const coordinatedUnits = (units: readonly QueryUnit[], matching: readonly number[], commonAbove: number): boolean[] =>
  units.map((unit, i) => unit.means !== undefined || matching[i]! <= commonAbove);

/**
 * The share of a query's coordinated units an entry matches, which scales its score: an entry that
 * serves the need and also holds the query's other meaningful words ("a farm", "engineers") ranks
 * above one that only serves the need. Filler and sizes make no unit, so they never count; with fewer
 * than two coordinated units there is nothing to share and the score stands.
 */
export const coordination = (coordinated: readonly boolean[], matched: readonly boolean[]): number => {
  const counted = coordinated.filter(Boolean).length;
  return counted < 2 ? 1 : coordinated.filter((c, i) => c && matched[i]).length / counted;
};

/**
 * Which units an entry must match, given how many entries each matches: a unit matching more than
 * `commonAbove` is common and only ranks. When the query names a need that is not common, the needs
 * decide and the other words rank ("I run a manufacturing company … who can invest?" wants investors);
 * otherwise the rare units are required, or all of them when every unit is common. A need that only
 * ranks (advice, which most actors give) is never required while the query has another unit: "råd om
 * att etablera i Hallsberg" wants the municipality's establishment service, whether or not it advises.
 */
export const requiredUnits = (units: readonly QueryUnit[], matching: readonly number[], commonAbove: number): boolean[] => {
  const deciding = decidingUnits(units);
  const rare = matching.map((count, i) => deciding[i]! && count <= commonAbove);
  const rareNeeds = units.map((unit, i) => unit.means !== undefined && rare[i]!);
  if (rareNeeds.some(Boolean)) return rareNeeds;
  return rare.some(Boolean) ? rare : deciding;
};
