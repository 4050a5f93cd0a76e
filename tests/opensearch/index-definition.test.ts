import { describe, expect, it } from 'vitest';
import {
  buildIndexDefinition,
  decompounderWords,
  FIELD_PATHS,
  MAPPINGS,
  TEXT_FIELDS,
  WORD_PATTERN,
} from '#shared/adapters/opensearch/index-definition.ts';
import { MAX_PAGE, MAX_PAGE_SIZE, OfferDocument, SearchDocument } from '#shared/domain/search.ts';
import { FACETS } from '#shared/domain/taxonomy.ts';
import { tokenize } from '#shared/search/analysis.ts';

type Analysis = {
  tokenizer: Record<string, Record<string, unknown>>;
  filter: Record<string, Record<string, unknown>>;
  analyzer: Record<string, { type: string; tokenizer: string; filter: string[] }>;
};

const definition = (lexicon: string[] = ['innovation', 'stod', 'export']) => buildIndexDefinition({ lexicon });
const analysis = (d = definition()) => (d.settings as { analysis: Analysis }).analysis;
const BUILT_IN_FILTERS = new Set(['lowercase', 'keyword_repeat', 'remove_duplicates']);

/** Every text field path of the mappings, with its properties, e.g. `summary.sv` and `summary.sv.folded`. */
const textFields = (properties: Record<string, any>, prefix = ''): [string, Record<string, any>][] =>
  Object.entries(properties).flatMap(([name, mapping]) => {
    const path = `${prefix}${name}`;
    if (mapping.properties) return textFields(mapping.properties, `${path}.`);
    if (mapping.type !== 'text') return [];
    return [[path, mapping], ...Object.entries<Record<string, any>>(mapping.fields ?? {}).map(([sub, m]) => [`${path}.${sub}`, m] as [string, Record<string, any>])];
  });

