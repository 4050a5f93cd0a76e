/**
 * Stable identifiers for published open data: RFC 9562 UUID version 5 (SHA-1, name-based) of our own
 * ids, so every export names the same actor, service, location or term with the same UUID.
 */
import { createHash } from 'node:crypto';

const RFC_URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

const bytesOf = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ''), 'hex');

const format = (bytes: Buffer): string => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** The version-5 UUID of `name` in `namespace`. */
export const uuidV5 = (namespace: string, name: string): string => {
  const digest = createHash('sha1').update(bytesOf(namespace)).update(name, 'utf8').digest().subarray(0, 16);
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  return format(digest);
};

/** The namespace of Vägvisaren's open data: the version-5 UUID of its URN in the RFC's URL namespace. */
export const OPEN_DATA_NAMESPACE = uuidV5(RFC_URL_NAMESPACE, 'urn:vagvisaren:open-data');

/** What a stable id names: the object type and our key for it (`service`, `almi-lan`). */
const TERM_IDS = new Map<string, string>();
export const stableId = (type: string, key: string): string => {
  // Taxonomy terms and taxonomies recur on every entry: remember theirs (a bounded set), hash the rest.
  if (type !== 'taxonomy_term' && type !== 'taxonomy') return uuidV5(OPEN_DATA_NAMESPACE, `${type}:${key}`);
  const name = `${type}:${key}`;
  let id = TERM_IDS.get(name);
  if (id === undefined) TERM_IDS.set(name, (id = uuidV5(OPEN_DATA_NAMESPACE, name)));
  return id;
};
