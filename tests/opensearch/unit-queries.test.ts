import { describe, expect, it } from 'vitest';
import {
  asTyped,
  chooseLevel,
  derivationStems,
  fieldClause,
  FUZZINESS,
  requiredUnits,
  unitClause,
  type Level,
} from '#shared/adapters/opensearch/unit-queries.ts';
import { planQuery, synonymIndex } from '#shared/search/query-plan.ts';

type Body = Record<string, any>;
const SYNONYMS = synonymIndex({ groups: [['vc', 'riskkapital', 'venture capital']], narrower: {} });
const LEXICON = new Set(['innovation', 'export', 'stod']);
const unit = (q: string, i = 0) => planQuery(q, SYNONYMS, LEXICON)[i]!;
const clause = (q: string, field: Parameters<typeof fieldClause>[1], level: Level, i = 0) => fieldClause(unit(q, i), field, level, 'folded').bool as Body;
/** A short name for each alternative of a field clause. */
const kinds = (c: Body): string[] =>
  c.should.map((s: Body) => {
    if (s.prefix) return `prefix:${Object.keys(s.prefix)[0]}`;
    if (s.bool) return `all of ${s.bool.must.map((m: Body) => m.multi_match.query).join('+')}`;
    const m = s.multi_match;
    return `${m.type ?? (m.fuzziness ? 'fuzzy' : m.analyzer ?? 'match')}:${m.fields.join(',')}`;
  });

describe('fieldClause', () => {
  it('matches a unit as typed: analysed, exact at double weight, and inside the Swedish compounds', () => {
    expect(clause('tillväxt bolag', 'summary', 'plain')).toEqual({
      should: [
        { multi_match: { query: 'tillväxt', fields: ['summary.sv^2.5', 'summary.en^2.5'], operator: 'and' } },
        { multi_match: { query: 'tillväxt', fields: ['summary.sv.exact^5', 'summary.en.exact^5'], operator: 'and' } },
        { multi_match: { query: 'tillväxt', fields: ['summary.sv.parts^2.5'], operator: 'and' } },
      ],
      minimum_should_match: 1,
    });
  });

  it('matches the last unit as a prefix of folded words from four letters, while it is typed', () => {
    expect(kinds(clause('finans', 'description', 'plain'))).toContain('bool_prefix:description.sv.folded^1,description.en.folded^1');
    expect(kinds(clause('lån', 'description', 'plain'))).not.toContain('bool_prefix:description.sv.folded^1,description.en.folded^1');
    expect(kinds(clause('finans bolag', 'description', 'plain'))).toHaveLength(3);
  });

  it('searches the tags and labels as Swedish text', () => {
    expect(kinds(clause('tillväxt bolag', 'tags', 'plain'))).toEqual(['match:sectors^0.8', 'match:sectors.exact^1.6', 'match:sectors.parts^0.8']);
    expect(kinds(clause('tillväxt bolag', 'labels', 'plain'))).toEqual(['match:keywords^2', 'match:keywords.exact^4', 'match:keywords.parts^2']);
  });

  it('widens a unit in the strong fields by each of its synonyms, all its words, and by its compound parts', () => {
    expect(clause('vc bolag', 'summary', 'widened').should.slice(3)).toEqual([
      { multi_match: { query: 'riskkapital', fields: ['summary.sv^2.5', 'summary.en^2.5'], operator: 'and', boost: 0.7 } },
      { multi_match: { query: 'venture capital', fields: ['summary.sv^2.5', 'summary.en^2.5'], operator: 'and', boost: 0.7 } },
    ]);
    expect(kinds(clause('exportstöd bolag', 'name', 'widened')).slice(3)).toEqual(['all of export+stod', 'all of export']);
    expect(clause('exportstöd bolag', 'name', 'widened').should.slice(3).map((s: Body) => s.bool.boost)).toEqual([0.5, 0.35]);
  });

  it('does not widen a unit in the description, nor a unit without synonyms or parts', () => {
    expect(kinds(clause('vc bolag', 'description', 'widened'))).toHaveLength(3);
    expect(kinds(clause('tillväxt bolag', 'summary', 'widened'))).toHaveLength(3);
  });

  it('tolerates one typo on the folded words from five letters, and finds derivations of a long stem', () => {
    const tolerant = clause('kommersialisera bolag', 'summary', 'tolerant');
    expect(tolerant.should).toContainEqual({
      multi_match: { query: 'kommersialisera', fields: ['summary.sv.folded^2.5', 'summary.en.folded^2.5'], operator: 'and', fuzziness: FUZZINESS, boost: 0.45 },
    });
    expect(tolerant.should).toContainEqual({ prefix: { 'summary.sv': { value: 'kommersialiser', boost: 2.5 * 0.375 } } });
    expect(FUZZINESS).toBe('AUTO:5,64');
    expect(kinds(clause('mat bolag', 'summary', 'tolerant'))).toHaveLength(3);
  });

  it('names the clause when asked, for hits to say which unit matched where', () => {
    expect(fieldClause(unit('export'), 'name', 'plain', 'folded', '0:name').bool._name).toBe('0:name');
  });
});

