/**
 * The embedded search engine: MiniSearch for matching and BM25 ranking over analysed fields (exact
 * surface, folded stems, compound parts), with synonyms, a prefix on the last word and, when a word
 * finds nothing as typed, one typo from five letters and derivations of long stems; need words also
 * match the entries that serve the need (see understanding.ts), which ranks them up. Filters
 * (facets disjunctively, offer facts conjunctively), validity windows and facet counts are bit
 * operations over document slots (facet-bitsets.ts); sorting, preferences and pagination take the
 * page's hits without ordering the rest, and only those get match details and snippets.
 */
import MiniSearch, { type AsPlainObject, type Options, type QueryCombination } from 'minisearch';
import { distanceKm } from '#shared/domain/geo.ts';
import { type EngineResult, type SearchDocument, type SearchHit, type SearchQuery, type Suggestion, type SuggestQuery } from '#shared/domain/search.ts';
import { FACETS } from '#shared/domain/taxonomy.ts';
import type { Language } from '#shared/domain/text.ts';
import type { IndexOperation, IndexOutcome, SearchIndex } from '#shared/ports/search-index.ts';
import { fold, hasDiacritics, indexTerms, lower, queryForms, tokenize } from '#shared/search/analysis.ts';
import { coordinatedUnits, coordination, planQuery, requiredUnits, synonymIndex, type QueryUnit, type SynonymIndex } from '#shared/search/query-plan.ts';
import { buildHit } from '#shared/search/hit.ts';
import { NO_SYNONYMS, type Synonyms } from '#shared/search/synonyms.ts';
import { compileUnderstanding, MEANING_DIMENSIONS, meaningFit, meetsMeaning, NO_QUERY_VOCABULARY, type QueryVocabulary, type Understanding } from '#shared/search/understanding.ts';
import { preferenceFit } from '#shared/search/preference.ts';
import { countOf, DocumentSlots, forEachSlot, has, intersect, isValidOn } from './facet-bitsets.ts';

