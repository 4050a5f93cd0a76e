import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPageChecks, describeInBrowser, focused, screenshot, signInAs, startSiteAndBrowser, walkWithTab, withLang, type Browser, type Site } from './support.ts';

describeInBrowser('the editor in a browser (sign-in, journey, two tabs, accessibility, keyboard)', () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  const checks = createPageChecks({ browser: () => browser, siteUrl: () => site.url, prefix: 'editor-', label: 'editor axe', reportScreenshots: true });
  const { check, goto } = checks;
  const timings: Record<string, number> = {};
  const url = (path: string) => `${site.url}${path}`;

  beforeAll(async () => {
    ({ site, browser } = await startSiteAndBrowser());
    page = await browser.context.newPage();
  }, 60_000);
  afterAll(async () => {
    checks.report();
    console.info(`editor journey timings (ms): ${JSON.stringify(timings)}`);
    await browser?.close();
    await site?.stop();
  });

  describe('signed out', () => {
    for (const lang of ['sv', 'en'] as const) {
      it(`the sign-in page (${lang}) has no WCAG 2.1 A/AA violations`, async () => {
        await check(expect, { name: 'sign-in', lang, status: 200, open: goto(withLang('/sign-in', lang)) });
      });
    }

    it('sends a signed-out visitor from /editor to the sign-in page and back after signing in', async () => {
      await page.goto(url('/editor/entries/almi-lan/edit'));
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await Promise.all([page.waitForURL(/\/editor\/entries\/almi-lan\/edit$/), page.getByRole('button', { name: 'Logga in som Demo Redaktör' }).click()]);
      expect(await page.locator('h1').textContent()).toBe('Redigera: Almis lån');
      const cookies = await browser.context.cookies();
      const session = cookies.find((c) => c.name === '__Host-vagvisaren-session')!;
      expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
      const refresh = cookies.find((c) => c.name === '__Secure-vagvisaren-refresh')!;
      expect(refresh).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/auth/refresh' });
      expect(refresh.expires - Date.now() / 1000).toBeGreaterThan(8 * 3600 - 120);
    });
  });

  describe('signed in as the demo editor', () => {
    const name = `Provkörningskursen ${Date.now().toString(36)}`;
    let entryPath = '';

    it('creates a draft, publishes it, and finds it in public search without a restart', async () => {
      await signInAs(page, site.url, 'Demo Redaktör');
      expect(new URL(page.url()).pathname).toBe('/editor');
      await expect(page.locator('.account').textContent()).resolves.toContain('Demo Redaktör (Redaktör)');
      await page.getByRole('link', { name: 'Ny post: Erbjudande' }).click();
      await page.getByLabel('Namn på svenska').fill(name);
      await page.getByLabel('Namn på engelska (valfritt)').fill('The trial run course');
      await page.getByLabel('Sammanfattning på svenska').fill('En kurs för att prova redigeringen.');
      await page.getByLabel('Beskrivning på svenska').fill('Kursen finns bara för att testa att en ny post blir sökbar.');
      await page.getByRole('group', { name: 'Strategiska områden' }).getByLabel('Företagsutveckling').check();
      await page.getByRole('group', { name: 'Passar företag i fas' }).getByLabel('Nystartat').check();
      await page.getByLabel('Kostnad', { exact: true }).selectOption('free');
      const started = performance.now();
      await Promise.all([page.waitForURL(/\/edit\?notice=created$/), page.getByRole('button', { name: 'Skapa utkast' }).click()]);
      timings.create = Math.round(performance.now() - started);
      entryPath = new URL(page.url()).pathname.replace(/\/edit$/, '');
      await expect(page.getByRole('status').textContent()).resolves.toContain('Utkastet är skapat.');
      await expect(page.locator('.meta').first().textContent()).resolves.toContain('Utkast · version 1');

      const publishing = performance.now();
      await Promise.all([page.waitForURL(/notice=published$/), page.getByRole('button', { name: 'Publicera' }).click()]);
      const published = performance.now();
      timings.publish = Math.round(published - publishing);
      await expect(page.getByRole('status').textContent()).resolves.toContain('Posten är publicerad');

      const search = await browser.context.newPage();
      let found = false;
      while (!found && performance.now() - published < 5000) {
        await search.goto(url(`/?q=${encodeURIComponent(name)}`));
        found = (await search.locator('#results ol.hits h3').allTextContents()).includes(name);
      }
      timings.publishedToFoundInSearch = Math.round(performance.now() - published);
      expect(found).toBe(true);
      await screenshot(search, 'editor-journey-found-in-search-sv-1280');
      await search.close();
    }, 60_000);

    it('refuses the second of two saves made in two tabs with the clear message, overwriting nothing', async () => {
      expect(entryPath).not.toBe('');
      const first = await browser.context.newPage();
      const second = await browser.context.newPage();
      await first.goto(url(`${entryPath}/edit`));
      await second.goto(url(`${entryPath}/edit`));
      await first.getByLabel('Sammanfattning på svenska').fill('Sparad i första fliken.');
      await Promise.all([first.waitForURL(/notice=saved$/), first.getByRole('button', { name: 'Spara ändringarna' }).click()]);
      await second.getByLabel('Sammanfattning på svenska').fill('Skriven i andra fliken.');
      const [response] = await Promise.all([second.waitForNavigation(), second.getByRole('button', { name: 'Spara ändringarna' }).click()]);
      expect(response?.status()).toBe(409);
      const alert = second.getByRole('alert');
      await expect(alert.textContent()).resolves.toContain('Någon annan har ändrat posten medan du redigerade.');
      // The script moves focus to the message; the typed text is still there to copy.
      expect(await second.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
      expect(await second.getByLabel('Sammanfattning på svenska').inputValue()).toBe('Skriven i andra fliken.');
      await screenshot(second, 'editor-stale-save-sv-1280');
      await second.getByRole('link', { name: 'Ladda om posten och se den senaste versionen' }).click();
      expect(await second.getByLabel('Sammanfattning på svenska').inputValue()).toBe('Sparad i första fliken.');
      await first.close();
      await second.close();
    }, 60_000);

    it('filters the dashboard with its form and sorts it from a column header', async () => {
      await page.goto(url('/editor'));
      await page.locator('#filter-kind').selectOption('actor');
      await Promise.all([page.waitForURL(/[?&]kind=actor/), page.getByRole('button', { name: 'Visa poster' }).click()]);
      const kinds = await page.locator('table.editor-table tbody tr td:nth-of-type(1)').allTextContents();
      expect(kinds.length).toBeGreaterThan(0);
      expect(new Set(kinds)).toEqual(new Set(['Aktör']));
      await expect(page.locator('#filter-kind').inputValue()).resolves.toBe('actor');
      await Promise.all([page.waitForURL(/sort=changed/), page.getByRole('link', { name: /^Senast ändrad/ }).click()]);
      expect(new URL(page.url()).searchParams.get('kind')).toBe('actor');
      await expect(page.getByRole('columnheader', { name: /Senast ändrad/ }).getAttribute('aria-sort')).resolves.toBe('descending');
    });

    for (const lang of ['sv', 'en'] as const) {
      it(`the dashboard, forms, errors and history (${lang}) have no WCAG 2.1 A/AA violations`, async () => {
        await check(expect, { name: 'dashboard', lang, status: 200, open: goto(withLang('/editor', lang)) });
        await check(expect, { name: 'dashboard-filtered', lang, status: 200, open: goto(withLang('/editor?kind=offering&sort=changed&page=1', lang)) });
        await check(expect, { name: 'dashboard-empty', lang, status: 200, open: goto(withLang('/editor?kind=investor&status=archived&q=zzz', lang)) });
        await check(expect, { name: 'new-kind', lang, status: 200, open: goto(withLang('/editor/entries/new', lang)) });
        for (const kind of ['actor', 'offering', 'testbed', 'investor']) {
          await check(expect, { name: `form-new-${kind}`, lang, status: 200, open: goto(withLang(`/editor/entries/new?kind=${kind}`, lang)) });
        }
        await check(expect, { name: 'form-edit', lang, status: 200, open: goto(withLang(`${entryPath}/edit`, lang)) });
        const withErrors = async (p: Page) => {
          await p.goto(url(withLang('/editor/entries/new?kind=testbed', lang)));
          await p.locator('#f-website').fill('http://inte-https.example');
          await p.locator('#f-testbed-trl-min').selectOption('5');
          await p.locator('#f-focus-level-spearhead').check();
          const [response] = await Promise.all([p.waitForNavigation(), p.locator('form.entry-form button[type=submit]').click()]);
          expect(await p.locator('.errors a').count()).toBeGreaterThanOrEqual(5);
          return response?.status();
        };
        await check(expect, { name: 'form-errors', lang, status: 400, open: withErrors });
        await check(expect, { name: 'history', lang, status: 200, open: goto(withLang(`${entryPath}/history`, lang)) });
      }, 180_000);
    }

    it('walks the whole form with the keyboard alone, with visible focus, and lands on the error summary', async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(url('/editor/entries/new?kind=actor'));
      const typed: Record<string, string> = { 'f-name-sv': 'Tangentbordsaktören', 'f-summary-sv': 'Skapad med tangentbordet.', 'f-description-sv': 'Varje fält nåddes med Tab.' };
      const ticked = new Set(['f-areas-innovation', 'f-stages-idea']);
      const stops = await walkWithTab(page, {
        max: 120,
        last: (now) => now.tag === 'button' && now.text === 'Skapa utkast',
        atStop: async (now) => {
          if (typed[now.id]) await page.keyboard.type(typed[now.id]!);
          if (ticked.has(now.id)) await page.keyboard.press('Space');
        },
      });
      for (const id of ['f-name-en', 'f-description-en', 'f-areas-skills-talent', 'f-supportTypes-advice', 'f-focus-level-breadth', 'f-coverage-county', 'f-municipalities-1880', 'f-sectors', 'f-languages', 'f-validUntil', 'f-sources']) {
        expect(stops, `Tab reaches #${id}`).toContain(id);
      }
      expect(stops.at(-1)).toBe('Skapa utkast');
      await Promise.all([page.waitForURL(/notice=created$/), page.keyboard.press('Enter')]);
      expect(await page.locator('h1').textContent()).toBe('Redigera: Tangentbordsaktören');

      // An invalid save: the script focuses the error summary; its link takes focus to the field.
      await page.locator('#f-name-sv').fill('');
      await page.locator('#f-name-sv').press('Enter');
      await page.waitForLoadState('domcontentloaded');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('errors');
      await page.keyboard.press('Tab');
      const link = await focused(page);
      expect(link.href).toBe('#f-name-sv');
      expect(link.visible).toBe(true);
      await page.keyboard.press('Enter');
      expect((await focused(page)).id).toBe('f-name-sv');
      expect(await page.locator('#f-name-sv').getAttribute('aria-describedby')).toBe('f-name-sv-error');
      await screenshot(page, 'editor-keyboard-errors-sv-1280');
      timings.keyboardTabStops = stops.length;
    }, 90_000);
  });

  describe('signed in as the demo advisor', () => {
    it('gets the 403 page at /editor, in both languages without violations', async () => {
      await signInAs(page, site.url, 'Demo Rådgivare');
      const response = await page.goto(url('/editor'));
      expect(response?.status()).toBe(403);
      expect(await page.locator('h1').textContent()).toBe('Du har inte behörighet');
      for (const lang of ['sv', 'en'] as const) await check(expect, { name: 'forbidden', lang, status: 403, open: goto(withLang('/editor', lang)) });
      // The header offers sign-out; signing out goes home and offers sign-in again.
      await page.goto(url('/'));
      await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('button', { name: 'Logga ut' }).click()]);
      expect(await page.getByRole('link', { name: 'Logga in' }).count()).toBe(1);
    }, 90_000);
  });
});
