import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, focused, screenshot, startSiteAndBrowser, type Browser, type Site } from './support.ts';

describeInBrowser('the pages in a browser (journeys)', () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ({ site, browser } = await startSiteAndBrowser());
    page = await browser.context.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  const url = (path: string) => `${site.url}${path}`;
  const resultNames = () => page.locator('#results ol.hits > li h3').allTextContents();

  for (const { lang, start, query, label, kind, growth, wholeCounty, entryStages } of [
    { lang: 'sv', start: '/', query: 'investerare tillväxt Karlskoga', label: 'Vad söker du?', kind: 'Investerare och finansiär', growth: 'Tillväxt', wholeCounty: 'Hela länet', entryStages: 'Passar företag i fas' },
    { lang: 'en', start: '/?lang=en', query: 'investor growth Karlskoga', label: 'What are you looking for?', kind: 'Investor and funder', growth: 'Growth', wholeCounty: 'The whole county', entryStages: 'For companies at stage' },
  ]) {
    it(`finds an investor for a growth company in Karlskoga in three interactions (${lang})`, async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(url(start));
      let interactions = 0;
      await page.getByLabel(label, { exact: true }).fill(query);
      interactions += 1;
      await page.keyboard.press('Enter');
      interactions += 1;
      await page.waitForURL(/[?&]q=/);
      const firstHit = page.locator('#results ol.hits > li').first();
      await expect(firstHit.locator('.kind-label').textContent()).resolves.toBe(kind);
      const name = (await firstHit.locator('h3').textContent())!;
      await firstHit.locator('h3 a').click();
      interactions += 1;
      await page.waitForURL(/\/entries\//);
      expect(interactions).toBeLessThanOrEqual(3);
      expect(await page.locator('h1').textContent()).toBe(name);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator('.entry .kind-label').textContent()).toBe(kind);
      const stages = page.locator('.facts > div', { has: page.locator('dt', { hasText: entryStages }) }).locator('dd');
      expect(await stages.textContent()).toContain(growth);
      expect(await page.locator('.facts').textContent()).toContain(wholeCounty);
      await screenshot(page, `journey-investor-karlskoga-${lang}-1280`);
    });
  }

  it('searches, filters by a facet and opens an entry', async () => {
    await page.goto(url('/'));
    await page.getByLabel('Vad söker du?', { exact: true }).fill('riskkapital');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.waitForURL(/q=riskkapital/);
    const before = await page.getByRole('status').textContent();
    expect(before).toMatch(/\d+ träff/);
    const namesBefore = await resultNames();
    await page.getByRole('checkbox', { name: /^Tillväxt/ }).check();
    await page.getByRole('button', { name: 'Visa träffar' }).click();
    await page.waitForURL(/stage=growth/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('riskkapital');
    expect(await page.getByRole('checkbox', { name: /^Tillväxt/ }).isChecked()).toBe(true);
    const namesAfter = await resultNames();
    expect(namesAfter.length).toBeGreaterThan(0);
    expect(namesAfter.length).toBeLessThan(namesBefore.length);
    for (const why of await page.locator('#results ol.hits .why').allTextContents()) {
      expect(why).toContain('För företag i tillväxtfas');
      expect(why).toContain('Nämner ”riskkapital”');
    }
    await page.locator('#results ol.hits h3 a').first().click();
    await page.waitForURL(/\/entries\//);
    expect(await page.locator('h1').textContent()).toBe(namesAfter[0]);
    expect(await page.getByRole('heading', { name: 'Kontakt' }).count()).toBe(1);
  });

  it('walks the guided finder to results, with back and skip links', async () => {
    await page.goto(url('/'));
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Hitta rätt stöd' }).click();
    await page.getByRole('link', { name: 'Börja' }).click();
    expect(await page.locator('h1').textContent()).toBe('I vilken fas är ditt företag?');
    await page.getByLabel(/^Tillväxt/).check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByLabel(/^Finansiering/).check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    expect(await page.locator('h1').textContent()).toBe('I vilken kommun finns företaget?');
    await page.getByRole('link', { name: 'Tillbaka' }).click();
    expect(await page.getByLabel(/^Finansiering/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByLabel('Karlskoga', { exact: true }).check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    expect(await page.locator('h1').textContent()).toBe('Hör företaget till något av regionens profilområden?');
    await page.getByRole('link', { name: 'Hoppa över frågan' }).click();
    await page.waitForURL((u) => u.pathname === '/finder/result');
    expect(await page.locator('h1').textContent()).toBe('Stöd som passar dina svar');
    expect(await page.locator('.answer-summary').textContent()).toBe('Tillväxt · Finansiering · Karlskoga');
    expect(await page.getByRole('link', { name: /^Ändra\W+Vad behöver du hjälp med/ }).count()).toBe(1);
    expect((await resultNames()).length).toBeGreaterThan(0);
    await page.getByRole('link', { name: /^Ändra\W+I vilken kommun finns företaget/ }).click();
    expect(await page.getByLabel('Karlskoga', { exact: true }).isChecked()).toBe(true);
    await page.goBack();
    await page.getByRole('link', { name: /söksidan/ }).click();
    await page.waitForURL((u) => u.pathname === '/');
    const params = new URL(page.url()).searchParams;
    expect(params.getAll('stage')).toEqual(['growth']);
    expect(params.getAll('municipality')).toEqual(['1883']);
    expect(params.getAll('supportType').sort()).toEqual(['equity', 'grant', 'loan']);
    for (const name of [/^Tillväxt/, /^Karlskoga/, /^Riskkapital/, /^Lån/, /^Bidrag/]) {
      expect(await page.getByRole('checkbox', { name }).isChecked()).toBe(true);
    }
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/finder/result');
    // The result is a shareable URL: opening it afresh gives the same page.
    const shared = await browser.context.newPage();
    await shared.goto(page.url());
    expect(await shared.locator('#results ol.hits h3').allTextContents()).toEqual(await resultNames());
    await screenshot(shared, 'finder-result-sv-1280');
    await shared.close();
  });

  it('switches language keeping the page and its filters', async () => {
    await page.goto(url('/?q=riskkapital&stage=growth'));
    const svNames = await resultNames();
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    const params = new URL(page.url()).searchParams;
    expect(params.get('q')).toBe('riskkapital');
    expect(params.get('stage')).toBe('growth');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('checkbox', { name: /^Growth/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('What are you looking for?').inputValue()).toBe('riskkapital');
    expect((await resultNames()).length).toBe(svNames.length);
    // Filtering on in English stays in English.
    await page.getByRole('checkbox', { name: /^Investor and funder/ }).check();
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.waitForURL(/kind=investor/);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await page.locator('#results ol.hits h3 a').first().click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const entryPath = new URL(page.url()).pathname;
    await page.getByRole('link', { name: 'Svenska' }).click();
    expect(new URL(page.url()).pathname).toBe(entryPath);
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.getByRole('heading', { name: 'Kontakt' }).count()).toBe(1);
  });

  it('works without JavaScript: filter, page through and open an entry on a narrow screen', async () => {
    const noScript = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(noScript);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await noScript.setViewportSize({ width: 320, height: 800 });
    await noScript.goto(url('/'));
    // Without the script the filter panel stays unfolded, so every filter is reachable.
    expect(await noScript.locator('details.filters').getAttribute('open')).not.toBeNull();
    await noScript.getByRole('checkbox', { name: /^Aktör/ }).check();
    await noScript.getByRole('button', { name: 'Visa träffar' }).click();
    await noScript.waitForURL(/kind=actor/);
    const kinds = await noScript.locator('#results ol.hits .kind-label').allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['Aktör']));
    await noScript.getByRole('navigation', { name: 'Sidor med träffar' }).getByRole('link', { name: 'Nästa' }).click();
    await noScript.waitForURL(/page=2/);
    expect(await noScript.getByRole('checkbox', { name: /^Aktör/ }).isChecked()).toBe(true);
    const name = (await noScript.locator('#results ol.hits h3').first().textContent())!;
    await noScript.locator('#results ol.hits h3 a').first().click();
    await noScript.waitForURL(/\/entries\//);
    expect(await noScript.locator('h1').textContent()).toBe(name);
    await screenshot(noScript, 'no-javascript-entry-sv-320');
    await noScript.close();
  });

  it('can be used with the keyboard alone, with visible focus', async () => {
    await page.goto(url('/'));
    await page.keyboard.press('Tab');
    let now = await focused(page);
    expect(now.text).toBe('Hoppa till huvudinnehållet');
    expect(now.visible).toBe(true);
    await page.keyboard.press('Enter');
    const tabTo = async (matches: (f: Awaited<ReturnType<typeof focused>>) => boolean, key = 'Tab', max = 80) => {
      for (let i = 0; i < max; i += 1) {
        await page.keyboard.press(key);
        now = await focused(page);
        expect(now.visible, `focus indicator on <${now.tag}> "${now.text.slice(0, 40)}"`).toBe(true);
        if (matches(now)) return;
      }
      throw new Error(`did not reach the element with ${max} presses of ${key}`);
    };
    // The skip link lands in main: the finder link is the first stop, the search box right after.
    await tabTo((f) => f.id === 'q', 'Tab', 3);
    await page.keyboard.type('riskkapital');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=riskkapital/);
    // Back from the results to the breadth filter, tick it with Space, and apply it.
    await tabTo((f) => f.id === 'f-focus-breadth', 'Shift+Tab', 5);
    await page.keyboard.press('Space');
    await tabTo((f) => f.tag === 'button' && f.text === 'Visa träffar', 'Tab', 3);
    await page.keyboard.press('Enter');
    await page.waitForURL(/focus=breadth/);
    // Onward to the first result and into it.
    await tabTo((f) => f.href.startsWith('/entries/'), 'Tab', 30);
    const target = now.text;
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/entries\//);
    expect(await page.locator('h1').textContent()).toBe(target);
    await screenshot(page, 'keyboard-journey-entry-sv-1280');
  });
});
