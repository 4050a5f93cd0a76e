/** Serves the stylesheet and script from the app under content-hashed paths with a year-long cache. */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { SITE_CSS } from './site.css.ts';
import { SITE_JS } from './site.js.ts';
import { FOLLOW_UP_CSS } from '../follow-up/follow-up.css.ts';

const STYLESHEET = SITE_CSS + FOLLOW_UP_CSS;

const hashed = (name: string, ext: string, body: string) =>
  `/assets/${name}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${ext}`;

export const CSS_PATH = hashed('site', 'css', STYLESHEET);
export const JS_PATH = hashed('site', 'js', SITE_JS);

const IMMUTABLE = 'public, max-age=31536000, immutable';

export const assetRoutes = () =>
  new Hono()
    .get(CSS_PATH, (c) => c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': IMMUTABLE }))
    .get(JS_PATH, (c) => c.body(SITE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': IMMUTABLE }));