describe('buildIndexDefinition', () => {
  it('indexes words lower-cased, stemmed by Snowball and unstemmed, folded', () => {
    const { analyzer, filter } = analysis();
    expect(analyzer.sv_index!.filter).toEqual(['lowercase', 'keyword_repeat', 'sv_stemmer', 'folding', 'remove_duplicates']);
    expect(analyzer.en_index!.filter).toEqual(['lowercase', 'keyword_repeat', 'en_stemmer', 'folding', 'remove_duplicates']);
    expect(filter.sv_stemmer).toEqual({ type: 'snowball', language: 'Swedish' });
    expect(filter.en_stemmer).toEqual({ type: 'snowball', language: 'English' });
  });

  it('searches stemmed and folded, and has no synonym analyzer: a widened query names each synonym, its letters kept (folded, "lån" would find "län")', () => {
    const { analyzer, filter } = analysis();
    expect(analyzer.sv_search!.filter).toEqual(['lowercase', 'sv_stemmer', 'folding']);
    expect(analyzer.en_search!.filter).toEqual(['lowercase', 'en_stemmer', 'folding']);
    expect(Object.keys(analyzer).filter((name) => name.includes('synonym'))).toEqual([]);
    expect(filter).not.toHaveProperty('synonyms');
  });

  it('keeps an exact (lower-cased) and a folded form of every text field, without stemming', () => {
    const { analyzer, filter } = analysis();
    expect(analyzer.exact!.filter).toEqual(['lowercase']);
    expect(analyzer.folded!.filter).toEqual(['lowercase', 'folding']);
    expect(filter.folding).toEqual({ type: 'asciifolding', preserve_original: false });
    for (const [path, mapping] of textFields(MAPPINGS.properties).filter(([p]) => !/\.(exact|folded|letters|parts|prefix)$/.test(p))) {
      expect(mapping.fields, path).toMatchObject({ exact: { type: 'text', analyzer: 'exact' }, folded: { type: 'text', analyzer: 'folded' } });
    }
  });

  it('keeps a letters subfield of every text field, stemmed in its language with å, ä and ö kept, for words the catalogue spells with them', () => {
    const { analyzer } = analysis();
    expect(analyzer.sv_letters_index!.filter).toEqual(['lowercase', 'keyword_repeat', 'sv_stemmer', 'remove_duplicates']);
    expect(analyzer.sv_letters_search!.filter).toEqual(['lowercase', 'sv_stemmer']);
    expect(analyzer.en_letters_index!.filter).toEqual(['lowercase', 'keyword_repeat', 'en_stemmer', 'remove_duplicates']);
    expect(analyzer.en_letters_search!.filter).toEqual(['lowercase', 'en_stemmer']);
    const roots = textFields(MAPPINGS.properties).filter(([p]) => !/\.(exact|folded|letters|parts|prefix)$/.test(p));
    expect(roots.length).toBeGreaterThan(0);
    for (const [path, mapping] of roots) {
      const language = path.endsWith('.en') ? 'en' : 'sv';
      expect(mapping.fields.letters, path).toEqual({ type: 'text', analyzer: `${language}_letters_index`, search_analyzer: `${language}_letters_search` });
    }
  });

  it('keeps only the lexicon words of compounds in a parts subfield of every Swedish field, searched stemmed and folded', () => {
    const { analyzer, filter } = analysis();
    expect(analyzer.sv_parts_index!.filter).toEqual(['lowercase', 'folding', 'sv_decompounder', 'only_parts']);
    expect(analyzer.sv_parts_search!.filter).toEqual(['lowercase', 'sv_stemmer', 'folding']);
    expect(filter.only_parts).toEqual({ type: 'predicate_token_filter', script: { source: 'token.positionIncrement == 0' } });
    const parts = textFields(MAPPINGS.properties).filter(([p]) => p.endsWith('.parts'));
    expect(parts.map(([p]) => p)).toEqual(['name.sv.parts', 'summary.sv.parts', 'description.sv.parts', 'sectors.parts', 'keywords.parts']);
    for (const [, mapping] of parts) expect(mapping).toEqual({ type: 'text', analyzer: 'sv_parts_index', search_analyzer: 'sv_parts_search' });
  });

  it('gives the names edge n-grams from two letters for suggestions, folded, and cuts what is typed to the longest gram', () => {
    const { analyzer, filter } = analysis();
    expect(filter.name_prefixes).toEqual({ type: 'edge_ngram', min_gram: 2, max_gram: 20 });
    expect(filter.prefix_truncate).toEqual({ type: 'truncate', length: 20 });
    expect(analyzer.name_prefix_index!.filter).toEqual(['lowercase', 'folding', 'name_prefixes']);
    expect(analyzer.name_prefix_search!.filter).toEqual(['lowercase', 'folding', 'prefix_truncate']);
    const prefixed = textFields(MAPPINGS.properties).filter(([p]) => p.endsWith('.prefix')).map(([p]) => p);
    expect(prefixed).toEqual(['name.sv.prefix', 'name.en.prefix']);
  });

  it('splits words on the same pattern as the shared tokenizer', () => {
    expect(analysis().tokenizer.words).toEqual({ type: 'pattern', pattern: WORD_PATTERN, group: 0 });
    const text = 'FoU, r&d och c++ i Örebro-kontoret: 3D-skrivare för 2026!';
    const pattern = new RegExp(WORD_PATTERN, 'gu');
    expect(Array.from(text.matchAll(pattern), (m) => m[0])).toEqual(tokenize(text).map((t) => t.text));
  });

  it('passes the lexicon to the decompounder as a sorted word list of parts of three letters or more', () => {
    const { filter } = analysis(definition(['Stod', 'innovation', 'ab', 'stod', 'två ord', 'export']));
    expect(filter.sv_decompounder).toEqual({
      type: 'dictionary_decompounder',
      word_list: ['export', 'innovation', 'stod'],
      min_word_size: 6,
      min_subword_size: 3,
      max_subword_size: 40,
      only_longest_match: true,
    });
    expect(decompounderWords(['b', 'Öl', 'öga'])).toEqual(['öga']);
  });

  it('leaves out the decompounder when there is no lexicon, which OpenSearch would refuse empty', () => {
    const { filter, analyzer } = analysis(definition([]));
    expect(filter).not.toHaveProperty('sv_decompounder');
    expect(analyzer.sv_parts_index!.filter).toEqual(['lowercase', 'folding', 'only_parts']);
  });

  it('only refers to filters, analyzers and tokenizers it defines or OpenSearch has built in', () => {
    const { analyzer, filter, tokenizer } = analysis();
    for (const [name, spec] of Object.entries(analyzer)) {
      expect(tokenizer, name).toHaveProperty(spec.tokenizer);
      for (const used of spec.filter) expect(BUILT_IN_FILTERS.has(used) || used in filter, `${name} › ${used}`).toBe(true);
    }
    for (const [path, mapping] of textFields(MAPPINGS.properties)) {
      expect(analyzer, path).toHaveProperty(mapping.analyzer);
      if (mapping.search_analyzer) expect(analyzer, path).toHaveProperty(mapping.search_analyzer);
    }
  });

  it('allows paging as deep as the API does', () => {
    expect(definition().settings.index).toMatchObject({ max_result_window: MAX_PAGE * MAX_PAGE_SIZE, number_of_shards: 1, auto_expand_replicas: '0-1' });
  });

  it('sets slow-log thresholds for search and indexing, without which the domain\'s slow log groups stay empty', () => {
    expect(definition().settings.index).toMatchObject({
      'search.slowlog.threshold.query.warn': '1s',
      'search.slowlog.threshold.fetch.warn': '500ms',
      'indexing.slowlog.threshold.index.warn': '1s',
    });
  });
});

