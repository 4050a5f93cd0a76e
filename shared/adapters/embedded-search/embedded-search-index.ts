/**
 * The embedded search engine: MiniSearch for matching and BM25 ranking over analysed fields (exact
 * surface, folded stems, compound parts), with synonyms, a prefix on the last word and, when a word
 * finds nothing as typed, one typo from five letters and derivations of long stems; need words also
 * match the entries that serve the need (see understanding.ts), which ranks them up; filtering
 * (facets disjunctively, offer facts conjunctively), validity windows, sorting, preferences,
 * pagination and snippets are done here over the matches.
 */
import MiniSearch, { type QueryCombination } from 'minisearch';
import { distanceKm } from '#shared/domain/geo.ts';
import type { EntryId } from '#shared/domain/entry.ts';
import { restrictsToOffers, type EngineResult, type FacetCounts, type SearchDocument, type SearchHit, type SearchQuery, type Suggestion, type SuggestQuery } from '#shared/domain/search.ts';
import { FACETS } from '#shared/domain/taxonomy.ts';
import type { Language } from '#shared/domain/text.ts';
import type { IndexOperation, IndexOutcome, SearchIndex } from '#shared/ports/search-index.ts';
import { fold, hasDiacritics, indexTerms, lower, queryForms, tokenize } from '#shared/search/analysis.ts';
import { planQuery, requiredUnits, synonymIndex, type QueryUnit, type SynonymIndex } from '#shared/search/query-plan.ts';
import { buildHit } from '#shared/search/hit.ts';
import { passesOfferFilters } from '#shared/search/offer-match.ts';
import { NO_SYNONYMS, type Synonyms } from '#shared/search/synonyms.ts';
import { compileUnderstanding, meaningFit, meetsMeaning, NO_QUERY_VOCABULARY, type QueryVocabulary, type Understanding } from '#shared/search/understanding.ts';
import { preferenceFit } from '#shared/search/preference.ts';

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

const emptyCounts = (): FacetCounts =>
  Object.fromEntries(FACETS.map((f) => [f, {} as Record<string, number>])) as FacetCounts;

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

export class EmbeddedSearchIndex implements SearchIndex {
  private readonly documents = new Map<string, SearchDocument>();
  private readonly versions = new Map<string, number>();
  private readonly nameOrder = new Map<Language, SearchDocument[]>();
  private readonly collator = new Intl.Collator('sv');
  private readonly lexicon: ReadonlySet<string>;
  private readonly synonyms: SynonymIndex;
  private readonly understanding: Understanding;
  /** Index terms spelt with å, ä or ö: the catalogue's vocabulary that decides when a typed word is not folded. */
  private readonly letterTerms = new Set<string>();
  private readonly known = (term: string) => this.letterTerms.has(term);
  private readonly engine: MiniSearch<SearchDocument>;
  private readonly analysed = new Map<string, string[]>();

