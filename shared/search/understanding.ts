/**
 * Query understanding, as region data read by code: which words of a query are filler (question words,
 * pronouns, modal and light verbs), which are sizes ("40 anställda"), and which name a need and what it
 * means in the taxonomy ("investera" → investors and equity). The query plan, both engines, the search
 * service and the pages all read a query through this module.
 */
import { z } from 'zod';
import type { RegionCode } from '#shared/taxonomy/regions.ts';
import { fold, lower, stem, tokenize } from './analysis.ts';
import orebroLan from './understanding/orebro-lan.json' with { type: 'json' };

const Word = z.string().trim().min(1);
const Codes = z.array(z.string().min(1)).min(1);

/** What a need word stands for: entries with any of these values serve it; the more dimensions met, the better. */
export const Meaning = z.strictObject({
  kind: Codes.optional(),
  area: Codes.optional(),
  stage: Codes.optional(),
  supportType: Codes.optional(),
  profileArea: Codes.optional(),
});
export type Meaning = z.infer<typeof Meaning>;
export const MEANING_DIMENSIONS = ['kind', 'supportType', 'area', 'stage', 'profileArea'] as const;
export type MeaningDimension = (typeof MEANING_DIMENSIONS)[number];

export const QueryVocabulary = z.strictObject({
  about: z.string().optional(),
  /** Words with no need of their own, per language; never searched, never a reason. */
  filler: z.strictObject({ sv: z.array(Word), en: z.array(Word) }),
  /** What a number counts: "40 anställda" is a size, not two search words. */
  sizeWords: z.array(Word).default([]),
  /** Words and phrases that name a need, and what the need means. */
  needs: z.array(z.strictObject({ words: z.array(Word).min(1), means: Meaning, ranksOnly: z.literal(true).optional() })).default([]),
  /** Inflections and synonyms naming one filter value that the taxonomy's labels do not spell out. */
  filterWords: z.array(z.strictObject({ facet: z.enum(['kind', 'area', 'stage', 'municipality', 'supportType', 'focus']), value: z.string(), words: z.array(Word).min(1) })).default([]),
  /** Words too general to stay as search words once a query's filter words are read ("företag", "support"). */
  filterFiller: z.array(Word).default([]),
});
export type QueryVocabulary = z.infer<typeof QueryVocabulary>;

export const NO_QUERY_VOCABULARY: QueryVocabulary = { filler: { sv: [], en: [] }, sizeWords: [], needs: [], filterWords: [], filterFiller: [] };

export const loadQueryVocabulary = (region: RegionCode): QueryVocabulary => QueryVocabulary.parse({ 'orebro-lan': orebroLan }[region]);

/** A need phrase; `ranksOnly` when serving it ranks an entry but does not decide whether it matches. */
export type Need = { words: string[]; means: Meaning; ranksOnly?: true };

/** A vocabulary compiled for reading queries: filler and size words as typed (lower case), needs by their first word's stem. */
export type Understanding = { filler: ReadonlySet<string>; sizeWords: ReadonlySet<string>; needs: ReadonlyMap<string, readonly Need[]> };

const key = (word: string) => stem(word, 'sv');
const phraseWords = (phrase: string) => tokenize(phrase).map((t) => t.text);

export const compileUnderstanding = (vocabulary: QueryVocabulary): Understanding => {
  const needs = new Map<string, Need[]>();
  for (const need of vocabulary.needs) {
    for (const phrase of need.words) {
      const words = phraseWords(phrase);
      if (words.length === 0) continue;
      const list = needs.get(key(words[0]!)) ?? [];
      list.push({ words, means: need.means, ...(need.ranksOnly ? { ranksOnly: true as const } : {}) });
      list.sort((a, b) => b.words.length - a.words.length);
      needs.set(key(words[0]!), list);
    }
  }
  return {
    filler: new Set([...vocabulary.filler.sv, ...vocabulary.filler.en].map(lower)),
    sizeWords: new Set(vocabulary.sizeWords.map(lower)),
    needs,
  };
};

export const NO_UNDERSTANDING: Understanding = compileUnderstanding(NO_QUERY_VOCABULARY);

