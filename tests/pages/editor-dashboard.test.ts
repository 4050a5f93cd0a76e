import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '#functions/api/app.ts';
import { anEntry } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';
import { Visitor } from './editor-support.ts';
import { attr, byId, hrefs, tags, text } from './html.ts';

const orebro = anEntry<'actor'>({
  id: 'orebro-testaktor',
  name: { sv: 'Örebro Testaktör', en: 'Orebro test actor' },
  referralIntakeEmail: 'intake@orebro.example',
  lastVerifiedAt: '2026-10-01T10:00:00.000Z',
  updatedAt: '2026-06-01T10:00:00.000Z',
});
const bounced = anEntry<'actor'>({
  id: 'studsande-aktor',
  name: { sv: 'Studsande aktör' },
  referralIntakeEmail: 'intake@studs.example',
  intakeEmailBounce: { at: '2026-11-20T08:30:00.000Z', reason: 'bounce', address: 'intake@studs.example' },
  lastVerifiedAt: '2026-10-01T10:00:00.000Z',
});
const silent = anEntry<'actor'>({ id: 'tyst-aktor', name: { sv: 'Tyst aktör' }, status: 'draft' });
const testbed = anEntry({ kind: 'testbed', id: 'provbadden', name: { sv: 'Provbädden Västra' }, lastVerifiedAt: '2025-01-01T10:00:00.000Z' });
const courses = Array.from({ length: 30 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return anEntry({
    kind: 'offering',
    id: `kurs-${n}`,
    providerId: 'orebro-testaktor',
    name: { sv: `Kurs ${n}` },
    lastVerifiedAt: '2026-10-01T10:00:00.000Z',
    updatedAt: `2026-01-${n}T10:00:00.000Z`,
  });
});
const ALL = [orebro, bounced, silent, testbed, ...courses];

const rows = (html: string) => tags(html, /<tr>\s*<th scope="row">[\s\S]*?<\/tr>/g);
const names = (html: string) => rows(html).map((row) => text(/<a[^>]*>[\s\S]*?<\/a>/.exec(row)![0]));
const count = (html: string) => text(byId(html, 'result-count'));
const headers = (html: string) => tags(html, /<th scope="col"[\s\S]*?<\/th>/g);
const header = (html: string, label: string) => headers(html).find((th) => text(th).startsWith(label))!;
const pagination = (html: string) => tags(html, /<nav class="pagination"[\s\S]*?<\/nav>/g)[0] ?? '';

