import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPageChecks, describeInBrowser, screenshot, SCREENSHOT_DIR, signInAs, startSiteAndBrowser, withLang, type Browser, type Site } from './support.ts';

const PAGES = [
  { name: 'overview', path: '/follow-up' },
  { name: 'coverage', path: '/follow-up/coverage?municipality=1880' },
  { name: 'demand', path: '/follow-up/demand' },
  { name: 'referrals', path: '/follow-up/referrals' },
  { name: 'report', path: '/follow-up/report' },
];

describeInBrowser('follow-up in a browser (unmet needs, accessibility, the report on A4)', () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  const checks = createPageChecks({ browser: () => browser, siteUrl: () => site.url, prefix: 'follow-up-', label: 'follow-up axe' });
  const url = (path: string) => `${site.url}${path}`;

  beforeAll(async () => {
    ({ site, browser } = await startSiteAndBrowser());
    page = await browser.context.newPage();
    await signInAs(page, site.url, 'Demo Uppföljare');
  }, 60_000);
  afterAll(async () => {
    checks.report();
    await browser?.close();
    await site?.stop();
  });

  it('after a few searches with no results, the follow-up user finds them in the unmet-need list, marked as few', async () => {
    for (let i = 0; i < 3; i += 1) await page.goto(url('/?q=rymdturism'));
    // The counts are written just after each search's response: look again until all three are in.
    await expect.poll(async () => {
      await page.goto(url('/follow-up/demand'));
      return page.locator('section[aria-labelledby=table-unmet]').innerText();
    }).toMatch(/rymdturism\s+Inga träffar\s+3 \(färre än 5\)/);
  });

  it('a referral made through the refer form with the company\'s leadership shows in the follow-up split by leadership', async () => {
    const womenRow = async () => {
      await page.goto(url('/follow-up/referrals'));
      return page.locator('section[aria-labelledby=table-leadership] tbody tr').filter({ hasText: 'Kvinnor' }).innerText();
    };
    expect(await womenRow()).toMatch(/^Kvinnor\s+0/);
    await signInAs(page, site.url, 'Demo Rådgivare');
    await page.goto(url('/entries/almi-foretagspartner-malardalen/refer'));
    await page.getByLabel('Företagets namn').fill('Ledningsbolaget AB');
    await page.getByLabel('Organisationsnummer').fill('556123-4567');
    await page.getByLabel('Kommun').selectOption('1880');
    await page.getByLabel('Fas', { exact: true }).selectOption('growth');
    await page.getByLabel('Strategiskt område').selectOption('company-development');
    await page.getByRole('group', { name: 'Företagets ledning (frivilligt)' }).getByLabel('Främst kvinnor').check();
    await page.getByLabel('Företagets behov').fill('Behöver hjälp att växa på nya marknader.');
    await page.getByLabel('Namn', { exact: true }).fill('Kim Exempel');
    await page.getByLabel('E-post').fill('kim@example.se');
    await page.getByLabel('Företaget har bett om att bli hänvisat hit').check();
    await page.getByLabel('Företaget har fått veta hur uppgifterna hanteras').check();
    await Promise.all([page.waitForURL(/\/referrals\/ref_[a-z2-7]{20}\?notice=created$/), page.getByRole('button', { name: 'Skicka hänvisningen' }).click()]);
    await signInAs(page, site.url, 'Demo Uppföljare');
    expect(await womenRow()).toMatch(/^Kvinnor\s+1 \(färre än 5\)/);
    const outcomes = await page.locator('section[aria-labelledby=table-outcome-by-leadership] tbody tr').filter({ hasText: 'Kvinnor' }).innerText();
    // The first status column is 'Skickad': the new referral waits for Almi's answer.
    expect(outcomes).toMatch(/^Kvinnor\s+1 \(färre än 5\)/);
  }, 120_000);

  it('has no WCAG 2.1 A/AA violations on the follow-up pages in Swedish and English', async () => {
    for (const lang of ['sv', 'en'] as const) {
      for (const { name, path } of PAGES) {
        await checks.check(expect, {
          name,
          lang,
          status: 200,
          // The browser context is signed in as the follow-up user since the first test.
          open: checks.goto(withLang(path, lang)),
        });
      }
    }
  }, 600_000);

  it('prints the board report on A4 with no chart or table cut off', async () => {
    expect((await page.goto(url('/follow-up/report')))?.status()).toBe(200);
    // A4 at 96 dpi less the page margins, as the printed page lays it out.
    await page.setViewportSize({ width: 703, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'follow-up-report-print');
    const overflowing = await page.evaluate(() => {
      const pageWidth = document.documentElement.clientWidth;
      return [...document.querySelectorAll('.board-report svg, .board-report table')]
        .filter((el) => el.getBoundingClientRect().right > pageWidth + 1)
        .map((el) => el.outerHTML.slice(0, 60));
    });
    expect(overflowing).toEqual([]);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(join(SCREENSHOT_DIR, 'follow-up-report.pdf'), pdf);
    const text = pdf.toString('latin1');
    const mediaBox = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
    expect(mediaBox && [Math.round(Number(mediaBox[1])), Math.round(Number(mediaBox[2]))]).toEqual([595, 842]);
    await page.emulateMedia({ media: 'screen' });
  });
});
