import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOfferQuery } from '#shared/services/offer-query.ts';
import { aQuery } from '../support/builders.ts';
import { seededIndex } from '../support/seeded-index.ts';
import { ENTRY_KINDS, STAGES } from '#shared/domain/entry.ts';
import { seedRecords } from '#shared/seed/regions.ts';
import { seedEntries } from '#shared/services/seed-catalogue.ts';
import { NOW, taxonomy } from '../support/builders.ts';

const entries = seedEntries(seedRecords('orebro-lan'), taxonomy, NOW);
const text = (e: (typeof entries)[number]) =>
  [e.name, e.summary, e.description].flatMap((t) => [t.sv, t.en ?? '']).join(' ');

describe('the Örebro län demonstration catalogue', () => {
  it('holds at least 80 entries that all pass the schema and the taxonomy', () => {
    expect(entries.length).toBeGreaterThanOrEqual(80);
  });

  it('covers all five kinds, four areas and four stages', () => {
    expect(new Set(entries.map((e) => e.kind))).toEqual(new Set(ENTRY_KINDS));
    expect(new Set(entries.flatMap((e) => e.areas))).toEqual(new Set(taxonomy.areas.map((a) => a.code)));
    expect(new Set(entries.flatMap((e) => e.stages))).toEqual(new Set(STAGES));
  });

  it('has entries of their own in each of the 12 municipalities, not only county-wide ones', () => {
    const local = new Set(entries.flatMap((e) => (e.municipalities === 'county' ? [] : e.municipalities)));
    expect([...local].sort()).toEqual(taxonomy.municipalities.map((m) => m.code).sort());
  });

  it('marks every record as demonstration data and gives its sources', () => {
    expect(entries.every((e) => e.demo)).toBe(true);
    expect(entries.filter((e) => e.sources.length === 0).map((e) => e.id)).toEqual([]);
  });

  it('invents no e-mail addresses or phone numbers', () => {
    expect(entries.flatMap((e) => e.contact).filter((c) => c.type !== 'web')).toEqual([]);
    expect(entries.filter((e) => /[\w.+-]+@[\w-]+\.[\w.]+/.test(text(e))).map((e) => e.id)).toEqual([]);
    expect(entries.filter((e) => /(\+46|\b0\d{1,3})[\s-]?\d{2,3}[\s-]?\d{2}[\s-]?\d{2}\b/.test(text(e))).map((e) => e.id)).toEqual([]);
  });

  it('has unique ids, and every provider is an actor in the catalogue', () => {
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.size).toBe(entries.length);
    const dangling = entries.filter((e) => e.providerId && byId.get(e.providerId)?.kind !== 'actor').map((e) => e.id);
    expect(dangling).toEqual([]);
  });

  it('answers the README\'s establishment-offer example with an offer, Hallsberg\'s site among them', async () => {
    const examples = [...readFileSync('README.md', 'utf8').matchAll(/localhost:3000\/v1\/search\?([^\s)]*(?:nearMunicipality|railSiding|minArea|minPower)[^\s)]*)/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThan(0);
    const { index } = await seededIndex();
    for (const example of examples) {
      const params = Object.fromEntries(new URLSearchParams(example));
      const query = parseOfferQuery(params, taxonomy);
      const result = await index.search(aQuery({ filters: { kind: ['establishment-offer'] }, offer: query.offer, sort: query.sort, pageSize: 50 }));
      expect(result.hits.map((h) => h.id), example).toContain('hallsberg-etableringsmark-hallsbergsterminalen');
    }
  });

  it('states no offer fact its sources do not give: no rail siding, power, price or availability anywhere', () => {
    const offers = entries.flatMap((e) => (e.kind === 'establishment-offer' ? [e.establishmentOffer] : []));
    expect(offers.length).toBeGreaterThan(5);
    expect(offers.filter((o) => o.railSiding !== undefined || o.powerCapacityMW !== undefined || o.price || o.availability)).toEqual([]);
    const hallsberg = entries.find((e) => e.id === 'hallsberg-etableringsmark-hallsbergsterminalen');
    expect(hallsberg?.kind === 'establishment-offer' && hallsberg.establishmentOffer.landAreaM2).toBe(900_000);
  });

  it('has an English name and summary for every entry', () => {
    expect(entries.filter((e) => !e.name.en || !e.summary.en).map((e) => e.id)).toEqual([]);
  });
});
