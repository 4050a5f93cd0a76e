/**
 * The embedded search engine: MiniSearch for matching and BM25 ranking, with filtering, disjunctive
 * facets, validity windows, pagination and snippets done here over the engine's matches.
 */
import MiniSearch, { type SearchResult as MiniSearchResult } from 'minisearch';
import type { EntryId } from '#shared/domain/entry.ts';
import type { EngineResult, FacetCounts, SearchDocument, SearchHit, SearchQuery, Suggestion, SuggestQuery } from '#shared/domain/search.ts';
import { FACETS, type Facet } from '#shared/domain/taxonomy.ts';
import type { Language } from '#shared/domain/text.ts';
import type { IndexOperation, IndexOutcome, SearchIndex } from '#shared/ports/search-index.ts';
import { queryTerms, tokenize, toTerm } from '#shared/search/analysis.ts';
import { buildSnippet } from '#shared/search/snippet.ts';

const TEXT_FIELDS = ['name', 'summary', 'description'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const LANGUAGES: readonly Language[] = ['sv', 'en'];
const INDEXED_FIELDS = [...TEXT_FIELDS.flatMap((f) => LANGUAGES.map((l) => `${f}.${l}`)), 'sectors'];
const BOOST: Record<string, number> = {
  'name.sv': 4, 'name.en': 4, 'summary.sv': 2, 'summary.en': 2, 'description.sv': 1, 'description.en': 1, sectors: 1.5,
};
const MIN_PREFIX_LENGTH = 4;

const fieldText = (doc: SearchDocument, field: string): string => {
  if (field === 'sectors') return doc.sectors.join(' ');
  const [name, language] = field.split('.') as [TextField, Language];
  return doc[name][language] ?? '';
};

const emptyCounts = (): FacetCounts =>
  Object.fromEntries(FACETS.map((f) => [f, {} as Record<string, number>])) as FacetCounts;

export class EmbeddedSearchIndex implements SearchIndex {
  private readonly documents = new Map<string, SearchDocument>();
  private readonly versions = new Map<string, number>();
  private readonly engine = new MiniSearch<SearchDocument>({
    idField: 'id',
    fields: INDEXED_FIELDS,
    extractField: (doc, field) => (field === 'id' ? doc.id : fieldText(doc, field)),
    tokenize: (text) => tokenize(text).map((t) => t.text),
    processTerm: (term) => toTerm(term),
  });
  private readonly nameOrder = new Map<Language, SearchDocument[]>();
  private readonly collator = new Intl.Collator('sv');

  async apply(operations: readonly IndexOperation[]): Promise<IndexOutcome[]> {
    return operations.map((operation) => this.applyOne(operation));
  }

  async size(): Promise<number> {
    return this.documents.size;
  }

  async search(query: SearchQuery): Promise<EngineResult> {
    const terms = queryTerms(query.q);
    const matches = query.q.trim() === '' ? undefined : this.match(terms);
    const candidates = matches
      ? matches.flatMap((m) => {
          const doc = this.documents.get(m.id as string);
          return doc ? [{ doc, match: m as MiniSearchResult | undefined }] : [];
        })
      : this.byName(query.language).map((doc) => ({ doc, match: undefined as MiniSearchResult | undefined }));

    const ofProvider = query.providerId;
    const active = FACETS.filter((f) => query.filters[f].length > 0).map((f) => ({ facet: f, values: new Set(query.filters[f]) }));
    const facets = emptyCounts();
    const selected: typeof candidates = [];
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
    const hits = selected.slice(start, start + query.pageSize).map(({ doc, match }) => toHit(doc, match, query.language));
    return { total: selected.length, hits, facets };
  }

  async suggest(query: SuggestQuery): Promise<Suggestion[]> {
    const terms = queryTerms(query.prefix);
    if (terms.length === 0) return [];
    const results = this.engine.search(terms.join(' '), {
      fields: ['name.sv', 'name.en'],
      combineWith: 'AND',
      prefix: (_term, index, all) => index === all.length - 1,
      boost: { [`name.${query.language}`]: 2 },
    });
    const suggestions: Suggestion[] = [];
    for (const result of results) {
      const doc = this.documents.get(result.id as string);
      if (!doc || !isValidOn(doc, query.today)) continue;
      suggestions.push({ id: doc.id, kind: doc.kind, name: doc.name[query.language] ?? doc.name.sv });
      if (suggestions.length === query.limit) break;
    }
    return suggestions;
  }

  private match(terms: readonly string[]): MiniSearchResult[] {
    if (terms.length === 0) return [];
    return this.engine.search(terms.join(' '), {
      combineWith: 'AND',
      boost: BOOST,
      prefix: (term, index, all) => index === all.length - 1 && term.length >= MIN_PREFIX_LENGTH,
    });
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
}

const isValidOn = (doc: SearchDocument, today: string): boolean =>
  (doc.validFrom === undefined || doc.validFrom <= today) && (doc.validUntil === undefined || today <= doc.validUntil);

const count = (counts: Record<string, number>, values: readonly string[]) => {
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
};

const logicalField = (field: string): string => field.split('.')[0]!;

const toHit = (doc: SearchDocument, match: MiniSearchResult | undefined, language: Language): SearchHit => {
  const matchedTerms = match
    ? Object.entries(match.match).map(([term, fields]) => ({ term, fields: [...new Set(fields.map(logicalField))] }))
    : [];
  const matched = new Set(matchedTerms.map((m) => m.term));
  const snippetSource =
    (['summary', 'description'] as const)
      .map((field) => doc[field][language] ?? doc[field].sv)
      .find((text) => tokenize(text).some((t) => matched.has(toTerm(t.text) ?? ''))) ?? (doc.summary[language] ?? doc.summary.sv);
  return {
    id: doc.id as EntryId,
    kind: doc.kind,
    name: doc.name,
    summary: doc.summary,
    ...(doc.providerId ? { providerId: doc.providerId } : {}),
    wholeCounty: doc.wholeCounty,
    facets: doc.facets,
    score: match?.score ?? 0,
    matchedTerms,
    snippet: buildSnippet(snippetSource, matched),
  };
};
