/** Cuts a window of text around the first matched term and marks every matched term in it. */
import type { SnippetPart } from '#shared/domain/search.ts';
import { findToken, type Token } from './analysis.ts';

const WINDOW = 220;

const trimToWords = (text: string, start: number, end: number): [number, number] => {
  let from = start;
  let to = end;
  if (from > 0) {
    const space = text.indexOf(' ', from);
    from = space === -1 || space > from + 30 ? from : space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    to = space === -1 || space < to - 30 ? to : space;
  }
  return [from, to];
};

/**
 * `isMatch` tells whether a word of the text matched the query; `first` is the text's first matched
 * word (see findToken), if any. Only the words up to the window's end are read.
 */
export const buildSnippet = (text: string, isMatch: (word: string) => boolean, first: Token | undefined): SnippetPart[] => {
  const centre = first ? first.start : 0;
  const [from, to] = trimToWords(
    text,
    Math.max(0, Math.min(centre - 60, text.length - WINDOW)),
    Math.min(text.length, Math.max(centre - 60, 0) + WINDOW),
  );
  const parts: SnippetPart[] = [];
  const push = (part: string, highlighted: boolean) => {
    if (part.length === 0) return;
    const last = parts.at(-1);
    if (last && last.highlighted === highlighted) last.text += part;
    else parts.push({ text: part, highlighted });
  };
  let cursor = from;
  if (from > 0) push('…', false);
  for (let hit = first; hit !== undefined && hit.start < to; hit = findToken(text, isMatch, hit.end)) {
    if (hit.start < from || hit.end > to) continue;
    push(text.slice(cursor, hit.start), false);
    push(text.slice(hit.start, hit.end), true);
    cursor = hit.end;
  }
  push(text.slice(cursor, to), false);
  if (to < text.length) push('…', false);
  return parts;
};
