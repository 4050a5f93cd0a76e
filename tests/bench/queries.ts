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
