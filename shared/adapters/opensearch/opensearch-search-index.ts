/** SearchIndex on OpenSearch: the embedded engine's semantics through the request builders and response parsers. */
import type { EngineResult, SearchQuery, Suggestion, SuggestQuery } from '#shared/domain/search.ts';
import { FACETS } from '#shared/domain/taxonomy.ts';
import type { IndexOperation, IndexOutcome, SearchIndex } from '#shared/ports/search-index.ts';
import { planQuery, synonymIndex, type QueryUnit, type SynonymIndex } from '#shared/search/query-plan.ts';
import { NO_SYNONYMS, type Synonyms } from '#shared/search/synonyms.ts';
import { compileUnderstanding, NO_QUERY_VOCABULARY, type QueryVocabulary, type Understanding } from '#shared/search/understanding.ts';
import { bulkRequest, countRequest, lexiconRequest, needScaleRequest, searchRequest, suggestRequest, unitStatsRequest, type MatchMode, type RefreshPolicy } from './requests.ts';
import {
  parseBulkResponse,
  parseCountResponse,
  parseLexiconResponse,
  parseNeedScaleResponse,
  parseSearchResponse,
  parseSuggestResponse,
  parseUnitStatsResponse,
} from './responses.ts';
import { expectSuccess, type OpenSearchTransport } from './transport.ts';
import { asTyped, chooseLevel, coordinatedUnits, requiredUnits, type Level, type Spelling } from './unit-queries.ts';

export type OpenSearchSearchIndexOptions = {
  transport: OpenSearchTransport;
  /** The alias (or index) to search and write. */
  index: string;
  /** The synonyms the index was created with; query words forming one of their phrases stay one unit. */
  synonyms?: Synonyms;
  /** Filler, sizes and need words of the region's queries, read as the embedded engine reads them. */
  understanding?: QueryVocabulary;
  /**
   * The lexicon the index was created with, for splitting a compound query word into parts.
   * @default read once from the index's decompounder settings
   */
  lexicon?: Iterable<string>;
  /** Make writes visible to search before `apply` returns (tests, reindex checks). @default none: within a second */
  refresh?: RefreshPolicy;
  /** Refuse writes unless `index` is an alias (the stream indexer), so no index is ever created without our mappings. */
  requireAlias?: boolean;
};

const emptyResult = (): EngineResult => ({
  total: 0,
  hits: [],
  facets: Object.fromEntries(FACETS.map((facet) => [facet, {}])) as EngineResult['facets'],
  relaxed: false,
});

/**
 * The OpenSearch adapter. Writes are one bulk request with external versions (stale changes are
 * refused by OpenSearch itself, so concurrent indexers cannot regress an entry); per-item errors
 * become `failed` outcomes with OpenSearch's reason; a failure of the whole request throws.
 *
 * A text search first counts, in one request, how many entries each unit matches as typed, widened
 * and tolerant of typos (and, for a unit typed with å, ä or ö, whether the catalogue spells it so),
 * which chooses each unit's level and spelling and tells common units (not required) from rare ones,
 * as the embedded engine does; a query naming a need then asks each need word's best text score, the
 * scale of its meaning (one _msearch); then it searches strictly, scaled by coordination, and when a
 * query of several units finds no entry matching every required one, again relaxed: entries matching more units first.
 */
export class OpenSearchSearchIndex implements SearchIndex {
  private readonly transport: OpenSearchTransport;
  private readonly index: string;
  private readonly synonyms: SynonymIndex;
  private readonly understanding: Understanding;
  private readonly refresh: RefreshPolicy | undefined;
  private readonly requireAlias: boolean;
  private lexicon: Promise<ReadonlySet<string>> | undefined;

  constructor(options: OpenSearchSearchIndexOptions) {
    this.transport = options.transport;
    this.index = options.index;
    this.synonyms = synonymIndex(options.synonyms ?? NO_SYNONYMS);
    this.understanding = compileUnderstanding(options.understanding ?? NO_QUERY_VOCABULARY);
    this.refresh = options.refresh;
    this.requireAlias = options.requireAlias ?? false;
    if (options.lexicon) this.lexicon = Promise.resolve(new Set(options.lexicon));
  }

