import { describe, expect, it } from 'vitest';
import type { EntryId } from '#shared/domain/entry.ts';
import type { Facet } from '#shared/domain/taxonomy.ts';
import { buildHit } from '#shared/search/hit.ts';

const doc = (summary: string, description: string) => ({
  id: 'e1' as EntryId,
  kind: 'offering' as const,
  name: { sv: 'Namn' },
  summary: { sv: summary },
  description: { sv: description },
  wholeCounty: true,
  facets: { area: [], stage: [], municipality: [], kind: ['offering'], supportType: [], focus: [] } as Record<Facet, string[]>,
});
const matching = (...words: string[]) => ({ score: 1, matchedTerms: [], isMatch: (word: string) => words.includes(word.toLowerCase()) });
const marked = (hit: ReturnType<typeof buildHit>) => hit.snippet.filter((p) => p.highlighted).map((p) => p.text);
const text = (hit: ReturnType<typeof buildHit>) => hit.snippet.map((p) => p.text).join('');

describe('buildHit › snippet', () => {
  it('is cut from the summary when the summary holds a matched word, every matched word in it marked', () => {
    const hit = buildHit(doc('Lån och lån igen för export', 'Om export.'), 'sv', matching('lån', 'export'));
    expect(text(hit)).toBe('Lån och lån igen för export');
    expect(marked(hit)).toEqual(['Lån', 'lån', 'export']);
  });

  it('is cut from the description when only the description holds a matched word', () => {
    const hit = buildHit(doc('Stöd till företag.', 'Vi hjälper med innovation och mer innovation.'), 'sv', matching('innovation'));
    expect(marked(hit)).toEqual(['innovation', 'innovation']);
    expect(text(hit)).toContain('Vi hjälper med');
  });

  it('is the summary, unmarked, when nothing matched', () => {
    const hit = buildHit(doc('Stöd till företag.', 'Vi hjälper till.'), 'sv', matching('export'));
    expect(hit.snippet).toEqual([{ text: 'Stöd till företag.', highlighted: false }]);
  });

  it('in a long text, is a window around the first matched word that marks the matches inside it and none beyond', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `ord${i}`).join(' ');
    const description = `${filler(60)} export ${filler(5)} export ${filler(80)} export`;
    const hit = buildHit(doc('Stöd.', description), 'sv', matching('export'));
    expect(marked(hit)).toEqual(['export', 'export']);
    expect(hit.snippet[0]!.text.startsWith('…')).toBe(true);
    expect(hit.snippet.at(-1)!.text.endsWith('…')).toBe(true);
  });
});
