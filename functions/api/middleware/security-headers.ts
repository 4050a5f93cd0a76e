/**
 * Security headers on every response, errors included. HTML pages get a CSP that allows only the
 * app's own stylesheet, script, images and form targets; everything else (JSON, problem details,
 * assets) keeps the strictest one.
 */
import type { MiddlewareHandler } from 'hono';

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const securityHeaders = (): MiddlewareHandler => async (c, next) => {
  await next();
  const html = c.res.headers.get('content-type')?.startsWith('text/html') ?? false;
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  c.header('Content-Security-Policy', html ? PAGE_CSP : API_CSP);
  c.header('X-Frame-Options', 'DENY');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
};
