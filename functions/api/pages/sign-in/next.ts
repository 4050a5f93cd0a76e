/** Where to go after signing in: only a path of this site, never another origin (no open redirect). */

/** The role-aware start page (`/home`), so an advisor is not sent to the editor they may not use. */
export const DEFAULT_NEXT = '/home';
const MAX_NEXT = 1000;

/**
 * `next` when it is a safe relative path (`/editor/entries/x/edit?lang=en`), else the start page.
 * Refused: absolute and scheme-relative URLs (`//evil.example`, `/\evil.example`), control
 * characters, and anything that resolves to another origin.
 */
export const safeNext = (next: string | undefined): string => {
  if (!next || next.length > MAX_NEXT || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return DEFAULT_NEXT;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return DEFAULT_NEXT;
  const base = 'https://vagvisaren.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return DEFAULT_NEXT;
  }
  if (url.origin !== base) return DEFAULT_NEXT;
  return `${url.pathname}${url.search}${url.hash}`;
};
