import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '#functions/api/app.ts';
import { ROUTE_POLICIES } from '#functions/api/authorization/policies.ts';
import { anEntry, anOffer } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';
import { hiddenValue, Visitor } from './editor-support.ts';
import { attr, byId, hrefs, tags, text } from './html.ts';

const region = anEntry({ id: 'region-orebro-lan-invest', name: { sv: 'Invest in Örebro', en: 'Invest in Örebro' } });
const hallsberg = anOffer({
  id: 'hallsberg-logistikmark',
  name: { sv: 'Logistikmark vid Hallsbergs bangård', en: 'Logistics land by Hallsberg marshalling yard' },
  providerId: 'region-orebro-lan-invest',
  offer: {
    offerType: 'land',
    location: { municipality: '1861', placeName: 'Östansjö', position: { lat: 59.067, lon: 15.11 } },
    landAreaM2: 50000,
    powerCapacityMW: 10,
    railSiding: true,
    zoning: { planStatus: 'detailed-plan', permittedUse: { sv: 'Industri och logistik', en: 'Industry and logistics' } },
    waterAndSewer: 'connected',
    fibre: 'nearby',
    distancesKm: { motorway: 2, railHub: 1.5, airport: 25 },
    price: { kind: 'per-m2', sekPerM2: 350 },
    availability: { status: 'available', availableFrom: '2027-01-01' },
    images: [{ url: 'https://example.se/bild.jpg', alt: { sv: 'Flygfoto över marken', en: 'Aerial view of the land' } }],
    documents: [{ url: 'https://example.se/plan.pdf', title: { sv: 'Detaljplan', en: 'Detailed plan' } }],
  },
});
const karlskoga = anOffer({
  id: 'karlskoga-kontor',
  name: { sv: 'Kontor i Karlskoga centrum' },
  offer: { offerType: 'office', location: { municipality: '1883', placeName: 'Centrum' }, floorAreaM2: 800, availability: { status: 'reserved', reservedUntil: '2027-02-28' } },
});
const lindesberg = anOffer({
  id: 'lindesberg-industri',
  name: { sv: 'Industrilokal i Lindesberg' },
  offer: { offerType: 'industrial-premises', location: { municipality: '1885', placeName: 'Norra industriområdet', position: { lat: 59.6, lon: 15.25 } }, floorAreaM2: 5000, powerCapacityMW: 2 },
});
const expired = anOffer({ id: 'utgangen-mark', name: { sv: 'Utgången mark' }, validUntil: '2026-01-01', offer: { location: { municipality: '1880', placeName: 'Örebro' } } });
const ALL = [region, hallsberg, karlskoga, lindesberg, expired];

const offerLinks = (html: string) => tags(byId(html, 'results'), /<li class="hit offer-hit">[\s\S]*?<\/h3>/g).map((hit) => text(hit.slice(hit.indexOf('<h3'))));

