import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/api/app.ts';
import type { AppDeps } from '#functions/api/env.ts';
import type { Logger } from '#functions/api/middleware/request-log.ts';
import { silentLogger } from '#functions/api/middleware/request-log.ts';
import { NEED_FILTERS } from '#functions/api/pages/finder/needs.ts';
import { facetTerms } from '#shared/domain/taxonomy.ts';
import { safeHref } from '#functions/api/pages/safe-url.ts';
import { anEntry, taxonomy } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';
import { attr, byId, hrefs, tags, text } from './html.ts';

type App = ReturnType<typeof createApp>;

const HTML = { headers: { accept: 'text/html,application/xhtml+xml' } };

const investor = anEntry({
  kind: 'investor',
  id: 'growth-fund',
  name: { sv: 'Tillväxtfonden Test', en: 'Growth Fund Test' },
  summary: { sv: 'Ägarkapital till växande bolag.', en: 'Equity for growing companies.' },
  areas: ['investment-establishment'],
  stages: ['growth'],
  supportTypes: ['equity'],
  investor: { instruments: ['equity', 'loan'], ticketSizeSek: { min: 500000, max: 5000000 }, investmentStages: ['growth'] },
  lastVerifiedAt: '2026-10-01T10:00:00.000Z',
});
const advisor = anEntry({
  id: 'county-advisers',
  name: { sv: 'Länsrådgivarna', en: 'County advisers' },
  summary: { sv: 'Kostnadsfri rådgivning som slussar vidare.', en: 'Free advice that routes you onward.' },
  areas: ['innovation', 'company-development'],
  supportTypes: ['advice'],
});
const provider = anEntry({
  id: 'hub-provider',
  name: { sv: 'Hubben i Nora' },
  summary: { sv: 'En hubb för företag i Nora.' },
  description: { sv: 'Hubben finns i Nora.' },
  municipalities: ['1884'],
  supportTypes: ['networking'],
});
const course = anEntry({
  kind: 'offering',
  id: 'hub-course',
  providerId: 'hub-provider',
  name: { sv: 'Hubbens kurs', en: 'The hub course' },
  summary: { sv: 'En kurs i Nora.', en: 'A course in Nora.' },
  municipalities: ['1884'],
  offering: { cost: 'free', applicationPeriod: { opens: '2026-01-10', closes: '2026-12-20' } },
  contact: [
    { type: 'email', address: 'kurs@example.se' },
    { type: 'phone', number: '+46 10 000 00 00' },
  ],
  website: 'https://example.se/kurs',
  sources: ['http://insecure.example.se/kurs', 'https://secure.example.se/kurs'],
  demo: true,
});
const testbed = anEntry({
  kind: 'testbed',
  id: 'robot-lab',
  providerId: 'hub-provider',
  name: { sv: 'Robotlabbet Test' },
  testbed: { capabilities: [{ sv: 'Robotceller', en: 'Robot cells' }], trl: { min: 4, max: 7 }, accessTerms: { sv: 'Boka i förväg.' } },
  municipalities: ['1884'],
  areas: ['innovation'],
});
const site = anEntry({
  kind: 'establishment-offer',
  id: 'test-site',
  name: { sv: 'Testmarken', en: 'The test site' },
  establishmentOffer: {
    offerType: 'land',
    location: { municipality: '1861', placeName: 'Testmarken, Hallsberg', position: { lat: 59.067, lon: 15.11 } },
    landAreaM2: 120000,
    keyFacts: [{ sv: 'Nära järnväg', en: 'Close to rail' }],
  },
  municipalities: ['1861'],
  areas: ['investment-establishment'],
});
const hostile = anEntry({
  id: 'hostile-entry',
  name: { sv: '<script>alert("namn")</script> Ondskan' },
  summary: { sv: '<img src=x onerror=alert(1)> ondskefull sammanfattning' },
  description: { sv: '"><svg onload=alert(2)> ondskefull beskrivning' },
  sectors: ['<b>fet</b>'],
});
const fillers = Array.from({ length: 25 }, (_, i) =>
  anEntry({
    kind: 'offering',
    id: `filler-${String(i + 1).padStart(2, '0')}`,
    name: { sv: `Utbildning ${i + 1}`, en: `Training ${i + 1}` },
    summary: { sv: 'En kurs för anställda.', en: 'A course for employees.' },
    areas: ['skills-talent'],
    supportTypes: ['skills-development'],
    offering: {},
  }),
);

