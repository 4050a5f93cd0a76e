/**
 * Probes of the engines' own behaviour that the adapters work around: what the native
 * all-words modes, default tokenizers, `exact` flag and tag filters return against the
 * brute-force reference. Run on a small catalogue; they explain the adapters, they are not timed.
 */
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { create, insert, search } from '@orama/orama';
import { BOOST, TEXT_FIELDS, textOf, type Filters, type SearchDoc, type TextField } from './engine.ts';
import { flexDoc, flexFields } from './adapters/flexsearch.ts';
import { oramaDoc, oramaTokenizer, syncResults } from './adapters/orama.ts';
import { round } from './measure.ts';
import type { Reference } from './reference.ts';

export interface ProbeCase {
  q: string;
  filters?: Filters;
  limit?: number;
  referenceTotal: number;
  returned: number;
  recall: number;
  precision: number;
  /** Free-form detail, e.g. how many returned docs break the AND of the filters. */
  detail?: string;
}

export interface Probe {
  engine: string;
  behaviour: string;
  finding: string;
  cases: ProbeCase[];
}

const ORAMA_SCHEMA = {
  name_sv: 'string', name_en: 'string', summary_sv: 'string', summary_en: 'string',
  description_sv: 'string', description_en: 'string',
  kind: 'enum', focus: 'enum', areas: 'enum[]', stages: 'enum[]', municipalities: 'enum[]', supportTypes: 'enum[]',
} as const;

/** Recall is over min(limit, reference total) when a limit caps what a correct engine returns. */
const score = (got: number[], want: number[], limit = Number.POSITIVE_INFINITY): Pick<ProbeCase, 'referenceTotal' | 'returned' | 'recall' | 'precision'> => {
  const wantSet = new Set(want);
  const hit = got.filter((p) => wantSet.has(p)).length;
  const expected = Math.min(limit, want.length);
  return {
    referenceTotal: want.length,
    returned: got.length,
    recall: expected === 0 ? 1 : round(Math.min(1, hit / expected), 4),
    precision: got.length === 0 ? (want.length === 0 ? 1 : 0) : round(hit / got.length, 4),
  };
};

const describe = (cases: ProbeCase[], what: string): string => {
  const bad = cases.filter((c) => c.recall < 1 || c.precision < 1);
  return bad.length === 0
    ? `${what}: matches the reference on all ${cases.length} probe queries.`
    : `${what}: differs from the reference on ${bad.length}/${cases.length} probe queries (${bad
      .map((c) => `"${c.q}" recall ${c.recall} precision ${c.precision}`)
      .join('; ')}).`;
};

