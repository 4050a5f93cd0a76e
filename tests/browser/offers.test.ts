import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPageChecks, describeInBrowser, signInAs, signOut, startSiteAndBrowser, withLang, type Browser, type Site } from './support.ts';

describeInBrowser('establishment offers in a browser (listing, finding, refusing, accessibility)', () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  const checks = createPageChecks({ browser: () => browser, siteUrl: () => site.url, prefix: 'offers-', label: 'offers axe' });
  const { axe, check, goto } = checks;
  const HALLSBERG = 'hallsberg-etableringsmark-hallsbergsterminalen';
  const url = (path: string) => `${site.url}${path}`;
  const name = `Spårmark Hallsberg ${Date.now().toString(36)}`;
  let offerId = '';

  beforeAll(async () => {
    ({ site, browser } = await startSiteAndBrowser());
    page = await browser.context.newPage();
  }, 60_000);
  afterAll(async () => {
    checks.report();
    await browser?.close();
    await site?.stop();
  });

  it('on the seed, "rail siding within 30 km of Örebro" claims no rail siding for Hallsberg; it shows "not stated" only where the sources are silent', async () => {
    await page.goto(url('/establish'));
    await page.getByLabel('Bara lägen med industrispår').check();
    await page.selectOption('#o-radius', '30');
    await page.selectOption('#o-nearMunicipality', '1880');
    await Promise.all([page.waitForURL(/railSiding=true/), page.getByRole('button', { name: 'Visa erbjudanden' }).click()]);
    expect(await page.locator(`#results a[href^="/entries/${HALLSBERG}"]`).count()).toBe(0);
    expect(await page.locator('.empty').count()).toBe(1);
    expect(await page.locator('#enquiry-text').inputValue()).toMatch(/Industrispår och Inom 30 km från Örebro/);
    expect(await page.locator('.enquiry a[href="https://businessregionorebro.se/"]').count()).toBe(1);
    await axe(expect, page, 'seed-empty-sv');
    await Promise.all([page.waitForURL((u) => !u.search.includes('railSiding')), page.getByRole('link', { name: /Ta bort ”Industrispår”/ }).click()]);
    const hit = page.locator('li.offer-hit', { has: page.locator(`a[href^="/entries/${HALLSBERG}"]`) });
    const facts = (await hit.locator('dl').textContent()) ?? '';
    expect(facts).toMatch(/900\s000\sm²/);
    expect(facts).toContain('IndustrispårUppgift saknas');
    expect(facts).not.toContain('IndustrispårNej');
    expect(facts).toMatch(/23,7 km från Örebro/);
    expect(await page.locator('#results').textContent()).toMatch(/I Örebro kommun \(exakt läge inte angivet\)/);
    expect(await page.locator('#results').textContent()).not.toMatch(/\b0 km från Örebro/);
    expect(await page.locator('svg circle.radius').count()).toBe(1);
    expect(await page.locator('svg a[data-cluster="1880"]').getAttribute('data-count')).toBe('5');
    await axe(expect, page, 'seed-search-sv');
    await page.goto(url(`/entries/${HALLSBERG}`));
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main.indexOf('Läget i siffror')).toBeLessThan(main.indexOf('Bredd eller spets'));
    expect(main).toMatch(/Markyta900\s000\sm²/);
    expect(main).toContain('IndustrispårUppgift saknas');
    expect(main).toContain('Intill kombiterminalen, rangerbangården, E20 och R50');
    expect(await page.locator('#contact-heading').textContent()).toBe('Kontakt om erbjudandet');
    for (const lang of ['sv', 'en'] as const) await check(expect, { name: 'seed-offer', lang, status: 200, open: goto(withLang(`/entries/${HALLSBERG}`, lang)) });
  }, 180_000);

  it('a 320 px /establish has no horizontal scroll, results before the map, and no WCAG violations, in Swedish and English', async () => {
    for (const lang of ['sv', 'en'] as const) {
      const opened = await check(expect, { name: 'establish-radius', lang, status: 200, axeAtNarrow: true, keepOpen: true, open: goto(withLang('/establish?nearMunicipality=1880&radius=30', lang)) });
      const order = await opened.evaluate(() => {
        const results = document.getElementById('results')!.getBoundingClientRect().top;
        const map = document.getElementById('map-heading')!.getBoundingClientRect().top;
        return results < map;
      });
      expect(order).toBe(true);
      await opened.close();
      await check(expect, { name: 'establish-empty', lang, status: 200, axeAtNarrow: true, open: goto(withLang('/establish?railSiding=true&nearMunicipality=1880&radius=30', lang)) });
    }
  }, 180_000);

  it('demo-investment lists a 50 000 m² site with rail siding and 10 MW in Hallsberg and publishes it', async () => {
    await signInAs(page, site.url, 'Demo Investeringsfrämjare');
    await page.goto(url('/editor'));
    await Promise.all([page.waitForURL(/\/editor\/offers\/new$/), page.getByRole('link', { name: 'Lista ett erbjudande' }).click()]);
    for (const lang of ['sv', 'en'] as const) {
      expect((await page.goto(url(withLang('/editor/offers/new', lang))))?.status()).toBe(200);
      await axe(expect, page, `form-${lang}`);
      await Promise.all([page.waitForLoadState('load'), page.locator('form.entry-form button[type=submit]').click()]);
      expect(await page.locator('#error-summary').count()).toBe(1);
      await axe(expect, page, `form-errors-${lang}`);
    }
    await page.goto(url('/editor/offers/new'));
    await page.fill('#f-name-sv', name);
    await page.fill('#f-summary-sv', 'Plan mark med industrispår och god effekt.');
    await page.fill('#f-description-sv', 'Mark för logistik och industri intill bangården.');
    await page.locator('input[name="areas"]').first().check();
    expect(await page.locator('input[name="stages"], input[name="coverage"], input[name="municipalities"]').count(), 'no company stage, municipality asked once').toBe(0);
    await page.selectOption('#f-establishmentOffer-offerType', 'land');
    await page.selectOption('#f-establishmentOffer-location-municipality', '1861');
    await page.fill('#f-establishmentOffer-location-placeName', 'Hallsberg');
    await page.fill('#f-establishmentOffer-location-position-lat', '59.067');
    await page.fill('#f-establishmentOffer-location-position-lon', '15.110');
    await page.fill('#f-establishmentOffer-landAreaM2', '50 000');
    await page.fill('#f-establishmentOffer-powerCapacityMW', '10');
    await page.selectOption('#f-establishmentOffer-railSiding', 'yes');
    await page.selectOption('#f-establishmentOffer-availability-status', 'available');
    await Promise.all([page.waitForURL(/\/editor\/offers\/[a-z0-9-]+\/edit\?notice=created$/), page.locator('form.entry-form button[type=submit]').click()]);
    offerId = /\/editor\/offers\/([a-z0-9-]+)\/edit/.exec(page.url())![1]!;
    await Promise.all([page.waitForURL(/notice=published$/), page.getByRole('button', { name: 'Publicera' }).click()]);
    expect(await page.getByRole('button', { name: 'Reservera' }).count()).toBe(1);
  }, 180_000);

  it('a visitor filtering rail siding, at least 5 MW, within 30 km of Örebro finds it, in Swedish and in English', async () => {
    await signOut(page);
    await page.goto(url('/'));
    await Promise.all([page.waitForURL(/\/establish/), page.getByRole('link', { name: 'Etablera dig' }).first().click()]);
    await page.getByLabel('Bara lägen med industrispår').check();
    await page.getByLabel('Effekt, minst (MW)').fill('5');
    await page.selectOption('#o-radius', '30');
    await page.selectOption('#o-nearMunicipality', '1880');
    await Promise.all([page.waitForURL(/railSiding=true/), page.getByRole('button', { name: 'Visa erbjudanden' }).click()]);
    const results = page.locator('#results');
    await expect.poll(() => results.getByRole('link', { name }).count()).toBe(1);
    expect(await page.locator('[role=status]').first().textContent()).toMatch(/erbjudande/);
    expect(await results.textContent()).toMatch(/50\s000\sm²/);
    expect(await page.locator(`svg a[data-offer="${offerId}"]`).count()).toBe(1);
    await axe(expect, page, 'search-sv');
    await Promise.all([page.waitForURL(/lang=en/), page.getByRole('link', { name: 'English' }).click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#results').getByRole('link', { name }).count()).toBe(1);
    expect(await page.locator('#results').textContent()).toMatch(/50,000\sm²/);
    await axe(expect, page, 'search-en');
    await Promise.all([page.waitForURL(new RegExp(`/entries/${offerId}`)), page.locator('#results').getByRole('link', { name }).click()]);
    expect(await page.locator('main').textContent()).toMatch(/50,000\sm²/);
    await axe(expect, page, 'offer-en');
    await page.goto(url(`/entries/${offerId}`));
    expect(await page.locator('main').textContent()).toMatch(/50\s000\sm²/);
    await axe(expect, page, 'offer-sv');
  }, 180_000);

  it('shows a helpful empty state without accessibility problems', async () => {
    for (const lang of ['sv', 'en'] as const) {
      await page.goto(url(withLang('/establish?offerType=retail&railSiding=true&minPower=500', lang)));
      expect(await page.locator('.empty').count()).toBe(1);
      await axe(expect, page, `empty-${lang}`);
    }
  }, 180_000);

  it('the advisor and actor staff cannot edit the offer: the 403 page', async () => {
    for (const who of ['Demo Rådgivare', 'Demo Almi-medarbetare']) {
      await signInAs(page, site.url, who);
      for (const path of [`/editor/offers/${offerId}/edit`, `/editor/entries/${offerId}/edit`]) {
        const response = await page.goto(url(path));
        expect(response?.status(), `${who} ${path}`).toBe(403);
        expect(await page.locator('h1').textContent()).toBe('Du har inte behörighet');
      }
      await signOut(page);
    }
  }, 180_000);
});
