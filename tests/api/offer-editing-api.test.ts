import { beforeAll, describe, expect, it } from 'vitest';
import { anEntry } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

const offerBody = {
  kind: 'establishment-offer',
  id: 'demo-tomt-hallsberg-logistik',
  name: { sv: 'Demotomt vid Hallsbergs bangård', en: 'Demo plot by the Hallsberg marshalling yard' },
  summary: { sv: 'Mark för logistik med eget stickspår.', en: 'Land for logistics with its own rail siding.' },
  description: { sv: 'Femtusen kvadratmeter detaljplanerad mark nära Sveriges största rangerbangård.' },
  areas: ['investment-establishment'],
  stages: ['growth', 'established'],
  supportTypes: ['premises-land'],
  focus: { level: 'breadth' },
  municipalities: ['1861'],
  providerId: 'almi-foretagspartner-malardalen',
  validUntil: '2027-12-31',
  establishmentOffer: {
    offerType: 'land',
    location: { municipality: '1861', placeName: 'Hallsberg', position: { lat: 59.067, lon: 15.11 } },
    landAreaM2: 50_000,
    railSiding: true,
    powerCapacityMW: 10,
    availability: { status: 'available' },
  },
};

describe('editing establishment offers through the API', () => {
  const dynalite = useDynalite();
  let testApp: TestApp;
  const json = async (username: string, extra: Record<string, string> = {}) => testApp.as(username, { 'content-type': 'application/json', ...extra });
  const request = async (username: string, method: string, path: string, options: { version?: number; body?: unknown } = {}) =>
    testApp.app.request(path, {
      method,
      headers: await json(username, options.version === undefined ? {} : { 'if-match': `"${options.version}"` }),
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  const offerPath = `/v1/editor/entries/${offerBody.id}`;

  beforeAll(async () => {
    testApp = await buildTestApp(dynalite.endpoint, [
      anEntry({ id: 'almi-foretagspartner-malardalen', name: { sv: 'Almi Företagspartner Mälardalen' } }),
      anEntry({ id: 'inkubera', name: { sv: 'Inkubera' } }),
    ]);
  });

  it('lets investment-promotion staff create, publish, reserve and retire an offer in Hallsberg', async () => {
    const { app } = testApp;
    const created = await request('demo-investment', 'POST', '/v1/editor/entries', { body: offerBody });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: offerBody.id, status: 'draft', version: 1, establishmentOffer: { landAreaM2: 50_000, railSiding: true, powerCapacityMW: 10 } });

    expect((await request('demo-investment', 'POST', `${offerPath}/publish`, { version: 1 })).status).toBe(200);
    const shown = await app.request(`/v1/entries/${offerBody.id}`);
    expect(shown.status).toBe(200);
    expect((await shown.json()).establishmentOffer.location).toEqual({ municipality: '1861', placeName: 'Hallsberg', position: { lat: 59.067, lon: 15.11 } });

    const reserved = await request('demo-investment', 'POST', `${offerPath}/availability`, { version: 2, body: { status: 'reserved', availableFrom: '2027-06-01' } });
    expect(reserved.status).toBe(200);
    expect(reserved.headers.get('etag')).toBe('"3"');
    expect((await reserved.json()).establishmentOffer.availability).toEqual({ status: 'reserved', availableFrom: '2027-06-01' });
    const past = await request('demo-investment', 'POST', `${offerPath}/availability`, { version: 3, body: { status: 'reserved', reservedUntil: '2026-11-27' } });
    expect(past.status).toBe(400);
    expect((await past.json()).errors).toMatchObject([{ name: 'reservedUntil', detail: 'must be after today' }]);
    expect((await (await app.request(`/v1/entries/${offerBody.id}`)).json()).establishmentOffer.availability.status).toBe('reserved');

    expect((await request('demo-investment', 'POST', `${offerPath}/archive`, { version: 3 })).status).toBe(200);
    expect((await app.request(`/v1/entries/${offerBody.id}`)).status).toBe(404);

    const history = await (await request('demo-investment', 'GET', `${offerPath}/history`)).json();
    expect(history.records.map((r: { action: string; actor: { name: string } }) => [r.action, r.actor.name])).toEqual([
      ['archive', 'Demo Investeringsfrämjare'],
      ['availability', 'Demo Investeringsfrämjare'],
      ['publish', 'Demo Investeringsfrämjare'],
      ['create', 'Demo Investeringsfrämjare'],
    ]);
  });

  describe('with a draft offer whose contact organisation is Almi', () => {
    const id = 'demo-tomt-almi-kontakt';
    const path = `/v1/editor/entries/${id}`;
    beforeAll(async () => {
      const created = await request('demo-investment', 'POST', '/v1/editor/entries', { body: { ...offerBody, id } });
      expect(created.status).toBe(201);
    });

    it.each(['demo-advisor', 'demo-almi', 'demo-inkubera', 'demo-editor'])('answers %s 403 on update, publish and availability, changing nothing', async (username) => {
      expect((await request(username, 'PUT', path, { version: 1, body: { ...offerBody, id, establishmentOffer: { ...offerBody.establishmentOffer, railSiding: false } } })).status).toBe(403);
      expect((await request(username, 'POST', `${path}/publish`, { version: 1 })).status).toBe(403);
      const availability = await request(username, 'POST', `${path}/availability`, { version: 1, body: { status: 'taken' } });
      expect(availability.status).toBe(403);
      expect(availability.headers.get('content-type')).toContain('application/problem+json');
      const current = await (await request('demo-investment', 'GET', path)).json();
      expect(current).toMatchObject({ version: 1, status: 'draft', establishmentOffer: { availability: { status: 'available' } } });
    });

    it('refuses an editor creating an offer', async () => {
      expect((await request('demo-editor', 'POST', '/v1/editor/entries', { body: { ...offerBody, id: 'demo-tomt-redaktor' } })).status).toBe(403);
    });

    it('asks for If-Match, refuses a stale one, and names a bad status', async () => {
      expect((await request('demo-investment', 'POST', `${path}/availability`, { body: { status: 'reserved' } })).status).toBe(428);
      expect((await request('demo-investment', 'POST', `${path}/availability`, { version: 7, body: { status: 'reserved' } })).status).toBe(412);
      const bad = await request('demo-investment', 'POST', `${path}/availability`, { version: 1, body: { status: 'sold' } });
      expect(bad.status).toBe(400);
      expect((await bad.json()).errors.map((e: { name: string }) => e.name)).toContain('status');
    });
  });

  it('answers an availability change on an entry that is not an offer with 422', async () => {
    const response = await request('demo-admin', 'POST', '/v1/editor/entries/inkubera/availability', { version: 1, body: { status: 'reserved' } });
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toEqual([{ name: 'kind', detail: 'is "actor"; must be "establishment-offer"' }]);
  });

  it('stops investment-promotion staff creating or changing an actor', async () => {
    const actor = { ...offerBody, kind: 'actor', id: 'demo-aktor-fran-framjare', establishmentOffer: undefined, providerId: undefined };
    expect((await request('demo-investment', 'POST', '/v1/editor/entries', { body: actor })).status).toBe(403);
    const { id: _id, ...inkubera } = anEntry({ id: 'inkubera', name: { sv: 'Inkubera' } });
    const { version: _v, createdAt: _c, updatedAt: _u, status: _s, demo: _d, ...input } = inkubera;
    expect((await request('demo-investment', 'PUT', '/v1/editor/entries/inkubera', { version: 1, body: input })).status).toBe(403);
  });
});
