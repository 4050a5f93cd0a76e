/**
 * Browser-test support: Debian's chromium driven by playwright-core, the real server process on a
 * fresh data directory, axe-core with the WCAG 2.1 A/AA tags, and screenshots under .data/screenshots.
 * Without /usr/bin/chromium the tests skip loudly, unless CI is set: then they fail.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, type ExpectStatic } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/** Debian's chromium; CHROMIUM_PATH points elsewhere (or at nothing, to try the skip). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const inCi = Boolean(process.env.CI);

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = resolve('.data/screenshots');
export const WIDTHS = [320, 1280] as const;

/** `describe` when chromium can run (or CI demands it); otherwise a loudly skipped `describe`. */
export const describeInBrowser = (name: string, body: () => void) => {
  if (!available && !inCi) {
    console.warn(
      `\n${'!'.repeat(78)}\n!! SKIPPING BROWSER TESTS "${name}": ${CHROMIUM} is missing and CI is not set.\n` +
        `!! Install it with: apt-get update && apt-get install -y chromium\n${'!'.repeat(78)}\n`,
    );
    describe.skip(name, body);
    return;
  }
  describe(name, body);
};

export type Browser = { context: BrowserContext; close(): Promise<void> };

/** Chromium with a fresh profile directory, headless, offline-friendly flags. */
export const launchBrowser = async (): Promise<Browser> => {
  if (!available) throw new Error(`CI is set but ${CHROMIUM} is missing: the browser tests must run under CI (see .ci/run).`);
  const profile = mkdtempSync(join(tmpdir(), 'vagvisaren-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'sv-SE',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

export type Site = { url: string; stop(): Promise<void> };

/** The real `npm start` server on an empty data directory: it seeds the demonstration catalogue. */
export const startSite = async (): Promise<Site> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vagvisaren-browser-'));
  let server: ServerProcess;
  try {
    server = await startServerProcess({ DATA_DIR: dataDir });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: server.url,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** The site and the browser, started together; if either fails the other is stopped before the error is thrown. */
export const startSiteAndBrowser = async (): Promise<{ site: Site; browser: Browser }> => {
  const [site, browser] = await Promise.allSettled([startSite(), launchBrowser()]);
  if (site.status === 'fulfilled' && browser.status === 'fulfilled') return { site: site.value, browser: browser.value };
  if (site.status === 'fulfilled') await site.value.stop();
  if (browser.status === 'fulfilled') await browser.value.close();
  throw site.status === 'rejected' ? site.reason : (browser as PromiseRejectedResult).reason;
};

/** Violations of WCAG 2.1 A and AA on the page, one readable line each. */
export const axeViolations = async (page: Page): Promise<string[]> => {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`,
  );
};

/** A full-page screenshot in .data/screenshots; returns its path. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
};

/** True when the page is no wider than the viewport (no horizontal scrolling). */
export const fitsViewport = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Describes the focused element and whether a focus indicator is drawn on it. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { tag: '', text: '', id: '', href: '', visible: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== 'none';
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.textContent ?? '').trim(),
      id: el.id,
      href: el.getAttribute('href') ?? '',
      visible: outline || shadow,
    };
  });

export type Lang = 'sv' | 'en';

/** The path with `lang=en` added for English; Swedish is the default. */
export const withLang = (path: string, lang: Lang) => (lang === 'sv' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=en`);

/** Opens `url` in the given page and returns the response status. */
export const visit = (url: string) => async (page: Page) => (await page.goto(url))?.status();

const signOutButton = (page: Page) => page.getByRole('button', { name: /^(Logga ut|Sign out)$/ });

/** Presses the header's sign-out button, if there is one, and waits for the redirect. */
export const signOut = async (page: Page) => {
  const button = signOutButton(page);
  if ((await button.count()) > 0) await Promise.all([page.waitForNavigation(), button.click()]);
};

/** Signs out if signed in, then signs in on the sign-in page by pressing the demo user's button. */
export const signInAs = async (page: Page, siteUrl: string, name: string) => {
  await page.goto(`${siteUrl}/sign-in`);
  if ((await signOutButton(page).count()) > 0) {
    await signOut(page);
    await page.goto(`${siteUrl}/sign-in`);
  }
  await Promise.all([page.waitForURL((u) => u.pathname !== '/sign-in'), page.getByRole('button', { name: `Logga in som ${name}` }).click()]);
};

export type PageCheck = {
  name: string;
  lang: Lang;
  status: number;
  /** Loads the page and returns the response status. */
  open: (page: Page) => Promise<number | undefined>;
  /** Run axe at 320 px too, not only at 1280 px. */
  axeAtNarrow?: boolean;
  /** Return the page open instead of closing it. */
  keepOpen?: boolean;
};

/**
 * Page checks counted into one summary. Screenshots are named `${prefix}${name}-${lang}-${width}`;
 * `report()` logs the summary under `label`, with the screenshot count when `reportScreenshots` is set.
 */
export const createPageChecks = (options: {
  browser: () => Browser;
  siteUrl: () => string;
  prefix: string;
  label: string;
  reportScreenshots?: boolean;
}) => {
  const summary = { checked: 0, violations: 0, screenshots: 0 };

  const shoot = async (page: Page, name: string) => {
    await screenshot(page, `${options.prefix}${name}`);
    summary.screenshots += 1;
  };

  const countViolations = async (page: Page) => {
    const violations = await axeViolations(page);
    summary.checked += 1;
    summary.violations += violations.length;
    return violations;
  };

  /** Opens `path` on the site and returns the response status. */
  const goto = (path: string) => (page: Page) => visit(`${options.siteUrl()}${path}`)(page);

  /**
   * In a fresh tab, at each of WIDTHS: status, lang, axe at 1280 px (and 320 px with `axeAtNarrow`),
   * no sideways scrolling at 320 px, and a screenshot. The page is closed unless `keepOpen`.
   */
  const check = async (expect: ExpectStatic, { name, lang, status, open, axeAtNarrow = false, keepOpen = false }: PageCheck) => {
    const page = await options.browser().context.newPage();
    try {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        expect(await open(page), `${name} (${lang}) status`).toBe(status);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        if (width === 1280 || axeAtNarrow) expect(await countViolations(page), `${name} (${lang}, ${width} px)`).toEqual([]);
        if (width === 320) expect(await fitsViewport(page), `${name} (${lang}) scrolls sideways at 320 px`).toBe(true);
        await shoot(page, `${name}-${lang}-${width}`);
      }
    } catch (error) {
      await page.close();
      throw error;
    }
    if (!keepOpen) await page.close();
    return page;
  };

  /** Axe on the page as it is now, with a screenshot named `${prefix}${label}`. */
  const axe = async (expect: ExpectStatic, page: Page, label: string) => {
    const violations = await countViolations(page);
    await shoot(page, label);
    expect(violations, label).toEqual([]);
  };

  const report = () => {
    const screenshots = options.reportScreenshots ? `; ${summary.screenshots} screenshots in .data/screenshots` : '';
    console.info(`${options.label}: ${summary.checked} page checks, ${summary.violations} violations${screenshots}`);
  };

  return { summary, goto, check, axe, report };
};

export type Focused = Awaited<ReturnType<typeof focused>>;

/**
 * Walks a page with Tab from the skip link, asserting a visible focus indicator at every stop, until
 * `last` is focused or `max` stops; `atStop` fills or ticks the focused control. Returns the stops
 * (ids, or the text of controls without one).
 */
export const walkWithTab = async (page: Page, options: { max: number; last: (now: Focused) => boolean; atStop: (now: Focused) => Promise<unknown> }) => {
  const stops: string[] = [];
  await page.keyboard.press('Tab');
  expect((await focused(page)).text).toBe('Hoppa till huvudinnehållet');
  await page.keyboard.press('Enter');
  for (let i = 0; i < options.max; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    expect(now.visible, `focus indicator on <${now.tag}> #${now.id} "${now.text.slice(0, 30)}"`).toBe(true);
    stops.push(now.id || now.text.slice(0, 30));
    await options.atStop(now);
    if (options.last(now)) break;
  }
  return stops;
};
