/** Small helpers to read server-rendered HTML in tests without a DOM. */

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every href attribute value, decoded. */
export const hrefs = (html: string): string[] => [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => decode(m[1]!));

/** The opening tags matching a pattern, e.g. tags(html, /<input[^>]*type="checkbox"[^>]*>/g). */
export const tags = (html: string, pattern: RegExp): string[] => [...html.matchAll(pattern)].map((m) => m[0]);

/** An attribute of a tag string. */
export const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : undefined;
};

/** The visible text of an HTML fragment, whitespace collapsed. */
export const text = (html: string): string =>
  decode(html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();

/** The inner HTML of the first element with this id. */
export const byId = (html: string, id: string): string => {
  const start = html.indexOf(`id="${id}"`);
  if (start === -1) throw new Error(`no element with id "${id}"`);
  const open = html.lastIndexOf('<', start);
  const tag = /^<(\w+)/.exec(html.slice(open))![1]!;
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  re.lastIndex = open;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(html.indexOf('>', open) + 1, m.index);
  }
  throw new Error(`unclosed element with id "${id}"`);
};