const capturingLogger = (lines: { message: string; fields: Record<string, unknown> }[], base: Record<string, unknown> = {}): Logger => ({
  info: (message, fields) => lines.push({ message, fields: { ...base, ...fields } }),
  error: (message, fields) => lines.push({ message, fields: { ...base, ...fields } }),
  child: (fields) => capturingLogger(lines, { ...base, ...fields }),
});

describe('the web pages', () => {
  const dynalite = useDynalite();
  let app: App;
  let deps: AppDeps;
  const logLines: { message: string; fields: Record<string, unknown> }[] = [];
  beforeAll(async () => {
    const built = await buildTestApp(dynalite.endpoint, [investor, advisor, provider, course, testbed, site, hostile, ...fillers]);
    deps = built.runtime.deps;
    app = createApp({ ...deps, logger: capturingLogger(logLines) });
  });

  const page = async (path: string, init: RequestInit = HTML) => {
    const response = await app.request(path, init);
    return { response, html: await response.text() };
  };

  describe('search page', () => {
    it('shows every entry with facet counts and announces the count in a status region', async () => {
      const { response, html } = await page('/');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<html lang="sv">');
      const status = tags(html, /<p role="status"[^>]*>[\s\S]*?<\/p>/g)[0]!;
      expect(text(status)).toContain('32 träffar');
      const investorBox = tags(html, /<input[^>]*id="f-kind-investor"[^>]*>/g)[0]!;
      expect(attr(investorBox, 'name')).toBe('kind');
      expect(text(html)).toContain('Investerare och finansiär (1)');
      expect(text(html)).toContain('Etableringserbjudande (1)');
      for (const legend of ['Typ', 'Strategiskt område', 'Företagets fas', 'Kommun', 'Typ av stöd', 'Bredd eller spets']) {
        expect(html).toContain(`<legend>${legend}</legend>`);
      }
    });

    it('keeps chosen filters checked and says which of the visitor’s words and filters each hit matches', async () => {
      const { html } = await page('/?q=%C3%A4garkapital&kind=investor&stage=growth&municipality=1883');
      expect(text(byId(html, 'results'))).toContain('1 träff');
      expect(tags(html, /<input[^>]*id="f-stage-growth"[^>]*>/g)[0]).toContain('checked');
      expect(tags(html, /<input[^>]*id="f-stage-idea"[^>]*>/g)[0]).not.toContain('checked');
      const results = text(byId(html, 'results'));
      expect(results).toContain('Tillväxtfonden Test');
      expect(results).toMatch(/Nämner ”ägarkapital”/i);
      expect(results).toContain('En investerare eller finansiär');
      expect(results).toContain('För företag i tillväxtfas');
      expect(results).toContain('Finns i hela länet');
    });

    it('reads filter words typed in the query box as filters', async () => {
      const { html } = await page('/?q=investerare+tillv%C3%A4xt+Karlskoga');
      const results = text(byId(html, 'results'));
      expect(results).toContain('1 träff');
      expect(results).toContain('Tillväxtfonden Test');
      expect(results).toContain('”Karlskoga” blev filtret Kommun: Karlskoga');
      expect(tags(html, /<input[^>]*id="f-municipality-1883"[^>]*>/g)[0]).toContain('checked');
    });

    it('paginates with links that keep the search and mark the current page', async () => {
      const { html } = await page('/?area=skills-talent&page=2');
      const nav = tags(html, /<nav class="pagination"[\s\S]*?<\/nav>/g)[0]!;
      const current = tags(nav, /<a[^>]*aria-current="page"[^>]*>[\s\S]*?<\/a>/g);
      expect(current).toHaveLength(1);
      expect(text(current[0]!)).toBe('Sida 2');
      expect(hrefs(nav)).toContain('/?area=skills-talent#results');
      expect(text(byId(html, 'results'))).toContain('Visar 21–25 av 25.');
    });

    it('never dead-ends: suggests the filter to drop with the count it gives, and advisers for the chosen area', async () => {
      const { html } = await page('/?kind=testbed&area=innovation&municipality=1883');
      const results = byId(html, 'results');
      expect(text(results)).toContain('Inga träffar');
      const drop = tags(results, /<li><a href="[^"]*">Ta bort Kommun: Karlskoga<\/a>[^<]*<\/li>/g)[0];
      expect(drop).toBeDefined();
      expect(text(drop!)).toContain('(ger 1 träff)');
      expect(attr(drop!, 'href')).toBe('/?kind=testbed&area=innovation#results');
      expect(text(results)).toContain('De här hjälper dig vidare inom Innovation');
      expect(text(results)).toContain('Länsrådgivarna');
    });

    it('refuses unknown filter values and page numbers with a helpful 400 page', async () => {
      const { response, html } = await page('/?area=space&page=0');
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(text(html)).toContain('”space” är inget giltigt värde för strategiskt område.');
      expect(text(html)).toContain('”0” är inget giltigt sidnummer.');
      expect(hrefs(html)).toContain('/');
    });

    it('ignores unknown parameters such as campaign tags', async () => {
      const { response } = await page('/?utm_source=newsletter&q=kurs');
      expect(response.status).toBe(200);
    });
  });

  describe('entry page', () => {
    it('shows the kind’s facts, contact, provider and the provider’s other entries', async () => {
      const { response, html } = await page('/entries/hub-course');
      expect(response.status).toBe(200);
      const body = text(html);
      expect(body).toContain('Hubbens kurs');
      expect(body).toContain('Kostnad Kostnadsfritt');
      expect(body).toContain('Ansökningsperiod öppnar 10 januari 2026 och stänger 20 december 2026');
      expect(body).toContain('Kommuner Nora');
      expect(body).toContain('Erbjuds av Hubben i Nora');
      expect(body).toContain('Mer från Hubben i Nora Testbäddar Robotlabbet Test');
      expect(body).toContain('Demonstrationsdata');
      expect(body).toContain('Uppgifterna har ännu inte kontrollerats av redaktionen.');
      expect(hrefs(html)).toEqual(expect.arrayContaining(['mailto:kurs@example.se', 'tel:+46100000000', 'https://example.se/kurs', '/entries/robot-lab', '/entries/hub-provider']));
    });

    it('shows investor, testbed and establishment facts and the last verified date', async () => {
      const inv = text((await page('/entries/growth-fund')).html);
      expect(inv).toContain('Finansieringsformer Ägarkapital och Lån');
      expect(inv).toContain('Belopp per investering 500 000–5 000 000 kr');
      expect(inv).toContain('Investerar i fas Tillväxt');
      expect(inv).toContain('Senast kontrollerad av redaktionen 1 oktober 2026.');
      expect(inv).toContain('Kommuner Hela länet');
      const lab = text((await page('/entries/robot-lab?lang=en')).html);
      expect(lab).toContain('Technology readiness (TRL) TRL 4–7');
      expect(lab).toContain('Capabilities and equipment Robot cells');
      const siteHtml = (await page('/entries/test-site')).html;
      expect(text(siteHtml)).toContain('Markyta 120 000 m²');
      expect(text(siteHtml)).toMatch(/Plats Testmarken, Hallsberg ?, Hallsberg Koordinater/);
      expect(text(siteHtml).indexOf('Läget i siffror')).toBeLessThan(text(siteHtml).indexOf('Bredd eller spets'));
      expect(text(siteHtml)).toMatch(/Pris Uppgift saknas/);
      expect(hrefs(siteHtml)).toContain('https://www.openstreetmap.org/?mlat=59.067&mlon=15.11#map=14/59.067/15.11');
    });

    it('lists an actor’s own entries grouped by kind', async () => {
      const body = text((await page('/entries/hub-provider')).html);
      expect(body).toContain('Det här erbjuder Hubben i Nora Erbjudanden Hubbens kurs Testbäddar Robotlabbet Test');
    });

    it('escapes hostile entry text everywhere it is shown', async () => {
      for (const path of ['/entries/hostile-entry', '/?q=ondskefull', '/entries/hostile-entry?lang=en']) {
        const { html } = await page(path);
        expect(html, path).not.toContain('<script>alert');
        expect(html, path).not.toContain('<img src=x');
        expect(html, path).not.toContain('<svg');
        expect(html, path).not.toContain('<b>fet</b>');
        expect(html, path).toContain('&lt;script&gt;alert(&quot;namn&quot;)&lt;/script&gt; Ondskan');
        expect(html.match(/<script\b/g), path).toHaveLength(1); // only the page's own script tag
      }
      const search = (await page('/?q=ondskefull')).html;
      expect(search).toContain('<mark>ondskefull</mark>');
    });

    it('renders only https, mailto and tel links from entry data; other URLs stay text', async () => {
      const { html } = await page('/entries/hub-course');
      const external = hrefs(html).filter((h) => !h.startsWith('/') && !h.startsWith('#') && !h.startsWith('data:'));
      expect(external.length).toBeGreaterThan(0);
      for (const href of external) expect(href).toMatch(/^(https:|mailto:|tel:)/);
      expect(hrefs(html)).not.toContain('http://insecure.example.se/kurs');
      expect(text(html)).toContain('http://insecure.example.se/kurs');
      expect(hrefs(html)).toContain('https://secure.example.se/kurs');
    });

    it('marks Swedish text on an English page with lang="sv"', async () => {
      const { html } = await page('/entries/hub-provider?lang=en');
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('<h1 lang="sv">Hubben i Nora</h1>');
      const translated = (await page('/entries/growth-fund?lang=en')).html;
      expect(translated).toContain('<h1>Growth Fund Test</h1>');
    });

    it('answers a missing or unpublished entry with an HTML 404 page', async () => {
      for (const path of ['/entries/no-such-entry', '/entries/NOT_A_SLUG']) {
        const { response, html } = await page(path);
        expect(response.status, path).toBe(404);
        expect(text(html)).toContain('Posten finns inte, eller är inte längre publicerad.');
      }
    });
  });

  describe('language switch', () => {
    it('links to the same page and filters in the other language', async () => {
      const { html } = await page('/?q=kurs&kind=offering&municipality=1884&page=1');
      const link = tags(html, /<a class="lang-switch"[^>]*>[\s\S]*?<\/a>/g)[0]!;
      expect(attr(link, 'href')).toBe('/?q=kurs&kind=offering&municipality=1884&page=1&lang=en');
      expect(attr(link, 'lang')).toBe('en');
      expect(text(link)).toBe('English');
      const english = (await page(attr(link, 'href')!)).html;
      expect(english).toContain('<html lang="en">');
      expect(english).toContain('<legend>Municipality</legend>');
      expect(tags(english, /<input[^>]*id="f-municipality-1884"[^>]*>/g)[0]).toContain('checked');
      expect(english).toContain('<input type="hidden" name="lang" value="en"/>');
      const back = tags(english, /<a class="lang-switch"[^>]*>[\s\S]*?<\/a>/g)[0]!;
      expect(attr(back, 'href')).toBe('/?q=kurs&kind=offering&municipality=1884&page=1&lang=sv');
      expect(text(back)).toBe('Svenska');
    });

    it('keeps the language in the links it renders', async () => {
      const { html } = await page('/entries/hub-course?lang=en');
      expect(hrefs(html)).toEqual(expect.arrayContaining(['/entries/hub-provider?lang=en', '/?lang=en', '/finder?lang=en', '/accessibility?lang=en']));
    });

    it('refuses an unknown language with a 400 page', async () => {
      const { response, html } = await page('/entries/hub-course?lang=de');
      expect(response.status).toBe(400);
      expect(text(html)).toContain('”de” är inget giltigt värde för språk.');
    });
  });

  describe('guided finder', () => {
    it('asks one question per page, carrying earlier answers, with skip and back links', async () => {
      const { html } = await page('/finder/need?stage=growth&lang=en');
      const form = tags(html, /<form[^>]*>/g)[0]!;
      expect(attr(form, 'action')).toBe('/finder/municipality');
      expect(attr(form, 'method')).toBe('get');
      expect(html).toContain('<input type="hidden" name="stage" value="growth"/>');
      expect(html).toContain('<input type="hidden" name="lang" value="en"/>');
      expect(tags(html, /<input type="radio"[^>]*>/g)).toHaveLength(Object.keys(NEED_FILTERS).length);
      expect(text(html)).toContain('Question 2 of 4 What do you need help with?');
      const links = hrefs(html);
      expect(links).toContain('/finder/municipality?stage=growth&lang=en'); // skip
      expect(links).toContain('/finder/stage?stage=growth&lang=en'); // back
    });

    it('ends on a result page that summarises every answer, each changeable, and links the search with the answers as filters', async () => {
      const { response, html } = await page('/finder/result?stage=growth&need=capital&municipality=1883&sector=other&lang=en');
      expect(response.status).toBe(200);
      expect(text(html)).toContain('Growth · Funding · Karlskoga · No, another sector');
      expect(hrefs(html)).toContain('/finder/need?stage=growth&need=capital&municipality=1883&sector=other&lang=en');
      expect(hrefs(html)).toContain('/?stage=growth&municipality=1883&supportType=grant&supportType=loan&supportType=equity&focus=breadth&lang=en#results');
      expect(text(byId(html, 'results'))).toContain('Growth Fund');
      const skipped = await page('/finder/result?need=premises');
      expect(hrefs(skipped.html)).toContain('/?supportType=establishment-service&supportType=premises-land#results');
      const profileArea = await page('/finder/result?sector=food-health-meal');
      expect(text(profileArea.html)).toContain('Livsmedel, hälsa och måltid');
    });

    it('refuses an answer it does not offer, and an unknown step', async () => {
      expect((await page('/finder/sector?stage=giant')).response.status).toBe(400);
      expect((await page('/finder/result?municipality=0000')).response.status).toBe(400);
      expect((await page('/finder/colour')).response.status).toBe(404);
    });

    it('maps every need to filter codes the taxonomy knows', () => {
      for (const [need, { facet, values }] of Object.entries(NEED_FILTERS)) {
        const codes = facetTerms(taxonomy, facet).map((t) => t.code);
        for (const value of values) expect(codes, need).toContain(value);
      }
    });
  });

  describe('strategic areas', () => {
    it('explains an area and lists its entries', async () => {
      const { response, html } = await page('/areas/innovation');
      expect(response.status).toBe(200);
      const body = text(html);
      expect(body).toContain('Stöd för att ta idéer och forskning till marknaden');
      expect(body).toContain('Robotlabbet Test');
      expect(body).toContain('Länsrådgivarna');
      expect(body).not.toContain('Tillväxtfonden Test');
      expect(hrefs(html)).toContain('/?area=innovation');
    });

    it('answers an unknown area with a 404 page', async () => {
      expect((await page('/areas/space')).response.status).toBe(404);
    });
  });

  describe('accessibility statement', () => {
    it('takes a problem report, logs it and thanks the visitor', async () => {
      const { html } = await page('/accessibility');
      expect(text(html)).toContain('Tillgänglighetsredogörelse');
      expect(hrefs(html)).toContain('https://www.digg.se/tdosanmalan');
      const body = new URLSearchParams({ lang: 'sv', description: 'Fokus syns inte på knappen', page: '/finder' });
      const response = await app.request('/accessibility/report', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/accessibility/thanks');
      expect(logLines.find((l) => l.message === 'accessibility report')?.fields).toMatchObject({
        description: 'Fokus syns inte på knappen',
        page: '/finder',
      });
    });

    it('shows what to correct when the report is empty', async () => {
      const response = await app.request('/accessibility/report', {
        method: 'POST',
        body: new URLSearchParams({ lang: 'en', description: '  ' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('<html lang="en">');
      expect(text(html)).toContain('Please correct the following: Describe the problem.');
      expect(tags(html, /<textarea[^>]*>/g)[0]).toContain('aria-invalid="true"');
    });
  });

  describe('errors and headers', () => {
    it('answers an unknown page to a browser with an HTML 404, and to the API with problem+json', async () => {
      const browser = await page('/no/such/page?lang=en');
      expect(browser.response.status).toBe(404);
      expect(browser.response.headers.get('content-type')).toContain('text/html');
      expect(text(browser.html)).toContain('Page not found');
      const api = await app.request('/v1/no-such-thing', HTML);
      expect(api.status).toBe(404);
      expect(api.headers.get('content-type')).toBe('application/problem+json');
      const machine = await app.request('/no/such/page');
      expect(machine.headers.get('content-type')).toBe('application/problem+json');
    });

    it('sets the page CSP and the other security headers on pages and HTML errors alike', async () => {
      for (const path of ['/', '/entries/hub-course', '/nothing-here', '/?page=x', '/finder/stage']) {
        const { response } = await page(path);
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("default-src 'none'");
        expect(csp, path).toContain("style-src 'self'");
        expect(csp, path).toContain("script-src 'self'");
        expect(csp, path).toContain("form-action 'self'");
        expect(csp, path).toContain("frame-ancestors 'none'");
        expect(csp, path).toContain("base-uri 'none'");
        expect(csp, path).not.toContain('unsafe-inline');
        expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      }
      const json = await app.request('/v1/search');
      expect(json.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    });

    it('uses no inline styles or scripts, so the strict CSP holds', async () => {
      for (const path of ['/', '/entries/growth-fund', '/finder/stage', '/accessibility', '/nothing']) {
        const { html } = await page(path);
        expect(html, path).not.toMatch(/\sstyle="/);
        expect(html, path).not.toMatch(/\son[a-z]+="/);
        expect(html, path).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
        expect(html, path).not.toMatch(/<style/);
      }
    });

    it('serves the stylesheet and script from the app with a long cache', async () => {
      const { html } = await page('/');
      const css = attr(tags(html, /<link rel="stylesheet"[^>]*>/g)[0]!, 'href')!;
      const js = attr(tags(html, /<script[^>]*>/g)[0]!, 'src')!;
      expect(css).toMatch(/^\/assets\/site\.[0-9a-f]{12}\.css$/);
      const cssResponse = await app.request(css);
      expect(cssResponse.status).toBe(200);
      expect(cssResponse.headers.get('content-type')).toContain('text/css');
      expect(cssResponse.headers.get('cache-control')).toContain('immutable');
      expect(await cssResponse.text()).toContain(':focus-visible');
      expect((await app.request(js)).headers.get('content-type')).toContain('text/javascript');
      expect((await app.request('/assets/site.000000000000.css', HTML)).status).toBe(404);
    });

    it('answers a crash in a page with an HTML 500 that shows only a request id', async () => {
      const crashing = createApp({
        ...deps,
        logger: silentLogger,
        catalogue: { getPublished: async () => { throw new Error('secret table vagvisaren-prod'); } },
        search: { ...deps.search, search: async () => { throw new Error('secret index'); } },
      });
      const response = await crashing.request('/?lang=en', HTML);
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('content-security-policy')).toContain("form-action 'self'");
      const html = await response.text();
      expect(html).not.toContain('secret');
      expect(text(html)).toContain('Something went wrong');
      expect(text(html)).toContain(response.headers.get('x-request-id'));
      // A page answers HTML even to a client that did not ask for it; the API keeps problem+json.
      const entry = await crashing.request('/entries/some-entry');
      expect(entry.status).toBe(500);
      expect(entry.headers.get('content-type')).toContain('text/html');
      const api = await crashing.request('/v1/search', HTML);
      expect(api.status).toBe(500);
      expect(api.headers.get('content-type')).toBe('application/problem+json');
    });
  });

  describe('safe links', () => {
    it('allows https, mailto and tel only', () => {
      expect(safeHref('https://example.se/a?b=c')).toBe('https://example.se/a?b=c');
      expect(safeHref('mailto:a@example.se')).toBe('mailto:a@example.se');
      expect(safeHref('tel:+4619000000')).toBe('tel:+4619000000');
      for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'http://example.se', 'vbscript:x', '//evil.example', '/relative', 'java\nscript:alert(1)']) {
        expect(safeHref(bad), bad).toBeUndefined();
      }
    });
  });
});
