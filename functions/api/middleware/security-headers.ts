/**
 * Security headers on every response, errors included. HTML pages get a CSP that allows only the
 * app's own stylesheet, script, images and form targets; everything else (JSON, problem details,
 * assets) keeps the strictest one. In AWS, where the site is only served over HTTPS, browsers are
 * told to keep to HTTPS for a year (HSTS); locally (http://localhost) the header is left out. The
 * headers are set before the handler runs, so Hono builds each response with them once; after it,
 * only an HTML response, or a response made without the context, has its headers changed.
 */
import type { MiddlewareHandler } from 'hono';

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const HSTS = 'max-age=31536000; includeSubDomains';

const SECURITY_HEADERS: readonly (readonly [name: string, value: string])[] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Content-Security-Policy', API_CSP],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
];

export const securityHeaders = (options: { strictTransportSecurity?: boolean } = {}): MiddlewareHandler => {
  const headersToSet = options.strictTransportSecurity ? [...SECURITY_HEADERS, ['Strict-Transport-Security', HSTS] as const] : SECURITY_HEADERS;
  return async (c, next) => {
    for (const [name, value] of headersToSet) c.header(name, value);
    await next();
    const headers = c.res.headers;
    if (!headers.has('X-Content-Type-Options')) for (const [name, value] of headersToSet) c.header(name, value);
    const html = headers.get('content-type')?.startsWith('text/html') ?? false;
    if (html && headers.get('Content-Security-Policy') !== PAGE_CSP) c.header('Content-Security-Policy', PAGE_CSP);
  };
};