describe('MAPPINGS', () => {
  it('is strict, so a field the adapter does not know is refused rather than guessed', () => {
    expect(MAPPINGS.dynamic).toBe('strict');
  });

  it('maps every field of the search document, plus the tombstone flag and the name sort keys', () => {
    expect(Object.keys(MAPPINGS.properties).sort()).toEqual([...Object.keys(SearchDocument.shape), 'deleted', 'nameSort'].sort());
  });

  it('keeps facet codes, ids and sort keys as keywords and validity as dates', () => {
    const properties = MAPPINGS.properties as Record<string, any>;
    for (const facet of FACETS) expect(properties.facets.properties[facet]).toEqual({ type: 'keyword' });
    expect([properties.id, properties.providerId, properties.kind, properties.nameSort.properties.sv]).toEqual(Array(4).fill({ type: 'keyword' }));
    expect(properties.validFrom).toEqual({ type: 'date', format: 'strict_date' });
  });

  it('maps every fact of an offer: keywords, doubles, booleans, a date and a geo point', () => {
    const offer = (MAPPINGS.properties as Record<string, any>).offer.properties;
    expect(Object.keys(offer).sort()).toEqual(Object.keys(OfferDocument.shape).sort());
    for (const field of ['type', 'municipality', 'placeName', 'availability']) expect(offer[field], field).toEqual({ type: 'keyword' });
    for (const field of ['areaM2', 'landAreaM2', 'floorAreaM2', 'powerMW']) expect(offer[field], field).toEqual({ type: 'double' });
    for (const field of ['railSiding', 'positionApproximate']) expect(offer[field], field).toEqual({ type: 'boolean' });
    expect(offer.availableFrom).toEqual({ type: 'date', format: 'strict_date' });
    expect(offer.position).toEqual({ type: 'geo_point' });
  });

  it('has a text field behind every logical field hits name', () => {
    const paths = new Set(textFields(MAPPINGS.properties).map(([p]) => p));
    for (const field of TEXT_FIELDS) for (const path of FIELD_PATHS[field]) expect(paths.has(path), path).toBe(true);
  });
});
