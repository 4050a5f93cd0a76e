/**
 * A saved embedded search index: its state (documents, versions, lexicon, inverted index; see EmbeddedSearchState)
 * as bytes, and an index loaded back from them, ready to search without analysing any text or building any
 * posting list: the index's typed arrays are stored as they lie in memory and loaded as views. The region's
 * synonyms and query vocabulary are not saved: they come with the code and are passed when loading.
 *
 * Layout (little-endian): the magic "VVSEARCH", the format version (u32), 1 when the body is gzipped (u32), the
 * body's length (u32); the body is sections, each its byte length (u32) and its bytes, padded to 4 bytes: the
 * state's other fields as JSON, the documents as JSON, the sorted terms joined by newlines, then as raw arrays the
 * term offsets (u32), the postings' slots and fields (u32) and frequencies (u16), and the field lengths (u32).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { EmbeddedSearchIndex, type EmbeddedSearchOptions, type EmbeddedSearchState } from './embedded-search-index.ts';

const MAGIC = 'VVSEARCH';
const VERSION = 2;
const HEADER_BYTES = MAGIC.length + 12;
/**
 * Not gzipped when saving (loading reads either): inflating a 10k snapshot took longer than moving the bytes it
 * saves from S3 in the same region is estimated to take (see README, "Search without a cluster").
 */
const COMPRESS = false;
const GZIP = { level: 1 };

type Meta = Pick<EmbeddedSearchState, 'versions' | 'lexicon' | 'letterTerms'> & { fieldCount: number; slotCount: number };

export class SnapshotFormatError extends Error {
  constructor(reason: string) {
    super(`Not a search snapshot of format ${MAGIC}/${VERSION}: ${reason}.`);
    this.name = 'SnapshotFormatError';
  }
}

/** The index's state in the layout above. */
export const saveSearchSnapshot = (index: EmbeddedSearchIndex): Uint8Array => {
  const state = index.state();
  const meta: Meta = { versions: state.versions, lexicon: state.lexicon, letterTerms: state.letterTerms, fieldCount: state.index.fieldCount, slotCount: state.index.slotCount };
  const encoder = new TextEncoder();
  const sections: Uint8Array[] = [
    encoder.encode(JSON.stringify(meta)),
    encoder.encode(JSON.stringify(state.documents)),
    encoder.encode(state.index.terms.join('\n')),
    bytesOf(state.index.offsets),
    bytesOf(state.index.places),
    bytesOf(state.index.frequencies),
    bytesOf(state.index.lengths),
  ];
  const bodyLength = sections.reduce((sum, section) => sum + 4 + padded(section.byteLength), 0);
  const body = new Uint8Array(bodyLength);
  const view = new DataView(body.buffer);
  let at = 0;
  for (const section of sections) {
    view.setUint32(at, section.byteLength, true);
    body.set(section, at + 4);
    at += 4 + padded(section.byteLength);
  }
  const stored = COMPRESS ? gzipSync(body, GZIP) : body;
  const out = new Uint8Array(HEADER_BYTES + stored.byteLength);
  const header = new DataView(out.buffer);
  out.set(encoder.encode(MAGIC), 0);
  header.setUint32(MAGIC.length, VERSION, true);
  header.setUint32(MAGIC.length + 4, COMPRESS ? 1 : 0, true);
  header.setUint32(MAGIC.length + 8, stored.byteLength, true);
  out.set(stored, HEADER_BYTES);
  return out;
};

/** An index holding what the snapshot saved, with the region's synonyms and query vocabulary from `options`. */
export const loadSearchSnapshot = (bytes: Uint8Array, options: EmbeddedSearchOptions): EmbeddedSearchIndex => {
  if (bytes.byteLength < HEADER_BYTES || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw new SnapshotFormatError('no header');
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const version = header.getUint32(MAGIC.length, true);
  if (version !== VERSION) throw new SnapshotFormatError(`version ${version}`);
  const compressed = header.getUint32(MAGIC.length + 4, true) === 1;
  const storedLength = header.getUint32(MAGIC.length + 8, true);
  if (bytes.byteLength !== HEADER_BYTES + storedLength) throw new SnapshotFormatError(`${bytes.byteLength - HEADER_BYTES} bytes of body where the header says ${storedLength}`);
  const stored = bytes.subarray(HEADER_BYTES);
  let body: Uint8Array;
  try {
    body = compressed ? gunzipSync(stored) : stored;
  } catch {
    throw new SnapshotFormatError('the body is not gzip');
  }
  /** The loaded index's arrays are its own (it changes them in place) and aligned for Uint32 views. */
  if (!compressed || body.byteOffset % 4 !== 0) body = new Uint8Array(body);
  const sections: Uint8Array[] = [];
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  for (let at = 0; at < body.byteLength; ) {
    if (at + 4 > body.byteLength) throw new SnapshotFormatError('truncated');
    const length = view.getUint32(at, true);
    if (at + 4 + length > body.byteLength) throw new SnapshotFormatError('truncated');
    sections.push(body.subarray(at + 4, at + 4 + length));
    at += 4 + padded(length);
  }
  if (sections.length !== 7) throw new SnapshotFormatError(`${sections.length} sections`);
  const [metaBytes, documentBytes, termBytes, offsets, places, frequencies, lengths] = sections as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  let meta: Meta;
  let documents: EmbeddedSearchState['documents'];
  try {
    meta = JSON.parse(text(metaBytes)) as Meta;
    documents = JSON.parse(text(documentBytes)) as EmbeddedSearchState['documents'];
  } catch {
    throw new SnapshotFormatError('its JSON sections do not parse');
  }
  const termText = text(termBytes);
  const index = {
    fieldCount: meta.fieldCount,
    terms: termText === '' ? [] : termText.split('\n'),
    offsets: uint32s(offsets),
    places: uint32s(places),
    frequencies: uint16s(frequencies),
    lengths: uint32s(lengths),
    slotCount: meta.slotCount,
  };
  if (index.offsets.length !== index.terms.length + 1 || index.offsets[index.terms.length] !== index.places.length || index.frequencies.length !== index.places.length || index.lengths.length !== meta.slotCount * meta.fieldCount) {
    throw new SnapshotFormatError('its index sections disagree');
  }
  try {
    return new EmbeddedSearchIndex(options, { documents, versions: meta.versions, lexicon: meta.lexicon, letterTerms: meta.letterTerms, index });
  } catch (error) {
    throw new SnapshotFormatError(`its contents do not fit together (${error instanceof Error ? error.message : String(error)})`);
  }
};

const padded = (length: number) => (length + 3) & ~3;
const bytesOf = (array: Uint32Array | Uint16Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
const text = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
const uint16s = (bytes: Uint8Array) => {
  if (bytes.byteLength % 2 !== 0) throw new SnapshotFormatError('an array section of an odd length');
  return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
};
const uint32s = (bytes: Uint8Array) => {
  if (bytes.byteLength % 4 !== 0) throw new SnapshotFormatError('an array section of a length not a multiple of 4');
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};
