import { beforeAll, describe, expect, it } from 'vitest';
import { anEntry } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

const catalogue = [
  anEntry({ id: 'almi-lan', kind: 'investor', name: { sv: 'Almis lån', en: 'Almi loans' }, summary: { sv: 'Finansiering genom lån till små företag.', en: 'Financing through loans to small companies.' }, investor: { instruments: ['loan'], investmentStages: ['growth'] }, areas: ['company-development', 'investment-establishment'], stages: ['startup', 'growth'], supportTypes: ['loan'] }),
  anEntry({ id: 'almi-invest', kind: 'investor', name: { sv: 'Almi Invest' }, summary: { sv: 'Riskkapital och finansiering för bolag i tillväxt.' }, investor: { instruments: ['equity'], investmentStages: ['growth'] }, areas: ['investment-establishment'], stages: ['growth'], supportTypes: ['equity'], municipalities: ['1883'] }),
  anEntry({ id: 'inkubera', name: { sv: 'Inkubera' }, summary: { sv: 'Inkubator för nya idéer.' }, areas: ['innovation'], stages: ['idea', 'startup'], supportTypes: ['incubation'], municipalities: ['1880'] }),
  anEntry({ id: 'draft-entry', name: { sv: 'Utkast om finansiering' }, status: 'draft' }),
  anEntry({ id: 'old-entry', name: { sv: 'Gammal finansiering' }, validUntil: '2020-12-31' }),
];

const problemOf = async (response: Response) => {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return (await response.json()) as { type: string; title: string; status: number; detail: string; errors?: { name: string; detail: string; in?: string }[] };
};

describe('GET /v1/search', () => {
  const dynalite = useDynalite();
  let app: App;
  beforeAll(async () => {
    ({ app } = await buildTestApp(dynalite.endpoint, catalogue));
  });

  it('returns the published, currently valid entries that match, with facet counts', async () => {
    const response = await app.request('/v1/search?q=finansiering');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.hits.map((h: { id: string }) => h.id).sort()).toEqual(['almi-invest', 'almi-lan']);
    expect(body.total).toBe(2);
    expect(body.facets.kind).toContainEqual({ value: 'investor', label: { sv: 'Investerare och finansiär', en: 'Investor and funder' }, count: 2, selected: false });
    expect(body.facets.municipality).toHaveLength(12);
  });

  it('explains each hit with its matched terms and a highlighted snippet', async () => {
    const body = await (await app.request('/v1/search?q=riskkapital')).json();
    expect(body.hits[0].matchedTerms).toEqual([
      { term: 'riskkapital', fields: ['summary'], meets: [{ dimension: 'kind', values: ['investor'] }, { dimension: 'supportType', values: ['equity'] }] },
    ]);
    expect(body.hits[0].snippet).toContainEqual({ text: 'Riskkapital', highlighted: true });
  });

  it('accepts a filter repeated for several values and marks them selected', async () => {
    const body = await (await app.request('/v1/search?kind=investor&kind=actor&municipality=1883')).json();
    expect(body.hits.map((h: { id: string }) => h.id).sort()).toEqual(['almi-invest', 'almi-lan']);
    expect(body.facets.kind.filter((f: { selected: boolean }) => f.selected).map((f: { value: string }) => f.value)).toEqual(['actor', 'investor']);
  });

  it('says which chosen filters each hit satisfies', async () => {
    const body = await (await app.request('/v1/search?kind=investor&area=investment-establishment&area=innovation')).json();
    expect(body.hits[0].matchedFilters).toEqual([
      { facet: 'kind', values: ['investor'] },
      { facet: 'area', values: ['investment-establishment'] },
    ]);
  });

  it('pages with page and pageSize and reports the page count', async () => {
    const body = await (await app.request('/v1/search?pageSize=2&page=2')).json();
    expect(body).toMatchObject({ total: 3, page: 2, pageSize: 2, pageCount: 2 });
    expect(body.hits).toHaveLength(1);
  });

  it.each([
    ['an unknown filter value', '/v1/search?area=space-travel', 'area'],
    ['a negative page', '/v1/search?page=-1', 'page'],
    ['a page that is not a number', '/v1/search?page=two', 'page'],
    ['a page size above the limit', '/v1/search?pageSize=500', 'pageSize'],
    ['a 10 000-character query', `/v1/search?q=${'a'.repeat(10_000)}`, 'q'],
    ['an unknown parameter', '/v1/search?colour=blue', 'colour'],
    ['an unknown language', '/v1/search?lang=de', 'lang'],
  ])('answers %s with a 400 problem naming the parameter', async (_case, url, parameter) => {
    const response = await app.request(url);
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ status: 400, type: '/problems/invalid-request' });
    expect(problem.errors?.map((e) => e.name)).toContain(parameter);
    expect(problem.errors?.find((e) => e.name === parameter)?.in).toBe('query');
    expect(problem.detail).toContain(parameter);
  });

  it.each([
    ['a negative minimum area', '/v1/search?minArea=-5', 'minArea'],
    ['a minimum power that is not a number', '/v1/search?minPower=lots', 'minPower'],
    ['an unknown offer type', '/v1/search?offerType=castle', 'offerType'],
    ['an unknown availability', '/v1/search?availability=maybe', 'availability'],
    ['a rail siding that is not true or false', '/v1/search?railSiding=yes', 'railSiding'],
    ['a position that is not lat,lon', '/v1/search?near=abc', 'near'],
    ['an unknown municipality to measure from', '/v1/search?nearMunicipality=9999', 'nearMunicipality'],
    ['a zero radius', '/v1/search?near=59.27,15.21&radius=0', 'radius'],
    ['a radius without a point', '/v1/search?radius=10', 'radius'],
    ['a distance sort without a point', '/v1/search?sort=distance', 'sort'],
    ['an unknown sort', '/v1/search?sort=price', 'sort'],
    ['a maximum area below the minimum', '/v1/search?minArea=500&maxArea=100', 'maxArea'],
    ['both near and nearMunicipality', '/v1/search?near=59.27,15.21&nearMunicipality=1880', 'nearMunicipality'],
  ])('answers %s with a 400 problem naming the offer parameter', async (_case, url, parameter) => {
    const response = await app.request(url);
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ status: 400, type: '/problems/invalid-request' });
    expect(problem.errors?.map((e) => e.name)).toEqual([parameter]);
    expect(problem.detail).toContain(parameter);
  });

  it('treats an empty offer parameter as absent, as a page form leaves it', async () => {
    const body = await (await app.request('/v1/search?minArea=&minPower=')).json();
    expect(body.total).toBe(3);
  });

  it('documents the offer parameters in the OpenAPI description', async () => {
    const document = await (await app.request('/openapi.json')).json();
    const names = document.paths['/v1/search'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['offerType', 'availability', 'minArea', 'maxArea', 'minPower', 'railSiding', 'near', 'nearMunicipality', 'radius', 'sort']));
  });

  it('names the unknown filter value and the values it accepts', async () => {
    const problem = await problemOf(await app.request('/v1/search?stage=growth&stage=teenager'));
    expect(problem.errors).toEqual([
      { in: 'query', name: 'stage', detail: 'unknown value "teenager"; expected one of idea, startup, growth, established' },
    ]);
  });
});

