/**
 * The clauses that find one query unit, at the embedded engine's three levels of tolerance — as
 * typed, widened by synonyms and compound parts, and tolerant of a typo — and the rules that choose
 * a unit's level and tell a common unit from a rare one.
 */
import { fold, hasDiacritics, lower, queryVariants } from '#shared/search/analysis.ts';
import { coordinatedUnits as coordinatedPlanUnits, requiredUnits as requiredPlanUnits, type QueryUnit } from '#shared/search/query-plan.ts';
import { MEANING_DIMENSIONS, type Meaning, type MeaningDimension } from '#shared/search/understanding.ts';
import { FIELD_PATHS, MIN_SUGGEST_PREFIX_LENGTH, SUBFIELDS, TEXT_FIELDS, type TextField } from './index-definition.ts';

/** Name over summary over description over tags, taxonomy labels like a summary, as in the embedded engine. */
export const FIELD_WEIGHT: Record<TextField, number> = { name: 5, summary: 2.5, labels: 2, description: 1, tags: 0.8 };
/** The form a word was typed in counts this much more than its stem. */
export const EXACT_WEIGHT = 2;
/** MiniSearch's default weights for fuzzy and prefix matches, which the embedded engine keeps. */
export const FUZZY_WEIGHT = 0.45;
export const PREFIX_WEIGHT = 0.375;
export const SYNONYM_WEIGHT = 0.7;
export const PARTS_WEIGHT = 0.5;
/** A compound's leading parts alone ("export" of "exportstöd") say what it is about. */
export const MODIFIER_WEIGHT = 0.35;
/** The last word is a prefix from this many letters while searching (suggestions: MIN_SUGGEST_PREFIX_LENGTH). */
export const MIN_PREFIX_LENGTH = 4;
/** Stems this long also find their derivations ("kommersialiser" → kommersialisering), when typos are tolerated. */
export const MIN_DERIVATION_PREFIX_LENGTH = 8;
/** One typo from five letters, never two (OpenSearch gives two edits from the second number on). */
export const FUZZINESS = 'AUTO:5,64';
export const MIN_FUZZY_LENGTH = 5;
/** A unit found in more than this share of a catalogue of at least that many entries is common. */
export const COMMON_WORD_SHARE = 0.2;
export const MIN_DOCUMENTS_FOR_COMMON_WORDS = 40;
/** The fields that say what an entry is; synonyms and compound parts are looked for only here. */
export const STRONG_FIELDS: readonly TextField[] = ['name', 'summary', 'labels', 'tags'];

/** `plain`: as typed; `widened`: also by synonyms and compound parts; `tolerant`: also with a typo or as a derivation. */
export type Level = 'plain' | 'widened' | 'tolerant';

/**
 * How a unit's letters are looked up. `folded`: å, ä and ö fold to a, a and o ("orebro" finds Örebro).
 * `lettered`: a unit typed with them that the catalogue spells so (see knownClause) keeps them, as the
 * embedded engine's queryForms does: "lån" finds "lån" and "lånet", never "län".
 */
export type Spelling = 'folded' | 'lettered';

/** True when a unit is typed with å, ä, ö or another letter that folding changes. */
export const hasLetters = (unit: QueryUnit): boolean => unit.words.some((word) => hasDiacritics(lower(word)));

/** Search matches the last word's prefix on the folded words; suggest on the names' edge n-grams, from fewer letters. */
export type PrefixMode = 'folded' | 'edge-ngram';

const len = (word: string) => [...word].length;

const boosted = (paths: readonly string[], subfield: string | undefined, weight: number): string[] =>
  paths.map((p) => `${p}${subfield ? `.${subfield}` : ''}^${weight}`);
const swedish = (field: TextField) => FIELD_PATHS[field].filter((p) => !p.endsWith('.en'));

/** A unit with synonyms or compound parts can be widened. */
export const hasAlternatives = (unit: QueryUnit): boolean => unit.synonyms.some((s) => s.length > 0) || unit.parts.length > 0;

/** The last unit is still being typed, and matched as a prefix, unless it is already a word of the lexicon. */
export const asTyped = (unit: QueryUnit, lexicon: ReadonlySet<string>): QueryUnit => ({
  ...unit,
  last: unit.last && !lexicon.has(fold(lower(unit.text))),
});

/** The long forms of a one-word unit (its folded stems among them, or its lettered ones), whose derivations it also finds. */
export const derivationStems = (unit: QueryUnit, spelling: Spelling = 'folded'): string[] =>
  unit.words.length === 1
    ? queryVariants(unit.words[0]!, spelling === 'lettered' ? () => true : undefined).filter((stem) => len(stem) >= MIN_DERIVATION_PREFIX_LENGTH)
    : [];

const allWords = (words: readonly string[], fields: string[], boost: number) => ({
  bool: { must: words.map((word) => ({ multi_match: { query: word, fields, operator: 'and' } })), boost },
});

