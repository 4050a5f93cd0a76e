/** The editor pages' URLs: a path in a language with its parameters, and the success notices a redirect carries. */
import type { Language } from '#shared/domain/text.ts';

export const NOTICES = ['created', 'saved', 'unchanged', 'published', 'unpublished', 'archived', 'verified', 'reserved'] as const;
export type Notice = (typeof NOTICES)[number];

/** An editor path with parameters, `lang=en` last when English. */
export const editorHref = (path: string, lang: Language, params: Record<string, string> = {}): string => {
  const query = new URLSearchParams(params);
  if (lang === 'en') query.set('lang', 'en');
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};

/** The notice named by `?notice=`, when it is one the editor gives. */
export const readNotice = (value: string | undefined): Notice | undefined =>
  (NOTICES as readonly string[]).includes(value ?? '') ? (value as Notice) : undefined;
