/** A browser-like visitor for in-process page tests: a cookie jar, HTML Accept, form posts, and signing in through the pages. */
import type { App } from '#functions/api/app.ts';
import { attr, tags } from './html.ts';

export type PageResponse = { status: number; html: string; headers: Headers; location: string | null };

/** One Set-Cookie header as its name, value and attributes (names lower-cased, flags as ''). */
export const parseSetCookie = (header: string) => {
  const [pair, ...parts] = header.split(';').map((part) => part.trim());
  const eq = pair!.indexOf('=');
  const attributes = new Map<string, string>();
  for (const part of parts) {
    const i = part.indexOf('=');
    attributes.set((i === -1 ? part : part.slice(0, i)).toLowerCase(), i === -1 ? '' : part.slice(i + 1));
  }
  return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attributes };
};

/** The value of a hidden input in a page, by name (the first one). */
export const hiddenValue = (html: string, name: string): string | undefined => {
  const input = tags(html, /<input[^>]*type="hidden"[^>]*>/g).find((tag) => attr(tag, 'name') === name);
  return input ? attr(input, 'value') : undefined;
};

export class Visitor {
  readonly cookies = new Map<string, string>();

  constructor(private readonly app: App) {}

  private remember(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const cookie = parseSetCookie(header);
      if (cookie.attributes.get('max-age') === '0' || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return { accept: 'text/html,application/xhtml+xml', ...(cookie ? { cookie } : {}), ...extra };
  }

  async request(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<PageResponse> {
    const response = await this.app.request(path, { method: init.method ?? 'GET', headers: this.headers(init.headers), ...(init.body === undefined ? {} : { body: init.body }) });
    this.remember(response);
    return { status: response.status, html: await response.text(), headers: response.headers, location: response.headers.get('location') };
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers });
  }

  /** Posts a urlencoded form; pairs may repeat a name (checkbox groups). */
  post(path: string, form: [string, string][] | Record<string, string>, headers: Record<string, string> = {}) {
    const body = new URLSearchParams(Array.isArray(form) ? form : Object.entries(form)).toString();
    return this.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }

  /** Signs in as a demo user the way a browser does: the sign-in page, then its form for that user. */
  async signIn(username: string, next?: string): Promise<PageResponse> {
    const page = await this.get(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
    const form = tags(page.html, /<form[\s\S]*?<\/form>/g).find((f) => hiddenValue(f, 'username') === username);
    if (!form) throw new Error(`no sign-in form for ${username}`);
    const fields: Record<string, string> = {};
    for (const input of tags(form, /<input[^>]*type="hidden"[^>]*>/g)) fields[attr(input, 'name')!] = attr(input, 'value')!;
    return this.post(attr(form, 'action')!, fields);
  }

  /** The CSRF token the current page embeds for this session. */
  async csrfToken(): Promise<string> {
    const page = await this.get('/accessibility');
    const token = hiddenValue(page.html, '_csrf');
    if (!token) throw new Error('no CSRF token on the page: not signed in?');
    return token;
  }
}
