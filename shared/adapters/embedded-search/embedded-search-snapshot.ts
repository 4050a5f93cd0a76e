/**
 * A saved embedded search index: its state (documents, versions, lexicon, inverted index; see EmbeddedSearchState)
 * as bytes, and an index loaded back from them, ready to search without analysing any text. The region's
 * synonyms and query vocabulary are not saved: they come with the code and are passed when loading.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { EmbeddedSearchIndex, type EmbeddedSearchOptions, type EmbeddedSearchState } from './embedded-search-index.ts';

const FORMAT = 'vagvisaren-search-snapshot/1\n';
/** Fast compression: a snapshot is about half documents, half index, each about as large as the catalogue's JSON. */
const GZIP = { level: 1 };

/** The index's state as gzipped JSON after a format line. */
export const saveSearchSnapshot = (index: EmbeddedSearchIndex): Uint8Array => gzipSync(FORMAT + JSON.stringify(index.state()), GZIP);

/** An index holding what the snapshot saved, with the region's synonyms and query vocabulary from `options`. */
export const loadSearchSnapshot = (bytes: Uint8Array, options: EmbeddedSearchOptions): EmbeddedSearchIndex => {
  let text: string;
  try {
    text = gunzipSync(bytes).toString('utf8');
  } catch {
    throw new Error(`Not a search snapshot of format ${FORMAT.trim()} (not gzip).`);
  }
  if (!text.startsWith(FORMAT)) throw new Error(`Not a search snapshot of format ${FORMAT.trim()}.`);
  const state = JSON.parse(text.slice(FORMAT.length)) as EmbeddedSearchState;
  return new EmbeddedSearchIndex(options, state);
};
