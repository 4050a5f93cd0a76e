/**
 * The embedded search engine: Vägvisaren's own inverted index (inverted-index.ts) for matching and BM25+ ranking
 * over analysed fields (exact surface, folded stems, compound parts), with synonyms, a prefix on the last word and, when a word
 * finds nothing as typed, one typo from five letters and derivations of long stems; need words also
 * match the entries that serve the need (see understanding.ts), which ranks them up. Filters
 * (facets disjunctively, offer facts conjunctively), validity windows and facet counts are bit
 * operations over document slots (facet-bitsets.ts); sorting, preferences and pagination take the
 * page's hits without ordering the rest, and only those get match details and snippets. Within a query each
 * (form, fields, tolerance) is looked up and scored once, whichever pass or unit asks for it again.
 */
import { distanceKm } from '#shared/domain/geo.ts';
import { type EngineResult, type SearchDocument, type SearchHit, type SearchQuery, type Suggestion, type SuggestQuery } from '#shared/domain/search.ts';
import { FACETS } from '#shared/domain/taxonomy.ts';
import type { Language } from '#shared/domain/text.ts';
import type { IndexOperation, IndexOutcome, SearchIndex } from '#shared/ports/search-index.ts';
import { fold, hasDiacritics, indexTerms, lower, queryForms, tokenWords } from '#shared/search/analysis.ts';
import { coordinatedUnits, coordination, planQuery, requiredUnits, synonymIndex, type QueryUnit, type SynonymIndex } from '#shared/search/query-plan.ts';
import { buildHit } from '#shared/search/hit.ts';
import { NO_SYNONYMS, type Synonyms } from '#shared/search/synonyms.ts';
import { compileUnderstanding, MEANING_DIMENSIONS, meaningFit, meaningSize, meetsMeaning, NO_QUERY_VOCABULARY, type Meaning, type QueryVocabulary, type Understanding } from '#shared/search/understanding.ts';
import { preferenceFit } from '#shared/search/preference.ts';
import { countOf, DocumentSlots, forEachSlot, has, intersect, isValidOn, type Bits } from './facet-bitsets.ts';
import { InvertedIndex, type DocumentTerms, type InvertedIndexData, type Scored } from './inverted-index.ts';
import { QueryScorer, type Branch, type FieldSet, type Leaf, type Pass } from './query-scorer.ts';

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
const FIELD_WEIGHTS = FIELD_SPECS.map((spec) => FIELD_WEIGHT[spec.field]);
const fieldSet = (test: (spec: FieldSpec) => boolean): FieldSet => FIELD_SPECS.reduce((set, spec, i) => (test(spec) ? set | (1 << i) : set), 0);
const ALL_FIELDS = fieldSet(() => true);
const NAME_FIELDS = fieldSet((s) => s.field === 'name');
/** The fields that say what an entry is; synonyms and compound parts are looked for only here. */
const STRONG_FIELDS = fieldSet((s) => s.field !== 'description');
const NEED_TEXT_FIELDS = fieldSet((s) => s.field !== 'labels');

const fieldText = (doc: SearchDocument, spec: FieldSpec): string => {
  switch (spec.field) {
    case 'labels': return doc.keywords.join(' ');
    case 'tags': return doc.sectors.join(' ');
    default: return doc[spec.field][spec.language] ?? '';
  }
};

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
 * Everything an index built from the catalogue's text: its documents (by slot), the versions it has applied
 * (deletes included), its lexicon, the terms that decide folding and the inverted index. A snapshot
 * (embedded-search-snapshot.ts) saves it; loading it builds no term from text.
 */
