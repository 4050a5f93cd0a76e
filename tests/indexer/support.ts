/** Stream-event fixtures (cloned per read) and a logger that keeps its lines. */
import { readFileSync } from 'node:fs';
import type { Logger } from '#functions/api/middleware/request-log.ts';

export type FixtureName =
  | 'insert'
  | 'modify'
  | 'modify-to-draft'
  | 'remove'
  | 'ttl-remove'
  | 'out-of-order'
  | 'poison'
  | 'two-inserts'
  | 'other-entity'
  | 'bulk-one-failed';

/** A fresh copy of a JSON fixture, so a test may change it freely. */
export const fixture = <T = { Records: Record<string, any>[] }>(name: FixtureName): T =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T;

export type LogLine = { level: 'info' | 'error'; message: string; fields: Record<string, unknown> };

export const recordingLogger = () => {
  const lines: LogLine[] = [];
  const make = (base: Record<string, unknown>): Logger => ({
    info: (message, fields) => lines.push({ level: 'info', message, fields: { ...base, ...fields } }),
    error: (message, fields) => lines.push({ level: 'error', message, fields: { ...base, ...fields } }),
    child: (fields) => make({ ...base, ...fields }),
  });
  return { logger: make({}), lines };
};
