import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SearchIndex } from '#shared/ports/search-index.ts';
import { aQuery } from '../support/builders.ts';
import { seededIndex } from '../support/seeded-index.ts';
import judged from './judged-queries.json' with { type: 'json' };

/** Raise these as the search improves; they are the measured figures rounded down. */
const FLOOR = { ndcg: 0.88, recall: 0.91 };
const K = 5;

const JudgedQueries = z.object({
  queries: z.array(z.object({ q: z.string(), filters: z.record(z.string(), z.array(z.string())).optional(), relevant: z.array(z.string()).min(1).max(K) })),
});

const dcg = (gains: number[]) => gains.reduce((sum, gain, i) => sum + gain / Math.log2(i + 2), 0);

export const scoreRanking = (ranked: string[], relevant: string[]) => {
  const top = ranked.slice(0, K);
  const gains = top.map((id): number => (relevant.includes(id) ? 1 : 0));
  const ideal = dcg(relevant.slice(0, K).map(() => 1));
  return { ndcg: dcg(gains) / ideal, recall: gains.reduce((a, b) => a + b, 0) / Math.min(relevant.length, K) };
};

describe('search relevance on the seeded catalogue', () => {
  const { queries } = JudgedQueries.parse(judged);
  let index: SearchIndex;
  let entryIds: Set<string>;
  beforeAll(async () => {
    const seeded = await seededIndex();
    index = seeded.index;
    entryIds = new Set(seeded.entries.map((e) => e.id));
  });

  it('judges at least 40 queries, each naming entries that exist', () => {
    expect(queries.length).toBeGreaterThanOrEqual(40);
    expect(queries.flatMap((q) => q.relevant).filter((id) => !entryIds.has(id))).toEqual([]);
  });

  it(`reaches nDCG@${K} ≥ ${FLOOR.ndcg} and recall@${K} ≥ ${FLOOR.recall}`, async () => {
    const rows: { query: string; ndcg: number; recall: number; missing: string[] }[] = [];
    for (const judgedQuery of queries) {
      const result = await index.search(aQuery({ q: judgedQuery.q, filters: judgedQuery.filters ?? {}, pageSize: K }));
      const ranked: string[] = result.hits.map((h) => h.id);
      rows.push({ query: judgedQuery.q || JSON.stringify(judgedQuery.filters), ...scoreRanking(ranked, judgedQuery.relevant), missing: judgedQuery.relevant.filter((id) => !ranked.includes(id)) });
    }
    const mean = (key: 'ndcg' | 'recall') => rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
    const summary = { queries: rows.length, ndcgAt5: Number(mean('ndcg').toFixed(3)), recallAt5: Number(mean('recall').toFixed(3)) };
    console.log(`relevance: ${JSON.stringify(summary)}`);
    for (const row of rows.filter((r) => r.recall < 1)) console.log(`  ${row.query}: nDCG ${row.ndcg.toFixed(2)}, missing ${row.missing.join(', ')}`);
    expect(summary.ndcgAt5).toBeGreaterThanOrEqual(FLOOR.ndcg);
    expect(summary.recallAt5).toBeGreaterThanOrEqual(FLOOR.recall);
  });
});