describe('fieldClause with the letters typed kept', () => {
  const LOAN_SYNONYMS = synonymIndex({ groups: [['lån', 'loan', 'lånefinansiering']], narrower: {} });
  const loan = (q: string) => planQuery(q, LOAN_SYNONYMS, LEXICON)[0]!;
  const lettered = (q: string, field: Parameters<typeof fieldClause>[1], level: Level) => fieldClause(loan(q), field, level, 'folded', undefined, 'lettered').bool as Body;
  /** Every field path a clause searches, boosts cut off. */
  const paths = (c: unknown): string[] => {
    const found: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'fields') found.push(...(value as string[]).map((f) => f.split('^')[0]!));
          else if (key === 'prefix' && !Array.isArray(value) && typeof value === 'object') found.push(...Object.keys(value as object));
          else walk(value);
        }
      }
    };
    walk(c);
    return found;
  };

  it('looks a word typed with å, ä or ö up in the letters subfield (stems with the letters kept) and as written, never folded', () => {
    expect(lettered('lån bolag', 'summary', 'plain')).toEqual({
      should: [
        { multi_match: { query: 'lån', fields: ['summary.sv.letters^2.5', 'summary.en.letters^2.5'], operator: 'and' } },
        { multi_match: { query: 'lån', fields: ['summary.sv.exact^5', 'summary.en.exact^5'], operator: 'and' } },
      ],
      minimum_should_match: 1,
    });
  });

  it('matches the last word as a prefix, and a typo, on the words as written, and derivations on the lettered stems', () => {
    expect(kinds(lettered('lånevillk', 'summary', 'plain'))).toContain('bool_prefix:summary.sv.exact^2.5,summary.en.exact^2.5');
    const tolerant = lettered('lånevillkoren bolag', 'summary', 'tolerant');
    expect(tolerant.should).toContainEqual({
      multi_match: { query: 'lånevillkoren', fields: ['summary.sv.exact^2.5', 'summary.en.exact^2.5'], operator: 'and', fuzziness: FUZZINESS, boost: 0.45 },
    });
    expect(tolerant.should).toContainEqual({ prefix: { 'summary.sv.letters': { value: 'lånevillkor', boost: 2.5 * 0.375 } } });
    expect(tolerant.should).not.toContainEqual(expect.objectContaining({ prefix: { 'summary.sv.letters': expect.objectContaining({ value: 'lanevillkor' }) } }));
    expect(paths(tolerant).filter((p) => !/\.(letters|exact)$/.test(p))).toEqual([]);
  });

  it('widens by each synonym on its own, not through the folding synonym analyzers: with its letters where it has them', () => {
    const widened = lettered('lån bolag', 'name', 'widened');
    expect(widened.should.slice(2)).toEqual([
      { multi_match: { query: 'loan', fields: ['name.sv^5', 'name.en^5'], operator: 'and', boost: 0.7 } },
      { multi_match: { query: 'lånefinansiering', fields: ['name.sv.letters^5', 'name.en.letters^5'], operator: 'and', boost: 0.7 } },
    ]);
    expect(JSON.stringify(widened)).not.toContain('_synonyms');
  });

  it('looks a synonym spelt with å, ä or ö up with its letters whatever the unit\'s spelling: "finansiering" widened to "lån" never finds "län"', () => {
    const FUNDING = synonymIndex({ groups: [['finansiering', 'funding']], narrower: { finansiering: ['lån', 'riskkapital'] } });
    const widened = fieldClause(planQuery('finansiering', FUNDING, LEXICON)[0]!, 'summary', 'widened', 'folded').bool as Body;
    expect(widened.should.slice(3)).toEqual([
      { multi_match: { query: 'funding', fields: ['summary.sv^2.5', 'summary.en^2.5'], operator: 'and', boost: 0.7 } },
      { multi_match: { query: 'lån', fields: ['summary.sv.letters^2.5', 'summary.en.letters^2.5'], operator: 'and', boost: 0.7 } },
      { multi_match: { query: 'riskkapital', fields: ['summary.sv^2.5', 'summary.en^2.5'], operator: 'and', boost: 0.7 } },
    ]);
    expect(JSON.stringify(widened)).not.toContain('_synonyms');
  });

  it('keeps the folded spelling by default, so "vaxa", "orebro" and "stod" find their words with å, ä and ö', () => {
    for (const q of ['vaxa', 'orebro', 'stod']) {
      expect(kinds(clause(`${q} bolag`, 'summary', 'plain'))).toEqual(['match:summary.sv^2.5,summary.en^2.5', 'match:summary.sv.exact^5,summary.en.exact^5', 'match:summary.sv.parts^2.5']);
    }
  });
});