describe('GET /v1/entries/{id}', () => {
  const dynalite = useDynalite();
  let app: App;
  beforeAll(async () => {
    ({ app } = await buildTestApp(dynalite.endpoint, catalogue));
  });

  it('returns a published entry with its version as ETag', async () => {
    const response = await app.request('/v1/entries/almi-lan');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(await response.json()).toMatchObject({ id: 'almi-lan', kind: 'investor', name: { sv: 'Almis lån' } });
  });

  it.each([['a draft', 'draft-entry'], ['an expired entry', 'old-entry'], ['an unknown id', 'no-such-entry']])(
    'answers 404 problem for %s',
    async (_case, id) => {
      const response = await app.request(`/v1/entries/${id}`);
      expect(response.status).toBe(404);
      expect(await problemOf(response)).toMatchObject({ status: 404, title: 'Not found' });
    },
  );

  it('answers 400 problem naming the id when it is not a valid id', async () => {
    const response = await app.request('/v1/entries/NOT_AN_ID');
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([expect.objectContaining({ in: 'path', name: 'id' })]);
  });
});

describe('GET /v1/suggest', () => {
  const dynalite = useDynalite();
  let app: App;
  beforeAll(async () => {
    ({ app } = await buildTestApp(dynalite.endpoint, catalogue));
  });

  it('suggests names of visible entries from the first letters typed', async () => {
    const response = await app.request('/v1/suggest?q=alm');
    expect(response.status).toBe(200);
    const { suggestions } = await response.json();
    expect(suggestions.map((s: { id: string }) => s.id).sort()).toEqual(['almi-invest', 'almi-lan']);
  });

  it('names entries in the chosen language', async () => {
    const { suggestions } = await (await app.request('/v1/suggest?q=almi%20lo&lang=en')).json();
    expect(suggestions).toEqual([{ id: 'almi-lan', kind: 'investor', name: 'Almi loans' }]);
  });

  it.each([
    ['an empty prefix', '/v1/suggest?q=', 'q'],
    ['a limit above ten', '/v1/suggest?q=alm&limit=11', 'limit'],
  ])('answers %s with a 400 problem naming the parameter', async (_case, url, parameter) => {
    const response = await app.request(url);
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors?.map((e) => e.name)).toEqual([parameter]);
  });
});