  constructor(options: EmbeddedSearchOptions = {}) {
    this.lexicon = new Set(options.lexicon ?? []);
    this.synonyms = synonymIndex(options.synonyms ?? NO_SYNONYMS);
    this.understanding = compileUnderstanding(options.understanding ?? NO_QUERY_VOCABULARY);
    this.engine = new MiniSearch<SearchDocument>({
      idField: 'id',
      fields: ALL_FIELDS,
      extractField: (doc, name) => (name === 'id' ? doc.id : fieldText(doc, SPEC_BY_NAME.get(name)!)),
      tokenize: (text) => tokenize(text).map((t) => t.text),
      processTerm: (word, name) => this.termsOf(word, SPEC_BY_NAME.get(name ?? '')?.language ?? 'sv'),
      searchOptions: { ...verbatim, boost: scaled(1), combineWith: 'OR' },
    });
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

  /** What a snapshot keeps (embedded-search-snapshot.ts): the documents, every id's version (removed ones too) and the lexicon. */
  snapshotContents(): { documents: SearchDocument[]; versions: [EntryId, number][]; lexicon: string[] } {
    return { documents: [...this.documents.values()], versions: [...this.versions] as [EntryId, number][], lexicon: [...this.lexicon] };
  }

  async apply(operations: readonly IndexOperation[]): Promise<IndexOutcome[]> {
    return operations.map((operation) => this.applyOne(operation));
  }

  async size(): Promise<number> {
    return this.documents.size;
  }

  async search(query: SearchQuery): Promise<EngineResult> {
    const units = planQuery(query.q, this.synonyms, this.lexicon, this.understanding);
    const { candidates, relaxed } =
      query.q.trim() === ''
        ? { candidates: this.byName(query.language).map((doc) => ({ doc, score: 0, matches: [] as UnitMatch[] })), relaxed: false }
        : this.match(units, preferenceBoost(query));

    const ofProvider = query.providerId;
    const active = FACETS.filter((f) => query.filters[f].length > 0).map((f) => ({ facet: f, values: new Set(query.filters[f]) }));
    const offersOnly = restrictsToOffers(query.offer);
    const facets = emptyCounts();
    const selected: Candidate[] = [];
    for (const candidate of candidates) {
      if (!isValidOn(candidate.doc, query.today)) continue;
      if (ofProvider !== undefined && candidate.doc.providerId !== ofProvider) continue;
      if (offersOnly && !passesOfferFilters(candidate.doc.offer, query.offer)) continue;
      const failing = active.filter(({ facet, values }) => !candidate.doc.facets[facet].some((v) => values.has(v)));
      if (failing.length === 0) {
        selected.push(candidate);
        for (const facet of FACETS) count(facets[facet], candidate.doc.facets[facet]);
      } else if (failing.length === 1) {
        const facet = failing[0]!.facet;
        count(facets[facet], candidate.doc.facets[facet]);
      }
    }

    const ordered = sorted(selected, query);
    const start = (query.page - 1) * query.pageSize;
    const hits = ordered.slice(start, start + query.pageSize).map((candidate) => this.toHit(candidate, query));
    return { total: selected.length, hits, facets, relaxed };
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
  private match(units: readonly QueryUnit[], boost: (doc: SearchDocument) => number): { candidates: Candidate[]; relaxed: boolean } {
    if (units.length === 0) return { candidates: [], relaxed: false };
    const perUnit = units.map((unit) => this.unitMatches(unit));
    const required = requiredUnits(units, perUnit.map((results) => results.size), this.commonAbove());

    const gather = (ids: Iterable<string>): Candidate[] =>
      [...ids].flatMap((id) => {
        const doc = this.documents.get(id);
        if (!doc) return [];
        const matches = units.flatMap((unit, i) => {
          const result = perUnit[i]!.get(id);
          return result ? [{ unit, result }] : [];
        });
        return [{ doc, score: matches.reduce((sum, m) => sum + m.result.score, 0) * boost(doc), matches }];
      });

    const strictIds = [...perUnit[required.indexOf(true)]!.keys()].filter((id) => perUnit.every((results, i) => !required[i] || results.has(id)));
    if (strictIds.length > 0) return { candidates: gather(strictIds).sort(byScore), relaxed: false };
    const anyIds = new Set(perUnit.flatMap((results) => [...results.keys()]));
    return {
      candidates: gather(anyIds).sort((a, b) => needsServed(b) - needsServed(a) || b.matches.length - a.matches.length || byScore(a, b)),
      relaxed: units.length > 1,
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
    const scale = Math.max(NEED_MIN_SCORE, ...[...results.values()].map((r) => r.score));
    for (const doc of this.documents.values()) {
      const meets = meetsMeaning(unit.means, doc);
      if (meets.length === 0) continue;
      const held = results.get(doc.id);
      const score = (held?.score ?? 0) + scale * meaningFit(unit.means, meets, doc);
      results.set(doc.id, { score, match: held?.match ?? {}, meets });
    }
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

  private byName(language: Language): SearchDocument[] {
    let ordered = this.nameOrder.get(language);
    if (!ordered) {
      ordered = [...this.documents.values()].sort((a, b) =>
        this.collator.compare(a.name[language] ?? a.name.sv, b.name[language] ?? b.name.sv),
      );
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
      }
      return { id, result: 'applied' };
    }
    if (existing) this.engine.replace(operation.document);
    else this.engine.add(operation.document);
    this.documents.set(id, operation.document);
    return { id, result: 'applied' };
  }

  private toHit({ doc, score, matches }: Candidate, { language, offer }: SearchQuery): SearchHit {
    const matchedTerms = matches.map(({ unit, result }) => {
      const fields = new Set(Object.values(result.match).flatMap((names) => names.map((name) => SPEC_BY_NAME.get(name)!.field)));
      return { term: unit.text, fields: TEXT_FIELDS.filter((f) => fields.has(f)), ...(result.meets ? { meets: result.meets } : {}) };
    });
    const matched = new Set(matches.flatMap(({ result }) => Object.keys(result.match)));
    const isMatch = (word: string) => this.termsOf(word, language).some((term) => matched.has(term));
    return buildHit(doc, language, { score, matchedTerms, isMatch }, offer.near);
  }
}

type UnitResult = { score: number; match: Record<string, string[]>; meets?: ReturnType<typeof meetsMeaning> };
type UnitMatch = { unit: QueryUnit; result: UnitResult };
type Candidate = { doc: SearchDocument; score: number; matches: UnitMatch[] };

const byScore = (a: Candidate, b: Candidate) => b.score - a.score;

/** What a need unit adds when no entry holds its words (a score of the order of one weak text match). */
const NEED_MIN_SCORE = 1;

const needsServed = (candidate: Candidate): number => candidate.matches.filter((m) => m.result.meets !== undefined).length;

/**
 * Hits in the query's order. Candidates arrive in relevance order, and the sort is stable, so ties
 * keep it. By relevance, entries meeting more of the query's preferences come first; by area,
 * documents without one come last either way; by distance, those without a position.
 */
const sorted = (candidates: Candidate[], query: SearchQuery): Candidate[] => {
  if (query.sort === 'relevance') return preferred(candidates, query);
  const near = query.offer.near;
  const key = (doc: SearchDocument): number | undefined => {
    switch (query.sort) {
      case 'area-desc': return doc.offer?.areaM2 === undefined ? undefined : -doc.offer.areaM2;
      case 'area-asc': return doc.offer?.areaM2;
      case 'distance': return doc.offer && near ? distanceKm(near, doc.offer.position) : undefined;
      default: return 0;
    }
  };
  if (query.sort === 'distance' && !near) return candidates;
  const keyed = candidates.map((candidate) => ({ candidate, key: key(candidate.doc) }));
  keyed.sort((a, b) => (a.key === undefined ? (b.key === undefined ? 0 : 1) : b.key === undefined ? -1 : a.key - b.key));
  return keyed.map((k) => k.candidate);
};

/** With words, each preference met raises an entry's score by half; without, entries meeting more come first (see `preferred`). */
const PREFERENCE_WEIGHT = 0.5;
const preferenceBoost = (query: SearchQuery): ((doc: SearchDocument) => number) => {
  const fit = preferenceFit(query.prefer);
  return fit ? (doc) => 1 + PREFERENCE_WEIGHT * fit(doc) : () => 1;
};

const preferred = (candidates: Candidate[], query: SearchQuery): Candidate[] => {
  const fit = preferenceFit(query.prefer);
  if (!fit || query.q.trim() !== '') return candidates;
  return candidates
    .map((candidate) => ({ candidate, fit: fit(candidate.doc) }))
    .sort((a, b) => b.fit - a.fit)
    .map((keyed) => keyed.candidate);
};

const scaled = (weight: number) => Object.fromEntries(FIELD_SPECS.map((s) => [s.name, FIELD_WEIGHT[s.field] * weight]));

const isValidOn = (doc: SearchDocument, today: string): boolean =>
  (doc.validFrom === undefined || doc.validFrom <= today) && (doc.validUntil === undefined || today <= doc.validUntil);

const count = (counts: Record<string, number>, values: readonly string[]) => {
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
};

