/**
 * What the adapter stores per entry: the search document plus sort keys, or a tombstone that keeps
 * a removed entry's version; and how entry versions become OpenSearch external versions.
 */
import type { SearchDocument } from '#shared/domain/search.ts';
import type { IndexOperation } from '#shared/ports/search-index.ts';

export type StoredDocument = SearchDocument & { deleted: false; nameSort: { sv: string; en: string } };
export type Tombstone = { id: string; version: number; deleted: true };

/** Å, Ä and Ö after Z, in that order, as Swedish collation has them; other diacritics fold to their letter. */
const SWEDISH_LAST: Record<string, string> = { å: '{', ä: '|', æ: '|', ö: '}', ø: '}' };

/** A keyword that sorts names in Swedish alphabetical order by plain code-unit comparison. */
export const nameSortKey = (name: string): string =>
  name
    .normalize('NFC')
    .toLocaleLowerCase('sv')
    .replace(/[åäæöø]/g, (letter) => SWEDISH_LAST[letter]!)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim();

export const toStoredDocument = (document: SearchDocument): StoredDocument => ({
  ...document,
  deleted: false,
  nameSort: { sv: nameSortKey(document.name.sv), en: nameSortKey(document.name.en ?? document.name.sv) },
});

export const toTombstone = (id: string, version: number): Tombstone => ({ id, version, deleted: true });

/**
 * The external version an operation is written with. OpenSearch applies a write only when its
 * external version is greater than the one held; the port wants an upsert to lose to an equal
 * version held and a delete to win over it. Upserts of entry version v are written as 2v and
 * deletes as 2v + 1, so a delete outranks the upsert of its own version and nothing older.
 */
export const externalVersion = (operation: IndexOperation): number =>
  operation.type === 'upsert' ? operation.document.version * 2 : operation.version * 2 + 1;

/** The entry version and kind of write an external version stands for. */
export const decodeExternalVersion = (external: number): { version: number; type: IndexOperation['type'] } => ({
  version: Math.floor(external / 2),
  type: external % 2 === 0 ? 'upsert' : 'delete',
});