export const runProbes = (docs: readonly SearchDoc[], reference: Reference, log: (msg: string) => void): Probe[] => {
  const positionOf = new Map(docs.map((d, i) => [d.id, i]));
  const refOf = (q: string, filters: Filters = {}) => reference.search(q, filters).ranked;
  const all = docs.length;
  const probes: Probe[] = [];

  log('probe: orama default tokenizer');
  const oramaDefault = create({ schema: ORAMA_SCHEMA });
  for (const d of docs) insert(oramaDefault, oramaDoc(d));
  const oramaIds = (db: typeof oramaDefault, params: Record<string, unknown>) =>
    syncResults(search(db, { properties: [...TEXT_FIELDS], boost: BOOST, limit: all, ...params }))
      .hits.map((h) => positionOf.get(h.id)!);
  {
    const cases = ['lån', 'testbädd', 'för', 'örebro', 'export'].map((q) => ({ q, ...score(oramaIds(oramaDefault, { term: q }), refOf(q)) }));
    probes.push({
      engine: 'orama', behaviour: 'default tokenizer, exact: false (prefix matching, diacritics folded)', cases,
      finding: describe(cases, 'Orama defaults'),
    });
  }
  {
    const cases = ['örebro', 'lån', 'testbädd'].map((q) => ({ q, ...score(oramaIds(oramaDefault, { term: q, exact: true }), refOf(q)) }));
    probes.push({
      engine: 'orama', behaviour: 'default tokenizer, exact: true', cases,
      finding: describe(cases, 'Orama exact: true'),
    });
  }

  log('probe: orama all-words mode');
  const oramaExact = create({ schema: ORAMA_SCHEMA, components: { tokenizer: oramaTokenizer('$') } });
  for (const d of docs) insert(oramaExact, oramaDoc(d));
  {
    const qs = ['lån företag', 'innovationsstöd örebro', 'riskkapital tillväxtföretag örebro', 'etablering logistik hallsberg', 'venture capital'];
    const cases = qs.map((q) => ({ q, ...score(oramaIds(oramaExact, { term: q, threshold: 0 }), refOf(q)) }));
    probes.push({
      engine: 'orama', behaviour: 'threshold: 0 (all words) over all text properties, whole-token tokenizer', cases,
      finding: describe(cases, 'Orama all-words mode'),
    });
  }

  log('probe: minisearch defaults');
  {
    const ms = new MiniSearch<SearchDoc>({
      idField: 'id', fields: [...TEXT_FIELDS], extractField: (d, f) => (f === 'id' ? d.id : textOf(d, f as TextField)),
    });
    ms.addAll(docs);
    const qs = ['lån företag', 'riskkapital tillväxtföretag örebro', 'testbädd'];
    const cases = qs.map((q) => ({ q, ...score(ms.search(q).map((h) => positionOf.get(h.id as string)!), refOf(q)) }));
    probes.push({
      engine: 'minisearch', behaviour: 'default search options (combineWith OR)', cases,
      finding: describe(cases, 'MiniSearch defaults') + ' The adapter sets combineWith AND.',
    });
  }

  log('probe: flexsearch multi-word and tags');
  const tagFields = ['areas', 'stages', 'municipalities'] as const;
  const flex = new FlexSearch.Document({
    document: { id: 'position', index: flexFields(), tag: [...tagFields] },
  });
  docs.forEach((d, i) => flex.add({ ...flexDoc(d, i), areas: d.areas, stages: d.stages, municipalities: d.municipalities }));
  {
    const qs = ['lån företag', 'innovationsstöd örebro', 'riskkapital tillväxtföretag örebro', 'venture capital'];
    const cases = qs.map((q) => {
      const merged = flex.search(q, { index: [...TEXT_FIELDS], limit: all, merge: true }) as unknown as { id: number }[];
      return { q, ...score(merged.map((r) => r.id), refOf(q)) };
    });
    probes.push({
      engine: 'flexsearch', behaviour: 'multi-word query over all fields (merge: true)', cases,
      finding: describe(cases, 'FlexSearch multi-word'),
    });
  }
  {
    const three: Filters = { areas: ['investment-establishment'], stages: ['growth'], municipalities: ['1883'] };
    const one: Filters = { municipalities: ['1864'] };
    const matchesAll = (p: number, filters: Filters) =>
      tagFields.every((f) => !filters[f] || docs[p]![f].some((v) => filters[f]!.includes(v)));
    const tagCase = (q: string, filters: Filters, limit: number): ProbeCase => {
      const tag = tagFields.filter((f) => filters[f]).map((f) => ({ [f]: filters[f]![0]! }));
      const raw = q === ''
        ? (flex.search({ tag, limit }) as unknown as { result: number[] }[]).flatMap((r) => r.result)
        : (flex.search(q, { index: [...TEXT_FIELDS], tag, limit, merge: true }) as unknown as { id: number }[]).map((r) => r.id);
      const got = [...new Set(raw)];
      const want = refOf(q, filters);
      const expected = Math.min(limit, want.length);
      const right = got.filter((p) => matchesAll(p, filters)).length;
      const fields = Object.keys(filters).length;
      return {
        q, filters, limit, ...score(got, want, limit),
        detail: `${fields} tag field(s), limit ${limit === all ? 'none' : limit}: returned ${got.length}, of which ${right} match all filters; a correct engine returns ${expected}`,
      };
    };
    const cases = [
      tagCase('finansiering', three, all), tagCase('finansiering', three, 20), tagCase('', three, 20),
      tagCase('företag', one, 20), tagCase('', one, 20),
    ];
    probes.push({
      engine: 'flexsearch', behaviour: 'tag filters (areas, stages, municipalities as tags; one value per field)', cases,
      finding: cases.map((c) => `"${c.q}" ${c.detail}`).join('; ') + '.',
    });
  }
  return probes;
};

