import { beforeAll, describe, expect, it } from 'vitest';
import { seedRecords } from '#shared/seed/regions.ts';
import { seedEntries } from '#shared/services/seed-catalogue.ts';
import { buildTestApp } from '../support/app.ts';
import { fixedClock, taxonomy } from '../support/builders.ts';
import { useDynalite } from '../support/dynamo.ts';
import { text } from './html.ts';

type Built = Awaited<ReturnType<typeof buildTestApp>>;

const seed = seedEntries(seedRecords('orebro-lan'), taxonomy, fixedClock.now());

describe('the follow-up pages and report', () => {
  const dynalite = useDynalite();
  let built: Built;
  const get = async (path: string, username = 'demo-follow-up') =>
    built.app.request(path, { headers: await built.as(username, { accept: 'text/html' }) });
  const search = async (q: string) => {
    const response = await built.app.request(`/v1/search?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
  };
  beforeAll(async () => {
    built = await buildTestApp(dynalite.endpoint, seed, { demandGatherMs: 60_000 });
  });

  it('shows the follow-up role the coverage matrix of the seed catalogue with its gaps, each cell opening its entries', async () => {
    const response = await get('/follow-up/coverage?municipality=1880');
    expect(response.status).toBe(200);
    const html = await response.text();
    const coverage = await built.runtime.deps.followUp.coverage('1880');
    expect(coverage.gaps.length).toBeGreaterThan(0);
    expect(coverage.gaps.length).toBeLessThan(16);
    expect(text(html)).toContain(`${coverage.gaps.length} luckor`);
    expect(html.match(/class="gap"/g)?.length).toBe(coverage.gaps.length);
    const filled = coverage.cells.find((cell) => cell.total > 0)!;
    expect(html).toContain(`href="/?area=${filled.area}&amp;stage=${filled.stage}&amp;municipality=1880"`);
    const csv = await get('/follow-up/coverage/csv?table=matrix&municipality=1880');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines).toHaveLength(1 + taxonomy.areas.length);
    expect(lines.join('\n')).toContain('Lucka');
  });

  it('keeps the follow-up pages from visitors and other roles', async () => {
    expect((await built.app.request('/follow-up', { headers: { accept: 'text/html' } })).status).toBe(303);
    expect((await get('/follow-up', 'demo-advisor')).status).toBe(403);
    expect((await get('/follow-up/report', 'demo-admin')).status).toBe(200);
    expect((await built.app.request('/v1/follow-up/report', { headers: await built.as('demo-editor') })).status).toBe(403);
  });

  it('lists searches without results as unmet needs, counts still gathered for writing included: few ones marked for staff, hidden on the board report until there are 5', async () => {
    for (let i = 0; i < 3; i += 1) await search('rymdturism');
    await search('anna.svensson@example.se');
    await search('kontakta 070-123 45 67');
    const demand = await (await get('/follow-up/demand')).text();
    expect(text(demand)).toContain('rymdturism Inga träffar 3 (färre än 5)');
    expect(demand).not.toContain('anna.svensson');
    expect(demand).not.toContain('070');
    const before = await (await built.app.request('/v1/follow-up/report', { headers: await built.as('demo-follow-up') })).json();
    expect(before.demand.unmet).toEqual([]);
    expect(before.keyFigures.unmetSearches).toBeNull();
    const page = text(await (await get('/follow-up/report')).text());
    expect(page).not.toContain('rymdturism');
    for (let i = 0; i < 2; i += 1) await search('Rymdturism!');
    const after = await (await built.app.request('/v1/follow-up/report', { headers: await built.as('demo-follow-up') })).json();
    expect(after.demand.unmet).toEqual([{ value: 'rymdturism', count: 5, outcome: 'no-results' }]);
    expect(text(await (await get('/follow-up/report?lang=en')).text())).toContain('rymdturism No results 5');
  });

  it('counts declined referrals by reason category: every count for staff, small ones hidden on the board report', async () => {
    const headers = async (username: string, extra: Record<string, string> = {}) => built.as(username, { 'content-type': 'application/json', ...extra });
    const declineWith = async (reasonCategory: string) => {
      const created = await built.app.request('/v1/referrals', {
        method: 'POST',
        headers: await headers('demo-advisor'),
        body: JSON.stringify({
          targetId: 'almi-foretagspartner-malardalen',
          company: { name: 'Skälbolaget AB', organisationNumber: '556123-4567', municipality: '1880', stage: 'growth', area: 'company-development' },
          need: 'Behöver rådgivning.',
          contact: { name: 'Kim Exempel', phone: '070-123 45 67' },
          consent: { askedToBeReferred: true, informedAboutDataHandling: true },
        }),
      });
      expect(created.status).toBe(201);
      const { id } = await created.json();
      const declined = await built.app.request(`/v1/referrals/${id}/decline`, { method: 'POST', headers: await headers('demo-almi', { 'if-match': '"1"' }), body: JSON.stringify({ reasonCategory }) });
      expect(declined.status).toBe(200);
    };
    for (let i = 0; i < 5; i += 1) await declineWith('no-capacity');
    await declineWith('outside-offer');

    const staff = await built.runtime.deps.followUp.referralFlows({ from: '2000-01-01', to: '2100-01-01' });
    expect(staff.declinedByReason).toMatchObject({ 'no-capacity': 5, 'outside-offer': 1, 'not-ready': 0, other: 0 });
    const page = await (await get('/follow-up/referrals')).text();
    const table = page.slice(page.indexOf('aria-labelledby="table-decline-reasons"'));
    expect(text(table.slice(0, table.indexOf('</section>')))).toMatch(/Vi har inte kapacitet just nu 5 .*Behovet ligger utanför vårt erbjudande 1 \(färre än 5\)|Behovet ligger utanför vårt erbjudande 1 \(färre än 5\).*Vi har inte kapacitet just nu 5/);
    const csv = await (await get('/follow-up/referrals/csv?table=decline-reasons&lang=en')).text();
    expect(csv).toContain('We have no capacity at the moment');

    const report = await (await built.app.request('/v1/follow-up/report', { headers: await built.as('demo-follow-up') })).json();
    expect(report.referrals.declinedByReason).toMatchObject({ 'no-capacity': 5, 'outside-offer': null });
    const printed = text(await (await get('/follow-up/report?lang=en')).text());
    expect(printed).toContain('Declined referrals by reason');
    expect(printed).toContain('We have no capacity at the moment 5');
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const response = await built.app.request('/v1/follow-up/report?from=2026-12-01&to=2026-01-01', { headers: await built.as('demo-follow-up') });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([expect.objectContaining({ name: 'from' })]);
  });
});
