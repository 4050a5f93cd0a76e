/** Where to go after signing in: only a path of this site, never another origin (no open redirect). */

/** The role-aware start page (`/home`), so an advisor is not sent to the editor they may not use. */
export const DEFAULT_NEXT = '/home';
const MAX_NEXT = 1000;

/** A path a browser would read as another origin: `//host`, or `/\host`, which browsers treat alike. */
const leavesOrigin = (path: string) => path.startsWith('//') || path.startsWith('/\\');

/**
 * `next` when it is a safe relative path (`/editor/entries/x/edit?lang=en`), else the start page.
 * Refused: absolute and scheme-relative URLs (`//evil.example`, `/\evil.example`), control
 * characters, anything that resolves to another origin, and a path that only becomes scheme-relative
 * once dot segments are removed (`/..//evil.example`, `/.//x`, `/%2e%2e//x`): the normalised path is
 * what the Location header carries, so it is checked again.
 */
export const safeNext = (next: string | undefined): string => {
  if (!next || next.length > MAX_NEXT || !next.startsWith('/') || leavesOrigin(next)) return DEFAULT_NEXT;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return DEFAULT_NEXT;
  const base = 'https://vagvisaren.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return DEFAULT_NEXT;
  }
  if (url.origin !== base || leavesOrigin(url.pathname)) return DEFAULT_NEXT;
  const normalised = `${url.pathname}${url.search}${url.hash}`;
  return normalised.length > MAX_NEXT ? DEFAULT_NEXT : normalised;
};
