import { beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '#shared/domain/entry.ts';
import { hsdsIds, termId } from '#shared/open-data/hsds-mapping.ts';
import { seedRecords } from '#shared/seed/regions.ts';
import { seedEntries } from '#shared/services/seed-catalogue.ts';
import { buildTestApp } from '../support/app.ts';
import { anEntry, anOffer, fixedClock, taxonomy } from '../support/builders.ts';
import { useDynalite } from '../support/dynamo.ts';
import { HSDS_SCHEMAS, HSDS_SKIP_REASON } from '../support/hsds-schemas.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];
type Page = { total_items: number; total_pages: number; page_number: number; size: number; first_page: boolean; last_page: boolean; empty: boolean; contents: Record<string, unknown>[] };

const seed = seedEntries(seedRecords('orebro-lan'), taxonomy, fixedClock.now());
const draft = anEntry({ kind: 'offering', id: 'secret-draft-offering', status: 'draft', name: { sv: 'Hemligt utkast' } });
const expired = anEntry({ kind: 'offering', id: 'expired-offering', validUntil: '2025-12-31', name: { sv: 'Utgånget erbjudande' } });
const withIntake = anEntry({ id: 'actor-with-intake', referralIntakeEmail: 'intake-only@example.se' });
const offer = anOffer({ id: 'site-with-position', providerId: 'actor-with-intake', offer: { location: { municipality: '1880', placeName: 'Törsjö', position: { lat: 59.23, lon: 15.27 } } } });
const stored: Entry[] = [...seed, draft, expired, withIntake, offer];
const visible = stored.filter((e) => e.status === 'published' && e.id !== 'expired-offering');
const visibleServices = visible.filter((e) => e.kind !== 'actor');

const schemaErrors = (name: string, value: unknown) => HSDS_SCHEMAS!(name, value);

/** Every page of a list endpoint, following the envelope until its last page. */
const allPages = async (app: App, path: string, perPage: number) => {
  const pages: Page[] = [];
  for (let page = 1; page <= 100; page += 1) {
    const response = await app.request(`${path}${path.includes('?') ? '&' : '?'}page=${page}&per_page=${perPage}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Page;
    pages.push(body);
    if (body.last_page) break;
  }
  return pages;
};

describe('the open-data API (HSDS 3.0)', () => {
  const dynalite = useDynalite();
  let app: App;
  beforeAll(async () => {
    ({ app } = await buildTestApp(dynalite.endpoint, stored));
  });

  it('pages GET /hsds/services through the whole published catalogue, every page and item valid against the official schemas', async ({ skip }) => {
    if (!HSDS_SCHEMAS) skip(HSDS_SKIP_REASON);
    const pages = await allPages(app, '/hsds/services', 20);
    expect(pages.length).toBe(Math.ceil(visibleServices.length / 20));
    expect(pages.map((p) => p.page_number)).toEqual(pages.map((_, i) => i + 1));
    expect(pages[0]!.first_page).toBe(true);
    expect(pages.at(-1)!.last_page).toBe(true);
    for (const page of pages) {
      const { contents, ...envelope } = page;
      expect(schemaErrors('page-envelope', envelope)).toEqual([]);
      expect(envelope.total_items).toBe(visibleServices.length);
      for (const item of contents) expect(schemaErrors('compiled/service_list.json', item)).toEqual([]);
    }
    const ids = pages.flatMap((p) => p.contents.map((s) => s.id));
    expect(new Set(ids).size).toBe(visibleServices.length);
    expect(ids.sort()).toEqual(visibleServices.map((e) => hsdsIds.service(e.id)).sort());
  });

  it('serves each service fully nested, valid against service.json, with its taxonomy, areas and English text', async ({ skip }) => {
    if (!HSDS_SCHEMAS) skip(HSDS_SKIP_REASON);
    const full = (await allPages(app, '/hsds/services?full=true', 200)).flatMap((p) => p.contents);
    for (const service of full) expect(schemaErrors('service.json', service)).toEqual([]);
    const response = await app.request(`/hsds/services/${hsdsIds.service('site-with-position')}`);
    expect(response.status).toBe(200);
    const site = await response.json();
    expect(schemaErrors('service.json', site)).toEqual([]);
    expect(site.organization_id).toBe(hsdsIds.organization('actor-with-intake'));
    expect(site.service_at_locations[0].location).toMatchObject({ latitude: 59.23, longitude: 15.27, name: 'Törsjö', location_type: 'physical' });
    expect(site.service_areas.map((a: { name: string }) => a.name)).toEqual(['Örebro kommun']);
    expect(site.attributes.map((a: { taxonomy_term_id: string }) => a.taxonomy_term_id)).toContain(termId('area', 'company-development'));
    const english = site.attributes.find((a: { link_type: string; taxonomy_term: { code: string; language: string } }) => a.link_type === 'text' && a.taxonomy_term.code === 'name' && a.taxonomy_term.language === 'en');
    expect(english.value).toBe('The example actor');
    expect(english.taxonomy_term_id).toBe(termId('text', 'name', 'en'));
  });

  it('holds no draft, no expired entry and no personal data or internal address', async () => {
    const everything = JSON.stringify(await Promise.all(
      ['/hsds/services?full=true&per_page=200', '/hsds/organizations?full=true&per_page=200', '/hsds/service_at_locations?per_page=200'].map(async (path) => (await app.request(path)).json()),
    ));
    expect(everything).not.toContain('Hemligt utkast');
    expect(everything).not.toContain('Utgånget erbjudande');
    expect(everything).not.toContain('intake-only@example.se');
    expect(everything).not.toMatch(/"(status|version|demo|createdAt|referral\w*)":\s*"(draft|archived)"/);
    expect((await app.request(`/hsds/services/${hsdsIds.service('secret-draft-offering')}`)).status).toBe(404);
    const archived = seed.find((e) => e.status === 'archived')!;
    expect((await app.request(`/hsds/services/${hsdsIds.service(archived.id)}`)).status).toBe(404);
  });

  it('lists organizations, taxonomies, terms in Swedish and English, and services at locations, each valid', async ({ skip }) => {
    if (!HSDS_SCHEMAS) skip(HSDS_SKIP_REASON);
    const organizations = (await allPages(app, '/hsds/organizations', 200)).flatMap((p) => p.contents);
    expect(organizations).toHaveLength(visible.filter((e) => e.kind === 'actor').length);
    for (const o of organizations) expect(schemaErrors('compiled/organization_list.json', o)).toEqual([]);
    const one = await (await app.request(`/hsds/organizations/${hsdsIds.organization('actor-with-intake')}`)).json();
    expect(schemaErrors('organization.json', one)).toEqual([]);
    expect(one.services).toEqual([expect.objectContaining({ id: hsdsIds.service('site-with-position') })]);
    const taxonomies = (await allPages(app, '/hsds/taxonomies', 50)).flatMap((p) => p.contents);
    for (const t of taxonomies) expect(schemaErrors('taxonomy.json', t)).toEqual([]);
    const terms = (await allPages(app, '/hsds/taxonomy_terms', 200)).flatMap((p) => p.contents);
    for (const t of terms) expect(schemaErrors('taxonomy_term.json', t)).toEqual([]);
    const innovation = terms.filter((t) => t.code === 'innovation');
    expect(innovation.map((t) => [t.language, t.name])).toEqual([['sv', 'Innovation'], ['en', 'Innovation']]);
    const links = (await allPages(app, '/hsds/service_at_locations', 200)).flatMap((p) => p.contents);
    expect(links).toHaveLength(visible.filter((e) => e.kind === 'establishment-offer').length);
    for (const link of links) expect(schemaErrors('compiled/service_at_location_list.json', link)).toEqual([]);
  });

  it('filters services by taxonomy term and organization, and names a bad parameter', async () => {
    const loans = (await (await app.request(`/hsds/services?per_page=200&taxonomy_term_id=${termId('supportType', 'loan')}`)).json()) as Page;
    expect(loans.total_items).toBe(visibleServices.filter((e) => e.supportTypes.includes('loan')).length);
    expect(loans.total_items).toBeGreaterThan(0);
    const bad = await app.request('/hsds/services?per_page=0&colour=red');
    expect(bad.status).toBe(400);
    const names = (await bad.json()).errors.map((e: { name: string }) => e.name).sort();
    expect(names).toEqual(['colour', 'per_page']);
  });

  it('states the licence on every answer and in the API root, without sign-in', async () => {
    const root = await app.request('/hsds/');
    expect(root.status).toBe(200);
    expect(await root.json()).toMatchObject({ version: '3.0', licence: { id: 'CC0-1.0' } });
    for (const path of ['/hsds/services', '/hsds/organizations', '/hsds/taxonomy_terms']) {
      expect((await app.request(path)).headers.get('link')).toBe('<https://creativecommons.org/publicdomain/zero/1.0/>; rel="license"');
    }
  });

  it('describes the dataset in DCAT-AP-SE JSON-LD with its licence and distributions', async () => {
    const response = await app.request('http://vagvisaren.test/hsds/catalog.jsonld');
    expect(response.headers.get('content-type')).toContain('application/ld+json');
    const graph = (await response.json())['@graph'] as Record<string, unknown>[];
    const dataset = graph.find((node) => node['@type'] === 'dcat:Dataset')!;
    expect(dataset['dcterms:license']).toEqual({ '@id': 'https://creativecommons.org/publicdomain/zero/1.0/' });
    expect((dataset['dcat:distribution'] as { 'dcat:accessURL': { '@id': string } }[]).map((d) => d['dcat:accessURL']['@id'])).toContain('http://vagvisaren.test/hsds/');
    expect(graph.some((node) => node['@type'] === 'dcat:Catalog')).toBe(true);
  });
});