const TEXT_FIELDS = ['name', 'summary', 'description', 'labels', 'tags'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** Name over summary over description over tags; taxonomy labels weigh like a summary. */
const FIELD_WEIGHT: Record<TextField, number> = { name: 5, summary: 2.5, labels: 2, description: 1, tags: 0.8 };
/** The form a word was typed in counts this much more than its stem. */
const EXACT_WEIGHT = 2;
const SYNONYM_WEIGHT = 0.7;
const PARTS_WEIGHT = 0.5;
/** A compound's leading parts say what it is about ("export" in "exportstöd"); its last part is the general kind. */
const MODIFIER_WEIGHT = 0.35;
/** A last word this long is matched as a prefix while typing; suggestions start from the first letters. */
const MIN_PREFIX_LENGTH = 4;
const MIN_SUGGEST_PREFIX_LENGTH = 2;
const MIN_FUZZY_LENGTH = 5;
/** Long stems also find their derivations (kommersialiser → kommersialisering) when nothing matches as typed. */
const MIN_DERIVATION_PREFIX_LENGTH = 8;
const MIN_DOCUMENTS_FOR_COMMON_WORDS = 40;
const COMMON_WORD_SHARE = 0.2;

type FieldSpec = { name: string; field: TextField; language: Language };
const FIELD_SPECS: FieldSpec[] = [
  ...(['name', 'summary', 'description'] as const).flatMap((field) =>
    (['sv', 'en'] as const).map((language) => ({ name: `${field}.${language}`, field, language })),
  ),
  { name: 'labels', field: 'labels', language: 'sv' },
  { name: 'tags', field: 'tags', language: 'sv' },
];
const SPEC_BY_NAME = new Map(FIELD_SPECS.map((s) => [s.name, s]));
const ALL_FIELDS = FIELD_SPECS.map((s) => s.name);
const NAME_FIELDS = FIELD_SPECS.filter((s) => s.field === 'name').map((s) => s.name);
/** The fields that say what an entry is; synonyms and compound parts are looked for only here. */
const STRONG_FIELDS = FIELD_SPECS.filter((s) => s.field !== 'description').map((s) => s.name);
const NEED_TEXT_FIELDS = FIELD_SPECS.filter((s) => s.field !== 'labels').map((s) => s.name);

const fieldText = (doc: SearchDocument, spec: FieldSpec): string => {
  switch (spec.field) {
    case 'labels': return doc.keywords.join(' ');
    case 'tags': return doc.sectors.join(' ');
    default: return doc[spec.field][spec.language] ?? '';
  }
};

const verbatim = { tokenize: (text: string) => [text], processTerm: (term: string) => term };

/** How far a unit's words may stray from what was typed. */
type Tolerance = { typing: boolean; typos: boolean };

export type EmbeddedSearchOptions = {
  /** Folded words and stems that compounds are split into (see buildLexicon). */
  lexicon?: Iterable<string>;
  synonyms?: Synonyms;
  /** Filler, sizes and need words of the region's queries. */
  understanding?: QueryVocabulary;
};

/**
 * Everything an index built from the catalogue's text: its documents, the versions it has applied (deletes
 * included), its lexicon, the terms that decide folding and MiniSearch's inverted index. A snapshot
 * (embedded-search-snapshot.ts) saves it; loading it builds no term from text.
 */
export type EmbeddedSearchState = {
  documents: SearchDocument[];
  versions: [string, number][];
  lexicon: string[];
  letterTerms: string[];
  terms: AsPlainObject;
};

export class EmbeddedSearchIndex implements SearchIndex {
  private readonly documents = new Map<string, SearchDocument>();
  private readonly versions = new Map<string, number>();
  private readonly nameOrder = new Map<Language, { doc: SearchDocument; slot: number }[]>();
  private readonly slots = new DocumentSlots();
  private readonly collator = new Intl.Collator('sv');
  private readonly lexicon: ReadonlySet<string>;
  private readonly synonyms: SynonymIndex;
  private readonly understanding: Understanding;
  /** Index terms spelt with å, ä or ö: the catalogue's vocabulary that decides when a typed word is not folded. */
  private readonly letterTerms = new Set<string>();
  private readonly known = (term: string) => this.letterTerms.has(term);
  private readonly engine: MiniSearch<SearchDocument>;
  private readonly analysed = new Map<string, string[]>();

  /** `restored`: the state of an index saved earlier; its lexicon replaces `options.lexicon`. */
  constructor(options: EmbeddedSearchOptions = {}, restored?: EmbeddedSearchState) {
    this.lexicon = new Set(restored?.lexicon ?? options.lexicon ?? []);
    this.synonyms = synonymIndex(options.synonyms ?? NO_SYNONYMS);
    this.understanding = compileUnderstanding(options.understanding ?? NO_QUERY_VOCABULARY);
    const engineOptions: Options<SearchDocument> = {
      idField: 'id',
      fields: ALL_FIELDS,
      extractField: (doc, name) => (name === 'id' ? doc.id : fieldText(doc, SPEC_BY_NAME.get(name)!)),
      tokenize: (text) => tokenize(text).map((t) => t.text),
      processTerm: (word, name) => this.termsOf(word, SPEC_BY_NAME.get(name ?? '')?.language ?? 'sv'),
      searchOptions: { ...verbatim, boost: scaled(1), combineWith: 'OR' },
    };
    if (!restored) {
      this.engine = new MiniSearch<SearchDocument>(engineOptions);
      return;
    }
    this.engine = MiniSearch.loadJS<SearchDocument>(restored.terms, engineOptions);
    for (const doc of restored.documents) {
      this.documents.set(doc.id, doc);
      this.slots.put(doc);
    }
    for (const [id, version] of restored.versions) this.versions.set(id, version);
    for (const term of restored.letterTerms) this.letterTerms.add(term);
  }

  /** The state a snapshot saves (see EmbeddedSearchState). */
  state(): EmbeddedSearchState {
    return {
      documents: [...this.documents.values()],
      versions: [...this.versions],
      lexicon: [...this.lexicon],
      letterTerms: [...this.letterTerms],
      terms: this.engine.toJSON(),
    };
  }

  /** The index terms of a word, remembered: a catalogue repeats its vocabulary. */
  private termsOf(word: string, language: Language): string[] {
    const key = `${language}:${word}`;
    let terms = this.analysed.get(key);
    if (!terms) {
      terms = indexTerms(word, language, this.lexicon);
      this.analysed.set(key, terms);
      for (const term of terms) if (hasDiacritics(term)) this.letterTerms.add(term);
    }
    return terms;
  }

  async apply(operations: readonly IndexOperation[]): Promise<IndexOutcome[]> {
    return operations.map((operation) => this.applyOne(operation));
  }

  async size(): Promise<number> {
    return this.documents.size;
  }

  /**
   * Filters and facet counts are bit operations over slots (see facet-bitsets.ts); only the matches that pass the
   * filters become candidates, and only the page's are put in order (top k) and made hits.
   */
  async search(query: SearchQuery): Promise<EngineResult> {
    const eligible = this.slots.eligible(query);
    const filters = new Map(FACETS.filter((f) => query.filters[f].length > 0).map((f) => [f, this.slots.anyOf(f, query.filters[f])] as const));
    const passing = intersect(eligible, ...filters.values());
    const start = (query.page - 1) * query.pageSize;
    const end = start + query.pageSize;

    if (query.q.trim() === '') {
      const facets = this.slots.counts(eligible, filters);
      const total = countOf(passing);
      const byName = this.byName(query.language);
      const pick = (docs: SearchDocument[]) => docs.map((doc) => this.toHit({ doc, score: 0, matches: [] }, query));
      if (query.sort === 'relevance' && !preferenceFit(query.prefer)) {
        const page: SearchDocument[] = [];
        let seen = 0;
        for (let i = 0; i < byName.length && page.length < query.pageSize; i++) {
          if (!has(passing, byName[i]!.slot)) continue;
          if (seen++ >= start) page.push(byName[i]!.doc);
        }
        return { total, hits: pick(page), facets, relaxed: false };
      }
      const selected = byName.filter(({ slot }) => has(passing, slot)).map(({ doc }, order) => ({ doc, score: 0, matches: [] as UnitMatch[], order }));
      return { total, hits: sorted(selected, query, byOrder, end).slice(start, end).map((candidate) => this.toHit(candidate, query)), facets, relaxed: false };
    }

    const units = planQuery(query.q, this.synonyms, this.lexicon, this.understanding);
    const found = this.match(units);
    const matched = this.slots.none();
    for (const slot of found.slots) matched[slot >>> 5]! |= 1 << (slot & 31);
    const facets = this.slots.counts(intersect(matched, eligible), filters);
    const boost = preferenceBoost(query);
    const selected = found.slots.flatMap((slot, order) => (has(passing, slot) ? [found.candidate(slot, order, boost)] : []));
    const hits = sorted(selected, query, found.compare, end).slice(start, end).map((candidate) => this.toHit(candidate, query));
    return { total: selected.length, hits, facets, relaxed: found.relaxed };
  }

  async suggest(query: SuggestQuery): Promise<Suggestion[]> {
    const units = planQuery(query.prefix, this.synonyms, this.lexicon).map((unit, index, all) => ({
      ...unit,
      synonyms: [],
      last: index === all.length - 1,
      suggesting: true,
    }));
    if (units.length === 0) return [];
    const perUnit = units.map((unit) => this.unitMatches(unit, NAME_FIELDS));
    const ranked = [...perUnit[0]!.keys()]
      .filter((id) => perUnit.every((matches) => matches.has(id)))
      .map((id) => ({ id, score: perUnit.reduce((sum, matches) => sum + matches.get(id)!.score, 0) }))
      .sort((a, b) => b.score - a.score);
    const suggestions: Suggestion[] = [];
    for (const { id } of ranked) {
      const doc = this.documents.get(id);
      if (!doc || !isValidOn(doc, query.today)) continue;
      suggestions.push({ id: doc.id, kind: doc.kind, name: doc.name[query.language] ?? doc.name.sv });
      if (suggestions.length === query.limit) break;
    }
    return suggestions;
  }

  /**
   * The units `requiredUnits` names must match; the others add to the score. When no entry matches every required unit,
   * the match is relaxed: entries serving more of the needs named come first, then those matching
   * more units (filler never is one), then by score.
   */
  private match(units: readonly QueryUnit[]): Matched {
    if (units.length === 0) return { slots: [], relaxed: false, candidate: () => { throw new Error('no units'); }, compare: byOrder };
    const perUnit = units.map((unit) => this.unitMatches(unit));
    const required = requiredUnits(units, perUnit.map((results) => results.size), this.commonAbove());
    const coordinated = coordinatedUnits(units, perUnit.map((results) => results.size), this.commonAbove());

    const candidate = (slot: number, order: number, boost: (doc: SearchDocument) => number): Candidate => {
      const doc = this.slots.at(slot)!;
      const matches = units.flatMap((unit, i) => {
        const result = perUnit[i]!.get(doc.id);
        return result ? [{ unit, result }] : [];
      });
      return { doc, score: matches.reduce((sum, m) => sum + m.result.score, 0) * boost(doc) * coordination(coordinated, perUnit.map((results) => results.has(doc.id))), matches, order };
    };
    const slotsOf = (ids: Iterable<string>): number[] => {
      const slots: number[] = [];
      for (const id of ids) {
        const slot = this.slots.slotOf(id);
        if (slot !== undefined) slots.push(slot);
      }
      return slots;
    };

    const strictIds = [...perUnit[required.indexOf(true)]!.keys()].filter((id) => perUnit.every((results, i) => !required[i] || results.has(id)));
    if (strictIds.length > 0) return { slots: slotsOf(strictIds), relaxed: false, candidate, compare: (a, b) => byScore(a, b) || byOrder(a, b) };
    const anyIds = new Set(perUnit.flatMap((results) => [...results.keys()]));
    return {
      slots: slotsOf(anyIds),
      relaxed: units.length > 1,
      candidate,
      compare: (a, b) => needsServed(b) - needsServed(a) || b.matches.length - a.matches.length || byScore(a, b) || byOrder(a, b),
    };
  }

  /**
   * A unit's matches by text and, for a need word (outside suggestions), every entry that serves the
   * need: how well it serves it (meaningFit, 0–1), times the unit's best text score, adds to its score.
   * A need word's text is not looked for in the taxonomy labels: its meaning says that more exactly
   * ("etablera" is not the stage "Etablerat").
   */
  private unitMatches(unit: QueryUnit, only?: readonly string[]): Map<string, UnitResult> {
    const results = this.textMatches(unit, only ?? (unit.means ? NEED_TEXT_FIELDS : undefined));
    if (!unit.means || only) return results;
    let scale = NEED_MIN_SCORE;
    for (const r of results.values()) if (r.score > scale) scale = r.score;
    const serving = this.slots.none();
    for (const dimension of MEANING_DIMENSIONS) {
      const values = unit.means[dimension];
      if (!values) continue;
      const bits = this.slots.anyOf(dimension === 'profileArea' ? 'profileArea' : dimension, values);
      for (let i = 0; i < serving.length; i++) serving[i]! |= bits[i]!;
    }
    const means = unit.means;
    forEachSlot(serving, (slot) => {
      const doc = this.slots.at(slot)!;
      const meets = meetsMeaning(means, doc);
      const held = results.get(doc.id);
      const score = (held?.score ?? 0) + scale * meaningFit(means, meets, doc);
      results.set(doc.id, { score, match: held?.match ?? {}, meets });
    });
    return results;
  }

  /**
   * A unit's matches by text, searched as typed (the last word a prefix while it is not yet a known word);
   * a word common across the catalogue is not widened further. Otherwise synonyms and compound parts
   * join in, in the fields that say what an entry is (name, summary, labels, tags); when that finds
   * nothing, one typo is allowed and long stems match their derivations.
   */
  private textMatches(unit: QueryUnit, only?: readonly string[]): Map<string, UnitResult> {
    const typing = unit.last && !this.lexicon.has(fold(lower(unit.text)));
    const asTyped = { ...unit, last: typing };
    const plain = this.searchUnit({ ...asTyped, synonyms: [], parts: [] }, { typing, typos: false }, only);
    if (plain.size > this.commonAbove()) return plain;
    const strict = unit.synonyms.length + unit.parts.length > 0 ? this.searchUnit(asTyped, { typing, typos: false }, only) : plain;
    return strict.size > 0 ? strict : this.searchUnit(asTyped, { typing, typos: true }, only);
  }

  /** One query for a unit: its words, each synonym, its compound parts and their leading parts, any of which may match. */
  private searchUnit(unit: QueryUnit, tolerance: Tolerance, only?: readonly string[]): Map<string, UnitResult> {
    const fields = only ? ALL_FIELDS.filter((name) => only.includes(name)) : ALL_FIELDS;
    const allOf = (words: readonly string[], weight: number, typing: boolean): QueryCombination => ({
      combineWith: 'AND',
      queries: words.map((word, i) => this.wordQuery(word, weight, { ...tolerance, typing: typing && i === words.length - 1 }, fields, unit.suggesting === true)),
    });
    const strong = fields.filter((name) => STRONG_FIELDS.includes(name));
    const widened = (words: readonly string[], weight: number): QueryCombination => ({
      combineWith: 'AND',
      queries: words.map((word) => this.wordQuery(word, weight, { ...tolerance, typing: false }, strong, false)),
    });
    const query: QueryCombination = {
      combineWith: 'OR',
      queries: [
        allOf(unit.words, 1, tolerance.typing),
        ...unit.synonyms.filter((s) => s.length > 0).map((s) => widened(s, SYNONYM_WEIGHT)),
        ...(unit.parts.length > 0 ? [widened(unit.parts, PARTS_WEIGHT)] : []),
        ...(unit.parts.length > 1 ? [widened(unit.parts.slice(0, -1), MODIFIER_WEIGHT)] : []),
      ],
    };
    return new Map(this.engine.search(query).map((r) => [r.id as string, { score: r.score, match: r.match }]));
  }

  /** A unit matching more documents than this is common: it ranks but does not restrict. */
  private commonAbove(): number {
    return this.documents.size >= MIN_DOCUMENTS_FOR_COMMON_WORDS ? COMMON_WORD_SHARE * this.documents.size : Infinity;
  }

  /** A word matches in the form typed (weighted up) or by a folded stem, within the given fields. */
  private wordQuery(word: string, weight: number, tolerance: Tolerance, fields: string[], suggesting: boolean): QueryCombination {
    const { exact, stems } = queryForms(word, this.known);
    const prefix = tolerance.typing && word.length >= (suggesting ? MIN_SUGGEST_PREFIX_LENGTH : MIN_PREFIX_LENGTH);
    const loose = {
      prefix: (term: string) => prefix || (tolerance.typos && term.length >= MIN_DERIVATION_PREFIX_LENGTH),
      fuzzy: (term: string) => (tolerance.typos && term.length >= MIN_FUZZY_LENGTH ? 1 : false),
    };
    return {
      combineWith: 'OR',
      queries: [
        { ...verbatim, ...loose, queries: [exact], fields, boost: scaled(weight * EXACT_WEIGHT) },
        ...(stems.length > 0 ? [{ ...verbatim, ...loose, queries: stems, fields, boost: scaled(weight) }] : []),
      ],
    };
  }

  private byName(language: Language): { doc: SearchDocument; slot: number }[] {
    let ordered = this.nameOrder.get(language);
    if (!ordered) {
      ordered = [...this.documents.values()]
        .sort((a, b) => this.collator.compare(a.name[language] ?? a.name.sv, b.name[language] ?? b.name.sv))
        .map((doc) => ({ doc, slot: this.slots.slotOf(doc.id)! }));
      this.nameOrder.set(language, ordered);
    }
    return ordered;
  }

  private applyOne(operation: IndexOperation): IndexOutcome {
    const id = operation.type === 'upsert' ? operation.document.id : operation.id;
    const version = operation.type === 'upsert' ? operation.document.version : operation.version;
    const held = this.versions.get(id);
    const stale = held !== undefined && (operation.type === 'upsert' ? held >= version : held > version);
    if (stale) return { id, result: 'stale' };
    this.versions.set(id, version);
    this.nameOrder.clear();
    const existing = this.documents.get(id);
    if (operation.type === 'delete') {
      if (existing) {
        this.engine.discard(id);
        this.documents.delete(id);
        this.slots.remove(id);
      }
      return { id, result: 'applied' };
    }
    if (existing) this.engine.replace(operation.document);
    else this.engine.add(operation.document);
    this.documents.set(id, operation.document);
    this.slots.put(operation.document);
    return { id, result: 'applied' };
  }

  private toHit({ doc, score, matches }: Pick<Candidate, 'doc' | 'score' | 'matches'>, { language, offer }: SearchQuery): SearchHit {
    const matchedTerms = matches.map(({ unit, result }) => {
      const fields = new Set(Object.values(result.match).flatMap((names) => names.map((name) => SPEC_BY_NAME.get(name)!.field)));
      return { term: unit.text, fields: TEXT_FIELDS.filter((f) => fields.has(f)), ...(result.meets ? { meets: result.meets } : {}) };
    });
    const matched = new Set(matches.flatMap(({ result }) => Object.keys(result.match)));
    const told = new Map<string, boolean>();
    const isMatch = matched.size === 0 ? () => false : (word: string) => {
      let is = told.get(word);
      if (is === undefined) told.set(word, (is = this.termsOf(word, language).some((term) => matched.has(term))));
      return is;
    };
    return buildHit(doc, language, { score, matchedTerms, isMatch }, offer.near);
  }
}

type UnitResult = { score: number; match: Record<string, string[]>; meets?: ReturnType<typeof meetsMeaning> };
type UnitMatch = { unit: QueryUnit; result: UnitResult };
/** `order`: where the candidate stood among the matches; ties keep it. */
type Candidate = { doc: SearchDocument; score: number; matches: UnitMatch[]; order: number };
type Order = (a: Candidate, b: Candidate) => number;
/** The slots of the matches in match order, how to make one a candidate, and the candidates' relevance order. */
type Matched = { slots: number[]; relaxed: boolean; candidate: (slot: number, order: number, boost: (doc: SearchDocument) => number) => Candidate; compare: Order };

const byScore: Order = (a, b) => b.score - a.score;
const byOrder: Order = (a, b) => a.order - b.order;

/** The first `k` candidates by `compare` (a total order), in that order, without sorting the rest. */
const firstK = (candidates: Candidate[], compare: Order, k: number): Candidate[] => {
  if (candidates.length <= k * 4) return candidates.sort(compare).slice(0, k);
  const best: Candidate[] = [];
  for (const candidate of candidates) {
    if (best.length === k && compare(candidate, best[k - 1]!) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(candidate, best[mid]!) < 0) high = mid;
      else low = mid + 1;
    }
    best.splice(low, 0, candidate);
    if (best.length > k) best.pop();
  }
  return best;
};