/**
 * One synonym of a unit in one field, as the embedded engine looks it up: all its words, by their
 * analysed forms. A synonym spelt with å, ä or ö keeps its letters (synonyms are written as the
 * catalogue spells them; the embedded engine asks its index), so "finansiering" widened to "lån"
 * finds "lån" and "lånet", never "län".
 */
const synonymClause = (synonym: readonly string[], paths: readonly string[], weight: number) => ({
  multi_match: {
    query: synonym.join(' '),
    fields: boosted(paths, synonym.some((word) => hasDiacritics(lower(word))) ? SUBFIELDS.letters : undefined, weight),
    operator: 'and',
    boost: SYNONYM_WEIGHT,
  },
});

/**
 * A unit in one field. As typed: its analysed form (stemmed, folded), its exact form weighed double,
 * as a part of the field's compounds, and as a prefix while it is typed. Widened, in the strong
 * fields: each of its synonyms (synonymClause) and its own compound parts, all of them or the
 * leading ones. Tolerant: one typo, and the derivations of a long stem.
 */
export const fieldClause = (unit: QueryUnit, field: TextField, level: Level, prefix: PrefixMode, name?: string, spelling: Spelling = 'folded') => {
  const weight = FIELD_WEIGHT[field];
  const paths = FIELD_PATHS[field];
  const lettered = spelling === 'lettered';
  /** Where the unit's stems are: the folded analysed field, or the letters subfield. */
  const stemmed = lettered ? SUBFIELDS.letters : undefined;
  /** Where its unstemmed words are, for prefixes and typos. */
  const unstemmed = lettered ? SUBFIELDS.exact : SUBFIELDS.folded;
  const match = (fields: string[], extra: Record<string, unknown> = {}, query = unit.text) => ({ multi_match: { query, fields, operator: 'and', ...extra } });
  const should: unknown[] = [
    match(boosted(paths, stemmed, weight)),
    match(boosted(paths, SUBFIELDS.exact, weight * EXACT_WEIGHT)),
    ...(lettered ? [] : [match(boosted(swedish(field), SUBFIELDS.parts, weight))]),
  ];
  if (unit.last && len(unit.words.at(-1) ?? '') >= (prefix === 'edge-ngram' ? MIN_SUGGEST_PREFIX_LENGTH : MIN_PREFIX_LENGTH)) {
    should.push(
      prefix === 'edge-ngram'
        ? match(boosted(paths, SUBFIELDS.prefix, weight), { boost: PREFIX_WEIGHT })
        : match(boosted(paths, unstemmed, weight), { type: 'bool_prefix', boost: PREFIX_WEIGHT }),
    );
  }
  if (level !== 'plain' && STRONG_FIELDS.includes(field)) {
    for (const synonym of unit.synonyms.filter((s) => s.length > 0)) should.push(synonymClause(synonym, paths, weight));
    const wordsAndParts = [...boosted(paths, undefined, weight), ...boosted(swedish(field), SUBFIELDS.parts, weight)];
    if (unit.parts.length > 0) should.push(allWords(unit.parts, wordsAndParts, PARTS_WEIGHT));
    if (unit.parts.length > 1) should.push(allWords(unit.parts.slice(0, -1), wordsAndParts, MODIFIER_WEIGHT));
  }
  if (level === 'tolerant') {
    if (unit.words.some((word) => len(word) >= MIN_FUZZY_LENGTH)) {
      should.push(match(boosted(paths, unstemmed, weight), { fuzziness: FUZZINESS, boost: FUZZY_WEIGHT }));
    }
    for (const stem of derivationStems(unit, spelling)) {
      for (const path of paths) should.push({ prefix: { [lettered ? `${path}.${SUBFIELDS.letters}` : path]: { value: stem, boost: weight * PREFIX_WEIGHT } } });
    }
  }
  return { bool: { should, minimum_should_match: 1, ...(name ? { _name: name } : {}) } };
};

/**
 * Whether the catalogue spells a unit with its letters: its words as typed, or their stems with å, ä
 * and ö kept, in any text field (the embedded engine's `known` over its index terms).
 */
export const knownClause = (unit: QueryUnit) => ({
  multi_match: {
    query: unit.text,
    fields: TEXT_FIELDS.flatMap((field) => FIELD_PATHS[field].flatMap((path) => [`${path}.${SUBFIELDS.exact}`, `${path}.${SUBFIELDS.letters}`])),
    operator: 'and',
  },
});

/** The name of the query that matches unit `unit` in `field`, or by its meaning; hits list the names that matched. */
export const namedQuery = (unit: number, field: TextField | 'meaning'): string => `${unit}:${field}`;

/**
 * What serving a need fully adds when no entry holds its words: as the embedded engine's NEED_MIN_SCORE,
 * of the order of one weak text match.
 */
