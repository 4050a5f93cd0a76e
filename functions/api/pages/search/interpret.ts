/**
 * Reads filter words in a free-text query. When no entry holds all the visitor's words, words that
 * name a taxonomy value ("Karlskoga", "tillväxt", "investerare", "growth") become filters and the rest
 * stay search words, so "investerare tillväxt Karlskoga" finds investors for growth companies in
 * Karlskoga. Only unambiguous words are read; both languages are recognised whatever the page language.
 */
import { FACETS, facetTerms, type Facet, type Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Filters } from '../urls.ts';

export type Target = { facet: Facet; value: string } | { facet: 'none' };
export type InterpretedWord = { words: string; facet: Facet; value: string };
export type Interpretation = { q: string; read: InterpretedWord[]; filters: Filters };

/** Inflections and synonyms the labels do not spell out. */
const SYNONYMS: { facet: Facet; value: string; words: string[] }[] = [
  { facet: 'kind', value: 'investor', words: ['investerare', 'investor', 'investors', 'finansiär', 'finansiärer', 'funder', 'funders', 'financier', 'financiers'] },
  { facet: 'kind', value: 'testbed', words: ['testbäddar', 'testbeds', 'testbädden'] },
  { facet: 'kind', value: 'actor', words: ['aktörer', 'actors'] },
  { facet: 'kind', value: 'offering', words: ['erbjudanden', 'offerings'] },
  { facet: 'kind', value: 'establishment-offer', words: ['etableringserbjudanden', 'establishment offers'] },
  { facet: 'stage', value: 'idea', words: ['idéer', 'ideas', 'idéfas', 'idéstadiet'] },
  { facet: 'stage', value: 'startup', words: ['startup', 'startups', 'nystartad', 'nystartade', 'start up'] },
  { facet: 'stage', value: 'growth', words: ['tillväxtfas', 'tillväxtföretag', 'scaleup', 'scaleups', 'scale up', 'growing'] },
  { facet: 'stage', value: 'established', words: ['etablerad', 'etablerade'] },
];

/** Small words, and filler such as "my company", that neither name a filter nor narrow a search. */
const STOP_WORDS = new Set([
  'och', 'i', 'for', 'med', 'av', 'till', 'pa', 'som', 'en', 'ett', 'mitt', 'min', 'vart', 'jag', 'vi', 'ett',
  'and', 'in', 'for', 'with', 'of', 'to', 'on', 'at', 'a', 'an', 'the', 'my', 'our', 'i', 'we',
  'foretag', 'foretaget', 'foretagets', 'stod', 'hjalp', 'company', 'companies', 'business', 'support', 'help',
]);
const MAX_PHRASE = 5;

const normalise = (word: string): string =>
  word.toLocaleLowerCase('sv').normalize('NFD').replace(/\p{M}/gu, '');

const words = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);

const key = (ws: readonly string[]) => ws.map(normalise).join(' ');

/** The phrase dictionary of a taxonomy: whole labels, unambiguous label words, names, synonyms. */
export const vocabulary = (taxonomy: Taxonomy): Map<string, Target> => {
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
        for (const w of words(label)) if (w.length >= 4 && !STOP_WORDS.has(normalise(w))) add(w, { facet, value: term.code });
      }
    }
  }
  for (const m of taxonomy.municipalities) add(m.centralTown, { facet: 'municipality', value: m.code });
  for (const s of SYNONYMS) for (const w of s.words) add(w, { facet: s.facet, value: s.value });
  for (const name of [taxonomy.region.name.sv, taxonomy.region.name.en]) add(name, { facet: 'none' });
  const dictionary = new Map<string, Target>();
  for (const [k, targets] of candidates) if (targets.size === 1) dictionary.set(k, [...targets.values()][0]!);
  return dictionary;
};

/**
 * Splits `q` into filters and remaining words, reading the longest phrases first. Undefined when no
 * word names a filter. `existing` filters are kept: read values are added to them.
 */
export const interpretQuery = (q: string, dictionary: ReadonlyMap<string, Target>, existing: Filters): Interpretation | undefined => {
  const tokens = words(q);
  const rest: string[] = [];
  const read: InterpretedWord[] = [];
  let consumed = false;
  for (let i = 0; i < tokens.length; ) {
    let matched = 0;
    for (let n = Math.min(MAX_PHRASE, tokens.length - i); n >= 1; n -= 1) {
      const target = dictionary.get(key(tokens.slice(i, i + n)));
      if (!target) continue;
      consumed = true;
      if (target.facet !== 'none') read.push({ words: tokens.slice(i, i + n).join(' '), facet: target.facet, value: target.value });
      matched = n;
      break;
    }
    if (matched === 0) {
      if (!STOP_WORDS.has(normalise(tokens[i]!))) rest.push(tokens[i]!);
      i += 1;
    } else i += matched;
  }
  if (!consumed) return undefined;
  const filters = Object.fromEntries(FACETS.map((f) => [f, [...existing[f]]])) as Filters;
  for (const r of read) if (!filters[r.facet].includes(r.value)) filters[r.facet].push(r.value);
  return { q: rest.join(' '), read, filters };
};