describe('unitClause', () => {
  it('matches the unit in any field, each field\'s clause named after the unit and the field', () => {
    const c = unitClause(unit('export bolag', 1), 1, 'plain', { named: true, prefix: 'folded' }).bool;
    expect(c.minimum_should_match).toBe(1);
    expect(c.should.map((s) => ('bool' in s ? s.bool._name : undefined))).toEqual(['1:name', '1:summary', '1:description', '1:labels', '1:tags']);
  });

  it('can keep to some fields, unnamed', () => {
    const c = unitClause(unit('export'), 0, 'plain', { fields: ['name'], named: false, prefix: 'edge-ngram' }).bool;
    expect(c.should).toHaveLength(1);
    expect(c.should[0]).toHaveProperty('bool');
    expect((c.should[0] as { bool: object }).bool).not.toHaveProperty('_name');
  });
});

describe('asTyped', () => {
  it('treats the last unit as still being typed unless the lexicon knows it as a word', () => {
    expect(asTyped(unit('finans'), LEXICON).last).toBe(true);
    expect(asTyped(unit('export'), LEXICON).last).toBe(false);
    expect(asTyped(unit('Stöd'), LEXICON).last).toBe(false);
  });
});

describe('derivationStems', () => {
  it('takes the long forms of a one-word unit only', () => {
    expect(derivationStems(unit('kommersialisera'))).toContain('kommersialiser');
    expect(derivationStems(unit('stöd'))).toEqual([]);
    expect(derivationStems(unit('venture capital'))).toEqual([]);
  });
});

describe('chooseLevel', () => {
  it('keeps a unit as typed when that alone finds a common share of a large catalogue', () => {
    expect(chooseLevel(100, { plain: 30, widened: 40, tolerant: 50 })).toEqual({ level: 'plain', count: 30 });
  });

  it('widens a unit that can be widened when that finds anything', () => {
    expect(chooseLevel(100, { plain: 0, widened: 2, tolerant: 5 })).toEqual({ level: 'widened', count: 2 });
    expect(chooseLevel(10, { plain: 9, widened: 9, tolerant: 9 })).toEqual({ level: 'widened', count: 9 });
  });

  it('keeps a unit that cannot be widened as typed when that finds anything', () => {
    expect(chooseLevel(100, { plain: 3, tolerant: 5 })).toEqual({ level: 'plain', count: 3 });
  });

  it('tolerates typos only when nothing else finds the unit', () => {
    expect(chooseLevel(100, { plain: 0, widened: 0, tolerant: 1 })).toEqual({ level: 'tolerant', count: 1 });
    expect(chooseLevel(100, { plain: 0, tolerant: 0 })).toEqual({ level: 'tolerant', count: 0 });
  });
});

describe('requiredUnits', () => {
  const words = (...texts: string[]) => texts.map((text) => ({ text, words: [text], synonyms: [], parts: [], last: false }));
  const need = { text: 'investera', words: ['investera'], synonyms: [], parts: [], last: false, means: { kind: ['investor'] } };

  it('requires every unit in a catalogue of fewer than forty entries', () => {
    expect(requiredUnits(39, words('a', 'b'), [39, 1])).toEqual([true, true]);
  });

  it('does not require a unit found in more than a fifth of a larger catalogue', () => {
    expect(requiredUnits(100, words('a', 'b', 'c'), [21, 20, 3])).toEqual([false, true, true]);
  });

  it('requires every unit when all of them are common', () => {
    expect(requiredUnits(100, words('a', 'b'), [50, 60])).toEqual([true, true]);
  });

  it('lets a need that is not common decide, the other words only ranking; a need that only ranks is never required beside another unit', () => {
    expect(requiredUnits(100, [...words('tillverkningsföretag'), need], [5, 8])).toEqual([false, true]);
    expect(requiredUnits(100, [...words('tillverkningsföretag'), need], [5, 30])).toEqual([true, false]);
    expect(requiredUnits(100, [...words('tillverkningsföretag'), { ...need, ranksOnly: true as const }], [5, 8])).toEqual([true, false]);
  });
});
