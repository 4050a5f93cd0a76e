/**
 * The benchmark's common contract: the search document, the query and result shapes every
 * engine adapter implements, the one tokenizer all engines are configured with, and the
 * plain-code filter/disjunctive-facet pass that adapters use where their engine falls short.
 */

export const KINDS = ['actor', 'offering', 'testbed', 'investor', 'establishment-offer'] as const;
export const AREAS = ['company-development', 'innovation', 'investment-establishment', 'skills-talent'] as const;
export const STAGES = ['idea', 'startup', 'growth', 'established'] as const;
export const MUNICIPALITIES = [
  '1814', '1860', '1861', '1862', '1863', '1864', '1880', '1881', '1882', '1883', '1884', '1885',
] as const;
export const SUPPORT_TYPES = [
  'advice', 'mentoring', 'incubation', 'grant', 'loan', 'equity', 'testing-demonstration',
  'research-collaboration', 'networking', 'internationalisation', 'skills-development', 'recruitment',
  'establishment-service', 'premises-land',
] as const;
export const FOCUS_LEVELS = ['breadth', 'spearhead'] as const;

export type Kind = (typeof KINDS)[number];
export type FocusLevel = (typeof FOCUS_LEVELS)[number];
export type Localized = { sv: string; en?: string };

/** One catalogue entry as the search index sees it. */
export interface SearchDoc {
  id: string;
  kind: Kind;
  name: Localized;
  summary: Localized;
  description: Localized;
  areas: string[];
  stages: string[];
  municipalities: string[];
  supportTypes: string[];
  focus: FocusLevel;
}

