/**
 * Judges an engine adapter against the brute-force reference: full-result recall and precision,
 * total agreement, paging consistency, first-page precision and tie-aware top-20 agreement with
 * the reference ranking, and exact equality of disjunctive facet counts.
 */
import { FILTER_FIELDS, type EngineAdapter, type FacetCounts, type SearchDoc } from './engine.ts';
import { round } from './measure.ts';
import type { BenchQuery } from './queries.ts';
import type { ReferenceResult } from './reference.ts';

export const PAGE_SIZE = 20;

export interface QueryVerdict {
  label: string;
  referenceTotal: number;
  total: number;
  totalAgrees: boolean;
  recall: number;
  precision: number;
  /** Share of the engine's first page that the reference also matches. */
  pagePrecision: number;
  /** Share of the engine's top 20 scoring at least the reference's 20th-best score. */
  top20Agreement: number;
  pagingConsistent: boolean;
  facetsAgree: boolean;
  facetDiffs: string[];
}

export interface EngineVerdict {
  queries: QueryVerdict[];
  summary: {
    meanRecall: number;
    minRecall: number;
    meanPrecision: number;
    minPrecision: number;
    totalsAgree: string;
    facetsAgree: string;
    pagingConsistent: string;
    meanPagePrecision: number;
    meanTop20Agreement: number;
  };
}

const facetDiffs = (got: FacetCounts, want: FacetCounts): string[] => {
  const diffs: string[] = [];
  for (const field of FILTER_FIELDS) {
    const keys = new Set([...Object.keys(got[field] ?? {}), ...Object.keys(want[field])]);
    for (const key of keys) {
      const g = got[field]?.[key] ?? 0;
      const w = want[field][key] ?? 0;
      if (g !== w) diffs.push(`${field}.${key}: ${g} ≠ ${w}`);
    }
  }
  return diffs;
};

export const judge = (
  adapter: EngineAdapter,
  docs: readonly SearchDoc[],
  queries: readonly BenchQuery[],
  references: readonly ReferenceResult[],
): EngineVerdict => {
  const positionOf = new Map(docs.map((d, i) => [d.id, i]));
  const verdicts = queries.map((query, qi): QueryVerdict => {
    const ref = references[qi]!;
    const full = adapter.search({ q: query.q, filters: query.filters, page: 1, pageSize: docs.length });
    const paged = adapter.search({ q: query.q, filters: query.filters, page: query.page, pageSize: PAGE_SIZE });
    const expectedPage = full.ids.slice((query.page - 1) * PAGE_SIZE, query.page * PAGE_SIZE);
    const got = full.ids.map((id) => positionOf.get(id)!);
    const refSet = new Set(ref.ranked);
    const hit = got.filter((p) => refSet.has(p)).length;
    const top = got.slice(0, PAGE_SIZE);
    const cut = Math.min(PAGE_SIZE, ref.ranked.length);
    const threshold = cut === 0 ? Number.POSITIVE_INFINITY : ref.scores.get(ref.ranked[cut - 1]!)! - 1e-9;
    const agreeing = top.filter((p) => refSet.has(p) && ref.scores.get(p)! >= threshold).length;
    const diffs = facetDiffs(full.facets, ref.facets);
    return {
      label: query.label,
      referenceTotal: ref.ranked.length,
      total: full.total,
      totalAgrees: full.total === ref.ranked.length && got.length === ref.ranked.length,
      recall: ref.ranked.length === 0 ? 1 : round(hit / ref.ranked.length, 4),
      precision: got.length === 0 ? (ref.ranked.length === 0 ? 1 : 0) : round(hit / got.length, 4),
      pagePrecision: top.length === 0 ? (cut === 0 ? 1 : 0) : round(top.filter((p) => refSet.has(p)).length / top.length, 4),
      top20Agreement: cut === 0 ? (top.length === 0 ? 1 : 0) : round(agreeing / cut, 4),
      pagingConsistent: paged.total === full.total && paged.ids.join() === expectedPage.join(),
      facetsAgree: diffs.length === 0,
      facetDiffs: diffs.slice(0, 5),
    };
  });
  const mean = (xs: number[]) => round(xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length), 4);
  const count = (pred: (v: QueryVerdict) => boolean) => `${verdicts.filter(pred).length}/${verdicts.length}`;
  return {
    queries: verdicts,
    summary: {
      meanRecall: mean(verdicts.map((v) => v.recall)),
      minRecall: Math.min(...verdicts.map((v) => v.recall)),
      meanPrecision: mean(verdicts.map((v) => v.precision)),
      minPrecision: Math.min(...verdicts.map((v) => v.precision)),
      totalsAgree: count((v) => v.totalAgrees),
      facetsAgree: count((v) => v.facetsAgree),
      pagingConsistent: count((v) => v.pagingConsistent),
      meanPagePrecision: mean(verdicts.map((v) => v.pagePrecision)),
      meanTop20Agreement: mean(verdicts.map((v) => v.top20Agreement)),
    },
  };
};