describe('the establishment-offer pages', () => {
  const dynalite = useDynalite();
  let app: App;
  beforeAll(async () => {
    app = (await buildTestApp(dynalite.endpoint, ALL)).app;
  });
  const visitor = () => new Visitor(app);

  describe('GET /establish', () => {
    it('lists every published, valid offer with its facts and a map marker each', async () => {
      const page = await visitor().get('/establish');
      expect(page.status).toBe(200);
      expect(offerLinks(page.html).sort()).toEqual(['Industrilokal i Lindesberg', 'Kontor i Karlskoga centrum', 'Logistikmark vid Hallsbergs bangård']);
      expect(text(byId(page.html, 'results'))).toContain('3 erbjudanden passar.');
      expect(text(page.html)).toContain('50 000 m²');
      expect(page.html).toContain('aria-current="page"');
      const svg = tags(page.html, /<svg[^>]*role="group"[^>]*>/g);
      expect(svg).toHaveLength(1);
      expect(attr(svg[0]!, 'aria-labelledby')).toBe('offer-map-title');
      expect(text(byId(page.html, 'offer-map-title'))).toBe('Schematisk karta över Örebro län med 3 matchande erbjudanden');
      const markers = tags(page.html, /<a[^>]*class="map-offer[^"]*"[^>]*>/g);
      expect(markers.map((m) => attr(m, 'data-offer')).filter(Boolean).sort()).toEqual(['hallsberg-logistikmark', 'lindesberg-industri']);
      expect(markers.every((m) => (attr(m, 'aria-label') ?? '').length > 0)).toBe(true);
      const cluster = markers.find((m) => attr(m, 'data-cluster') === '1883')!;
      expect(attr(cluster, 'class')).toContain('approximate');
      expect(attr(cluster, 'aria-label')).toBe('1 erbjudande utan exakt position i Karlskoga kommun');
      expect(attr(markers.find((m) => attr(m, 'data-offer') === 'hallsberg-logistikmark')!, 'aria-label')).not.toContain('ungefärlig');
    });

    it('gives the map’s municipality counts as a table too', async () => {
      const page = await visitor().get('/establish?lang=en');
      const towns = tags(page.html, /<a[^>]*class="map-town[^"]*"[^>]*>/g);
      expect(towns).toHaveLength(12);
      const mapCounts = new Map(towns.map((a) => [/^(.+?) \(/.exec(attr(a, 'aria-label')!)![1]!, Number(/: (\d+) matching/.exec(attr(a, 'aria-label')!)![1])]));
      const rows = tags(page.html, /<tr data-municipality="\d{4}">[\s\S]*?<\/tr>/g).map((row) => text(row).split(' '));
      expect(rows).toHaveLength(12);
      for (const row of rows) {
        const count = Number(row.at(-1));
        const town = /\((.+)\)/.exec(row.join(' '))?.[1] ?? row[0]!;
        expect(mapCounts.get(town)).toBe(count);
      }
      expect(mapCounts.get('Hallsberg')).toBe(1);
      expect(mapCounts.get('Karlskoga')).toBe(1);
      expect(mapCounts.get('Örebro')).toBe(0);
    });

    it('reads the filters, keeps them in the form and counts in English', async () => {
      const page = await visitor().get('/establish?railSiding=true&minPower=5&radius=30&nearMunicipality=1880&sort=distance&lang=en');
      expect(page.status).toBe(200);
      expect(offerLinks(page.html)).toEqual(['Logistics land by Hallsberg marshalling yard']);
      expect(text(byId(page.html, 'results'))).toContain('1 offer matches.');
      expect(text(byId(page.html, 'results'))).toMatch(/km from Örebro/);
      expect(text(byId(page.html, 'results'))).toContain('50,000 m²');
      expect(tags(page.html, /<input[^>]*id="o-railSiding"[^>]*>/g)[0]).toMatch(/checked/);
      expect(attr(tags(page.html, /<input[^>]*id="o-minPower"[^>]*>/g)[0]!, 'value')).toBe('5');
      expect(tags(byId(page.html, 'o-radius'), /<option[^>]*selected[^>]*>/g).map((o) => attr(o, 'value'))).toEqual(['30']);
      expect(tags(page.html, /<a[^>]*class="map-offer[^"]*"[^>]*>/g)).toHaveLength(1);
      expect(hrefs(page.html)).toContain('/establish?railSiding=true&minPower=5&radius=30&nearMunicipality=1880&sort=distance&lang=sv');
      expect(hrefs(page.html)).toContain('/establish?municipality=1861&minPower=5&railSiding=true&nearMunicipality=1880&radius=30&sort=distance&lang=en#results');
    });

    it('reads railSiding=false as offers stating there is no rail siding: one that does not say is not among them', async () => {
      const page = await visitor().get('/establish?railSiding=false');
      expect(page.status).toBe(200);
      expect(offerLinks(page.html)).toEqual([]);
      expect(tags(page.html, /<input[^>]*id="o-railSiding-false"[^>]*>/g)[0]).toMatch(/checked/);
      expect(text(page.html)).toContain('Inget industrispår');
      expect(tags(page.html, /<input[^>]*id="o-railSiding-any"[^>]*>/g)[0]).not.toMatch(/checked/);
      expect(tags((await visitor().get('/establish')).html, /<input[^>]*id="o-railSiding-any"[^>]*>/g)[0]).toMatch(/checked/);
    });

    it('says "not stated" where an offer is silent and "about N km" from a central town, never 0 km', async () => {
      const hit = (html: string, name: string) => text(tags(byId(html, 'results'), /<li class="hit offer-hit">[\s\S]*?<\/li>/g).find((h) => h.includes(name)) ?? '');
      const fromÖrebro = (await visitor().get('/establish?nearMunicipality=1880')).html;
      expect(hit(fromÖrebro, 'Kontor i Karlskoga')).toContain('Industrispår Uppgift saknas');
      expect(hit(fromÖrebro, 'Kontor i Karlskoga')).toMatch(/Avstånd cirka \d+ km från Örebro \(läget ungefärligt: kommunens centralort\)/);
      expect(hit(fromÖrebro, 'Logistikmark vid Hallsbergs')).toContain('Industrispår Ja');
      expect(hit(fromÖrebro, 'Logistikmark vid Hallsbergs')).toMatch(/Avstånd 23,7 km från Örebro/);
      const fromKarlskoga = hit((await visitor().get('/establish?nearMunicipality=1883&lang=en')).html, 'Kontor i Karlskoga');
      expect(fromKarlskoga).toContain('Distance In Karlskoga municipality (exact position not stated)');
      expect(fromKarlskoga).not.toMatch(/\b0 km/);
    });

    it('draws the chosen radius on the map around its town', async () => {
      const html = (await visitor().get('/establish?nearMunicipality=1880&radius=50')).html;
      const circle = tags(html, /<circle[^>]*class="radius"[^>]*>/g);
      expect(circle).toHaveLength(1);
      expect(attr(circle[0]!, 'data-radius-km')).toBe('50');
      expect(text(html)).toContain('Inom 50 km från Örebro');
      expect(tags((await visitor().get('/establish?nearMunicipality=1880')).html, /<circle[^>]*class="radius"[^>]*>/g)).toHaveLength(0);
    });

    it('reads numbers as each language writes them: 10,000 is ten thousand in English and ten in Swedish', async () => {
      const english = offerLinks((await visitor().get('/establish?minArea=10%2C000&lang=en')).html);
      expect(english).toContain('Logistics land by Hallsberg marshalling yard');
      expect(english).not.toContain('Industrilokal i Lindesberg');
      const swedish = offerLinks((await visitor().get('/establish?minArea=10%2C000')).html);
      expect(swedish).toContain('Industrilokal i Lindesberg');
      expect(offerLinks((await visitor().get('/establish?minArea=10+000')).html)).not.toContain('Industrilokal i Lindesberg');
    });

    it('names the filter to loosen when nothing matches', async () => {
      const page = await visitor().get('/establish?railSiding=true&offerType=office');
      expect(page.status).toBe(200);
      const results = text(byId(page.html, 'results'));
      expect(results).toContain('Inga erbjudanden passar.');
      expect(results).toContain('Ta bort ”Typ: Kontor” (skulle ge 1 erbjudande)');
      expect(results).toContain('Ta bort ”Industrispår” (skulle ge 1 erbjudande)');
      expect(tags(page.html, /<a[^>]*class="map-offer[^"]*"[^>]*>/g)).toHaveLength(0);
    });

    it('reports unreadable filters and links each to its control', async () => {
      const page = await visitor().get('/establish?minArea=lots&radius=30');
      expect(page.status).toBe(400);
      const problems = byId(page.html, 'param-problems');
      expect(problems).toBeTruthy();
      expect(hrefs(page.html)).toEqual(expect.arrayContaining(['#o-minArea', '#o-radius']));
    });
  });

  describe('the offer page', () => {
    it('shows every fact, formatted per language', async () => {
      const sv = text((await visitor().get('/entries/hallsberg-logistikmark')).html);
      for (const fact of ['Fakta', 'Mark', 'Östansjö', 'Hallsberg', '50 000 m²', 'Detaljplan finns', '10 MW', 'Anslutet', 'Finns vid tomtgränsen', 'Industrispår Ja', 'Motorväg 2 km', '350 kr per m²', 'Ledig från', 'Kontaktorganisation Invest in Örebro', 'Bild: Flygfoto över marken', 'Detaljplan']) {
        expect(sv).toContain(fact);
      }
      const enPage = await visitor().get('/entries/hallsberg-logistikmark?lang=en');
      const en = text(enPage.html);
      for (const fact of ['50,000 m²', 'Detailed development plan in force', 'Rail siding Yes', 'SEK 350 per m²', 'Image: Aerial view of the land']) expect(en).toContain(fact);
      expect(hrefs(enPage.html)).toEqual(expect.arrayContaining(['https://www.openstreetmap.org/?mlat=59.067&mlon=15.11#map=14/59.067/15.11', 'https://example.se/bild.jpg', 'https://example.se/plan.pdf']));
    });

    it('says until when a reserved offer is reserved, in Swedish and English', async () => {
      expect(text((await visitor().get('/entries/karlskoga-kontor')).html)).toContain('Tillgänglighet Reserverad till och med 28 februari 2027');
      expect(text((await visitor().get('/entries/karlskoga-kontor?lang=en')).html)).toContain('Availability Reserved until 28 February 2027');
    });

    it('is gone after its valid-until date', async () => {
      expect((await visitor().get('/entries/utgangen-mark')).status).toBe(404);
      expect(offerLinks((await visitor().get('/establish?municipality=1880')).html)).toEqual([]);
    });
  });

  describe('the staff pages', () => {
    it('has a policy for every offer route, for investment promotion and admins only', () => {
      for (const route of ['GET /editor/offers/new', 'POST /editor/offers', 'GET /editor/offers/:id/edit', 'POST /editor/offers/:id', 'POST /editor/offers/:id/availability']) {
        expect(ROUTE_POLICIES[route]).toEqual(['admin', 'investment-promotion']);
      }
      expect(ROUTE_POLICIES['GET /establish']).toBe('public');
    });

    it('answers advisors and actor staff with the HTML 403 page', async () => {
      for (const user of ['demo-advisor', 'demo-almi', 'demo-editor']) {
        const v = visitor();
        await v.signIn(user);
        for (const path of ['/editor/offers/new', '/editor/offers/hallsberg-logistikmark/edit']) {
          const page = await v.get(path);
          expect(page.status, `${user} ${path}`).toBe(403);
          expect(page.headers.get('content-type')).toContain('text/html');
        }
        const csrf = await v.csrfToken().catch(() => '');
        const post = await v.post('/editor/offers/hallsberg-logistikmark/availability', { _csrf: csrf, version: '1', status: 'taken' });
        expect(post.status).toBe(403);
      }
    });

    it('lists an offer, shows problems at their fields, and changes its availability', async () => {
      const v = visitor();
      await v.signIn('demo-investment');
      const dashboard = await v.get('/editor');
      expect(hrefs(dashboard.html)).toContain('/editor/offers/new');
      expect(text(dashboard.html)).toContain('Lista ett erbjudande');
      const form = await v.get('/editor/offers/new');
      expect(form.status).toBe(200);
      expect(tags(form.html, /<legend>[^<]*<\/legend>/g).map(text)).toEqual(expect.arrayContaining(['Typ och plats', 'Ytor', 'Effekt och anslutningar', 'Transporter', 'Pris och tillgänglighet']));
      const csrf = hiddenValue(form.html, '_csrf')!;
      const fields: Record<string, string> = {
        _csrf: csrf,
        kind: 'establishment-offer',
        'name.sv': 'Testmark i Hallsberg',
        'summary.sv': 'Stor mark med spår.',
        'description.sv': 'Mark för logistik.',
        areas: 'company-development',
        'focus.level': 'breadth',
        languages: 'sv',
        'establishmentOffer.offerType': 'land',
        'establishmentOffer.location.municipality': '1861',
        'establishmentOffer.location.placeName': 'Hallsberg',
        'establishmentOffer.location.position.lat': '59,067',
        'establishmentOffer.location.position.lon': '',
        'establishmentOffer.landAreaM2': '50 000',
        'establishmentOffer.powerCapacityMW': 'tio',
        'establishmentOffer.railSiding': 'yes',
        'establishmentOffer.images.url': 'https://example.se/a.jpg',
      };
      const refused = await v.post('/editor/offers', fields);
      expect(refused.status).toBe(400);
      const summary = byId(refused.html, 'error-summary');
      expect(summary).toBeTruthy();
      const links = hrefs(refused.html);
      expect(links).toEqual(expect.arrayContaining(['#f-establishmentOffer-location-position-lon', '#f-establishmentOffer-powerCapacityMW', '#f-establishmentOffer-images-alt-sv']));
      expect(tags(refused.html, /<input[^>]*id="f-establishmentOffer-powerCapacityMW"[^>]*>/g)[0]).toContain('aria-invalid="true"');
      const created = await v.post('/editor/offers', {
        ...fields,
        'establishmentOffer.location.position.lon': '15,110',
        'establishmentOffer.powerCapacityMW': '10',
        'establishmentOffer.images.alt.sv': 'Marken från ovan',
      });
      expect(created.status).toBe(303);
      expect(created.location).toMatch(/^\/editor\/offers\/[a-z0-9-]+\/edit\?notice=created$/);
      const edit = await v.get(created.location!);
      expect(edit.status).toBe(200);
      expect(tags(edit.html, /<form[^>]*action="\/editor\/offers\/[^"]*"[^>]*>/g).length).toBeGreaterThan(2);
      const id = /\/editor\/offers\/([^/]+)\/edit/.exec(created.location!)![1]!;
      const version = hiddenValue(edit.html, 'version')!;
      const reserveForm = tags(edit.html, /<form[^>]*availability[\s\S]*?<\/form>/g).find((form) => form.includes('value="reserved"'))!;
      expect(reserveForm).toContain('<label for="availability-until">Reserverad till och med (valfritt)</label>');
      const past = await v.post(`/editor/offers/${id}/availability`, { _csrf: csrf, version, status: 'reserved', reservedUntil: '2026-01-01' });
      expect(past.status).toBe(400);
      expect(text(past.html)).toContain('välj ett datum efter i dag');
      const reserved = await v.post(`/editor/offers/${id}/availability`, { _csrf: csrf, version, status: 'reserved', reservedUntil: '2099-03-31' });
      expect(reserved.status).toBe(303);
      expect(reserved.location).toContain('notice=reserved');
      const after = await v.get(reserved.location!);
      expect(text(after.html)).toContain('Nu: Reserverad');
      expect(text(after.html)).toContain('Erbjudandet är reserverat till och med 31 mars 2099.');
      expect(text((await v.get(`${reserved.location!}&lang=en`)).html)).toContain('The offer is reserved until 31 March 2099.');
      const stale = await v.post(`/editor/offers/${id}/availability`, { _csrf: csrf, version, status: 'taken' });
      expect(stale.status).toBe(409);
    });
  });
});