export const NEED_MIN_SCORE = 1;

const MEANING_PATHS: Record<MeaningDimension, string> = {
  kind: 'facets.kind',
  area: 'facets.area',
  stage: 'facets.stage',
  supportType: 'facets.supportType',
  profileArea: 'profileAreas',
};

/**
 * How well an entry serves a meaning, as shared/search/understanding.ts meaningFit grades it: per
 * dimension the meaning names, the square root of the share of the entry's values that serve it,
 * averaged; times `weight`.
 */
export const MEANING_FIT_SCRIPT = [
  'double sum = 0;',
  'for (int i = 0; i < params.paths.size(); i++) {',
  '  def held = doc[params.paths[i]];',
  '  if (held.size() == 0) continue;',
  '  int met = 0;',
  '  for (def value : held) { if (params.wanted[i].contains(value)) met++; }',
  '  sum += Math.sqrt((double) met / held.size());',
  '}',
  'return params.weight * sum / params.paths.size();',
].join('\n');

/**
 * The entries that serve a need (any dimension of its meaning met), scored by how well they serve it
 * (MEANING_FIT_SCRIPT) times `scale`. As in the embedded engine, the scale is the need word's best text
 * score in this catalogue (see needScaleRequest), so an entry serving the need fully, whatever its text
 * says, weighs like the entry whose text matches the word best, and that entry, serving it too, weighs double.
 */
export const meaningClause = (means: Meaning, scale: number, name?: string) => {
  const dimensions = MEANING_DIMENSIONS.filter((dimension) => means[dimension] !== undefined);
  return {
    function_score: {
      query: {
        bool: {
          should: dimensions.map((dimension) => ({ terms: { [MEANING_PATHS[dimension]]: [...means[dimension]!] } })),
          minimum_should_match: 1,
          ...(name ? { _name: name } : {}),
        },
      },
      functions: [
        {
          script_score: {
            script: {
              source: MEANING_FIT_SCRIPT,
              params: { paths: dimensions.map((dimension) => MEANING_PATHS[dimension]), wanted: dimensions.map((dimension) => [...means[dimension]!]), weight: scale },
            },
          },
        },
      ],
      boost_mode: 'replace',
    },
  };
};

/** A need word's text is not looked for in the taxonomy labels: its meaning says that more exactly. */
export const NEED_TEXT_FIELDS: readonly TextField[] = TEXT_FIELDS.filter((field) => field !== 'labels');

/**
 * A unit in any of `fields`, each field's clause named when `named`; a need word (when no fields are
 * given, i.e. not while suggesting) also matches the entries serving its meaning, scaled by `needScale`.
 */
export const unitClause = (
  unit: QueryUnit,
  index: number,
  level: Level,
  options: { fields?: readonly TextField[]; named: boolean; prefix: PrefixMode; spelling?: Spelling; needScale?: number },
) => ({
  bool: {
    should: [
      ...(options.fields ?? (unit.means ? NEED_TEXT_FIELDS : TEXT_FIELDS)).map((field) =>
        fieldClause(unit, field, level, options.prefix, options.named ? namedQuery(index, field) : undefined, options.spelling),
      ),
      ...(unit.means && !options.fields
        ? [meaningClause(unit.means, options.needScale ?? NEED_MIN_SCORE, options.named ? namedQuery(index, 'meaning') : undefined)]
        : []),
    ],
    minimum_should_match: 1,
  },
});

/** How many documents there are, and how many a unit matches at each level (widened only when it has alternatives). */
export type UnitCounts = { plain: number; widened?: number; tolerant: number };

const commonAbove = (total: number): number => (total >= MIN_DOCUMENTS_FOR_COMMON_WORDS ? COMMON_WORD_SHARE * total : Infinity);

/**
 * A unit's level, as the embedded engine chooses it: as typed when that already finds a common
 * share of the catalogue; else widened (when it can be) if that finds anything; else tolerant.
 */
export const chooseLevel = (total: number, counts: UnitCounts): { level: Level; count: number } => {
  if (counts.plain > commonAbove(total)) return { level: 'plain', count: counts.plain };
  const strict = counts.widened !== undefined ? { level: 'widened' as const, count: counts.widened } : { level: 'plain' as const, count: counts.plain };
  return strict.count > 0 ? strict : { level: 'tolerant', count: counts.tolerant };
};

/** Units to require (see the shared requiredUnits): needs that are not common, else the rare units, else all. */
export const requiredUnits = (total: number, plan: readonly QueryUnit[], matching: readonly number[]): boolean[] =>
  requiredPlanUnits(plan, matching, commonAbove(total));

/** Units whose match counts in coordination (see the shared coordinatedUnits): needs and units that are not common. */
export const coordinatedUnits = (total: number, plan: readonly QueryUnit[], matching: readonly number[]): boolean[] =>
  coordinatedPlanUnits(plan, matching, commonAbove(total));
