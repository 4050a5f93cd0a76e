/**
 * Security headers on every response, errors included. HTML pages get a CSP that allows only the
 * app's own stylesheet, script, images and form targets; everything else (JSON, problem details,
 * assets) keeps the strictest one. In AWS, where the site is only served over HTTPS, browsers are
 * told to keep to HTTPS for a year (HSTS); locally (http://localhost) the header is left out.
 */
import type { MiddlewareHandler } from 'hono';

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const HSTS = 'max-age=31536000; includeSubDomains';

export const securityHeaders = (options: { strictTransportSecurity?: boolean } = {}): MiddlewareHandler => async (c, next) => {
  await next();
  if (options.strictTransportSecurity) c.header('Strict-Transport-Security', HSTS);
  const html = c.res.headers.get('content-type')?.startsWith('text/html') ?? false;
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  c.header('Content-Security-Policy', html ? PAGE_CSP : API_CSP);
  c.header('X-Frame-Options', 'DENY');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
};
