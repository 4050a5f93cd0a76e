/**
 * The OpenSearch index as data: analysis that mirrors shared/search/analysis.ts (word pattern,
 * Snowball stemming, diacritics kept and folded, decompounding against the lexicon) and the mappings of the stored document. No SDK imports, so the CDK app can read it.
 *
 * Analysed fields hold every word stemmed and unstemmed, folded, and are searched folded, so
 * "orebro" finds Örebro; the `exact` subfield keeps the form as written and ranks it higher, and the
 * `letters` subfield holds the words stemmed with å, ä and ö kept, for a word typed with them that the
 * catalogue knows ("lån" is looked up there and does not find "län"). Compound
 * parts sit in a `parts` subfield of the Swedish fields. Synonyms are not in the index: a query
 * that widens a unit names each synonym (unit-queries.ts), so one spelt with å, ä or ö keeps them.
 */
import { MAX_PAGE, MAX_PAGE_SIZE, type OfferDocument, type SearchDocument } from '#shared/domain/search.ts';
import { FACETS } from '#shared/domain/taxonomy.ts';
import type { Language } from '#shared/domain/text.ts';

/** The alias every reader and writer uses; reindexing moves it from one versioned index to the next. */
export const DEFAULT_INDEX_ALIAS = 'vagvisaren-entries';

