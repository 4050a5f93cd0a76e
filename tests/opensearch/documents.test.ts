import { describe, expect, it } from 'vitest';
import { decodeExternalVersion, externalVersion, nameSortKey, toStoredDocument, toTombstone } from '#shared/adapters/opensearch/documents.ts';
import { outcomeOf } from '#shared/adapters/opensearch/responses.ts';
import { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import type { IndexOperation, IndexOutcome } from '#shared/ports/search-index.ts';
import { aDocument } from '../support/builders.ts';

const ID = 'versioned-entry';
const upsert = (version: number): IndexOperation => ({ type: 'upsert', document: aDocument({ id: ID, version }) });
const remove = (version: number): IndexOperation => ({ type: 'delete', id: aDocument({ id: ID }).id, version });

/** What OpenSearch does with external versions: write when greater than held, else a 409 naming both. */
const openSearchRule = () => {
  let held: number | undefined;
  return (operation: IndexOperation): IndexOutcome => {
    const provided = externalVersion(operation);
    if (held === undefined || provided > held) {
      held = provided;
      return outcomeOf(operation, { status: 200 });
    }
    return outcomeOf(operation, {
      status: 409,
      error: { type: 'version_conflict_engine_exception', reason: `[${ID}]: version conflict, current version [${held}] is higher or equal to the one provided [${provided}]` },
    });
  };
};

describe('externalVersion', () => {
  it('writes an upsert of version v as 2v and a delete of version v as 2v + 1', () => {
    expect([externalVersion(upsert(1)), externalVersion(remove(1)), externalVersion(upsert(7)), externalVersion(remove(7))]).toEqual([2, 3, 14, 15]);
    expect(decodeExternalVersion(15)).toEqual({ version: 7, type: 'delete' });
    expect(decodeExternalVersion(14)).toEqual({ version: 7, type: 'upsert' });
  });

  it('gives every pair of operations the outcome the embedded engine gives, under OpenSearch\'s rule', async () => {
    const operations = [1, 2, 3].flatMap((v) => [upsert(v), remove(v)]);
    for (const first of operations) {
      for (const second of operations) {
        const embedded = new EmbeddedSearchIndex();
        const expected = [...(await embedded.apply([first])), ...(await embedded.apply([second]))].map((o) => o.result);
        const apply = openSearchRule();
        const describe = (op: IndexOperation) => `${op.type} v${op.type === 'upsert' ? op.document.version : op.version}`;
        expect([apply(first), apply(second)].map((o) => o.result), `${describe(first)} then ${describe(second)}`).toEqual(expected);
      }
    }
  });
});

describe('nameSortKey', () => {
  it('orders names as Swedish collation does: Å, Ä, Ö after Z, case and other accents ignored', () => {
    const names = ['Örebro', 'almi', 'Zeta Park', 'Åmål', 'Ängel', 'Éclair', 'Kumla', 'ABB', 'Äbo', 'Övik', 'Ådalen', 'Ekonomi'];
    const collator = new Intl.Collator('sv');
    expect([...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1))).toEqual([...names].sort(collator.compare));
  });
});

describe('toStoredDocument', () => {
  it('stores the search document with sort keys per language, falling back to the Swedish name', () => {
    const document = aDocument({ id: 'stored', name: { sv: 'Örebro' } });
    expect(toStoredDocument(document)).toEqual({ ...document, deleted: false, nameSort: { sv: '}rebro', en: '}rebro' } });
  });

  it('keeps a removed entry as a tombstone holding only its id and version', () => {
    expect(toTombstone('gone', 4)).toEqual({ id: 'gone', version: 4, deleted: true });
  });
});
