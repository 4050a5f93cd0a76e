import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPageChecks, describeInBrowser, focused, screenshot, signInAs, startSiteAndBrowser, walkWithTab, withLang, type Browser, type Lang, type Site } from './support.ts';

const ALMI = 'almi-foretagspartner-malardalen';

describeInBrowser('referrals in a browser (journey, 404 for others, accessibility, keyboard)', () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  let referralPath = '';
  const checks = createPageChecks({ browser: () => browser, siteUrl: () => site.url, prefix: 'referrals-', label: 'referrals axe' });
  const { check, goto } = checks;
  const url = (path: string) => `${site.url}${path}`;

  beforeAll(async () => {
    ({ site, browser } = await startSiteAndBrowser());
    page = await browser.context.newPage();
  }, 60_000);
  afterAll(async () => {
    checks.report();
    await browser?.close();
    await site?.stop();
  });

  /** Posts the refer form empty, so every error shows. */
  const withErrors = (lang: Lang) => async (p: Page) => {
    await p.goto(url(withLang(`/entries/${ALMI}/refer`, lang)));
    const [response] = await Promise.all([p.waitForNavigation(), p.locator('form.referral-form button[type=submit]').click()]);
    return response?.status();
  };
  const statusOf = async () => (await page.locator('.facts .status').first().textContent())?.trim();

  it('as the advisor, refers a company to Almi from its entry page; the forms and lists have no WCAG 2.1 A/AA violations', async () => {
    await signInAs(page, site.url, 'Demo Rådgivare');
    await page.goto(url(`/entries/${ALMI}`));
    await Promise.all([page.waitForURL(/\/refer$/), page.getByRole('link', { name: 'Hänvisa ett företag hit' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Hänvisa ett företag');
    for (const lang of ['sv', 'en'] as const) {
      await check(expect, { name: 'form', lang, status: 200, open: goto(withLang(`/entries/${ALMI}/refer`, lang)) });
      await check(expect, { name: 'form-errors', lang, status: 400, open: withErrors(lang) });
    }
    await check(expect, { name: 'my-referrals-empty', lang: 'sv', status: 200, open: goto('/referrals') });

    await page.getByLabel('Företagets namn').fill('Webbläsarbolaget AB');
    await page.getByLabel('Organisationsnummer').fill('556123 4567');
    await page.getByLabel('Kommun').selectOption('1880');
    await page.getByLabel('Fas', { exact: true }).selectOption('startup');
    await page.getByLabel('Strategiskt område').selectOption('company-development');
    await page.getByLabel('Företagets behov').fill('Behöver hjälp att hitta finansiering till en ny maskin.');
    expect(await page.locator('#f-need-count').textContent()).toMatch(/^55 av 2\s000 tecken$/);
    await page.getByLabel('Namn', { exact: true }).fill('Kim Exempel');
    await page.getByLabel('E-post').fill('kim@example.se');
    await page.getByLabel('Företaget har bett om att bli hänvisat hit').check();
    await page.getByLabel('Företaget har fått veta hur uppgifterna hanteras').check();
    await Promise.all([page.waitForURL(/\/referrals\/ref_[a-z2-7]{20}\?notice=created$/), page.getByRole('button', { name: 'Skicka hänvisningen' }).click()]);
    referralPath = new URL(page.url()).pathname;
    await expect(page.getByRole('status').textContent()).resolves.toContain('Hänvisningen är registrerad.');
    const next = await page.locator('.next-steps').textContent();
    expect(next).toContain('Almi Företagspartner Mälardalen AB har inte fått något meddelande');
    expect(next).toContain('inom 2 arbetsdagar');
    expect(await page.locator('.next-steps a[href="https://www.almi.se/"]').count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain('556123-4567');
    expect(await statusOf()).toBe('Skickad');
    await check(expect, { name: 'referral-sent', lang: 'sv', status: 200, open: goto(referralPath) });
    await check(expect, { name: 'referral-sent', lang: 'en', status: 200, open: goto(`${referralPath}?lang=en`) });
    await check(expect, { name: 'my-referrals', lang: 'sv', status: 200, open: goto('/referrals') });
    await check(expect, { name: 'my-referrals', lang: 'en', status: 200, open: goto('/referrals?lang=en') });
  }, 180_000);

  it('accepts a sole trader\'s 12-digit personal identity number, and names a wrong check digit', async () => {
    await signInAs(page, site.url, 'Demo Rådgivare');
    await page.goto(url(`/entries/${ALMI}/refer`));
    await page.getByLabel('Organisationsnummer').fill('556123-4568');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Skicka hänvisningen' }).click()]);
    expect(await page.locator('.errors').textContent()).toContain('Kontrollsiffran stämmer inte');
    await page.getByLabel('Företagets namn').fill('Enskilda firman Exempel');
    await page.getByLabel('Organisationsnummer').fill('198112189876');
    await page.getByLabel('Kommun').selectOption('1880');
    await page.getByLabel('Fas', { exact: true }).selectOption('idea');
    await page.getByLabel('Strategiskt område').selectOption('company-development');
    await page.getByLabel('Företagets behov').fill('Vill starta och behöver rådgivning.');
    await page.getByLabel('Namn', { exact: true }).fill('Kim Exempel');
    await page.getByLabel('E-post').fill('kim@example.se');
    await page.getByLabel('Företaget har bett om att bli hänvisat hit').check();
    await page.getByLabel('Företaget har fått veta hur uppgifterna hanteras').check();
    await Promise.all([page.waitForURL(/\/referrals\/ref_[a-z2-7]{20}\?notice=created$/), page.getByRole('button', { name: 'Skicka hänvisningen' }).click()]);
    expect(await page.locator('main').textContent()).toContain('811218-9876');
  }, 180_000);

  it('as Almi, accepts, starts and completes it from the inbox; the advisor sees each status', async () => {
    expect(referralPath).not.toBe('');
    const steps = [
      ['Acceptera', 'Accepterad'],
      ['Börja arbeta med den', 'Pågår'],
      ['Avsluta', 'Avslutad'],
    ] as const;
    for (const [button, status] of steps) {
      await signInAs(page, site.url, 'Demo Almi-medarbetare');
      await page.goto(url('/referrals'));
      if (button === 'Acceptera') await check(expect, { name: 'inbox', lang: 'sv', status: 200, open: goto('/referrals?box=inbox') });
      await Promise.all([page.waitForURL((u) => u.pathname === referralPath), page.getByRole('link', { name: 'Webbläsarbolaget AB' }).first().click()]);
      if (button === 'Acceptera') await check(expect, { name: 'referral-receiver', lang: 'sv', status: 200, open: goto(referralPath) });
      await Promise.all([page.waitForURL(/notice=/), page.getByRole('button', { name: button, exact: true }).click()]);
      expect(await statusOf()).toBe(status);
      await signInAs(page, site.url, 'Demo Rådgivare');
      await page.goto(url(referralPath));
      expect(await statusOf(), `the advisor sees ${status}`).toBe(status);
    }
    const history = await page.locator('ol.history > li').allTextContents();
    expect(history).toHaveLength(4);
  }, 180_000);

  it('a decline with a suggestion leaves the company’s data with the first actor until the advisor refers again', async () => {
    await signInAs(page, site.url, 'Demo Rådgivare');
    await page.goto(url(`/entries/${ALMI}/refer`));
    await page.getByLabel('Företagets namn').fill('Förslagsbolaget AB');
    await page.getByLabel('Organisationsnummer').fill('556123-4567');
    await page.getByLabel('Kommun').selectOption('1880');
    await page.getByLabel('Fas', { exact: true }).selectOption('idea');
    await page.getByLabel('Strategiskt område').selectOption('company-development');
    await page.getByLabel('Företagets behov').fill('Behöver en inkubator innan finansiering.');
    await page.getByLabel('Namn', { exact: true }).fill('Kim Exempel');
    await page.getByLabel('E-post').fill('kim@example.se');
    await page.getByLabel('Företaget har bett om att bli hänvisat hit').check();
    await page.getByLabel('Företaget har fått veta hur uppgifterna hanteras').check();
    await Promise.all([page.waitForURL(/notice=created$/), page.getByRole('button', { name: 'Skicka hänvisningen' }).click()]);
    const firstPath = new URL(page.url()).pathname;

    await signInAs(page, site.url, 'Demo Almi-medarbetare');
    await page.goto(url(firstPath));
    await page.getByText('Tacka nej', { exact: true }).click();
    await page.getByRole('group', { name: 'Varför avböjer ni?' }).getByLabel('En annan aktör kan hjälpa företaget bättre').check();
    await page.getByLabel('Förklara med egna ord').fill('Inkubera passar bättre i idéfasen.');
    await page.getByLabel('Föreslå en bättre aktör (valfritt)').selectOption({ label: 'Inkubera AB' });
    expect(await page.locator('input[name=forward]').count()).toBe(0);
    await Promise.all([page.waitForURL(/notice=suggested$/), page.getByRole('button', { name: 'Avböj' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('företagets uppgifter har inte lämnats vidare');

    await signInAs(page, site.url, 'Demo Inkubera-medarbetare');
    await page.goto(url('/referrals?box=inbox'));
    expect(await page.locator('main').textContent()).not.toContain('Förslagsbolaget AB');

    await signInAs(page, site.url, 'Demo Rådgivare');
    for (const lang of ['sv', 'en'] as const) {
      await check(expect, { name: 'referral-suggested', lang, status: 200, open: goto(withLang(firstPath, lang)) });
      await check(expect, { name: 'my-referrals-suggested', lang, status: 200, open: goto(withLang('/referrals', lang)) });
    }
    await page.goto(url(firstPath));
    expect(await page.locator('.suggestion').textContent()).toContain('Almi Företagspartner Mälardalen AB föreslår Inkubera AB.');
    await Promise.all([page.waitForURL(/\/entries\/inkubera\/refer\?from=ref_/), page.getByRole('link', { name: 'Hänvisa igen till Inkubera AB' }).click()]);
    const referAgainPath = new URL(page.url()).pathname + new URL(page.url()).search;
    for (const lang of ['sv', 'en'] as const) await check(expect, { name: 'refer-again', lang, status: 200, open: goto(withLang(referAgainPath, lang)) });
    expect(await page.getByLabel('Företagets namn').inputValue()).toBe('Förslagsbolaget AB');
    expect(await page.getByLabel('Företagets behov').inputValue()).toBe('Behöver en inkubator innan finansiering.');
    expect(await page.getByLabel('E-post').inputValue()).toBe('kim@example.se');
    expect(await page.getByLabel('Företaget har bett om att bli hänvisat hit').isChecked()).toBe(false);
    await page.getByLabel('Företaget har bett om att bli hänvisat hit').check();
    await page.getByLabel('Företaget har fått veta hur uppgifterna hanteras').check();
    await Promise.all([page.waitForURL(/notice=created$/), page.getByRole('button', { name: 'Skicka hänvisningen' }).click()]);
    expect(await page.locator('main').textContent()).toContain('Skickad vidare från en tidigare hänvisning');

    await signInAs(page, site.url, 'Demo Inkubera-medarbetare');
    await page.goto(url('/referrals?box=inbox'));
    expect(await page.locator('main').textContent()).toContain('Förslagsbolaget AB');
  }, 240_000);

  it('gives Inkubera’s staff the 404 page on the referral', async () => {
    await signInAs(page, site.url, 'Demo Inkubera-medarbetare');
    const response = await page.goto(url(referralPath));
    expect(response?.status()).toBe(404);
    expect(await page.content()).not.toContain('Webbläsarbolaget AB');
  }, 60_000);

  it('the privacy notice has no violations in either language', async () => {
    for (const lang of ['sv', 'en'] as const) await check(expect, { name: 'privacy', lang, status: 200, open: goto(withLang('/privacy', lang)) });
  }, 60_000);

  it('the refer form works with the keyboard alone, and a refused post focuses the error summary whose links reach the fields', async () => {
    await signInAs(page, site.url, 'Demo Rådgivare');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url(`/entries/${ALMI}/refer`));
    const typed: Record<string, string> = {
      'f-companyName': 'Tangentbolaget AB',
      'f-organisationNumber': '5561234567',
      'f-need': 'Behöver råd om export.',
      'f-contactName': 'Alex Exempel',
      'f-phone': '019-123 45 67',
    };
    const chosen: Record<string, string> = { 'f-municipality': 'Örebro', 'f-stage': 'Nystartat', 'f-area': 'Företagsutveckling' };
    const stops = await walkWithTab(page, {
      max: 60,
      last: (now) => now.tag === 'button' && now.text === 'Skicka hänvisningen',
      atStop: async (now) => {
        if (typed[now.id]) await page.keyboard.type(typed[now.id]!);
        if (chosen[now.id]) await page.locator(`#${now.id}`).selectOption({ label: chosen[now.id]! });
        // Only the first confirmation is ticked: the post is refused for the second.
        if (now.id === 'f-askedToBeReferred') await page.keyboard.press('Space');
      },
    });
    for (const id of Object.keys(typed).concat(Object.keys(chosen), ['f-email', 'f-askedToBeReferred', 'f-informedAboutDataHandling', 'f-forwardingAllowed'])) {
      expect(stops, `Tab reaches #${id}`).toContain(id);
    }
    expect(stops.at(-1)).toBe('Skicka hänvisningen');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('errors');
    expect(await page.locator('.errors').textContent()).toContain('Företaget har fått veta hur uppgifterna hanteras: Bekräfta det här');
    await page.keyboard.press('Tab');
    const link = await focused(page);
    expect(link.href).toBe('#f-informedAboutDataHandling');
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('f-informedAboutDataHandling');
    expect(await page.locator('#f-companyName').inputValue()).toBe('Tangentbolaget AB');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('f-forwardingAllowed');
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Skicka hänvisningen');
    await Promise.all([page.waitForURL(/notice=created$/), page.keyboard.press('Enter')]);
    await screenshot(page, 'referrals-keyboard-created-sv-1280');
  }, 120_000);

  it('as Almi, declines with a reason category from the radio group; a decline without one is refused naming it; the open decline form has no WCAG 2.1 A/AA violations', async () => {
    await signInAs(page, site.url, 'Demo Almi-medarbetare');
    await page.goto(url('/referrals?box=inbox'));
    await Promise.all([page.waitForURL(/\/referrals\/ref_/), page.getByRole('link', { name: 'Tangentbolaget AB' }).first().click()]);
    const path = new URL(page.url()).pathname;
    await page.locator('details.decline-step > summary').click();
    await checks.axe(expect, page, 'decline-form-sv-1280');
    await page.getByLabel('Förklara med egna ord').fill('Vi är fullbokade i vår.');
    await Promise.all([page.waitForNavigation(), page.locator('form.decline-form button[type=submit]').click()]);
    expect(await page.locator('.errors').textContent()).toContain('Varför avböjer ni?: Välj varför ni avböjer.');
    await checks.axe(expect, page, 'decline-form-errors-sv-1280');
    await page.getByRole('group', { name: 'Varför avböjer ni?' }).getByLabel('Vi har inte kapacitet just nu').check();
    await Promise.all([page.waitForURL(/notice=declined$/), page.locator('form.decline-form button[type=submit]').click()]);
    expect(new URL(page.url()).pathname).toBe(path);
    expect(await statusOf()).toBe('Avböjd');
    expect(await page.locator('.facts').first().textContent()).toContain('Vi har inte kapacitet just nu');
  }, 120_000);
});
