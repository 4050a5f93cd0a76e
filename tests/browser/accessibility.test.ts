import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createApp } from '#functions/api/app.ts';
import { silentLogger } from '#functions/api/middleware/request-log.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';
import { createPageChecks, describeInBrowser, startSiteAndBrowser, visit, withLang, type Browser, type Site } from './support.ts';

/** Every page type, including the empty, error and 404 states; `status` is what the server must answer. */
const PAGE_TYPES: { name: string; path: string; status: number }[] = [
  { name: 'start', path: '/', status: 200 },
  { name: 'results', path: '/?q=riskkapital&stage=growth', status: 200 },
  { name: 'results-page-2', path: '/?page=2', status: 200 },
  { name: 'empty-results', path: '/?q=zzzqqq&area=innovation&municipality=1883', status: 200 },
  { name: 'entry-investor', path: '/entries/almi-invest-ostra-mellansverige', status: 200 },
  { name: 'entry-offering', path: '/entries/almi-lan', status: 200 },
  { name: 'entry-testbed', path: '/entries/robotlabbet-aass', status: 200 },
  { name: 'entry-establishment-offer', path: '/entries/hallsberg-etableringsmark-hallsbergsterminalen', status: 200 },
  { name: 'entry-actor', path: '/entries/orebro-universitet-samverkan-innovation', status: 200 },
  { name: 'finder-intro', path: '/finder', status: 200 },
  { name: 'finder-step', path: '/finder/municipality?stage=growth&need=capital', status: 200 },
  { name: 'finder-result', path: '/finder/result?stage=startup&need=innovation&municipality=1880&sector=food-health-meal', status: 200 },
  { name: 'areas', path: '/areas', status: 200 },
  { name: 'area', path: '/areas/innovation', status: 200 },
  { name: 'accessibility', path: '/accessibility', status: 200 },
  { name: 'report-thanks', path: '/accessibility/thanks', status: 200 },
  { name: 'bad-request', path: '/?area=space&page=0', status: 400 },
  { name: 'not-found', path: '/no-such-page', status: 404 },
  { name: 'entry-not-found', path: '/entries/no-such-entry', status: 404 },
];

describeInBrowser('the pages in a browser (accessibility and layout)', () => {
  const dynalite = useDynalite();
  let site: Site;
  let browser: Browser;
  let crashing: ServerType;
  let crashingUrl: string;
  const { check, goto, report } = createPageChecks({ browser: () => browser, siteUrl: () => site.url, prefix: '', label: 'axe', reportScreenshots: true });

  beforeAll(async () => {
    ({ site, browser } = await startSiteAndBrowser());
    // The real app whose services fail, served for real, to check the 500 page in the browser.
    const { runtime } = await buildTestApp(dynalite.endpoint, []);
    const failing = createApp({
      ...runtime.deps,
      logger: silentLogger,
      catalogue: { getPublished: async () => { throw new Error('store down'); } },
      search: { ...runtime.deps.search, search: async () => { throw new Error('index down'); } },
    });
    crashing = await new Promise<ServerType>((ready) => {
      const server = serve({ fetch: failing.fetch, port: 0, hostname: '127.0.0.1' }, () => ready(server));
    });
    crashingUrl = `http://127.0.0.1:${(crashing.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    report();
    await browser?.close();
    await site?.stop();
    await new Promise((done) => crashing?.close(done));
  });

  describe.concurrent('every page type in both languages', () => {
    for (const lang of ['sv', 'en'] as const) {
      for (const type of PAGE_TYPES) {
        it(`${type.name} (${lang}) has no WCAG 2.1 A/AA violations and fits 320 and 1280 px`, async ({ expect }) => {
          const axeAtNarrow = lang === 'sv' && ['start', 'results', 'empty-results'].includes(type.name);
          await check(expect, { name: type.name, lang, status: type.status, open: goto(withLang(type.path, lang)), axeAtNarrow });
        }, 90_000);
      }

      it(`the problem report's error state (${lang}) has no violations`, async ({ expect }) => {
        const open = async (p: Page) => {
          await p.goto(`${site.url}${withLang('/accessibility', lang)}`);
          await p.locator('#description').fill('   ');
          const [response] = await Promise.all([p.waitForNavigation(), p.locator('form[action="/accessibility/report"] button').click()]);
          return response?.status();
        };
        const page = await check(expect, { name: 'report-error', lang, status: 400, open, keepOpen: true });
        expect(await page.locator('.errors a[href="#description"]').count()).toBe(1);
        await page.close();
      });

      it(`the server error page (${lang}) has no violations and shows no internals`, async ({ expect }) => {
        const page = await check(expect, { name: 'server-error', lang, status: 500, open: visit(`${crashingUrl}${withLang('/', lang)}`), keepOpen: true });
        expect(await page.content()).not.toContain('index down');
        await page.close();
      });
    }
  });

  it('loads no resource from another origin and reports no CSP violation', async () => {
    const page = await browser.context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    for (const path of ['/', '/entries/almi-lan?lang=en', '/finder/stage', '/accessibility']) await page.goto(`${site.url}${path}`);
    expect(requests.filter((u) => !u.startsWith(site.url) && !u.startsWith('data:'))).toEqual([]);
    expect(problems).toEqual([]);
    // The self-served stylesheet applied under the CSP: the header is dark blue.
    expect(await page.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(15, 53, 87)');
    await page.close();
  });

  it('folds the filter panel on a narrow screen with JavaScript, and shows it on a wide one', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`${site.url}/?q=riskkapital`);
    expect(await page.locator('details.filters').getAttribute('open')).toBeNull();
    expect(await page.getByRole('checkbox', { name: /^Tillväxt/ }).isVisible()).toBe(false);
    await page.getByText('Visa eller dölj filter').click();
    expect(await page.getByRole('checkbox', { name: /^Tillväxt/ }).isVisible()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${site.url}/?q=riskkapital`);
    expect(await page.getByRole('checkbox', { name: /^Tillväxt/ }).isVisible()).toBe(true);
    await page.close();
  });
});