export const FILTER_FIELDS = ['kind', 'areas', 'stages', 'municipalities', 'supportTypes', 'focus'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export const FIELD_VALUES: Record<FilterField, readonly string[]> = {
  kind: KINDS,
  areas: AREAS,
  stages: STAGES,
  municipalities: MUNICIPALITIES,
  supportTypes: SUPPORT_TYPES,
  focus: FOCUS_LEVELS,
};

export const TEXT_FIELDS = [
  'name_sv', 'name_en', 'summary_sv', 'summary_en', 'description_sv', 'description_en',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Field weights: name > summary > description, equal across languages. */
export const BOOST: Record<TextField, number> = {
  name_sv: 3, name_en: 3, summary_sv: 2, summary_en: 2, description_sv: 1, description_en: 1,
};

export type Filters = Partial<Record<FilterField, string[]>>;
export type FacetCounts = Record<FilterField, Record<string, number>>;

export interface SearchQuery {
  q: string;
  /** OR within a field, AND across fields; an absent or empty list does not filter. */
  filters: Filters;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface SearchResult {
  total: number;
  ids: string[];
  /** Per field, counts over docs matching the text and every OTHER field's filter. */
  facets: FacetCounts;
}

/** What each engine under test implements. */
export interface EngineAdapter {
  readonly name: string;
  /** Where the adapter had to work around the engine, in plain words. */
  readonly notes: readonly string[];
  build(docs: readonly SearchDoc[]): void;
  search(query: SearchQuery): SearchResult;
}

/** Lower-cases and splits on anything that is not a letter or digit; strips nothing else. */
export const tokenize = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');

export const queryTerms = (q: string): string[] => [...new Set(tokenize(q))];

export const textOf = (doc: SearchDoc, field: TextField): string | undefined => {
  switch (field) {
    case 'name_sv': return doc.name.sv;
    case 'name_en': return doc.name.en;
    case 'summary_sv': return doc.summary.sv;
    case 'summary_en': return doc.summary.en;
    case 'description_sv': return doc.description.sv;
    case 'description_en': return doc.description.en;
  }
};

export const valuesOf = (doc: SearchDoc, field: FilterField): readonly string[] => {
  const value = doc[field];
  return typeof value === 'string' ? [value] : value;
};

export const activeFilters = (filters: Filters): [FilterField, string[]][] =>
  FILTER_FIELDS.flatMap((f) => {
    const values = filters[f];
    return values && values.length > 0 ? [[f, values] as [FilterField, string[]]] : [];
  });

export const emptyFacets = (): FacetCounts => ({
  kind: {}, areas: {}, stages: {}, municipalities: {}, supportTypes: {}, focus: {},
});

/**
 * Filter values as bitmasks per doc and field, so that filtering and disjunctive facet counting
 * over a candidate set is one tight pass. Every field has at most 31 values.
 */
export class FacetMasks {
  private readonly masks: Int32Array[];
  private readonly size: number;

  constructor(docs: readonly SearchDoc[]) {
    this.size = docs.length;
    this.masks = FILTER_FIELDS.map((field) => {
      const codes = FIELD_VALUES[field];
      const column = new Int32Array(docs.length);
      docs.forEach((doc, i) => {
        let mask = 0;
        for (const v of valuesOf(doc, field)) {
          const bit = codes.indexOf(v);
          if (bit >= 0) mask |= 1 << bit;
        }
        column[i] = mask;
      });
      return column;
    });
  }

  /** The filter as one mask per field, 0 where the field does not filter; -1 when nothing can match. */
  compile(filters: Filters): Int32Array {
    const compiled = new Int32Array(FILTER_FIELDS.length);
    FILTER_FIELDS.forEach((field, f) => {
      const values = filters[field];
      if (!values || values.length === 0) return;
      let mask = 0;
      for (const v of values) {
        const bit = FIELD_VALUES[field].indexOf(v);
        if (bit >= 0) mask |= 1 << bit;
      }
      compiled[f] = mask === 0 ? -1 : mask;
    });
    return compiled;
  }

  /** Returns false when the doc fails the filter; tallies its values into every facet it counts for. */
  visit(doc: number, compiled: Int32Array, counts: Int32Array[]): boolean {
    let failed = -1;
    for (let f = 0; f < compiled.length; f++) {
      const want = compiled[f]!;
      if (want === 0) continue;
      if ((this.masks[f]![doc]! & want) === 0 || want === -1) {
        if (failed >= 0) return false;
        failed = f;
      }
    }
    if (failed >= 0) {
      addBits(counts[failed]!, this.masks[failed]![doc]!);
      return false;
    }
    for (let f = 0; f < compiled.length; f++) addBits(counts[f]!, this.masks[f]![doc]!);
    return true;
  }

  newCounts(): Int32Array[] {
    return FILTER_FIELDS.map((field) => new Int32Array(FIELD_VALUES[field].length));
  }

  /** Filters the candidates (kept in order; null means every doc) and counts disjunctive facets in one pass. */
  apply(candidates: ArrayLike<number> | null, filters: Filters): { matched: number[]; facets: FacetCounts } {
    const compiled = this.compile(filters);
    const counts = this.newCounts();
    const matched: number[] = [];
    const n = candidates === null ? this.size : candidates.length;
    for (let k = 0; k < n; k++) {
      const doc = candidates === null ? k : candidates[k]!;
      if (this.visit(doc, compiled, counts)) matched.push(doc);
    }
    return { matched, facets: toFacetCounts(counts) };
  }
}

const addBits = (counts: Int32Array, mask: number): void => {
  let m = mask;
  while (m !== 0) {
    const bit = 31 - Math.clz32(m & -m);
    counts[bit]!++;
    m &= m - 1;
  }
};

export const toFacetCounts = (counts: Int32Array[]): FacetCounts => {
  const facets = emptyFacets();
  FILTER_FIELDS.forEach((field, f) => {
    FIELD_VALUES[field].forEach((code, bit) => {
      const n = counts[f]![bit]!;
      if (n > 0) facets[field][code] = n;
    });
  });
  return facets;
};

export const pageOf = <T>(items: readonly T[], page: number, pageSize: number): T[] =>
  items.slice((page - 1) * pageSize, page * pageSize);