/** What a need unit adds when no entry holds its words (a score of the order of one weak text match). */
const NEED_MIN_SCORE = 1;

const needsServed = (candidate: Candidate): number => candidate.matches.filter((m) => m.result.meets !== undefined).length;

/**
 * The first `k` hits in the query's order; ties keep relevance order (`relevance`). By relevance, entries meeting
 * more of the query's preferences come first when there are no words; by area, documents without one come last
 * either way; by distance, those without a position.
 */
const sorted = (candidates: Candidate[], query: SearchQuery, relevance: Order, k: number): Candidate[] => {
  const near = query.offer.near;
  const fit = preferenceFit(query.prefer);
  if (query.sort === 'relevance' || (query.sort === 'distance' && !near)) {
    if (query.sort !== 'relevance' || !fit || query.q.trim() !== '') return firstK(candidates, relevance, k);
    const fits = new Map(candidates.map((c) => [c, fit(c.doc)]));
    return firstK(candidates, (a, b) => fits.get(b)! - fits.get(a)! || relevance(a, b), k);
  }
  const key = (doc: SearchDocument): number | undefined => {
    switch (query.sort) {
      case 'area-desc': return doc.offer?.areaM2 === undefined ? undefined : -doc.offer.areaM2;
      case 'area-asc': return doc.offer?.areaM2;
      case 'distance': return doc.offer && near ? distanceKm(near, doc.offer.position) : undefined;
      default: return 0;
    }
  };
  const keys = new Map(candidates.map((c) => [c, key(c.doc)]));
  return firstK(candidates, (a, b) => {
    const ka = keys.get(a);
    const kb = keys.get(b);
    return (ka === undefined ? (kb === undefined ? 0 : 1) : kb === undefined ? -1 : ka - kb) || relevance(a, b);
  }, k);
};

/** With words, each preference met raises an entry's score by half; without, entries meeting more come first (see `preferred`). */
const PREFERENCE_WEIGHT = 0.5;
const preferenceBoost = (query: SearchQuery): ((doc: SearchDocument) => number) => {
  const fit = preferenceFit(query.prefer);
  return fit ? (doc) => 1 + PREFERENCE_WEIGHT * fit(doc) : () => 1;
};

const scaled = (weight: number) => Object.fromEntries(FIELD_SPECS.map((s) => [s.name, FIELD_WEIGHT[s.field] * weight]));


