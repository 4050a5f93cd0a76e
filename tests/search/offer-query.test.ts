import { describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/domain/errors.ts';
import { distanceKm, roundKm } from '#shared/domain/geo.ts';
import { assertMeasurable, offerQueryParams, parseOfferQuery, readOfferQuery } from '#shared/services/offer-query.ts';
import { aQuery, taxonomy } from '../support/builders.ts';

const ÖREBRO = { lat: 59.274, lon: 15.207 };

describe('distanceKm', () => {
  it('measures great-circle distances with the mean Earth radius, as OpenSearch arc does', () => {
    expect(distanceKm(ÖREBRO, ÖREBRO)).toBe(0);
    expect(roundKm(distanceKm(ÖREBRO, { lat: 59.067, lon: 15.11 }))).toBe(23.7);
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * 6371.0087714, 6);
  });
});

describe('parseOfferQuery', () => {
  it('reads nothing into empty filters and relevance order', () => {
    expect(parseOfferQuery({}, taxonomy)).toEqual({ offer: { type: [], availability: [] }, sort: 'relevance' });
  });

  it('reads every parameter, repeated ones as lists', () => {
    expect(
      parseOfferQuery(
        { offerType: ['land', 'office'], availability: 'available', minArea: '1000', maxArea: '50 000', minPower: '5,5', railSiding: 'true', near: '59.27, 15.21', radius: '30', sort: 'distance' },
        taxonomy,
      ),
    ).toEqual({
      offer: { type: ['land', 'office'], availability: ['available'], minAreaM2: 1000, maxAreaM2: 50_000, minPowerMW: 5.5, railSiding: true, near: { lat: 59.27, lon: 15.21 }, radiusKm: 30 },
      sort: 'distance',
    });
  });

  it('measures from a municipality\'s central town and remembers the municipality', () => {
    expect(parseOfferQuery({ nearMunicipality: '1880', radius: '30' }, taxonomy)).toEqual({
      offer: { type: [], availability: [], near: ÖREBRO, radiusKm: 30 },
      sort: 'relevance',
      nearMunicipality: '1880',
    });
  });

  it('treats empty form fields as absent and a checkbox\'s "on" as true', () => {
    expect(parseOfferQuery({ minArea: '', near: ' ', railSiding: 'on', sort: '' }, taxonomy)).toEqual({ offer: { type: [], availability: [], railSiding: true }, sort: 'relevance' });
    expect(parseOfferQuery({ railSiding: '' }, taxonomy)).toEqual({ offer: { type: [], availability: [] }, sort: 'relevance' });
  });

  it('reads railSiding=false as "offers stating there is no rail siding", and writes it back', () => {
    const query = parseOfferQuery({ railSiding: 'false' }, taxonomy);
    expect(query).toEqual({ offer: { type: [], availability: [], railSiding: false }, sort: 'relevance' });
    expect(offerQueryParams(query)).toEqual([['railSiding', 'false']]);
  });

  it.each([
    [{ minArea: '-5' }, 'minArea'],
    [{ maxArea: 'big' }, 'maxArea'],
    [{ minPower: '-1' }, 'minPower'],
    [{ offerType: ['land', 'castle'] }, 'offerType'],
    [{ availability: 'maybe' }, 'availability'],
    [{ railSiding: 'yes' }, 'railSiding'],
    [{ near: 'abc' }, 'near'],
    [{ near: '91,15' }, 'near'],
    [{ nearMunicipality: '9999' }, 'nearMunicipality'],
    [{ near: '59,15', nearMunicipality: '1880' }, 'nearMunicipality'],
    [{ near: '59.27,15.21', radius: '0' }, 'radius'],
    [{ near: '59.27,15.21', radius: '501' }, 'radius'],
    [{ radius: '10' }, 'radius'],
    [{ sort: 'distance' }, 'sort'],
    [{ sort: 'price' }, 'sort'],
    [{ minArea: '500', maxArea: '100' }, 'maxArea'],
  ] as const)('refuses %o, naming %s', (raw, name) => {
    expect(readOfferQuery(raw, taxonomy).issues.map((i) => i.name)).toEqual([name]);
    expect(() => parseOfferQuery(raw, taxonomy)).toThrow(ValidationError);
  });

  it('names every unreadable parameter at once', () => {
    expect(readOfferQuery({ minArea: 'x', sort: 'x' }, taxonomy).issues.map((i) => i.name)).toEqual(['minArea', 'sort']);
  });

  it('writes a query back as the parameters that give it', () => {
    const raw = { offerType: ['land'], minArea: '1000', railSiding: 'true', nearMunicipality: '1880', radius: '30', sort: 'distance' };
    const params = offerQueryParams(parseOfferQuery(raw, taxonomy));
    expect(params).toEqual([['offerType', 'land'], ['minArea', '1000'], ['railSiding', 'true'], ['nearMunicipality', '1880'], ['radius', '30'], ['sort', 'distance']]);
    expect(offerQueryParams(parseOfferQuery({ near: '59.27,15.21' }, taxonomy))).toEqual([['near', '59.27,15.21']]);
  });
});

describe('assertMeasurable', () => {
  it('refuses a distance sort or a radius without near, naming the parameter', () => {
    expect(() => assertMeasurable(aQuery({ sort: 'distance' }))).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ name: 'sort' })] }));
    expect(() => assertMeasurable(aQuery({ offer: { radiusKm: 5 } }))).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ name: 'radius' })] }));
    expect(() => assertMeasurable(aQuery({ sort: 'distance', offer: { near: ÖREBRO, radiusKm: 5 } }))).not.toThrow();
  });
});
