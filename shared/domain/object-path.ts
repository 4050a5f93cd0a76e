/**
 * Dotted paths from input (a mapping file's `establishmentOffer.offerType`) as object keys, safely:
 * `__proto__`, `constructor` and `prototype` are refused as segments, so a path can never reach
 * Object.prototype, and only own properties are followed.
 */

export const UNSAFE_PATH_SEGMENTS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Why a dotted path may not be used as object keys, or undefined when it may. */
export const unsafePathReason = (path: string): string | undefined => {
  const segments = path.split('.');
  if (segments.some((segment) => segment === '')) return 'has an empty segment';
  const unsafe = segments.find((segment) => UNSAFE_PATH_SEGMENTS.includes(segment));
  return unsafe === undefined ? undefined : `"${unsafe}" may not be a path segment`;
};

const assertSafe = (path: readonly string[]) => {
  const unsafe = path.find((segment) => UNSAFE_PATH_SEGMENTS.includes(segment));
  if (unsafe !== undefined) throw new TypeError(`"${unsafe}" may not be a path segment`);
};

/** Sets `value` at `path` in `target`, making plain objects on the way; refuses an unsafe segment. */
export const setPath = (target: Record<string, unknown>, path: readonly string[], value: unknown): void => {
  assertSafe(path);
  let node = target;
  for (const key of path.slice(0, -1)) {
    const inner = Object.hasOwn(node, key) ? node[key] : undefined;
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
};

/** The own value at `path` in `target`, or undefined. */
export const getPath = (target: Record<string, unknown>, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined), target);

/** Where parsed JSON holds a key named `__proto__`, `constructor` or `prototype` (JSON.parse makes them own keys), as dotted paths. */
export const unsafeKeysIn = (value: unknown, at: readonly string[] = []): string[] => {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => unsafeKeysIn(item, [...at, String(index)]));
  return Object.keys(value).flatMap((key) => [
    ...(UNSAFE_PATH_SEGMENTS.includes(key) ? [[...at, key].join('.')] : []),
    ...unsafeKeysIn((value as Record<string, unknown>)[key], [...at, key]),
  ]);
};
