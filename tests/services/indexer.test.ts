import { describe, expect, it } from 'vitest';
import { toIndexOperation } from '#shared/services/indexer.ts';
import { anEntry, taxonomy, TODAY } from '../support/builders.ts';

describe('indexer core', () => {
  it('upserts a published entry with county-wide coverage expanded to every municipality', () => {
    const entry = anEntry({ municipalities: 'county' });
    const operation = toIndexOperation({ type: 'upserted', entry }, taxonomy, TODAY);
    expect(operation.type).toBe('upsert');
    expect(operation.type === 'upsert' && operation.document.facets.municipality).toHaveLength(12);
  });

  it('indexes the labels an entry is known by: kind, areas, stages, support types and local municipalities', () => {
    const entry = anEntry({ kind: 'testbed', areas: ['innovation'], stages: ['growth'], supportTypes: ['testing-demonstration'], municipalities: ['1883'] });
    const operation = toIndexOperation({ type: 'upserted', entry }, taxonomy, TODAY);
    expect(operation.type === 'upsert' && operation.document.keywords).toEqual(
      ['Testbädd', 'Testbed', 'Innovation', 'Tillväxt', 'Growth', 'Test och demonstration', 'Testing and demonstration', 'Karlskoga'],
    );
  });

  it('indexes a published entry that becomes valid later, for the query-time window to reveal', () => {
    const entry = anEntry({ validFrom: '2027-01-01' });
    expect(toIndexOperation({ type: 'upserted', entry }, taxonomy, TODAY).type).toBe('upsert');
  });

  it.each([
    ['a draft', { status: 'draft' }],
    ['an archived entry', { status: 'archived' }],
    ['an expired entry', { validUntil: '2026-11-26' }],
  ])('deletes %s at its version', (_case, overrides) => {
    const entry = anEntry({ ...overrides, version: 3 });
    expect(toIndexOperation({ type: 'upserted', entry }, taxonomy, TODAY)).toEqual({ type: 'delete', id: entry.id, version: 3 });
  });

  it('deletes a removed entry at the removed version', () => {
    const { id } = anEntry();
    expect(toIndexOperation({ type: 'removed', id, version: 7 }, taxonomy, TODAY)).toEqual({ type: 'delete', id, version: 7 });
  });
});
