/**
 * Parses OpenSearch's answers with zod into the port's results: hits with matched terms, snippets,
 * offer facts and distances, disjunctive facet counts, suggestions, per-item bulk outcomes, counts and settings.
 */
import { buildHit } from '#shared/search/hit.ts';
import { meetsMeaning } from '#shared/search/understanding.ts';
import { z } from 'zod';
import type { GeoPoint } from '#shared/domain/entry.ts';
import { SearchDocument, type EngineResult, type FacetCounts, type SearchHit, type Suggestion } from '#shared/domain/search.ts';
import { FACETS, type Facet } from '#shared/domain/taxonomy.ts';
import type { Language } from '#shared/domain/text.ts';
import type { IndexOperation, IndexOutcome } from '#shared/ports/search-index.ts';
import { lower, tokenize } from '#shared/search/analysis.ts';
import type { QueryUnit } from '#shared/search/query-plan.ts';
import { externalVersion } from './documents.ts';
import { TEXT_FIELDS } from './index-definition.ts';
import { MARK_END, MARK_START, RELAXED_UNIT_SCORE, STRICT_MATCHES, unitCountName } from './requests.ts';
import { hasAlternatives, hasLetters, namedQuery, NEED_MIN_SCORE, type Level, type Spelling, type UnitCounts } from './unit-queries.ts';

const HitSource = SearchDocument.pick({
  id: true,
  kind: true,
  name: true,
  summary: true,
  description: true,
  providerId: true,
  wholeCounty: true,
  facets: true,
  profileAreas: true,
  offer: true,
});
type HitSource = z.infer<typeof HitSource>;

const Hit = z.object({
  _id: z.string(),
  _score: z.number().nullish(),
  _source: HitSource,
  matched_queries: z.array(z.string()).optional(),
  highlight: z.record(z.string(), z.array(z.string())).optional(),
});
type Hit = z.infer<typeof Hit>;

const FacetAggregation = z.object({
  values: z.object({ buckets: z.array(z.object({ key: z.union([z.string(), z.number()]).transform(String), doc_count: z.number() })) }),
});

const Count = z.object({ doc_count: z.number() });

export const SearchResponse = z.object({
  hits: z.object({ total: z.object({ value: z.number() }), hits: z.array(Hit) }),
  aggregations: z
    .object({
      ...Object.fromEntries(FACETS.map((facet) => [facet, FacetAggregation.optional()])),
      [STRICT_MATCHES]: z.object({ live: Count }).optional(),
    })
    .optional(),
});

const NeedScales = z.object({
  responses: z.array(z.object({ hits: z.object({ max_score: z.number().nullish() }) })),
});

/**
 * The scale of each unit's need from needScaleRequest's answers (in the order of the plan's need
 * units): its best text score, at least NEED_MIN_SCORE; undefined for a unit that names no need.
 */
export const parseNeedScaleResponse = (body: unknown, plan: readonly QueryUnit[]): (number | undefined)[] => {
  const { responses } = NeedScales.parse(body);
  const needs = plan.flatMap((unit, i) => (unit.means ? [i] : []));
  if (responses.length !== needs.length) throw new Error(`Expected ${needs.length} need scales, got ${responses.length}`);
  const scales: (number | undefined)[] = plan.map(() => undefined);
  needs.forEach((unit, k) => (scales[unit] = Math.max(NEED_MIN_SCORE, responses[k]!.hits.max_score ?? 0)));
  return scales;
};

const MARKED = new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, 'gu');

/** The lower-cased words the highlighter marked in any field. */
export const highlightedWords = (highlight: Record<string, string[]> | undefined): Set<string> => {
  const words = new Set<string>();
  for (const fragments of Object.values(highlight ?? {})) {
    for (const fragment of fragments) {
      for (const [, marked] of fragment.matchAll(MARKED)) for (const token of tokenize(marked ?? '')) words.add(lower(token.text));
    }
  }
  return words;
};

const toHit = (hit: Hit, plan: readonly QueryUnit[], language: Language, relaxed: boolean, near: GeoPoint | undefined): SearchHit => {
  const doc: HitSource = hit._source;
  const named = new Set(hit.matched_queries ?? []);
  const matchedTerms = plan.flatMap((unit, index) => {
    const fields = TEXT_FIELDS.filter((field) => named.has(namedQuery(index, field)));
    const meets = unit.means && named.has(namedQuery(index, 'meaning')) ? meetsMeaning(unit.means, doc) : [];
    return fields.length > 0 || meets.length > 0 ? [{ term: unit.text, fields: [...fields], ...(meets.length > 0 ? { meets } : {}) }] : [];
  });
  const score = (hit._score ?? 0) - (relaxed ? RELAXED_UNIT_SCORE * matchedTerms.length : 0);
  const marked = highlightedWords(hit.highlight);
  const isMatch = (word: string) => marked.has(lower(word));
  return buildHit(doc, language, { score, matchedTerms, isMatch }, near);
};

const facetAggregation = (response: z.infer<typeof SearchResponse>, facet: Facet) =>
  (response.aggregations as Partial<Record<Facet, z.infer<typeof FacetAggregation>>> | undefined)?.[facet];

/**
 * A search answer as the port's result; `plan` is the query's units, in the order the request named
 * them. `strictMatches` is the unfiltered count of a strict search of several units. Offer hits
 * carry their distance from `near` (measured from the stored position, as the embedded engine does).
 */
