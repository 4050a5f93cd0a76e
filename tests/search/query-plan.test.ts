import { describe, expect, it } from 'vitest';
import { decompoundQueryWord } from '#shared/search/analysis.ts';
import { coordinatedUnits, coordination, planQuery, synonymIndex, type QueryUnit } from '#shared/search/query-plan.ts';
import { NO_SYNONYMS } from '#shared/search/synonyms.ts';
import { compileUnderstanding, loadQueryVocabulary, meaningFit, meetsMeaning } from '#shared/search/understanding.ts';

/** The region's own query vocabulary, with a small lexicon of folded catalogue words. */
const understanding = compileUnderstanding(loadQueryVocabulary('orebro-lan'));
const LEXICON = new Set(['export', 'radgivning', 'livsmedel', 'landsbygd', 'produktion']);
const plan = (q: string) => planQuery(q, synonymIndex(NO_SYNONYMS), LEXICON, understanding);
const read = (q: string) => plan(q).map((unit) => ({ text: unit.text, means: unit.means, ...(unit.ranksOnly ? { ranksOnly: true } : {}) }));

describe('need phrases', () => {
  it('reads "invest in …" as the visitor investing (grants and loans), and "investerare i …" as investors', () => {
    expect(read('we are a farm and want to invest in new machines')).toEqual([
      { text: 'farm', means: undefined },
      { text: 'invest in', means: { supportType: ['grant', 'loan'] } },
      { text: 'machines', means: undefined },
    ]);
    expect(read('investerare i grön teknik')[0]).toEqual({ text: 'investerare', means: { kind: ['investor'], supportType: ['equity'] } });
    expect(read('vem kan investera?')).toEqual([{ text: 'investera', means: { kind: ['investor'], supportType: ['equity'] } }]);
  });

  it('reads premises as a support type any kind of entry offers, and land or sites as establishment offers', () => {
    expect(read('lokaler')[0]!.means).toEqual({ supportType: ['premises-land', 'establishment-service'] });
    expect(read('tomt')[0]!.means).toEqual({ kind: ['establishment-offer'], supportType: ['premises-land', 'establishment-service'] });
  });

  it('reads recruiting as its own need, not training', () => {
    expect(read('vi behöver rekrytera ingenjörer')[0]).toEqual({ text: 'rekrytera', means: { supportType: ['recruitment'] } });
  });
});

describe('how well an entry serves a need', () => {
  const doc = (kind: string, supportType: string[]) => ({ facets: { kind: [kind], area: [], stage: [], supportType } });
  const fit = (means: Parameters<typeof meaningFit>[0], d: ReturnType<typeof doc>) => meaningFit(means, meetsMeaning(means, d), d);
  const establish = { supportType: ['establishment-service'], area: ['investment-establishment'] };

  it('grades per dimension by the root of the share of the entry’s values that serve it: one of three services counts 0.58, not 0.33', () => {
    expect(fit({ supportType: ['establishment-service'] }, doc('actor', ['networking', 'establishment-service', 'premises-land']))).toBeCloseTo(Math.sqrt(1 / 3));
    expect(fit({ supportType: ['establishment-service'] }, doc('actor', ['establishment-service']))).toBe(1);
  });

  it('averages over the dimensions the need names, a dimension not met counting nothing', () => {
    expect(fit(establish, doc('actor', ['networking', 'establishment-service']))).toBeCloseTo(Math.sqrt(1 / 2) / 2);
    expect(fit({ kind: ['investor'], supportType: ['equity'] }, doc('investor', ['equity']))).toBe(1);
  });
});

describe('compound query words', () => {
  it('splits a compound with a typo in its last part into a known head and the lexicon word one edit away', () => {
    expect(decompoundQueryWord('exportradgivnig', LEXICON)).toEqual(['export', 'radgivning']);
    expect(decompoundQueryWord('exportradgivning', LEXICON)).toEqual(['export', 'radgivning']);
    expect(decompoundQueryWord('exportradgvnig', LEXICON)).toEqual([]);
    expect(plan('exportrådgivnig')[0]).toMatchObject({ parts: ['export', 'radgivning'], means: { supportType: ['internationalisation'] }, ranksOnly: true });
  });

  it('gives an unknown compound headed by a need word that need, to rank by; never a catalogue word, nor a short head', () => {
    expect(read('livsmedelsprodukt')).toEqual([{ text: 'livsmedelsprodukt', means: { profileArea: ['food-health-meal'] }, ranksOnly: true }]);
    expect(read('landsbygd')).toEqual([{ text: 'landsbygd', means: undefined }]);
    expect(read('matematik')).toEqual([{ text: 'matematik', means: undefined }]);
  });
});

describe('coordination', () => {
  const units = plan('farm invest in machines');
  it('counts the needs and the words that are not common', () => {
    expect(coordinatedUnits(units, [2, 14, 40], 18)).toEqual([true, true, false]);
  });

  it('scales by the share of the coordinated units an entry matches, and leaves a score alone with fewer than two', () => {
    expect(coordination([true, true, false], [true, true, false])).toBe(1);
    expect(coordination([true, true, false], [false, true, true])).toBe(0.5);
    expect(coordination([true, false], [false, true])).toBe(1);
  });

  it('makes no unit of filler, so filler never counts', () => {
    expect((plan('jag vill ha ett lån') as QueryUnit[]).map((u) => u.text)).toEqual(['lån']);
  });
});