export const LANGUAGES: readonly Language[] = ['sv', 'en'];
/** The logical text fields hits name, as the embedded engine does: `labels` are the keywords, `tags` the sectors. */
export const TEXT_FIELDS = ['name', 'summary', 'description', 'labels', 'tags'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** The indexed paths behind each logical text field. */
export const FIELD_PATHS: Record<TextField, readonly string[]> = {
  name: LANGUAGES.map((language) => `name.${language}`),
  summary: LANGUAGES.map((language) => `summary.${language}`),
  description: LANGUAGES.map((language) => `description.${language}`),
  labels: ['keywords'],
  tags: ['sectors'],
};

/** The tokenizer's word: letters and digits, joined by `&` or `+` ("r&d", "c++" is "c"). Java regex syntax. */
export const WORD_PATTERN = '[\\p{L}\\p{N}]+(?:[&+][\\p{L}\\p{N}]+)*';

/** Compound parts as short as the embedded engine's (MIN_PART_LENGTH). */
const MIN_SUBWORD = 3;
const MIN_COMPOUND = 2 * MIN_SUBWORD;
/** Suggestions match name prefixes from the second letter typed, as the embedded engine does. */
export const MIN_SUGGEST_PREFIX_LENGTH = 2;
const MAX_PREFIX_LENGTH = 20;

/**
 * Subfields of the text fields: `exact` keeps diacritics, `folded` folds them, neither stems; `letters`
 * stems and keeps diacritics; `parts` (Swedish fields) holds only the lexicon words a compound splits
 * into; `prefix` (names) edge n-grams.
 */
export const SUBFIELDS = { exact: 'exact', folded: 'folded', letters: 'letters', parts: 'parts', prefix: 'prefix' } as const;

export type IndexDefinitionOptions = {
  /** Folded words and stems that compounds are split into (shared/search/lexicon.ts buildLexicon). */
  lexicon: Iterable<string>;
  /** @default 1 — the catalogue is small; one shard keeps scoring exact. */
  shards?: number;
  /** @default '0-1' — a replica once a second data node exists. */
  autoExpandReplicas?: string;
};

export type IndexDefinition = { settings: Record<string, unknown>; mappings: Record<string, unknown> };

/** The lexicon as the decompounder's word list: lower-case, long enough, unique, sorted. */
export const decompounderWords = (lexicon: Iterable<string>): string[] =>
  [...new Set([...lexicon].map((w) => w.toLocaleLowerCase('sv').trim()).filter((w) => w.length >= MIN_SUBWORD && !/\s/.test(w)))].sort();

const analysis = (options: IndexDefinitionOptions) => {
  const words = decompounderWords(options.lexicon);
  const decompound = words.length > 0 ? ['sv_decompounder'] : [];
  return {
    tokenizer: {
      words: { type: 'pattern', pattern: WORD_PATTERN, group: 0 },
    },
    filter: {
      sv_stemmer: { type: 'snowball', language: 'Swedish' },
      en_stemmer: { type: 'snowball', language: 'English' },
      folding: { type: 'asciifolding', preserve_original: false },
      only_parts: { type: 'predicate_token_filter', script: { source: 'token.positionIncrement == 0' } },
      ...(words.length > 0
        ? {
            sv_decompounder: {
              type: 'dictionary_decompounder',
              word_list: words,
              min_word_size: MIN_COMPOUND,
              min_subword_size: MIN_SUBWORD,
              max_subword_size: 40,
              only_longest_match: true,
            },
          }
        : {}),
      name_prefixes: { type: 'edge_ngram', min_gram: MIN_SUGGEST_PREFIX_LENGTH, max_gram: MAX_PREFIX_LENGTH },
      prefix_truncate: { type: 'truncate', length: MAX_PREFIX_LENGTH },
    },
    analyzer: {
      sv_index: { type: 'custom', tokenizer: 'words', filter: ['lowercase', 'keyword_repeat', 'sv_stemmer', 'folding', 'remove_duplicates'] },
      sv_search: { type: 'custom', tokenizer: 'words', filter: ['lowercase', 'sv_stemmer', 'folding'] },
      en_index: { type: 'custom', tokenizer: 'words', filter: ['lowercase', 'keyword_repeat', 'en_stemmer', 'folding', 'remove_duplicates'] },
      en_search: { type: 'custom', tokenizer: 'words', filter: ['lowercase', 'en_stemmer', 'folding'] },
      sv_letters_index: { type: 'custom', tokenizer: 'words', filter: ['lowercase', 'keyword_repeat', 'sv_stemmer', 'remove_duplicates'] },
      sv_letters_search: { type: 'custom', tokenizer: 'words', filter: ['lowercase', 'sv_stemmer'] },
      en_letters_index: { type: 'custom', tokenizer: 'words', filter: ['lowercase', 'keyword_repeat', 'en_stemmer', 'remove_duplicates'] },
      en_letters_search: { type: 'custom', tokenizer: 'words', filter: ['lowercase', 'en_stemmer'] },
      exact: { type: 'custom', tokenizer: 'words', filter: ['lowercase'] },
      folded: { type: 'custom', tokenizer: 'words', filter: ['lowercase', 'folding'] },
      sv_parts_index: { type: 'custom', tokenizer: 'words', filter: ['lowercase', 'folding', ...decompound, 'only_parts'] },
      sv_parts_search: { type: 'custom', tokenizer: 'words', filter: ['lowercase', 'sv_stemmer', 'folding'] },
      name_prefix_index: { type: 'custom', tokenizer: 'words', filter: ['lowercase', 'folding', 'name_prefixes'] },
      name_prefix_search: { type: 'custom', tokenizer: 'words', filter: ['lowercase', 'folding', 'prefix_truncate'] },
    },
  };
};

const keyword = { type: 'keyword' } as const;
const date = { type: 'date', format: 'strict_date' } as const;

const textField = (language: Language, options: { prefix?: boolean } = {}) => ({
  type: 'text',
  analyzer: `${language}_index`,
  search_analyzer: `${language}_search`,
  fields: {
    [SUBFIELDS.exact]: { type: 'text', analyzer: 'exact' },
    [SUBFIELDS.folded]: { type: 'text', analyzer: 'folded' },
    [SUBFIELDS.letters]: { type: 'text', analyzer: `${language}_letters_index`, search_analyzer: `${language}_letters_search` },
    ...(language === 'sv' ? { [SUBFIELDS.parts]: { type: 'text', analyzer: 'sv_parts_index', search_analyzer: 'sv_parts_search' } } : {}),
    ...(options.prefix ? { [SUBFIELDS.prefix]: { type: 'text', analyzer: 'name_prefix_index', search_analyzer: 'name_prefix_search' } } : {}),
  },
});

const localized = (options: { prefix?: boolean } = {}) => ({
  properties: Object.fromEntries(LANGUAGES.map((language) => [language, textField(language, options)])),
});

/** An establishment offer's facts: keywords and numbers to filter and sort on, its position for distances. */
const OFFER_FIELDS: Record<keyof OfferDocument, unknown> = {
  type: keyword,
  municipality: keyword,
  placeName: keyword,
  areaM2: { type: 'double' },
  landAreaM2: { type: 'double' },
  floorAreaM2: { type: 'double' },
  powerMW: { type: 'double' },
  railSiding: { type: 'boolean' },
  availability: keyword,
  availableFrom: date,
  position: { type: 'geo_point' },
  positionApproximate: { type: 'boolean' },
};

/** One mapping per field of the search document: a field added there does not compile until it is mapped here. */
const DOCUMENT_FIELDS: Record<keyof SearchDocument, unknown> = {
  id: keyword,
  version: { type: 'integer' },
  kind: keyword,
  name: localized({ prefix: true }),
  summary: localized(),
  description: localized(),
  sectors: textField('sv'),
  keywords: textField('sv'),
  providerId: keyword,
  wholeCounty: { type: 'boolean' },
  facets: { properties: Object.fromEntries(FACETS.map((facet) => [facet, keyword])) },
  profileAreas: keyword,
  offer: { properties: OFFER_FIELDS },
  validFrom: date,
  validUntil: date,
};

/** The mappings of the stored document (see documents.ts): strict, so a stray field fails loudly. */
export const MAPPINGS = {
  dynamic: 'strict',
  properties: {
    ...DOCUMENT_FIELDS,
    deleted: { type: 'boolean' },
    nameSort: { properties: Object.fromEntries(LANGUAGES.map((language) => [language, keyword])) },
  },
} as const;

/**
 * When a search (query or fetch phase) or an indexing request is slow enough to be logged: the
 * domain sends these lines to its slow log groups in CloudWatch (the stateful stack enables them;
 * without thresholds nothing is logged). A search of this catalogue takes milliseconds, so `info`
 * marks the unusual and `warn` what visitors feel.
 */
export const SLOW_LOG_THRESHOLDS = {
  'search.slowlog.threshold.query.warn': '1s',
  'search.slowlog.threshold.query.info': '200ms',
  'search.slowlog.threshold.fetch.warn': '500ms',
  'search.slowlog.threshold.fetch.info': '100ms',
  'indexing.slowlog.threshold.index.warn': '1s',
  'indexing.slowlog.threshold.index.info': '200ms',
} as const;

/** Settings and mappings of a new index, with the lexicon of the catalogue it will hold. */
export const buildIndexDefinition = (options: IndexDefinitionOptions): IndexDefinition => ({
  settings: {
    index: {
      number_of_shards: options.shards ?? 1,
      auto_expand_replicas: options.autoExpandReplicas ?? '0-1',
      max_result_window: MAX_PAGE * MAX_PAGE_SIZE,
      ...SLOW_LOG_THRESHOLDS,
    },
    analysis: analysis(options),
  },
  mappings: MAPPINGS,
});

/** The settings of the decompounder, whose word list the adapter reads back for query-time compound splitting. */
export const DECOMPOUNDER_SETTINGS = 'index.analysis.filter.sv_decompounder.*';
