/**
 * The embedded search engine: MiniSearch for matching and BM25 ranking over exact and analysed
 * (folded, stemmed, decompounded) fields, with synonyms, one typo from five letters and a prefix on
 * the last word; filtering, disjunctive facets, validity windows, pagination and snippets are done
 * here over the engine's matches.
 */
import MiniSearch, { type QueryCombination } from 'minisearch';
import type { EntryId } from '#shared/domain/entry.ts';
import type { EngineResult, FacetCounts, SearchDocument, SearchHit, SearchQuery, Suggestion, SuggestQuery } from '#shared/domain/search.ts';
import { FACETS } from '#shared/domain/taxonomy.ts';
import type { Language } from '#shared/domain/text.ts';
import type { IndexOperation, IndexOutcome, SearchIndex } from '#shared/ports/search-index.ts';
import { exactTerm, indexVariants, lower, queryVariants, tokenize } from '#shared/search/analysis.ts';
import { planQuery, synonymIndex, type QueryUnit, type SynonymIndex } from '#shared/search/query-plan.ts';
import { buildSnippet } from '#shared/search/snippet.ts';
import { NO_SYNONYMS, type Synonyms } from '#shared/search/synonyms.ts';

const LANGUAGES: readonly Language[] = ['sv', 'en'];
const TEXT_FIELDS = ['name', 'summary', 'description', 'labels', 'tags'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** Name over summary over description over tags. */
/** Name over summary over description over tags; taxonomy labels weigh like a summary. */
const FIELD_WEIGHT: Record<TextField, number> = { name: 5, summary: 2.5, labels: 2, description: 1, tags: 0.8 };
const EXACT_WEIGHT = 2;
const SYNONYM_WEIGHT = 0.7;
const PARTS_WEIGHT = 0.5;
/** A compound's leading parts say what it is about ("export" in "exportstöd"); its last part is the general kind. */
const MODIFIER_WEIGHT = 0.35;
const TIE_BREAKER = 0.2;
/** A last word this long is matched as a prefix while typing; suggestions start from the first letters. */
const MIN_PREFIX_LENGTH = 4;
const MIN_SUGGEST_PREFIX_LENGTH = 2;
const MIN_FUZZY_LENGTH = 5;
/** Long stems also find their derivations (kommersialiser → kommersialisering). */
const MIN_DERIVATION_PREFIX_LENGTH = 8;
const MIN_DOCUMENTS_FOR_COMMON_WORDS = 40;
const COMMON_WORD_SHARE = 0.2;

type FieldSpec = { name: string; field: TextField; language: Language; exact: boolean };
const FIELD_SPECS: FieldSpec[] = TEXT_FIELDS.flatMap((field) =>
  LANGUAGES.flatMap((language) => [
    { name: `${field}.${language}`, field, language, exact: false },
    { name: `${field}.${language}.exact`, field, language, exact: true },
  ]),
);
const SPEC_BY_NAME = new Map(FIELD_SPECS.map((s) => [s.name, s]));
const ANALYSED_FIELDS = FIELD_SPECS.filter((s) => !s.exact).map((s) => s.name);
const EXACT_FIELDS = FIELD_SPECS.filter((s) => s.exact).map((s) => s.name);
const BOOST = Object.fromEntries(FIELD_SPECS.map((s) => [s.name, FIELD_WEIGHT[s.field] * (s.exact ? EXACT_WEIGHT : 1)]));
const NAME_FIELDS = FIELD_SPECS.filter((s) => s.field === 'name').map((s) => s.name);

const fieldText = (doc: SearchDocument, spec: FieldSpec): string =>
  spec.field === 'tags' || spec.field === 'labels'
    ? spec.language === 'sv'
      ? (spec.field === 'tags' ? doc.sectors : doc.keywords).join(' ')
      : ''
    : (doc[spec.field][spec.language] ?? '');

const emptyCounts = (): FacetCounts =>
  Object.fromEntries(FACETS.map((f) => [f, {} as Record<string, number>])) as FacetCounts;

const verbatim = { tokenize: (text: string) => [text], processTerm: (term: string) => term };

export type EmbeddedSearchOptions = {
  /** Folded words and stems that compounds are split into (see buildLexicon). */
  lexicon?: Iterable<string>;
  synonyms?: Synonyms;
};

export class EmbeddedSearchIndex implements SearchIndex {
  private readonly documents = new Map<string, SearchDocument>();
  private readonly versions = new Map<string, number>();
  private readonly nameOrder = new Map<Language, SearchDocument[]>();
  private readonly collator = new Intl.Collator('sv');
  private readonly lexicon: ReadonlySet<string>;
  private readonly synonyms: SynonymIndex;
  private readonly engine: MiniSearch<SearchDocument>;

  constructor(options: EmbeddedSearchOptions = {}) {
    this.lexicon = new Set(options.lexicon ?? []);
    this.synonyms = synonymIndex(options.synonyms ?? NO_SYNONYMS);
    this.engine = new MiniSearch<SearchDocument>({
      idField: 'id',
      fields: FIELD_SPECS.map((s) => s.name),
      extractField: (doc, name) => (name === 'id' ? doc.id : fieldText(doc, SPEC_BY_NAME.get(name)!)),
      tokenize: (text) => tokenize(text).map((t) => t.text),
      processTerm: (word, name) => {
        const spec = name ? SPEC_BY_NAME.get(name) : undefined;
        if (!spec || spec.exact) return exactTerm(word);
        return indexVariants(word, spec.language, this.lexicon);
      },
      searchOptions: { ...verbatim, boost: BOOST, combineWith: 'OR' },
    });
  }

  async apply(operations: readonly IndexOperation[]): Promise<IndexOutcome[]> {
    return operations.map((operation) => this.applyOne(operation));
  }

  async size(): Promise<number> {
    return this.documents.size;
  }

  async search(query: SearchQuery): Promise<EngineResult> {
    const units = planQuery(query.q, this.synonyms, this.lexicon);
    const { candidates, relaxed } =
      query.q.trim() === ''
        ? { candidates: this.byName(query.language).map((doc) => ({ doc, score: 0, matches: [] as UnitMatch[] })), relaxed: false }
        : this.match(units);

    const ofProvider = query.providerId;
    const active = FACETS.filter((f) => query.filters[f].length > 0).map((f) => ({ facet: f, values: new Set(query.filters[f]) }));
    const facets = emptyCounts();
    const selected: Candidate[] = [];
    for (const candidate of candidates) {
      if (!isValidOn(candidate.doc, query.today)) continue;
      if (ofProvider !== undefined && candidate.doc.providerId !== ofProvider) continue;
      const failing = active.filter(({ facet, values }) => !candidate.doc.facets[facet].some((v) => values.has(v)));
      if (failing.length === 0) {
        selected.push(candidate);
        for (const facet of FACETS) count(facets[facet], candidate.doc.facets[facet]);
      } else if (failing.length === 1) {
        const facet = failing[0]!.facet;
        count(facets[facet], candidate.doc.facets[facet]);
      }
    }

    const start = (query.page - 1) * query.pageSize;
    const hits = selected.slice(start, start + query.pageSize).map((candidate) => this.toHit(candidate, query.language));
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
   * Every unit must match, except that a unit found in most of the catalogue ("stöd", "företag")
   * only adds to the score when rarer units are present. When no entry matches every required unit,
   * the match is relaxed: entries matching more units come first.
   */
  private match(units: readonly QueryUnit[]): { candidates: Candidate[]; relaxed: boolean } {
    if (units.length === 0) return { candidates: [], relaxed: false };
    const perUnit = units.map((unit) => this.unitMatches(unit));
    const commonAbove = this.commonAbove();
    const rare = perUnit.map((results) => results.size <= commonAbove);
    const required = rare.some(Boolean) ? rare : rare.map(() => true);

    const gather = (ids: Iterable<string>): Candidate[] =>
      [...ids].flatMap((id) => {
        const doc = this.documents.get(id);
        if (!doc) return [];
        const matches = units.flatMap((unit, i) => {
          const result = perUnit[i]!.get(id);
          return result ? [{ unit, result }] : [];
        });
        return [{ doc, score: matches.reduce((sum, m) => sum + m.result.score, 0), matches }];
      });

    const strictIds = [...perUnit[required.indexOf(true)]!.keys()].filter((id) => perUnit.every((results, i) => !required[i] || results.has(id)));
    if (strictIds.length > 0) return { candidates: gather(strictIds).sort(byScore), relaxed: false };
    const anyIds = new Set(perUnit.flatMap((results) => [...results.keys()]));
    return {
      candidates: gather(anyIds).sort((a, b) => b.matches.length - a.matches.length || byScore(a, b)),
      relaxed: units.length > 1,
    };
  }

  /**
   * A unit's matches: its words, each synonym, its compound parts and the compound's leading parts
   * are searched apart and a
   * document scores its best alternative plus a share of the others (a disjunction max), so an
   * entry is not ranked up merely for repeating many synonyms.
   */
  private unitMatches(unit: QueryUnit, only?: readonly string[]): Map<string, UnitResult> {
    const fields = (names: readonly string[]) => (only ? names.filter((name) => only.includes(name)) : [...names]);
    const allOf = (words: readonly string[], last: boolean, weight: number): QueryCombination => ({
      combineWith: 'AND',
      boost: scaled(weight),
      queries: words.map((word) => this.wordQuery(word, { ...unit, last }, fields(EXACT_FIELDS), fields(ANALYSED_FIELDS))),
    });
    const alternatives: QueryCombination[] = [
      allOf(unit.words, unit.last, 1),
      ...unit.synonyms.filter((s) => s.length > 0).map((s) => allOf(s, false, SYNONYM_WEIGHT)),
      ...(unit.parts.length > 0 ? [allOf(unit.parts, false, PARTS_WEIGHT)] : []),
      ...(unit.parts.length > 1 ? [allOf(unit.parts.slice(0, -1), false, MODIFIER_WEIGHT)] : []),
    ];
    const byId = new Map<string, { scores: number[]; match: Record<string, string[]> }>();
    for (const alternative of alternatives) {
      for (const result of this.engine.search(alternative)) {
        const held = byId.get(result.id as string) ?? { scores: [], match: {} };
        held.scores.push(result.score);
        for (const [term, names] of Object.entries(result.match)) held.match[term] = [...new Set([...(held.match[term] ?? []), ...names])];
        byId.set(result.id as string, held);
      }
    }
    return new Map(
      [...byId].map(([id, { scores, match }]) => {
        const best = Math.max(...scores);
        const rest = scores.reduce((a, b) => a + b, 0) - best;
        return [id, { score: best + TIE_BREAKER * rest, match }];
      }),
    );
  }

  private commonAbove(): number {
    return this.documents.size >= MIN_DOCUMENTS_FOR_COMMON_WORDS ? COMMON_WORD_SHARE * this.documents.size : Infinity;
  }

  /** A word matches in its exact form or an analysed one, within the given fields. */
  private wordQuery(word: string, unit: QueryUnit, exactFields: string[], analysedFields: string[]): QueryCombination {
    const prefix = unit.last && word.length >= (unit.suggesting ? MIN_SUGGEST_PREFIX_LENGTH : MIN_PREFIX_LENGTH);
    const variants = queryVariants(word);
    const long = variants.filter((v) => v.length >= MIN_FUZZY_LENGTH);
    const short = variants.filter((v) => v.length < MIN_FUZZY_LENGTH);
    return {
      combineWith: 'OR',
      queries: [
        { ...verbatim, queries: [lower(word)], fields: exactFields, prefix },
        ...(long.length > 0
          ? [{ ...verbatim, queries: long, fields: analysedFields, fuzzy: 1, prefix: (term: string) => prefix || term.length >= MIN_DERIVATION_PREFIX_LENGTH }]
          : []),
        ...(short.length > 0 ? [{ ...verbatim, queries: short, fields: analysedFields, prefix }] : []),
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

  private toHit({ doc, score, matches }: Candidate, language: Language): SearchHit {
    const matchedTerms = matches.map(({ unit, result }) => {
      const fields = new Set(Object.values(result.match).flatMap((names) => names.map((name) => SPEC_BY_NAME.get(name)!.field)));
      return { term: unit.text, fields: TEXT_FIELDS.filter((f) => fields.has(f)) };
    });
    const matched = new Set(matches.flatMap(({ result }) => Object.keys(result.match)));
    const isMatch = (word: string) =>
      matched.has(lower(word)) || indexVariants(word, language, this.lexicon).some((term) => matched.has(term));
    const snippetSource =
      (['summary', 'description'] as const)
        .map((field) => doc[field][language] ?? doc[field].sv)
        .find((text) => tokenize(text).some((t) => isMatch(t.text))) ?? (doc.summary[language] ?? doc.summary.sv);
    return {
      id: doc.id as EntryId,
      kind: doc.kind,
      name: doc.name,
      summary: doc.summary,
      ...(doc.providerId ? { providerId: doc.providerId } : {}),
      wholeCounty: doc.wholeCounty,
      facets: doc.facets,
      score,
      matchedTerms,
      snippet: buildSnippet(snippetSource, isMatch),
    };
  }
}

type UnitResult = { score: number; match: Record<string, string[]> };
type UnitMatch = { unit: QueryUnit; result: UnitResult };
type Candidate = { doc: SearchDocument; score: number; matches: UnitMatch[] };

const byScore = (a: Candidate, b: Candidate) => b.score - a.score;

const scaled = (weight: number) => Object.fromEntries(Object.entries(BOOST).map(([field, boost]) => [field, boost * weight]));

const isValidOn = (doc: SearchDocument, today: string): boolean =>
  (doc.validFrom === undefined || doc.validFrom <= today) && (doc.validUntil === undefined || today <= doc.validUntil);

const count = (counts: Record<string, number>, values: readonly string[]) => {
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
};

