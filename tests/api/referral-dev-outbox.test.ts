import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/api/app.ts';
import { ROUTE_POLICIES } from '#functions/api/authorization/policies.ts';
import { silentLogger } from '#functions/api/middleware/request-log.ts';
import { composeLocal, LocalConfig, type LocalRuntime } from '#functions/composition/local.ts';
import { anEntry, fixedClock } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

const ALMI = 'almi-foretagspartner-malardalen';

describe('the development outbox', { timeout: 30_000 }, () => {
  const dynalite = useDynalite();
  let runtime: LocalRuntime;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    runtime = await composeLocal(LocalConfig.parse({ SEED: 'false', PORT: '3999' }), { inMemory: true, clock: fixedClock, logger: silentLogger });
    for (const entry of [
      anEntry({ id: ALMI, name: { sv: 'Almi' }, referralIntakeEmail: 'remisser@almi.example' }),
      anEntry({ id: 'almi-lan', kind: 'offering', providerId: ALMI }),
    ]) await runtime.entries.save(entry);
    app = createApp(runtime.deps);
  });
  afterAll(async () => runtime?.close());

  it('is a public route with a policy, mounted only when the composition provides an outbox', async () => {
    const routes = app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    expect(routes).toContain('GET /dev/outbox');
    expect(routes.filter((key) => !(key in ROUTE_POLICIES))).toEqual([]);
    expect(ROUTE_POLICIES['GET /dev/outbox']).toBe('public');
    const { app: withoutOutbox } = await buildTestApp(dynalite.endpoint, []);
    expect((await withoutOutbox.request('/dev/outbox')).status).toBe(404);
  });

  it('lists the notice of a referral sent through the API in an accessible table, linking to the local server, without the company', async () => {
    const empty = await app.request('/dev/outbox');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('Utkorgen är tom');

    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await runtime.deps.devSignIn!.issue('demo-advisor')}` };
    const created = await app.request('/v1/referrals', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        targetId: 'almi-lan',
        company: { name: 'Hemliga Bolaget AB', organisationNumber: '556123-4567', municipality: '1880', stage: 'startup', area: 'company-development' },
        need: 'Behöver en hemlig maskin.',
        contact: { name: 'Kim Exempel', phone: '070-123 45 67' },
        consent: { askedToBeReferred: true, informedAboutDataHandling: true },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();

    const page = await app.request('/dev/outbox?lang=en');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toMatch(/<caption>1 message, newest first<\/caption>/);
    expect(html).toContain('<th scope="col">Recipient</th>');
    expect(html).toContain('remisser@almi.example');
    expect(html).toContain(`http://localhost:3999/referrals/${id}`);
    for (const secret of ['Hemliga Bolaget', '5561234567', '556123-4567', 'hemlig maskin', 'Kim Exempel']) expect(html, secret).not.toContain(secret);
  });
});
