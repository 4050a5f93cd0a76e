/**
 * Done-when for establishment-offer search through GET /v1/search: hard-fact filters, a radius round a
 * municipality's central town, and the offer's validity window on the service's clock.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { anEntry, anOffer, fixedClock } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];
type Body = { total: number; hits: { id: string; name: { sv: string; en?: string }; distanceKm?: number; offer?: Record<string, unknown> }[] };

const site = (id: string, municipality: string, position: { lat: number; lon: number }, facts: Record<string, unknown>) =>
  anOffer({
    id,
    name: { sv: `Industritomt ${id}`, en: `Industrial site ${id}` },
    summary: { sv: 'Mark för etablering av industri och logistik.', en: 'Land for establishing industry and logistics.' },
    validUntil: '2026-12-31',
    offer: { offerType: 'land', location: { municipality, placeName: id, position }, ...facts },
  });

const catalogue = [
  site('hallsberg-tomt', '1861', { lat: 59.067, lon: 15.11 }, { landAreaM2: 50_000, railSiding: true, powerCapacityMW: 10 }),
  site('far-tomt', '1864', { lat: 59.81, lon: 15.21 }, { landAreaM2: 50_000, railSiding: true, powerCapacityMW: 10 }),
  site('weak-tomt', '1881', { lat: 59.128, lon: 15.143 }, { landAreaM2: 50_000, railSiding: true, powerCapacityMW: 4 }),
  site('no-siding-tomt', '1881', { lat: 59.13, lon: 15.14 }, { landAreaM2: 50_000, powerCapacityMW: 10 }),
  anEntry({ id: 'almi', name: { sv: 'Almi' }, summary: { sv: 'Rådgivning om etablering och logistik.' } }),
];

const FIND = '/v1/search?railSiding=true&minPower=5&nearMunicipality=1880&radius=30';

describe('GET /v1/search for establishment offers', () => {
  const dynalite = useDynalite();
  let app: App;
  beforeAll(async () => {
    ({ app } = await buildTestApp(dynalite.endpoint, catalogue));
  });
  afterEach(() => vi.restoreAllMocks());

  const search = async (url: string): Promise<Body> => {
    const response = await app.request(url);
    expect(response.status).toBe(200);
    return (await response.json()) as Body;
  };

  it('finds a published offer with a rail siding and enough power within 30 km of Örebro', async () => {
    const body = await search(FIND);
    expect(body.hits.map((h) => h.id)).toEqual(['hallsberg-tomt']);
    expect(body.total).toBe(1);
    expect(body.hits[0]).toMatchObject({ distanceKm: 23.7, offer: { type: 'land', municipality: '1861', areaM2: 50_000, powerMW: 10, railSiding: true } });
  });

  it('finds it for an English visitor too', async () => {
    const body = await search(`${FIND}&lang=en`);
    expect(body.hits.map((h) => h.id)).toEqual(['hallsberg-tomt']);
    expect(body.hits[0]!.name.en).toBe('Industrial site hallsberg-tomt');
  });

  it('leaves out an offer 60 km away, one with 4 MW and one without a siding', async () => {
    const all = await search('/v1/search?nearMunicipality=1880&sort=distance');
    const distances = Object.fromEntries(all.hits.map((h) => [h.id, h.distanceKm]));
    expect(distances['far-tomt']).toBeGreaterThan(59);
    expect((await search(FIND)).hits.map((h) => h.id)).not.toEqual(expect.arrayContaining(['far-tomt', 'weak-tomt', 'no-siding-tomt']));
    expect((await search('/v1/search?railSiding=true&minPower=5')).hits.map((h) => h.id).sort()).toEqual(['far-tomt', 'hallsberg-tomt']);
  });

  it('no longer finds the offer after its validUntil', async () => {
    vi.spyOn(fixedClock, 'now').mockReturnValue(new Date('2027-01-01T09:00:00Z'));
    expect((await search(FIND)).total).toBe(0);
  });

  it('sorts offers by distance from a position given as lat,lon', async () => {
    const body = await search('/v1/search?near=59.274,15.207&sort=distance&offerType=land');
    expect(body.hits.map((h) => h.id)).toEqual(['no-siding-tomt', 'weak-tomt', 'hallsberg-tomt', 'far-tomt']);
  });

  it('narrows the facet counts by the offer filters', async () => {
    const body = (await (await app.request(FIND)).json()) as { facets: { kind: { value: string; count: number }[] } };
    expect(body.facets.kind.filter((f) => f.count > 0)).toEqual([expect.objectContaining({ value: 'establishment-offer', count: 1 })]);
  });
});
