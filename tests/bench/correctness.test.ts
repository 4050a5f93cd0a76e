import { beforeAll, describe, expect, it } from 'vitest';
import { LinearScanAdapter } from './adapters/linear-scan.ts';
import { MiniSearchAdapter } from './adapters/minisearch.ts';
import type { EngineAdapter, SearchDoc } from './engine.ts';
import { ProductionEngine } from './production-engine.ts';
import { CLASS_QUERIES } from './queries.ts';
import { Reference } from './reference.ts';
import { syntheticCatalogue } from './synthetic-catalogue.ts';

const N = 1_500;

describe('the bench engines against the brute-force reference', () => {
  let docs: SearchDoc[];
  let reference: Reference;
  const idsOf = (positions: number[]) => positions.map((p) => docs[p]!.id).sort();

  beforeAll(() => {
    docs = syntheticCatalogue(N);
    reference = new Reference(docs);
  });

  it.each([['bare MiniSearch', () => new MiniSearchAdapter()], ['the linear scan', () => new LinearScanAdapter()]] as const)(
    '%s finds the same hits and counts the same facets on every bench query',
    (_name, make: () => EngineAdapter) => {
      const engine = make();
      engine.build(docs);
      for (const query of CLASS_QUERIES) {
        const want = reference.search(query.q, query.filters);
        const got = engine.search({ q: query.q, filters: query.filters, page: 1, pageSize: N });
        expect([...got.ids].sort(), query.label).toEqual(idsOf(want.ranked));
        expect(got.facets, query.label).toEqual(want.facets);
      }
    },
  );

  it('the production engine finds every exact-word hit of the reference, and exactly the reference\'s hits when browsing by filters', async () => {
    const engine = new ProductionEngine();
    await engine.build(docs);
    for (const query of CLASS_QUERIES.filter((q) => q.queryClass !== 'swedish-typo')) {
      const want = idsOf(reference.search(query.q, query.filters).ranked);
      const got = new Set(await engine.allIds(query));
      if (query.queryClass === 'filters-only') expect([...got].sort(), query.label).toEqual(want);
      else expect(want.filter((id) => !got.has(id)), query.label).toEqual([]);
    }
  }, 120_000);

  it('the production engine finds a two-word Swedish query with a typo that the exact-word engines miss', async () => {
    const engine = new ProductionEngine();
    await engine.build(docs);
    const typo = CLASS_QUERIES.find((q) => q.queryClass === 'swedish-typo')!;
    const mended = typo.q.replace('finansering', 'finansiering');
    expect(reference.search(typo.q, typo.filters).ranked).toEqual([]);
    const found = new Set(await engine.allIds(typo));
    const exact = idsOf(reference.search(mended, typo.filters).ranked);
    expect(exact.length).toBeGreaterThan(0);
    expect(exact.filter((id) => !found.has(id))).toEqual([]);
  }, 120_000);
});