export type EmbeddedSearchState = {
  documents: SearchDocument[];
  versions: [string, number][];
  lexicon: string[];
  letterTerms: string[];
  index: InvertedIndexData;
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
  private readonly index: InvertedIndex;
  private readonly analysed: Record<Language, Map<string, AnalysedWord>> = { sv: new Map(), en: new Map() };
  private readonly building = new DocumentTermsBuilder(FIELD_SPECS.length);
  /** Numbers a field being read, so that a word counts once in it (see AnalysedWord). */
  private stamp = 0;
  private readonly scoreArrays = new ScoreArrays();
  private readonly candidates = new Candidates();
  /** Per dimension and values a need wants, the share (see meaningFitter) of each set of values a document holds, by its number. */
  private readonly shares = new Map<string, number[]>();
  private readonly browsed = new WeakMap<SearchDocument, Partial<Record<Language, SearchHit>>>();

  /** `restored`: the state of an index saved earlier; its lexicon replaces `options.lexicon`. */
  constructor(options: EmbeddedSearchOptions = {}, restored?: EmbeddedSearchState) {
    this.lexicon = new Set(restored?.lexicon ?? options.lexicon ?? []);
    this.synonyms = synonymIndex(options.synonyms ?? NO_SYNONYMS);
    this.understanding = compileUnderstanding(options.understanding ?? NO_QUERY_VOCABULARY);
    if (!restored) {
      this.index = new InvertedIndex(FIELD_SPECS.length);
      return;
    }
    if (restored.index.slotCount !== restored.documents.length) throw new Error('A search state whose index and documents disagree.');
    this.index = InvertedIndex.restore(restored.index);
    for (const doc of restored.documents) {
      this.documents.set(doc.id, doc);
      this.slots.put(doc);
    }
    for (const [id, version] of restored.versions) this.versions.set(id, version);
    for (const term of restored.letterTerms) this.letterTerms.add(term);
  }

  /** The state a snapshot saves (see EmbeddedSearchState); slots are renumbered in order, without gaps. */
  state(): EmbeddedSearchState {
    const live = this.slots.liveSlots();
    return {
      documents: live.map((slot) => this.slots.at(slot)!),
      versions: [...this.versions],
      lexicon: [...this.lexicon],
      letterTerms: [...this.letterTerms],
      index: this.index.data(live),
    };
  }

  /** A word's analysis, remembered: a catalogue repeats its vocabulary. */
  private analysis(word: string, language: Language): AnalysedWord {
    let analysed = this.analysed[language].get(word);
    if (!analysed) {
      analysed = { terms: indexTerms(word, language, this.lexicon), stamp: 0 };
      this.analysed[language].set(word, analysed);
      for (const term of analysed.terms) if (hasDiacritics(term)) this.letterTerms.add(term);
    }
    return analysed;
  }

  private termsOf(word: string, language: Language): string[] {
    return this.analysis(word, language).terms;
  }

  /**
   * A document's fields as the index holds them: per field its distinct tokens, and how often each term occurs
   * (in the order terms first occur), in arrays reused from one document to the next.
   */
  private documentTerms(doc: SearchDocument): DocumentTerms {
    const terms = this.building;
    terms.count = 0;
    for (let field = 0; field < FIELD_SPECS.length; field++) {
      const spec = FIELD_SPECS[field]!;
      const stamp = ++this.stamp;
      let distinct = 0;
      for (const token of tokenWords(fieldText(doc, spec))) {
        const analysed = this.analysis(token, spec.language);
        if (analysed.stamp !== stamp) {
          analysed.stamp = stamp;
          distinct += 1;
        }
        const ids = (analysed.ids ??= Int32Array.from(analysed.terms, (term) => this.index.termId(term)));
        for (let i = 0; i < ids.length; i++) terms.count1(field, ids[i]!, stamp);
      }
      terms.lengths[field] = distinct;
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
    this.scoreArrays.reclaim();
    const eligible = this.slots.eligible(query);
    const filters = new Map(FACETS.filter((f) => query.filters[f].length > 0).map((f) => [f, this.slots.anyOf(f, query.filters[f])] as const));
    const passing = intersect(eligible, ...filters.values());
    const start = (query.page - 1) * query.pageSize;
    const end = start + query.pageSize;

    if (query.q.trim() === '') {
      const facets = this.slots.counts(eligible, filters);
      const total = countOf(passing);
      const byName = this.byName(query.language);
      if (query.sort === 'relevance' && !preferenceFit(query.prefer)) {
        const page: SearchHit[] = [];
        let seen = 0;
        for (let i = 0; i < byName.length && page.length < query.pageSize; i++) {
          if (!has(passing, byName[i]!.slot)) continue;
          if (seen++ >= start) page.push(this.browseHit(byName[i]!.doc, query));
        }
        return { total, hits: page, facets, relaxed: false };
      }
      const selected = this.candidates.reset(total);
      byName.forEach(({ slot }, order) => {
        if (has(passing, slot)) selected.add(slot, 0, order, 0, 0, 0, 0);
      });
      const page = sorted(selected, this.slots, query, byOrder(selected), end).slice(start, end);
      return { total, hits: page.map((at) => this.browseHit(this.slots.at(selected.slots[at]!)!, query)), facets, relaxed: false };
    }

    const units = planQuery(query.q, this.synonyms, this.lexicon, this.understanding);
    const scorer = this.scorer(units.some((unit) => unit.means) ? undefined : passing);
    const found = this.match(units, scorer, passing);
    const facets = this.slots.counts(intersect(found.bits, eligible), filters);
    const boost = preferenceBoost(query);
    const matching = intersect(found.bits, passing);
    const selected = this.candidates.reset(countOf(matching));
    forEachSlot(matching, (slot) => found.add(selected, slot, boost));
    const page = sorted(selected, this.slots, query, found.compare(selected), end).slice(start, end);
    const hits = page.map((at) => {
      const slot = selected.slots[at]!;
      return this.toHit(this.slots.at(slot)!, selected.score[at]!, found.matchesOf(slot), query);
    });
    return { total: selected.length, hits, facets, relaxed: found.relaxed };
  }

  async suggest(query: SuggestQuery): Promise<Suggestion[]> {
    this.scoreArrays.reclaim();
    const units = planQuery(query.prefix, this.synonyms, this.lexicon).map((unit, index, all) => ({
      ...unit,
      synonyms: [],
      last: index === all.length - 1,
      suggesting: true,
    }));
    if (units.length === 0) return [];
    const scorer = this.scorer();
    const perUnit = units.map((unit) => this.unitMatches(unit, scorer, NAME_FIELDS));
    const ranked: { slot: number; score: number; lead: number }[] = [];
    forEachSlot(intersect(perUnit[0]!.bits, ...perUnit.slice(1).map((r) => r.bits)), (slot) => {
      ranked.push({ slot, score: perUnit.reduce((sum, r) => sum + r.scores[slot]!, 0), lead: perUnit[0]!.scores[slot]! });
    });
    ranked.sort((a, b) => b.score - a.score || b.lead - a.lead || a.slot - b.slot);
    const suggestions: Suggestion[] = [];
    for (const { slot } of ranked) {
      const doc = this.slots.at(slot)!;
      if (!isValidOn(doc, query.today)) continue;
      suggestions.push({ id: doc.id, kind: doc.kind, name: doc.name[query.language] ?? doc.name.sv });
      if (suggestions.length === query.limit) break;
    }
    return suggestions;
  }

  /**
   * A query's scorer; `within`: the only slots whose scores are read (the candidates), when no need's scale
   * (the best text score over every match) depends on the others.
   */
  private scorer(within?: Bits): QueryScorer {
    return new QueryScorer(this.index, FIELD_WEIGHTS, within);
  }

  /**
   * The units `requiredUnits` names must match; the others add to the score. When no entry matches every required unit,
   * the match is relaxed: entries serving more of the needs named come first, then those matching
   * more units (filler never is one), then by score.
   */
  private match(units: readonly QueryUnit[], scorer: QueryScorer, candidates: Bits): Matched {
    if (units.length === 0) return { bits: this.slots.none(), relaxed: false, add: () => { throw new Error('no units'); }, compare: byOrder, matchesOf: () => [] };
    const perUnit = units.map((unit) => this.unitMatches(unit, scorer, undefined, candidates));
    const sizes = perUnit.map((result) => result.size);
    const required = requiredUnits(units, sizes, this.commonAbove());
    const coordinated = coordinatedUnits(units, sizes, this.commonAbove());
    const strict = intersect(this.slots.none().fill(~0), ...perUnit.filter((_, i) => required[i]).map((result) => result.bits));
    const relaxed = countOf(strict) === 0;
    const bits = relaxed ? perUnit.reduce((any, result) => any.map((word, i) => word | result.bits[i]!), this.slots.none()) : strict;
    const lead = required.indexOf(true);

    const held: boolean[] = perUnit.map(() => false);
    /** Coordination is 1 unless two units or more are coordinated. */
    const coordinating = coordinated.filter(Boolean).length >= 2;
    const add = (candidates: Candidates, slot: number, boost: (doc: SearchDocument) => number): void => {
      let score = 0;
      let matched = 0;
      let needs = 0;
      let first = -1;
      for (let i = 0; i < perUnit.length; i++) {
        const result = perUnit[i]!;
        held[i] = has(result.bits, slot);
        if (!held[i]) continue;
        score += result.scores[slot]!;
        matched += 1;
        if (result.serving && has(result.serving, slot)) needs += 1;
        if (first < 0) first = i;
      }
      const leading = relaxed ? first : lead;
      const coordinate = coordinating ? coordination(coordinated, held) : 1;
      candidates.add(slot, score * boost(this.slots.at(slot)!) * coordinate, slot, leading, textScore(perUnit[leading]!, slot), matched, needs);
    };
    const matchesOf = (slot: number): UnitMatch[] => {
      return units.flatMap((unit, i) => {
        const result = perUnit[i]!;
        if (!has(result.bits, slot)) return [];
        const matched = new Map<string, FieldSet>();
        if (result.pass) for (const [term, fields] of scorer.details(result.pass, slot)) matched.set(this.index.termOf(term), fields);
        const meets = unit.means && result.serving && has(result.serving, slot) ? meetsMeaning(unit.means, this.slots.at(slot)!) : undefined;
        return [{ unit, terms: matched, ...(meets ? { meets } : {}) }];
      });
    };
    const byLead = (c: Candidates): Order => {
      const { first, lead, order } = c;
      return (a, b) => first[a]! - first[b]! || lead[b]! - lead[a]! || order[a]! - order[b]!;
    };
    if (!relaxed) {
      return {
        bits,
        relaxed: false,
        add,
        compare: (c) => {
          const { score } = c;
          const then = byLead(c);
          return (a, b) => score[b]! - score[a]! || then(a, b);
        },
        matchesOf,
      };
    }
    return {
      bits,
      relaxed: units.length > 1,
      add,
      compare: (c) => {
        const { needs, matched, score } = c;
        const then = byLead(c);
        return (a, b) => needs[b]! - needs[a]! || matched[b]! - matched[a]! || score[b]! - score[a]! || then(a, b);
      },
      matchesOf,
    };
  }

  /**
   * A unit's matches by text and, for a need word (outside suggestions), every entry that serves the
   * need: how well it serves it (meaningFit, 0–1), times the unit's best text score, adds to its score.
   * A need word's text is not looked for in the taxonomy labels: its meaning says that more exactly
   * ("etablera" is not the stage "Etablerat").
   */
  private unitMatches(unit: QueryUnit, scorer: QueryScorer, only?: FieldSet, candidates?: Bits): UnitResult {
    const text = this.textMatches(unit, scorer, only ?? (unit.means ? NEED_TEXT_FIELDS : ALL_FIELDS));
    if (!unit.means || only !== undefined) return text;
    let scale = NEED_MIN_SCORE;
    forEachSlot(text.bits, (slot) => {
      if (text.scores[slot]! > scale) scale = text.scores[slot]!;
    });
    const serving = this.slots.none();
    for (const dimension of MEANING_DIMENSIONS) {
      const values = unit.means[dimension];
      if (!values) continue;
      const bits = this.slots.anyOf(dimension === 'profileArea' ? 'profileArea' : dimension, values);
      for (let i = 0; i < serving.length; i++) serving[i]! |= bits[i]!;
    }
    const bits = text.bits.slice();
    const scores = this.scoreArrays.take(text.scores.length);
    scores.set(text.scores);
    const fit = this.meaningFitter(unit.means);
    for (let w = 0; w < serving.length; w++) {
      let word = candidates ? serving[w]! & candidates[w]! : serving[w]!;
      while (word !== 0) {
        const lowest = word & -word;
        const slot = (w << 5) + 31 - Math.clz32(lowest);
        word ^= lowest;
        scores[slot] = ((bits[w]! & lowest) !== 0 ? scores[slot]! : 0) + scale * fit(slot);
      }
      bits[w]! |= serving[w]!;
    }
    return { size: countOf(bits), bits, scores, pass: text.pass, serving, text };
  }

  /**
   * How well the document in a slot serves a meaning (meaningFit): the sum over the dimensions the meaning names of
   * each one's share, worked out once per distinct set of values a dimension holds and values wanted.
   */
  private meaningFitter(means: Meaning): (slot: number) => number {
    const size = meaningSize(means);
    const parts = MEANING_DIMENSIONS.filter((dimension) => means[dimension] !== undefined).map((dimension) => {
      const alone: Meaning = { [dimension]: means[dimension] };
      const key = `${dimension}\n${means[dimension]!.join('\n')}`;
      let byValueSet = this.shares.get(key);
      if (!byValueSet) this.shares.set(key, (byValueSet = []));
      return (slot: number): number => {
        const set = this.slots.valueSet(dimension, slot);
        let share = byValueSet[set];
        if (share === undefined) {
          const doc = this.slots.at(slot)!;
          byValueSet[set] = share = meaningFit(alone, meetsMeaning(alone, doc), doc);
        }
        return share;
      };
    });
    return (slot) => {
      let sum = 0;
      for (const part of parts) sum += part(slot);
      return sum / Math.max(size, 1);
    };
  }

  /**
   * A unit's matches by text, searched as typed (the last word a prefix while it is not yet a known word);
   * a word common across the catalogue is not widened further. Otherwise synonyms and compound parts
   * join in, in the fields that say what an entry is (name, summary, labels, tags); when that finds
   * nothing, one typo is allowed and long stems match their derivations.
   */
  private textMatches(unit: QueryUnit, scorer: QueryScorer, fields: FieldSet): UnitResult {
    const typing = unit.last && !this.lexicon.has(fold(lower(unit.text)));
    const asTyped = { ...unit, last: typing };
    const plain = this.searchUnit(scorer, { ...asTyped, synonyms: [], parts: [] }, { typing, typos: false }, fields);
    if (plain.slots.length > this.commonAbove()) return this.unitResult(plain);
    const strict = unit.synonyms.length + unit.parts.length > 0 ? this.searchUnit(scorer, asTyped, { typing, typos: false }, fields) : plain;
    return this.unitResult(strict.slots.length > 0 ? strict : this.searchUnit(scorer, asTyped, { typing, typos: true }, fields));
  }

  private unitResult({ slots, scores, pass }: Scored & { pass: Pass }): UnitResult {
    const bits = this.slots.none();
    const dense = this.scoreArrays.take(bits.length * 32);
    for (let i = 0; i < slots.length; i++) {
      bits[slots[i]! >>> 5]! |= 1 << (slots[i]! & 31);
      dense[slots[i]!] = scores[i]!;
    }
    return { size: slots.length, bits, scores: dense, pass };
  }

  /** One pass for a unit: its words, each synonym, its compound parts and their leading parts, any of which may match. */
  private searchUnit(scorer: QueryScorer, unit: QueryUnit, tolerance: Tolerance, fields: FieldSet): Scored & { pass: Pass } {
    const suggesting = unit.suggesting === true;
    const allOf = (words: readonly string[], weight: number, typing: boolean): Branch =>
      words.map((word, i) => this.wordLeaves(word, weight, { ...tolerance, typing: typing && i === words.length - 1 }, fields, suggesting));
    const strong = fields & STRONG_FIELDS;
    const widened = (words: readonly string[], weight: number): Branch =>
      words.map((word) => this.wordLeaves(word, weight, { ...tolerance, typing: false }, strong, false));
    const pass: Pass = [
      allOf(unit.words, 1, tolerance.typing),
      ...unit.synonyms.filter((s) => s.length > 0).map((s) => widened(s, SYNONYM_WEIGHT)),
      ...(unit.parts.length > 0 ? [widened(unit.parts, PARTS_WEIGHT)] : []),
      ...(unit.parts.length > 1 ? [widened(unit.parts.slice(0, -1), MODIFIER_WEIGHT)] : []),
    ];
    return { ...scorer.evaluate(pass), pass };
  }

  /** A unit matching more documents than this is common: it ranks but does not restrict. */
  private commonAbove(): number {
    return this.documents.size >= MIN_DOCUMENTS_FOR_COMMON_WORDS ? COMMON_WORD_SHARE * this.documents.size : Infinity;
  }

  /** A word matches in the form typed (weighted up) or by a folded stem, within the given fields. */
  private wordLeaves(word: string, weight: number, tolerance: Tolerance, fields: FieldSet, suggesting: boolean): Leaf[] {
    const { exact, stems } = queryForms(word, this.known);
    const prefix = tolerance.typing && word.length >= (suggesting ? MIN_SUGGEST_PREFIX_LENGTH : MIN_PREFIX_LENGTH);
    return [exact, ...stems].map((form, i) => ({
      form,
      fields,
      prefix: prefix || (tolerance.typos && form.length >= MIN_DERIVATION_PREFIX_LENGTH),
      fuzzy: tolerance.typos && form.length >= MIN_FUZZY_LENGTH,
      weight: i === 0 ? weight * EXACT_WEIGHT : weight,
    }));
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
    const slot = this.slots.slotOf(id);
    if (slot !== undefined) this.index.remove(slot);
    if (operation.type === 'delete') {
      if (slot !== undefined) {
        this.documents.delete(id);
        this.slots.remove(id);
      }
      return { id, result: 'applied' };
    }
    this.documents.set(id, operation.document);
    this.slots.put(operation.document);
    this.index.add(this.slots.slotOf(id)!, this.documentTerms(operation.document));
    return { id, result: 'applied' };
  }

  /**
   * A hit found without words: it depends on the document and the language alone (and, for an offer, where the
   * visitor is), so it is built once per document and language, and built again when the document is replaced.
   */
  private browseHit(doc: SearchDocument, query: SearchQuery): SearchHit {
    if (doc.offer && query.offer.near) return this.toHit(doc, 0, [], query);
    let byLanguage = this.browsed.get(doc);
    if (!byLanguage) this.browsed.set(doc, (byLanguage = {}));
    return (byLanguage[query.language] ??= this.toHit(doc, 0, [], query));
  }

  private toHit(doc: SearchDocument, score: number, matches: readonly UnitMatch[], { language, offer }: SearchQuery): SearchHit {
    const matchedTerms = matches.map(({ unit, terms, meets }) => {
      let bits = 0;
      for (const fields of terms.values()) bits |= fields;
      const fields = new Set(FIELD_SPECS.filter((_, i) => bits & (1 << i)).map((spec) => spec.field));
      return { term: unit.text, fields: TEXT_FIELDS.filter((f) => fields.has(f)), ...(meets ? { meets } : {}) };
    });
    const matched = new Set(matches.flatMap(({ terms }) => [...terms.keys()]));
    const told = new Map<string, boolean>();
    const isMatch = matched.size === 0 ? () => false : (word: string) => {
      let is = told.get(word);
      if (is === undefined) told.set(word, (is = this.termsOf(word, language).some((term) => matched.has(term))));
      return is;
    };
    return buildHit(doc, language, { score, matchedTerms, isMatch }, offer.near);
  }
}

/** A word's index terms, their ids once a document holding the word is indexed, and the field read last that held it. */
type AnalysedWord = { terms: string[]; ids?: Int32Array; stamp: number };

/** One document's terms as they are read, field by field: each (field, term) once, with its count. */
class DocumentTermsBuilder implements DocumentTerms {
  count = 0;
  fields = new Int32Array(64);
  terms = new Int32Array(64);
  frequencies = new Int32Array(64);
  readonly lengths: number[];
  /** Per term id: the field (by stamp) it was counted in last, and where. */
  private seenIn = new Int32Array(1024);
  private at = new Int32Array(1024);

  constructor(fieldCount: number) {
    this.lengths = new Array<number>(fieldCount).fill(0);
  }

  /** Counts one occurrence of a term in the field being read (`stamp` numbers it). */
  count1(field: number, term: number, stamp: number): void {
    if (term >= this.seenIn.length) {
      const size = Math.max(term + 1, this.seenIn.length * 2);
      const seenIn = new Int32Array(size);
      seenIn.set(this.seenIn);
      const at = new Int32Array(size);
      at.set(this.at);
      this.seenIn = seenIn;
      this.at = at;
    }
    if (this.seenIn[term] === stamp) {
      this.frequencies[this.at[term]!]! += 1;
      return;
    }
    if (this.count === this.terms.length) {
      const grow = (array: Int32Array) => {
        const out = new Int32Array(array.length * 2);
        out.set(array);
        return out;
      };
      this.fields = grow(this.fields);
      this.terms = grow(this.terms);
      this.frequencies = grow(this.frequencies);
    }
    this.seenIn[term] = stamp;
    this.at[term] = this.count;
    this.fields[this.count] = field;
    this.terms[this.count] = term;
    this.frequencies[this.count++] = 1;
  }
}

/**
 * A unit's matches: the slots (and how many), each one's score, the pass that found them and, for a need, the
 * entries serving it and the matches by text alone.
 */
type UnitResult = {
  size: number;
  bits: Bits;
  scores: Float64Array;
  pass?: Pass;
  serving?: Bits;
  text?: { bits: Bits; scores: Float64Array };
};
/** A slot's score by a unit's text; below every text match when only its need found it. */
const textScore = (result: UnitResult, slot: number): number => {
  const text = result.text ?? result;
  return has(text.bits, slot) ? text.scores[slot]! : -1;
};
/** What a hit matched of a unit: the index terms and their fields, and for a need what it meets. */
type UnitMatch = { unit: QueryUnit; terms: Map<string, FieldSet>; meets?: ReturnType<typeof meetsMeaning> };
/**
 * A search's candidates in columns, by position (no object per candidate): `order`, where each stood (its slot, or its
 * place by name when browsing); `first`, `lead`: the unit that found it first and its score there; `matched`, `needs`:
 * how many units it matched and how many needs it serves. One set serves every search (each runs synchronously).
 */
class Candidates {
  length = 0;
  slots = new Int32Array(0);
  score = new Float64Array(0);
  order = new Float64Array(0);
  first = new Int32Array(0);
  lead = new Float64Array(0);
  matched = new Int32Array(0);
  needs = new Int32Array(0);

  /** Empty, with room for `capacity`. */
  reset(capacity: number): this {
    this.length = 0;
    if (this.slots.length < capacity) {
      const room = Math.max(capacity, this.slots.length * 2);
      this.slots = new Int32Array(room);
      this.score = new Float64Array(room);
      this.order = new Float64Array(room);
      this.first = new Int32Array(room);
      this.lead = new Float64Array(room);
      this.matched = new Int32Array(room);
      this.needs = new Int32Array(room);
    }
    return this;
  }

  add(slot: number, score: number, order: number, first: number, lead: number, matched: number, needs: number): void {
    const at = this.length++;
    this.slots[at] = slot;
    this.score[at] = score;
    this.order[at] = order;
    this.first[at] = first;
    this.lead[at] = lead;
    this.matched[at] = matched;
    this.needs[at] = needs;
  }
}
/** Compares two candidates by position. */
type Order = (a: number, b: number) => number;
/** The slots matched, how to add one to the candidates, the candidates' relevance order and a hit's unit matches. */
type Matched = {
  bits: Bits;
  relaxed: boolean;
  add: (candidates: Candidates, slot: number, boost: (doc: SearchDocument) => number) => void;
  compare: (candidates: Candidates) => Order;
  matchesOf: (slot: number) => UnitMatch[];
};

const byOrder = ({ order }: Candidates): Order => (a, b) => order[a]! - order[b]!;

/** The positions of the first `k` candidates by `compare` (a total order), in that order, without sorting the rest. */
const firstK = (candidates: Candidates, compare: Order, k: number): number[] => {
  const n = candidates.length;
  if (n <= k * 4) return Array.from({ length: n }, (_, i) => i).sort(compare).slice(0, k);
  const best: number[] = [];
  for (let candidate = 0; candidate < n; candidate++) {
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

/**
 * Scores by slot, lent for one search or suggestion (each runs synchronously to its end) and taken back by the next:
 * a slot's score is read only where the slot is in the set it belongs to, so what an array held before does not matter.
 */
class ScoreArrays {
  private readonly arrays: Float64Array[] = [];
  private lent = 0;

  take(length: number): Float64Array {
    if (this.lent >= MAX_LENT_SCORE_ARRAYS) return new Float64Array(length);
    let array = this.arrays[this.lent];
    if (!array || array.length < length) this.arrays[this.lent] = array = new Float64Array(length);
    this.lent += 1;
    return array.subarray(0, length);
  }

  reclaim(): void {
    this.lent = 0;
  }
}
const MAX_LENT_SCORE_ARRAYS = 16;

/** What a need unit adds when no entry holds its words (a score of the order of one weak text match). */
const NEED_MIN_SCORE = 1;


/**
 * The first `k` hits in the query's order; ties keep relevance order (`relevance`). By relevance, entries meeting
 * more of the query's preferences come first when there are no words; by area, documents without one come last
 * either way; by distance, those without a position.
 */
const sorted = (candidates: Candidates, slots: DocumentSlots, query: SearchQuery, relevance: Order, k: number): number[] => {
  const near = query.offer.near;
  const fit = preferenceFit(query.prefer);
  const docAt = (at: number) => slots.at(candidates.slots[at]!)!;
  if (query.sort === 'relevance' || (query.sort === 'distance' && !near)) {
    if (query.sort !== 'relevance' || !fit || query.q.trim() !== '') return firstK(candidates, relevance, k);
    const fits = Array.from({ length: candidates.length }, (_, at) => fit(docAt(at)));
    return firstK(candidates, (a, b) => fits[b]! - fits[a]! || relevance(a, b), k);
  }
  const key = (doc: SearchDocument): number | undefined => {
    switch (query.sort) {
      case 'area-desc': return doc.offer?.areaM2 === undefined ? undefined : -doc.offer.areaM2;
      case 'area-asc': return doc.offer?.areaM2;
      case 'distance': return doc.offer && near ? distanceKm(near, doc.offer.position) : undefined;
      default: return 0;
    }
  };
  const keys = Array.from({ length: candidates.length }, (_, at) => key(docAt(at)));
  return firstK(candidates, (a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    return (ka === undefined ? (kb === undefined ? 0 : 1) : kb === undefined ? -1 : ka - kb) || relevance(a, b);
  }, k);
};

/** With words, each preference met raises an entry's score by half; without, entries meeting more come first (see `preferred`). */
const PREFERENCE_WEIGHT = 0.5;
const preferenceBoost = (query: SearchQuery): ((doc: SearchDocument) => number) => {
  const fit = preferenceFit(query.prefer);
  return fit ? (doc) => 1 + PREFERENCE_WEIGHT * fit(doc) : () => 1;
};