  async apply(operations: readonly IndexOperation[]): Promise<IndexOutcome[]> {
    if (operations.length === 0) return [];
    const response = await this.transport.request(bulkRequest(this.index, operations, { refresh: this.refresh, requireAlias: this.requireAlias }));
    return parseBulkResponse(expectSuccess(response, `Bulk write of ${operations.length} operations to ${this.index}`), operations);
  }

  async search(query: SearchQuery): Promise<EngineResult> {
    if (query.q.trim() === '') return (await this.run(query, [], { kind: 'strict', levels: [], required: [] })).result;
    const plan = await this.plan(query.q);
    if (plan.length === 0) return emptyResult();
    const response = await this.transport.request(unitStatsRequest(this.index, plan));
    const { total, counts, spellings } = parseUnitStatsResponse(expectSuccess(response, `Unit statistics in ${this.index}`), plan);
    const chosen = counts.map((unitCounts) => chooseLevel(total, unitCounts));
    const levels = chosen.map((c) => c.level);
    const matching = chosen.map((c) => c.count);
    const needScales = await this.needScales(plan, levels, spellings);
    const strict = await this.run(query, plan, {
      kind: 'strict',
      levels,
      spellings,
      needScales,
      required: requiredUnits(total, plan, matching),
      coordinated: coordinatedUnits(total, plan, matching),
    });
    if (plan.length > 1 && strict.strictMatches === 0) return (await this.run(query, plan, { kind: 'relaxed', levels, spellings, needScales })).result;
    return strict.result;
  }

  /** Each need unit's best text score, the scale of its meaning (see needScaleRequest); none without a need. */
  private async needScales(plan: readonly QueryUnit[], levels: readonly Level[], spellings: readonly Spelling[]): Promise<(number | undefined)[] | undefined> {
    const request = needScaleRequest(this.index, plan, levels, spellings);
    if (!request) return undefined;
    return parseNeedScaleResponse(expectSuccess(await this.transport.request(request), `Need scales in ${this.index}`), plan);
  }

  private async plan(text: string): Promise<QueryUnit[]> {
    const lexicon = await this.compoundLexicon();
    return planQuery(text, this.synonyms, lexicon, this.understanding).map((unit) => asTyped(unit, lexicon));
  }

  private async run(query: SearchQuery, plan: readonly QueryUnit[], mode: MatchMode) {
    const response = await this.transport.request(searchRequest(this.index, query, plan, mode));
    return parseSearchResponse(expectSuccess(response, `Search in ${this.index}`), plan, query.language, mode.kind === 'relaxed', query.offer.near);
  }

  async suggest(query: SuggestQuery): Promise<Suggestion[]> {
    const lexicon = await this.compoundLexicon();
    const plan = planQuery(query.prefix, this.synonyms, lexicon).map((unit, index, all) =>
      asTyped({ ...unit, synonyms: [], last: index === all.length - 1 }, lexicon),
    );
    if (plan.length === 0) return [];
    const response = await this.transport.request(suggestRequest(this.index, query, plan));
    return parseSuggestResponse(expectSuccess(response, `Suggest in ${this.index}`), query.language);
  }

  async size(): Promise<number> {
    return parseCountResponse(expectSuccess(await this.transport.request(countRequest(this.index)), `Count of ${this.index}`));
  }

  /** Read once per instance; a failed read leaves compounds unsplit for this query and is tried again next time. */
  private async compoundLexicon(): Promise<ReadonlySet<string>> {
    this.lexicon ??= this.transport
      .request(lexiconRequest(this.index))
      .then((response) => new Set(parseLexiconResponse(expectSuccess(response, `Settings of ${this.index}`))));
    try {
      return await this.lexicon;
    } catch {
      this.lexicon = undefined;
      return new Set();
    }
  }
}
