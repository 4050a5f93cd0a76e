/**
 * Reads filter words in a free-text query: words that name a taxonomy value ("Karlskoga", "tillväxt",
 * "investerare", "growth") become filters and the rest stay search words, so "investerare tillväxt
 * Karlskoga" finds investors for growth companies in Karlskoga. Only unambiguous words are read; both
 * languages are recognised whatever the page language. The search service decides when to apply it.
 */
import type { FacetFilters } from '#shared/domain/search.ts';
import { FACETS, facetTerms, type Facet, type Taxonomy } from '#shared/domain/taxonomy.ts';
import { needAt, type QueryVocabulary, type Understanding } from './understanding.ts';

export type Target = { facet: Facet; value: string } | { facet: 'none' };
export type ReadFilterWord = { words: string; facet: Facet; value: string };
export type FilterReading = { q: string; read: ReadFilterWord[]; filters: Record<Facet, string[]> };
export type FilterDictionary = { phrases: ReadonlyMap<string, Target>; filler: ReadonlySet<string> };

const MAX_PHRASE = 5;

const normalise = (word: string): string => word.toLocaleLowerCase('sv').normalize('NFD').replace(/\p{M}/gu, '');

const words = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);

const key = (ws: readonly string[]) => ws.map(normalise).join(' ');

/**
 * The phrase dictionary of a taxonomy: whole labels, unambiguous label words, central towns, the
 * vocabulary's filter words; and the words (the vocabulary's filler and filter filler) dropped from what remains.
 */
export const filterDictionary = (taxonomy: Taxonomy, vocabulary: QueryVocabulary): FilterDictionary => {
  const filler = new Set([...vocabulary.filler.sv, ...vocabulary.filler.en, ...vocabulary.filterFiller].map(normalise));
  const candidates = new Map<string, Map<string, Target>>();
  const add = (phrase: string, target: Target) => {
    const k = key(words(phrase));
    if (k === '') return;
    const id = target.facet === 'none' ? 'none' : `${target.facet}:${target.value}`;
    if (!candidates.has(k)) candidates.set(k, new Map());
    candidates.get(k)!.set(id, target);
  };
  for (const facet of FACETS) {
    for (const term of facetTerms(taxonomy, facet)) {
      for (const label of [term.label.sv, term.label.en]) {
        add(label, { facet, value: term.code });
        for (const w of words(label)) if (w.length >= 4 && !filler.has(normalise(w))) add(w, { facet, value: term.code });
      }
    }
  }
  for (const m of taxonomy.municipalities) add(m.centralTown, { facet: 'municipality', value: m.code });
  for (const s of vocabulary.filterWords) for (const w of s.words) add(w, { facet: s.facet, value: s.value });
  for (const name of [taxonomy.region.name.sv, taxonomy.region.name.en]) add(name, { facet: 'none' });
  const phrases = new Map<string, Target>();
  for (const [k, targets] of candidates) if (targets.size === 1) phrases.set(k, [...targets.values()][0]!);
  return { phrases, filler };
};

/**
 * Splits `q` into filters and remaining words, reading the longest phrases first. Undefined when no
 * word names a filter. A need word ("lån", "export", "idea") is left to rank as a need rather than
 * read as a filter. `existing` filters are kept: read values are added to them.
 */
export const readFilterWords = (q: string, dictionary: FilterDictionary, existing: FacetFilters, understanding?: Understanding): FilterReading | undefined => {
  const tokens = words(q);
  const normalised = tokens.map(normalise);
  const rest: string[] = [];
  const read: ReadFilterWord[] = [];
  let consumed = false;
  for (let i = 0; i < tokens.length; ) {
    let matched = 0;
    const need = understanding ? needAt(tokens, i, understanding) : undefined;
    if (need) {
      rest.push(...tokens.slice(i, i + need.words.length));
      i += need.words.length;
      continue;
    }
    for (let n = Math.min(MAX_PHRASE, tokens.length - i); n >= 1; n -= 1) {
      const target = dictionary.phrases.get(normalised.slice(i, i + n).join(' '));
      if (!target) continue;
      consumed = true;
      if (target.facet !== 'none') read.push({ words: tokens.slice(i, i + n).join(' '), facet: target.facet, value: target.value });
      matched = n;
      break;
    }
    if (matched === 0) {
      if (!dictionary.filler.has(normalised[i]!)) rest.push(tokens[i]!);
      i += 1;
    } else i += matched;
  }
  if (!consumed) return undefined;
  const filters = Object.fromEntries(FACETS.map((f) => [f, [...existing[f]]])) as Record<Facet, string[]>;
  for (const r of read) if (!filters[r.facet].includes(r.value)) filters[r.facet].push(r.value);
  return { q: rest.join(' '), read, filters };
};
