/**
 * The benchmark's query set: one to three words, broad, rare and absent words, Swedish and
 * English, inflected and compound forms, empty text, with zero, one or three filters.
 */
import type { Filters } from './engine.ts';

export type QueryCategory = 'one-word' | 'two-words' | 'three-words' | 'broad' | 'rare' | 'absent' | 'empty';

export interface BenchQuery {
  label: string;
  category: QueryCategory;
  q: string;
  filters: Filters;
  page: number;
}

const ONE: Filters = { areas: ['investment-establishment'] };
const THREE: Filters = {
  areas: ['innovation', 'company-development'],
  stages: ['startup', 'growth'],
  municipalities: ['1880', '1881'],
};

const query = (category: QueryCategory, q: string, filters: Filters = {}, page = 1): BenchQuery => {
  const n = Object.keys(filters).length;
  return { label: `${q === '' ? '∅' : q}${n ? ` +${n}f` : ''}${page > 1 ? ` p${page}` : ''}`, category, q, filters, page };
};

export const QUERIES: readonly BenchQuery[] = [
  query('one-word', 'finansiering'),
  query('one-word', 'testbädd'),
  query('one-word', 'testbäddar'),
  query('one-word', 'livsmedel'),
  query('one-word', 'inkubatorn'),
  query('one-word', 'karlskoga'),
  query('one-word', 'funding'),
  query('one-word', 'finansiering', ONE),
  query('one-word', 'testbädd', THREE),
  query('one-word', 'riskkapital', { supportTypes: ['equity'] }),
  query('two-words', 'lån företag'),
  query('two-words', 'innovationsstöd örebro'),
  query('two-words', 'testbädd livsmedelsproduktion'),
  query('two-words', 'venture capital'),
  query('two-words', 'lån företag', { supportTypes: ['loan'] }),
  query('two-words', 'export företag', THREE),
  query('three-words', 'riskkapital tillväxtföretag örebro'),
  query('three-words', 'etablering logistik hallsberg'),
  query('three-words', 'rådgivning för företagen'),
  query('three-words', 'riskkapital tillväxtföretag örebro', THREE),
  query('broad', 'för'),
  query('broad', 'och', {}, 3),
  query('broad', 'företag', { kind: ['offering'] }),
  query('broad', 'för', THREE),
  query('broad', 'companies support', { focus: ['spearhead'] }),
  query('rare', 'vätgas'),
  query('rare', 'vätgas', THREE),
  query('rare', 'kopparberg', { kind: ['actor', 'offering'] }),
  query('absent', 'kvantdator'),
  query('absent', 'kvantdator örebro'),
  query('empty', ''),
  query('empty', '', { municipalities: ['1883'] }),
  query('empty', '', THREE),
];

/** The five query classes the engine goals are stated for. */
export const QUERY_CLASSES = ['free-text', 'text-filters-facets', 'selective', 'filters-only', 'swedish-typo'] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

export interface ClassQuery extends BenchQuery {
  queryClass: QueryClass;
}

const TWO: Filters = { areas: ['innovation', 'company-development'], municipalities: ['1880', '1881', '1883'] };

const classQuery = (queryClass: QueryClass, q: string, filters: Filters = {}): ClassQuery => ({
  ...query(q === '' ? 'empty' : 'one-word', q, filters),
  queryClass,
});

/**
 * A few queries per class: free text (one or two common words), text with two filters (the engine
 * also counts its facets), selective (words in few entries), filters only (browsing), and a
 * two-word Swedish query with one typo (bare MiniSearch and the scan find no typo'd word: they are
 * there for speed, not for what they find).
 */
export const CLASS_QUERIES: readonly ClassQuery[] = [
  classQuery('free-text', 'finansiering'),
  classQuery('free-text', 'innovation'),
  classQuery('free-text', 'lån företag'),
  classQuery('text-filters-facets', 'finansiering', TWO),
  classQuery('text-filters-facets', 'rådgivning', { stages: ['startup', 'growth'], supportTypes: ['advice', 'mentoring'] }),
  classQuery('text-filters-facets', 'företag', { kind: ['offering'], areas: ['innovation'] }),
  classQuery('selective', 'vätgas'),
  classQuery('selective', 'kopparberg'),
  classQuery('selective', 'inkubatorn'),
  classQuery('filters-only', '', TWO),
  classQuery('filters-only', '', { municipalities: ['1883'] }),
  classQuery('filters-only', '', { areas: ['investment-establishment'], stages: ['growth'], supportTypes: ['equity', 'loan'] }),
  classQuery('swedish-typo', 'finansering företag'),
  classQuery('swedish-typo', 'rådgivnig export'),
  classQuery('swedish-typo', 'testbädd livsmedl'),
];
