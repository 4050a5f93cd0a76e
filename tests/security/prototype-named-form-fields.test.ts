import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '#functions/api/app.ts';
import { ROUTE_POLICIES } from '#functions/api/authorization/policies.ts';
import { anEntry, aReferralInput } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';
import { Visitor } from '../pages/editor-support.ts';

/** Names of Object.prototype members and the keys that reach it: each once as a posted form field. */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'toLocaleString'];

const almi = anEntry({ id: 'almi-foretagspartner-malardalen', name: { sv: 'Almi Testaktör' } });
const almiLoan = anEntry({ kind: 'offering', id: 'almi-loan', providerId: 'almi-foretagspartner-malardalen', name: { sv: 'Almis lån' } });
const site = anEntry({ kind: 'establishment-offer', id: 'test-marken', name: { sv: 'Testmarken' }, municipalities: ['1861'] });

/** Every form POST of the pages, with its :id filled in by a real entry or referral. */
const formRoutes = (referralId: string) =>
  Object.keys(ROUTE_POLICIES)
    .filter((key) => key.startsWith('POST /') && !key.startsWith('POST /v1/') && key !== 'POST /sign-in' && key !== 'POST /sign-out')
    .map((key) => key.slice('POST '.length))
    .map((path) => path.replace(':id', path.startsWith('/referrals/') ? referralId : path.startsWith('/editor/offers/') ? site.id : almi.id));

describe('prototype-named form fields on signed-in form posts', () => {
  const dynalite = useDynalite();
  let app: App;
  let admin: Visitor;
  let csrf: string;
  let referralId: string;

  beforeAll(async () => {
    const testApp = await buildTestApp(dynalite.endpoint, [almi, almiLoan, site]);
    app = testApp.app;
    const created = await app.request('/v1/referrals', {
      method: 'POST',
      headers: await testApp.as('demo-admin', { 'content-type': 'application/json' }),
      body: JSON.stringify(aReferralInput()),
    });
    expect(created.status).toBe(201);
    referralId = (await created.json()).id;
    admin = new Visitor(app);
    await admin.signIn('demo-admin');
    csrf = await admin.csrfToken();
  });

  it('covers every form post of the pages', () => {
    expect(formRoutes('r').length).toBeGreaterThanOrEqual(20);
  });

  it.each(PROTOTYPE_NAMES)('a field named %s is a clear 4xx or a normal answer on every form post, never a 500', async (name) => {
    const statuses: Record<string, number> = {};
    for (const path of formRoutes(referralId)) {
      const response = await admin.post(path, [['_csrf', csrf], [name, 'x'], [`${name}`, 'y'], ['kind', 'offering']]);
      statuses[path] = response.status;
    }
    const failed = Object.entries(statuses).filter(([, status]) => status >= 500);
    expect(failed).toEqual([]);
  });

  it('names the prototype-named field as one the form does not have', async () => {
    const response = await admin.post(`/editor/entries/${almi.id}`, [['_csrf', csrf], ['version', '1'], ['toString', 'x']]);
    expect(response.status).toBe(400);
    expect(response.html).toContain('toString');
  });

  it('leaves Object.prototype untouched', async () => {
    await admin.post('/referrals', [['_csrf', csrf], ['__proto__', 'polluted'], ['constructor', 'x']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString).toBeTypeOf('function');
  });
});
