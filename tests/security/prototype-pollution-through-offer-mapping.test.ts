import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exitCodeFor } from '#functions/cli/command-line.ts';
import { runCatalogue } from '#functions/cli/catalogue.ts';
import { setPath } from '#shared/domain/object-path.ts';
import { parseOfferMapping } from '#shared/import/offer-mapping.ts';
import { fixedClock } from '../support/builders.ts';

const CSV = 'tests/fixtures/offers/lediga-tomter.csv';
const workDir = mkdtempSync(join(tmpdir(), 'vagvisaren-pollution-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const sink = () => {
  const chunks: string[] = [];
  return { isTTY: false, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
};

/** A working mapping for the fixture with extra constants. */
const mappingWith = (constants: string) => `{
  "id": "tomt-{kommunkod}-{id}",
  "input": { "delimiter": ";" },
  "constants": { ${constants}, "providerId": "almi", "areas": ["investment-establishment"], "establishmentOffer.offerType": "land" },
  "fields": { "name.sv": "namn", "establishmentOffer.location.municipality": "kommunkod" }
}`;

const ATTACKS = [
  '"__proto__.polluted": "yes"',
  '"constructor.prototype.polluted": "yes"',
  '"establishmentOffer.__proto__.polluted": "yes"',
  '"prototype.polluted": "yes"',
  '"__proto__": { "polluted": "yes" }',
];

describe('prototype pollution through an offer mapping file', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  it.each(ATTACKS)('refuses the constant %s, naming it, and Object.prototype stays clean', async (constant) => {
    const parsed = parseOfferMapping(mappingWith(constant));
    expect('errors' in parsed).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const mapping = join(workDir, 'mapping.json');
    writeFileSync(mapping, mappingWith(constant));
    const out = sink();
    const err = sink();
    const code = await runCatalogue(['import-offers', CSV, '--mapping', mapping, '--dry-run'], { DATA_DIR: join(workDir, 'data') }, { out, err, clock: fixedClock, username: 'tester' });
    expect(code).toBe(1);
    expect(err.text()).toMatch(/__proto__|constructor|prototype/);
    expect(err.text()).not.toMatch(/"code":|ZodError/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('setPath refuses an unsafe segment even when called directly', () => {
    expect(() => setPath({}, ['__proto__', 'polluted'], 'yes')).toThrow(/__proto__/);
    expect(() => setPath({}, ['a', 'constructor', 'prototype'], 'yes')).toThrow(/constructor/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a ZodError that reaches a command is its issues by path and exit 1, never the raw error', () => {
    const err = sink();
    const error = z.object({ a: z.number() }).safeParse({ a: 'x' }).error!;
    expect(exitCodeFor(error, err, 'usage')).toBe(1);
    expect(err.text()).toMatch(/^The input is not valid:\n {2}a: /);
    expect(err.text()).not.toContain('"code"');
  });
});
