import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/api/app.ts';
import { jsonLogger } from '#functions/api/middleware/request-log.ts';
import { anEntry } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

const ALMI = 'almi-foretagspartner-malardalen';
const body = (overrides: Record<string, unknown> = {}) => ({
  targetId: 'almi-lan',
  company: { name: 'Exempelbolaget AB', organisationNumber: '556123-4567', municipality: '1880', stage: 'startup', area: 'company-development' },
  need: 'Behöver ett lån för att köpa en maskin.',
  contact: { name: 'Kim Exempel', phone: '070-123 45 67' },
  consent: { askedToBeReferred: true, informedAboutDataHandling: true },
  ...overrides,
});

describe('the referrals API', () => {
  const dynalite = useDynalite();
  let testApp: TestApp;
  const json = async (username: string, extra: Record<string, string> = {}) => testApp.as(username, { 'content-type': 'application/json', ...extra });
  const post = async (username: string, payload: unknown, extra: Record<string, string> = {}) =>
    testApp.app.request('/v1/referrals', { method: 'POST', headers: await json(username, extra), body: JSON.stringify(payload) });
  const act = async (username: string, id: string, action: string, version: number | undefined, payload?: unknown) =>
    testApp.app.request(`/v1/referrals/${id}/${action}`, {
      method: 'POST',
      headers: await json(username, version === undefined ? {} : { 'if-match': `"${version}"` }),
      body: JSON.stringify(payload ?? {}),
    });
  const countFor = async (username: string) => (await (await testApp.app.request('/v1/referrals?box=sent', { headers: await json(username) })).json()).referrals.length;

  beforeAll(async () => {
    testApp = await buildTestApp(dynalite.endpoint, [
      anEntry({ id: ALMI, name: { sv: 'Almi Företagspartner Mälardalen' } }),
      anEntry({ id: 'almi-lan', kind: 'offering', providerId: ALMI, name: { sv: 'Almis lån' } }),
      anEntry({ id: 'inkubera', name: { sv: 'Inkubera' } }),
      anEntry({ id: 'inkubera-program', kind: 'offering', providerId: 'inkubera', name: { sv: 'Inkuberas program' } }),
    ]);
  });

  it('lets an advisor refer a company, and the receiving organisation read it, all marked no-store', async () => {
    const created = await post('demo-advisor', body());
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.headers.get('etag')).toBe('"1"');
    const referral = await created.json();
    expect(created.headers.get('location')).toBe(`/v1/referrals/${referral.id}`);
    expect(referral).toMatchObject({ status: 'sent', receivingOrganisationId: ALMI, overdue: false, company: { organisationNumber: '5561234567' } });

    const read = await testApp.app.request(`/v1/referrals/${referral.id}`, { headers: await json('demo-almi') });
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe('no-store');
    const inbox = await testApp.app.request('/v1/referrals?box=inbox', { headers: await json('demo-almi') });
    expect(inbox.headers.get('cache-control')).toBe('no-store');
    const listed = (await inbox.json()).referrals.find((r: { id: string }) => r.id === referral.id);
    expect(listed.company.organisationNumber).toBe('556123-****');
  });

  it("answers 404 to another actor's staff and to editors and admins, and 403 to roles that do not refer", async () => {
    const { id } = await (await post('demo-advisor', body())).json();
    for (const username of ['demo-inkubera', 'demo-editor', 'demo-admin']) {
      const response = await testApp.app.request(`/v1/referrals/${id}`, { headers: await json(username) });
      expect(response.status, username).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect((await testApp.app.request(`/v1/referrals/${id}`, { headers: await json('demo-investment') })).status).toBe(403);
    expect((await testApp.app.request(`/v1/referrals/${id}`)).status).toBe(401);
  });

  it.each([
    ['an organisation number with a wrong check digit', { company: { ...body().company, organisationNumber: '556123-4568' } }, 'company.organisationNumber'],
    ['missing consent', { consent: { askedToBeReferred: true } }, 'consent.informedAboutDataHandling'],
    ['a need over 2000 characters', { need: 'x'.repeat(2001) }, 'need'],
    ['a contact without e-mail or phone', { contact: { name: 'Kim' } }, 'contact.email'],
  ])('refuses %s with a 400 naming the field, storing nothing', async (_case, overrides, field) => {
    const before = await countFor('demo-advisor');
    const response = await post('demo-advisor', body(overrides));
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem.errors.map((e: { name: string }) => e.name)).toContain(field);
    expect(JSON.stringify(problem)).not.toContain('556123');
    expect(await countFor('demo-advisor')).toBe(before);
  });

  it('creates one referral for two concurrent identical POSTs with the same Idempotency-Key, and answers a retry with it', async () => {
    const before = await countFor('demo-advisor');
    const key = { 'idempotency-key': 'form-submit-7f3a' };
    const [a, b] = await Promise.all([post('demo-advisor', body(), key), post('demo-advisor', body(), key)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const [first, second] = [await a.json(), await b.json()];
    expect(second).toEqual(first);
    const retry = await post('demo-advisor', body(), key);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(first);
    expect(await countFor('demo-advisor')).toBe(before + 1);

    const different = await post('demo-advisor', body({ need: 'Något helt annat.' }), key);
    expect(different.status).toBe(422);
    expect((await different.json()).errors).toEqual([{ name: 'Idempotency-Key', detail: 'reused with a different request' }]);
  });

  it('runs the lifecycle with If-Match, refusing illegal transitions with 409', async () => {
    const { id } = await (await post('demo-advisor', body())).json();
    expect((await act('demo-almi', id, 'accept', undefined)).status).toBe(428);
    expect((await act('demo-almi', id, 'start', 1)).status).toBe(409);
    expect((await act('demo-advisor', id, 'accept', 1)).status).toBe(403);
    const accepted = await act('demo-almi', id, 'accept', 1);
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('etag')).toBe('"2"');
    expect((await act('demo-almi', id, 'accept', 1)).status).toBe(412);
    expect((await act('demo-almi', id, 'start', 2, { note: 'Första möte bokat.' })).status).toBe(200);
    const completed = await act('demo-almi', id, 'complete', 3);
    expect((await completed.json()).status).toBe('completed');
    const late = await act('demo-advisor', id, 'cancel', 4);
    expect(late.status).toBe(409);
    expect((await late.json()).detail).toContain('"completed"');
  });

  it('declines with a reason category (words needed for "other") and a suggestion: the new organisation sees nothing until the advisor refers again', async () => {
    const { id } = await (await post('demo-advisor', body())).json();
    for (const refused of [{}, { reason: 'Bolaget behöver inkubation först.' }, { reasonCategory: 'too-busy', reason: 'Nej.' }]) {
      const response = await act('demo-almi', id, 'decline', 1, refused);
      expect(response.status, JSON.stringify(refused)).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect((await response.json()).errors.map((e: { name: string }) => e.name)).toContain('reasonCategory');
    }
    const otherWithoutWords = await act('demo-almi', id, 'decline', 1, { reasonCategory: 'other' });
    expect(otherWithoutWords.status).toBe(400);
    expect((await otherWithoutWords.json()).errors.map((e: { name: string }) => e.name)).toEqual(['reason']);
    const refused = await act('demo-almi', id, 'decline', 1, { reasonCategory: 'better-elsewhere', reason: 'Bolaget behöver inkubation först.', redirectTo: 'inkubera-program', forward: true });
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toMatchObject([{ name: 'forward', detail: 'the company did not agree to forwarding' }]);
    const declined = await act('demo-almi', id, 'decline', 1, { reasonCategory: 'better-elsewhere', reason: 'Bolaget behöver inkubation först.', redirectTo: 'inkubera-program' });
    expect(declined.status).toBe(200);
    const result = await declined.json();
    expect(result).toMatchObject({ status: 'declined', declineReason: 'better-elsewhere', suggestedTargetId: 'inkubera-program' });
    expect(result.redirected).toBeUndefined();
    const inbox = await testApp.app.request('/v1/referrals?box=inbox', { headers: await json('demo-inkubera') });
    expect((await inbox.json()).referrals).toEqual([]);
    const again = await post('demo-advisor', { ...body(), targetId: 'inkubera-program', redirectedFromId: id });
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ receivingOrganisationId: 'inkubera', redirectedFromId: id });
  });

  it('forwards directly when the company agreed to forwarding, creating a linked referral the new organisation sees', async () => {
    const consent = { askedToBeReferred: true, informedAboutDataHandling: true, forwardingAllowed: true };
    const { id } = await (await post('demo-advisor', { ...body(), consent })).json();
    const declined = await act('demo-almi', id, 'decline', 1, { reasonCategory: 'better-elsewhere', reason: 'Bolaget behöver inkubation först.', redirectTo: 'inkubera-program', forward: true });
    expect(declined.status).toBe(200);
    const result = await declined.json();
    expect(result).toMatchObject({ status: 'declined', redirected: { status: 'sent', receivingOrganisationId: 'inkubera', redirectedFromId: id } });
    const linked = await testApp.app.request(`/v1/referrals/${result.redirected.id}`, { headers: await json('demo-inkubera') });
    expect(linked.status).toBe(200);
    expect((await linked.json()).redirectedFromId).toBe(id);
  });

  it('keeps the organisation number out of URLs and log lines', async () => {
    const lines: string[] = [];
    const app = createApp({ ...testApp.runtime.deps, logger: jsonLogger({}, (line) => lines.push(line)) });
    const created = await app.request('/v1/referrals', { method: 'POST', headers: await json('demo-advisor'), body: JSON.stringify(body()) });
    const { id } = await created.json();
    await app.request(`/v1/referrals/${id}`, { headers: await json('demo-almi') });
    await app.request('/v1/referrals', { method: 'POST', headers: await json('demo-advisor'), body: JSON.stringify(body({ company: { ...body().company, organisationNumber: '556123-4568' } })) });
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(created.headers.get('location')).not.toMatch(/556123/);
    for (const line of lines) expect(line).not.toMatch(/556123|Exempelbolaget|Kim Exempel/);
  });

  it('lets the referrer cancel', async () => {
    const { id } = await (await post('demo-advisor', body())).json();
    const bare = await testApp.app.request(`/v1/referrals/${id}/cancel`, { method: 'POST', headers: await testApp.as('demo-advisor', { 'if-match': '"1"' }) });
    expect(bare.status).toBe(200);
    expect((await bare.json()).status).toBe('cancelled');
  });

  it('gives editors and admins statistics without personal data, and no one else', async () => {
    const response = await testApp.app.request('/v1/stats/referrals', { headers: await json('demo-editor') });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const stats = await response.json();
    expect(stats.total).toBeGreaterThan(0);
    expect(stats.byReceivingOrganisation[ALMI]).toBeGreaterThan(0);
    const text = JSON.stringify(stats);
    for (const secret of ['5561234567', '556123', 'Exempelbolaget', 'Kim', '070-123', 'maskin', 'Demo Rådgivare']) expect(text).not.toContain(secret);
    expect((await testApp.app.request('/v1/stats/referrals', { headers: await json('demo-admin') })).status).toBe(200);
    expect((await testApp.app.request('/v1/stats/referrals', { headers: await json('demo-advisor') })).status).toBe(403);
    expect((await testApp.app.request('/v1/stats/referrals', { headers: await json('demo-almi') })).status).toBe(403);
  });
});