const NUMBER = /^\p{N}+$/u;

/** How many words from `i` are not search words: a filler word (1), or a number with the size word it counts (1–2); 0 otherwise. */
export const ignoredAt = (words: readonly string[], i: number, understanding: Understanding): number => {
  const word = words[i]!;
  if (NUMBER.test(word)) return words[i + 1] !== undefined && understanding.sizeWords.has(lower(words[i + 1]!)) ? 2 : 1;
  return understanding.filler.has(lower(word)) ? 1 : 0;
};

const surface = (word: string) => fold(lower(word));

/**
 * The longest need phrase starting at word `i`, if any. Words match by stem, but a phrase of several
 * words needs its first word as written: "investera i" (the visitor invests) is not "investerare i"
 * (investors in), though both stem to "invester".
 */
export const needAt = (words: readonly string[], i: number, understanding: Understanding): Need | undefined =>
  understanding.needs
    .get(key(words[i]!))
    ?.find(
      (need) =>
        (need.words.length === 1 || surface(need.words[0]!) === surface(words[i]!)) &&
        need.words.every((w, j) => words[i + j] !== undefined && key(words[i + j]!) === key(w)),
    );

/** What a query says beyond its words: the needs it names, the words not searched for, and the other words. */
export type QueryReading = { needs: { words: string; means: Meaning }[]; ignored: string[]; plain: string[] };

export const readQuery = (query: string, understanding: Understanding): QueryReading => {
  const words = tokenize(query).map((t) => t.text);
  const reading: QueryReading = { needs: [], ignored: [], plain: [] };
  for (let i = 0; i < words.length; ) {
    const need = needAt(words, i, understanding);
    if (need) {
      reading.needs.push({ words: words.slice(i, i + need.words.length).join(' '), means: need.means });
      i += need.words.length;
      continue;
    }
    const ignored = ignoredAt(words, i, understanding);
    if (ignored > 0) reading.ignored.push(words.slice(i, i + ignored).join(' '));
    else reading.plain.push(words[i]!);
    i += Math.max(ignored, 1);
  }
  return reading;
};

/** The values of a document's facets and profile areas that meet a meaning, per dimension met. */
export const meetsMeaning = (
  means: Meaning,
  doc: { facets: Record<'kind' | 'area' | 'stage' | 'supportType', readonly string[]>; profileAreas?: readonly string[] },
): { dimension: MeaningDimension; values: string[] }[] => {
  const met: { dimension: MeaningDimension; values: string[] }[] = [];
  for (const dimension of MEANING_DIMENSIONS) {
    const wanted = means[dimension];
    if (!wanted) continue;
    const held = dimension === 'profileArea' ? (doc.profileAreas ?? []) : doc.facets[dimension];
    let values: string[] | undefined;
    for (const value of held) if (wanted.includes(value)) (values ??= []).push(value);
    if (values) met.push({ dimension, values });
  }
  return met;
};

/** How many dimensions a meaning names. */
export const meaningSize = (means: Meaning): number => MEANING_DIMENSIONS.filter((d) => means[d] !== undefined).length;

/**
 * How well a document serves a meaning, from 0 to 1: per dimension the meaning names, the square root of
 * the share of the document's values that serve it, averaged. An entry that does mostly this ("advice for
 * people starting a business") serves the need better than one that does it among many things, but a
 * municipality's business office that lists establishment among three services still provides it: the
 * root keeps breadth from costing in proportion (one of three values counts 0.58, not 0.33).
 */
export const meaningFit = (
  means: Meaning,
  met: readonly { dimension: MeaningDimension; values: readonly string[] }[],
  doc: { facets: Record<'kind' | 'area' | 'stage' | 'supportType', readonly string[]>; profileAreas?: readonly string[] },
): number =>
  met.reduce((sum, { dimension, values }) => {
    const held = dimension === 'profileArea' ? (doc.profileAreas ?? []).length : doc.facets[dimension].length;
    return sum + Math.sqrt(values.length / Math.max(held, 1));
  }, 0) / Math.max(meaningSize(means), 1);