export const parseSearchResponse = (
  body: unknown,
  plan: readonly QueryUnit[],
  language: Language,
  relaxed = false,
  near?: GeoPoint,
): { result: EngineResult; strictMatches: number | undefined } => {
  const response = SearchResponse.parse(body);
  const facets = Object.fromEntries(
    FACETS.map((facet) => [
      facet,
      Object.fromEntries((facetAggregation(response, facet)?.values.buckets ?? []).map((bucket) => [bucket.key, bucket.doc_count])),
    ]),
  ) as FacetCounts;
  return {
    result: {
      total: response.hits.total.value,
      hits: response.hits.hits.map((hit) => toHit(hit, plan, language, relaxed, near)),
      facets,
      relaxed,
    },
    strictMatches: response.aggregations?.[STRICT_MATCHES]?.live.doc_count,
  };
};

const UnitStats = z.object({
  hits: z.object({ total: z.object({ value: z.number() }) }),
  aggregations: z.record(z.string(), Count).optional(),
});

/**
 * How many live documents there are, and how many each unit matches at each level, in its spelling:
 * lettered when the unit is typed with å, ä or ö and the catalogue knows it so, else folded.
 */
export const parseUnitStatsResponse = (body: unknown, plan: readonly QueryUnit[]): { total: number; counts: UnitCounts[]; spellings: Spelling[] } => {
  const response = UnitStats.parse(body);
  const count = (unit: number, level: Level | 'known', spelling: Spelling = 'folded'): number => {
    const name = unitCountName(unit, level, spelling);
    const aggregation = response.aggregations?.[name];
    if (!aggregation) throw new Error(`The unit statistics lack ${name}.`);
    return aggregation.doc_count;
  };
  const spellings = plan.map((unit, i): Spelling => (hasLetters(unit) && count(i, 'known') > 0 ? 'lettered' : 'folded'));
  return {
    total: response.hits.total.value,
    counts: plan.map((unit, i) => ({
      plain: count(i, 'plain', spellings[i]),
      ...(hasAlternatives(unit) ? { widened: count(i, 'widened', spellings[i]) } : {}),
      tolerant: count(i, 'tolerant', spellings[i]),
    })),
    spellings,
  };
};

const SuggestResponse = z.object({
  hits: z.object({ hits: z.array(z.object({ _source: SearchDocument.pick({ id: true, kind: true, name: true }) })) }),
});

export const parseSuggestResponse = (body: unknown, language: Language): Suggestion[] =>
  SuggestResponse.parse(body).hits.hits.map(({ _source: doc }) => ({ id: doc.id, kind: doc.kind, name: doc.name[language] ?? doc.name.sv }));

const BulkItem = z.object({
  _id: z.string().optional(),
  status: z.number(),
  error: z.object({ type: z.string(), reason: z.string().nullish() }).optional(),
});
type BulkItem = z.infer<typeof BulkItem>;

export const BulkResponse = z.object({
  errors: z.boolean(),
  items: z.array(z.record(z.string(), BulkItem).transform((item) => Object.values(item)[0])),
});

const HELD_VERSION = /current version \[(\d+)\]/;

/**
 * The outcome of one bulk item. A version conflict is `stale`, except a delete meeting its own
 * tombstone (the same delete delivered again), which is `applied` as in the embedded engine. Any
 * other error is `failed` with OpenSearch's status, type and reason.
 */
export const outcomeOf = (operation: IndexOperation, item: BulkItem | undefined): IndexOutcome => {
  const id = operation.type === 'upsert' ? operation.document.id : operation.id;
  if (!item) return { id, result: 'failed', reason: 'no item for this operation in the bulk response' };
  if (item.status >= 200 && item.status < 300) return { id, result: 'applied' };
  if (item.status === 409 && item.error?.type === 'version_conflict_engine_exception') {
    const held = Number(HELD_VERSION.exec(item.error.reason ?? '')?.[1]);
    return { id, result: operation.type === 'delete' && held === externalVersion(operation) ? 'applied' : 'stale' };
  }
  const reason = [item.error?.type, item.error?.reason].filter(Boolean).join(': ');
  return { id, result: 'failed', reason: `status ${item.status}${reason ? ` ${reason}` : ''}` };
};

/** Bulk items answer the operations in order, one each. */
export const parseBulkResponse = (body: unknown, operations: readonly IndexOperation[]): IndexOutcome[] => {
  const { items } = BulkResponse.parse(body);
  return operations.map((operation, index) => outcomeOf(operation, items[index]));
};

export const parseCountResponse = (body: unknown): number => z.object({ count: z.number().int() }).parse(body).count;

const WordList = z.union([z.array(z.string()), z.record(z.string(), z.string()).transform((list) => Object.values(list))]);
const DecompounderSettings = z.object({
  settings: z.object({
    index: z.object({ analysis: z.object({ filter: z.object({ sv_decompounder: z.object({ word_list: WordList }) }) }) }),
  }),
});

/** The decompounder's word list from a settings answer; empty when the index has none. */
export const parseLexiconResponse = (body: unknown): string[] => {
  const indices = z.record(z.string(), z.unknown()).safeParse(body);
  if (!indices.success) return [];
  for (const settings of Object.values(indices.data)) {
    const parsed = DecompounderSettings.safeParse(settings);
    if (parsed.success) return parsed.data.settings.index.analysis.filter.sv_decompounder.word_list;
  }
  return [];
};

/** The indices an alias answer names. */
export const parseAliasResponse = (body: unknown): string[] => Object.keys(z.record(z.string(), z.unknown()).parse(body)).sort();