describe('the editor dashboard list: paging, sorting, filters, name search', () => {
  const dynalite = useDynalite();
  let app: App;
  let editor: Visitor;
  beforeAll(async () => {
    app = (await buildTestApp(dynalite.endpoint, ALL)).app;
    editor = new Visitor(app);
    await editor.signIn('demo-editor');
  });
  const get = async (path: string) => {
    const page = await editor.get(path);
    expect(page.status).toBe(200);
    return page.html;
  };

  it('shows 25 entries a page with a “page N of M” list of page links, the current one aria-current', async () => {
    const first = await get('/editor');
    expect(rows(first)).toHaveLength(25);
    expect(count(first)).toBe('34 av 34 poster · Sida 1 av 2');
    expect(text(first)).toContain('Sida 1 av 2');
    const nav = pagination(first);
    expect(tags(nav, /<li>/g).length).toBeGreaterThanOrEqual(2);
    expect(tags(nav, /<a[^>]*aria-current="page"[^>]*>/g).map((a) => attr(a, 'href'))).toEqual(['/editor']);
    expect(hrefs(nav)).toContain('/editor?page=2');
    const second = await get('/editor?page=2');
    expect(rows(second)).toHaveLength(9);
    expect(count(second)).toBe('34 av 34 poster · Sida 2 av 2');
    expect(tags(pagination(second), /<a[^>]*aria-current="page"[^>]*>/g).map((a) => attr(a, 'href'))).toEqual(['/editor?page=2']);
    expect(new Set([...names(first), ...names(second)])).toEqual(new Set(ALL.map((e) => e.name.sv)));
    const english = await get('/editor?page=2&lang=en');
    expect(count(english)).toBe('34 of 34 entries · Page 2 of 2');
    expect(hrefs(pagination(english))).toContain('/editor?lang=en');
  });

  it('sorts by name, kind, status, last changed and verification due from links in the column headers, with aria-sort on the sorted one', async () => {
    const byName = await get('/editor');
    expect(names(byName).slice(0, 2)).toEqual(['Kurs 01', 'Kurs 02']);
    expect(attr(header(byName, 'Namn'), 'aria-sort')).toBe('ascending');
    expect(headers(byName).filter((th) => attr(th, 'aria-sort') !== undefined)).toHaveLength(1);
    expect(hrefs(header(byName, 'Namn'))).toEqual(['/editor?sort=name&dir=desc']);
    expect(names(await get('/editor?sort=name&dir=desc')).slice(0, 2)).toEqual(['Örebro Testaktör', 'Tyst aktör']);

    const byChanged = await get('/editor?sort=changed');
    expect(attr(header(byChanged, 'Senast ändrad'), 'aria-sort')).toBe('descending');
    expect(attr(header(byChanged, 'Namn'), 'aria-sort')).toBeUndefined();
    expect(names(byChanged)[0]).toBe('Örebro Testaktör');
    expect(names(byChanged)[1]).toBe('Kurs 30');
    expect(names(await get('/editor?sort=kind&dir=desc'))[0]).toBe('Provbädden Västra');
    expect(names(await get('/editor?sort=status'))[0]).toBe('Tyst aktör');
    const byDue = await get('/editor?sort=due');
    expect(names(byDue).slice(0, 2)).toEqual(['Tyst aktör', 'Provbädden Västra']);
    expect(attr(header(byDue, 'Verifierad'), 'aria-sort')).toBe('ascending');
    expect(hrefs(pagination(byDue))).toContain('/editor?sort=due&page=2');
  });

  it('filters by kind, status, organisation, due for verification and missing intake address, from a GET form that keeps the choices', async () => {
    const actors = await get('/editor?kind=actor');
    expect(names(actors)).toEqual(['Studsande aktör', 'Tyst aktör', 'Örebro Testaktör']);
    expect(count(actors)).toBe('3 av 34 poster');
    const form = tags(actors, /<form[^>]*class="dashboard-filters"[\s\S]*?<\/form>/g)[0]!;
    expect(attr(form, 'method')).toBe('get');
    expect(attr(form, 'action')).toBe('/editor');
    expect(tags(form, /<option[^>]*selected[^>]*>/g).map((o) => attr(o, 'value'))).toEqual(['actor']);

    expect(names(await get('/editor?status=draft'))).toEqual(['Tyst aktör']);
    const organisation = await get('/editor?provider=orebro-testaktor');
    expect(names(organisation)).toHaveLength(25);
    expect(count(organisation)).toBe('31 av 34 poster · Sida 1 av 2');
    expect(names(await get('/editor?provider=orebro-testaktor&kind=actor'))).toEqual(['Örebro Testaktör']);

    const due = await get('/editor?due=1');
    expect(names(due)).toEqual(['Tyst aktör', 'Provbädden Västra']);
    expect(text(rows(due)[1]!)).toContain('Verifierad 1 januari 2025 (för');
    expect(text(due)).toContain('Poster som inte har verifierats på 180 dagar');

    const intake = await get('/editor?intake=missing');
    expect(names(intake)).toEqual(['Studsande aktör', 'Tyst aktör']);
    expect(text(intake)).toContain('Hänvisningsadressen intake@studs.example studsade 20 november 2026');
    expect(text(rows(intake)[1]!)).toContain('Ingen hänvisningsadress');
    expect(hrefs(await get('/editor'))).toContain('/editor?intake=missing');
  });

  it('finds entries by a word of the Swedish or English name, ignoring case and diacritics', async () => {
    expect(names(await get('/editor?q=orebro'))).toEqual(['Örebro Testaktör']);
    expect(names(await get('/editor?q=%C3%96REBRO'))).toEqual(['Örebro Testaktör']);
    expect(names(await get('/editor?q=test+actor'))).toEqual(['Örebro Testaktör']);
    expect(names(await get('/editor?q=provbadden+vastra'))).toEqual(['Provbädden Västra']);
    expect(names(await get('/editor?q=kurs+2&sort=name'))).toEqual(['Kurs 02', 'Kurs 12', 'Kurs 20', 'Kurs 21', 'Kurs 22', 'Kurs 23', 'Kurs 24', 'Kurs 25', 'Kurs 26', 'Kurs 27', 'Kurs 28', 'Kurs 29']);
  });

  it('names the filters to loosen when nothing matches, with a link to clear them (sv and en)', async () => {
    const sv = await get('/editor?kind=investor&status=draft&q=bank');
    expect(rows(sv)).toHaveLength(0);
    expect(count(sv)).toBe('0 av 34 poster');
    const empty = tags(sv, /<div class="empty-state">[\s\S]*?<\/div>/g)[0]!;
    expect(text(empty)).toContain('Inga poster matchar filtren: Namn innehåller: “bank”, Typ: Investerare och finansiär, Status: Utkast.');
    expect(hrefs(empty)).toEqual(['/editor']);
    expect(tags(sv, /<option[^>]*selected[^>]*>/g).map((o) => attr(o, 'value'))).toEqual(['investor', 'draft']);
    const en = await get('/editor?kind=investor&due=1&lang=en');
    const emptyEn = tags(en, /<div class="empty-state">[\s\S]*?<\/div>/g)[0]!;
    expect(text(emptyEn)).toContain('No entries match the filters: Kind: Investor and funder, Due for verification');
    expect(hrefs(emptyEn)).toEqual(['/editor?lang=en']);
  });

  it('answers a wrong parameter value with a 400 page naming the parameter', async () => {
    const sort = await editor.get('/editor?sort=price');
    expect(sort.status).toBe(400);
    expect(text(sort.html)).toContain('”price” är inget giltigt värde för sortering.');
    const status = await editor.get('/editor?status=gone&lang=en');
    expect(status.status).toBe(400);
    expect(text(status.html)).toContain('“gone” is not a valid value for status.');
    const page = await editor.get('/editor?page=0');
    expect(page.status).toBe(400);
    expect(text(page.html)).toContain('”0” är inget giltigt sidnummer.');
    const kind = await editor.get('/editor?kind=shop&due=yes');
    expect(kind.status).toBe(400);
    expect(text(kind.html)).toContain('”shop” är inget giltigt värde för typ.');
    expect(text(kind.html)).toContain('”yes” är inget giltigt värde för behöver verifieras.');
    expect((await editor.get(`/editor?q=${'a'.repeat(101)}`)).status).toBe(400);
  });
});
