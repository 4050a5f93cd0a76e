import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '#functions/api/app.ts';
import type { AppDeps } from '#functions/api/env.ts';
import { csrfTokenFor, SESSION_COOKIE } from '#functions/api/authorization/session.ts';
import { PRE_SESSION_COOKIE } from '#functions/api/pages/sign-in/login-csrf.ts';
import type { EntryId } from '#shared/domain/entry.ts';
import type { Principal } from '#shared/domain/identity.ts';
import { anEntry } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';
import { hiddenValue, parseSetCookie, Visitor } from './editor-support.ts';
import { attr, byId, hrefs, tags, text } from './html.ts';

const almi = anEntry({ id: 'almi-foretagspartner-malardalen', name: { sv: 'Almi Testaktör' }, lastVerifiedAt: '2026-10-01T10:00:00.000Z' });
const almiLoan = anEntry({
  kind: 'offering',
  id: 'almi-lan-test',
  providerId: 'almi-foretagspartner-malardalen',
  name: { sv: 'Almis testlån' },
  lastVerifiedAt: '2025-01-01T10:00:00.000Z',
  contact: [{ type: 'email', address: 'lan@example.se' }],
});
const inkubera = anEntry({ id: 'inkubera', name: { sv: 'Inkubera Testaktör' } });
const inkuberaProgramme = anEntry({ kind: 'offering', id: 'inkubera-program', providerId: 'inkubera', name: { sv: 'Inkuberas testprogram' }, status: 'draft' });
const site = anEntry({ kind: 'establishment-offer', id: 'test-marken', name: { sv: 'Testmarken i Hallsberg' }, municipalities: ['1861'] });
const regionDraft = anEntry({ id: 'regionens-testaktor', name: { sv: 'Regionens testaktör' }, status: 'draft', lastVerifiedAt: '2026-11-01T10:00:00.000Z' });
const ALL = [almi, almiLoan, inkubera, inkuberaProgramme, site, regionDraft];

/** The HTML of a dashboard section (labelled by the heading with this id). */
const section = (html: string, id: string): string => {
  const start = html.indexOf(`<section aria-labelledby="${id}"`);
  if (start === -1) throw new Error(`no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
};
/** The rows of the dashboard's table, and the entry name each starts with. */
const rows = (html: string) => tags(html, /<tr>\s*<th scope="row">[\s\S]*?<\/tr>/g);
const names = (html: string) => rows(html).map((row) => text(/<a[^>]*>[\s\S]*?<\/a>/.exec(row)![0]));

/** A new offering's form as a browser posts it. */
const offeringForm = (csrf: string, overrides: Record<string, string | string[]> = {}): [string, string][] => {
  const fields: Record<string, string | string[]> = {
    _csrf: csrf,
    kind: 'offering',
    'name.sv': 'Exportkursen Provkörning',
    'name.en': 'The export trial course',
    'summary.sv': 'En kurs om export för småföretag.',
    'summary.en': '',
    'description.sv': 'Lär dig exportera steg för steg.',
    'description.en': '',
    areas: ['company-development'],
    stages: ['startup', 'growth'],
    supportTypes: ['advice'],
    'focus.level': 'breadth',
    coverage: 'county',
    sectors: 'export, handel',
    providerId: '',
    website: 'https://example.se/export',
    languages: 'sv, en',
    validFrom: '',
    validUntil: '',
    sources: '',
    'offering.cost': 'free',
    'offering.costNote.sv': '',
    'offering.costNote.en': '',
    'offering.applicationPeriod.opens': '',
    'offering.applicationPeriod.closes': '',
    'offering.applicationPeriod.note.sv': '',
    'offering.applicationPeriod.note.en': '',
    ...overrides,
  };
  return Object.entries(fields).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v): [string, string] => [name, v]) : [[name, value]]));
};

/** Every field of the edit form as it would be posted back unchanged (textareas, inputs, checked boxes, selected options). */
const formFields = (html: string, action: string): [string, string][] => {
  const form = tags(html, /<form[\s\S]*?<\/form>/g).find((f) => attr(f, 'action') === action)!;
  const fields: [string, string][] = [];
  for (const input of tags(form, /<input[^>]*>/g)) {
    const type = attr(input, 'type');
    if ((type === 'checkbox' || type === 'radio') && !/\schecked(?:=""|\s|>|\/)/.test(input)) continue;
    fields.push([attr(input, 'name')!, attr(input, 'value') ?? '']);
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields.push([m[1]!, text(m[2]!)]);
  for (const m of form.matchAll(/<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = tags(m[2]!, /<option[^>]*>/g).find((o) => /\sselected/.test(o));
    fields.push([m[1]!, chosen ? (attr(chosen, 'value') ?? '') : '']);
  }
  return fields;
};

describe('the sign-in and editor pages', () => {
  const dynalite = useDynalite();
  let app: App;
  let deps: AppDeps;
  beforeAll(async () => {
    const built = await buildTestApp(dynalite.endpoint, ALL);
    deps = built.runtime.deps;
    app = built.app;
  });
  const visitor = () => new Visitor(app);
  const signedIn = async (username: string) => {
    const v = visitor();
    const response = await v.signIn(username);
    expect(response.status).toBe(303);
    return v;
  };
  const editorPrincipal: Principal = { subject: 'local-demo-editor', name: 'Demo Redaktör', roles: ['editor'] };

  describe('sign-in', () => {
    it('lists the demo users with their role, organisation and a sign-in button each', async () => {
      const page = await visitor().get('/sign-in');
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const body = text(page.html);
      for (const name of ['Demo Administratör', 'Demo Redaktör', 'Demo Rådgivare', 'Demo Almi-medarbetare', 'Demo Investeringsfrämjare']) {
        expect(body).toContain(`Logga in som ${name}`);
      }
      expect(body).toContain('Aktörsmedarbetare');
      expect(body).toContain('Almi Testaktör');
      expect(body).toContain('Slussar företag till rätt aktör.');
      expect(tags(page.html, /<form[^>]*action="\/sign-in"[^>]*>/g).every((f) => attr(f, 'method') === 'post')).toBe(true);
    });

    it('sets the session cookie HttpOnly, SameSite=Lax, Secure, Path=/, no Domain, for the token’s hour, and goes to the editor', async () => {
      const v = visitor();
      const response = await v.signIn('demo-editor');
      expect(response.status).toBe(303);
      expect(response.location).toBe('/home');
      const session = response.headers.getSetCookie().map(parseSetCookie).find((c) => c.name === SESSION_COOKIE)!;
      expect(session.value).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(Object.fromEntries(session.attributes)).toEqual({ 'max-age': String(3600), path: '/', httponly: '', secure: '', samesite: 'Lax' });
      // The pre-session cookie of the sign-in form has served and is cleared.
      const pre = response.headers.getSetCookie().map(parseSetCookie).find((c) => c.name === PRE_SESSION_COOKIE)!;
      expect(pre.attributes.get('max-age')).toBe('0');
      expect((await v.get('/editor')).status).toBe(200);
    });

    it('sets the pre-session cookie of the sign-in form __Host-, HttpOnly, SameSite=Strict and short-lived', async () => {
      const page = await visitor().get('/sign-in');
      const pre = page.headers.getSetCookie().map(parseSetCookie).find((c) => c.name === PRE_SESSION_COOKIE)!;
      expect(Object.fromEntries(pre.attributes)).toEqual({ 'max-age': '600', path: '/', httponly: '', secure: '', samesite: 'Strict' });
      expect(hiddenValue(page.html, '_signin')).toBe(pre.value);
    });

    it('refuses a sign-in posted without the pre-session cookie, with a wrong field, or marked cross-site (login CSRF)', async () => {
      const v = visitor();
      const page = await v.get('/sign-in');
      const field = hiddenValue(page.html, '_signin')!;
      const forged = await new Visitor(app).post('/sign-in', { username: 'demo-admin', _signin: field });
      expect(forged.status).toBe(400);
      expect(text(forged.html)).toContain('Inloggningsformuläret har gått ut');
      expect(forged.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
      expect((await v.post('/sign-in', { username: 'demo-admin', _signin: 'x'.repeat(43) })).status).toBe(400);
      expect((await v.post('/sign-in', { username: 'demo-admin', _signin: field }, { 'sec-fetch-site': 'cross-site' })).status).toBe(400);
      expect((await v.post('/sign-in', { username: 'nobody', _signin: field })).status).toBe(400);
      expect(v.cookies.has(SESSION_COOKIE)).toBe(false);
      expect((await v.post('/sign-in', { username: 'demo-admin', _signin: field })).status).toBe(303);
    });

    it('returns to a safe relative `next` only', async () => {
      expect((await visitor().signIn('demo-editor', '/editor/entries/almi-lan-test/edit?lang=en')).location).toBe('/editor/entries/almi-lan-test/edit?lang=en');
      for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
        expect((await visitor().signIn('demo-editor', evil)).location).toBe('/home');
      }
    });

    it('starts each role where its work is: editors at the editor, advisors at their referrals', async () => {
      for (const [user, start] of [['demo-editor', '/editor'], ['demo-investment', '/editor'], ['demo-advisor', '/referrals']] as const) {
        const v = visitor();
        await v.signIn(user);
        expect((await v.get('/home')).location, user).toBe(start);
      }
      const english = visitor();
      await english.signIn('demo-advisor');
      expect((await english.get('/home?lang=en')).location).toBe('/referrals?lang=en');
    });

    it('sends a signed-out browser from an editor page to renew its session, then (having none) to sign-in and back; a non-browser gets 401', async () => {
      const v = visitor();
      const page = await v.get('/editor/entries/almi-lan-test/edit?lang=en');
      expect(page.status).toBe(303);
      expect(page.location).toBe(`/auth/refresh?next=${encodeURIComponent('/editor/entries/almi-lan-test/edit?lang=en')}&lang=en`);
      const renewal = await v.get(page.location!);
      expect(renewal.status).toBe(303);
      expect(renewal.location).toBe(`/sign-in?next=${encodeURIComponent('/editor/entries/almi-lan-test/edit?lang=en')}&lang=en`);
      const signIn = await v.get(renewal.location!);
      expect(hiddenValue(signIn.html, 'next')).toBe('/editor/entries/almi-lan-test/edit?lang=en');
      expect((await app.request('/editor')).status).toBe(401);
    });

    it('signs out with the CSRF token: the cookie is cleared and the header offers sign-in again', async () => {
      const v = await signedIn('demo-editor');
      const token = await v.csrfToken();
      expect((await v.post('/sign-out', {})).status).toBe(403);
      expect(v.cookies.has(SESSION_COOKIE)).toBe(true);
      const out = await v.post('/sign-out', { _csrf: token });
      expect(out.status).toBe(303);
      expect(out.location).toBe('/');
      const cleared = out.headers.getSetCookie().map(parseSetCookie).find((c) => c.name === SESSION_COOKIE)!;
      expect(cleared.attributes.get('max-age')).toBe('0');
      expect(v.cookies.has(SESSION_COOKIE)).toBe(false);
      const home = await v.get('/');
      expect(hrefs(home.html)).toContain('/sign-in');
      expect(text(home.html)).not.toContain('Demo Redaktör');
    });

    it('in AWS (no development sign-in) says sign-in goes through the account service, lists no users, and POST is 404', async () => {
      const { devSignIn: _, ...aws } = deps;
      const awsApp = createApp(aws);
      const page = await awsApp.request('/sign-in', { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(text(html)).toContain('regionens kontotjänst');
      expect(html).not.toContain('Demo Redaktör');
      expect(html).not.toContain('<form method="post" action="/sign-in"');
      const post = await awsApp.request('/sign-in', { method: 'POST', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=demo-admin' });
      expect(post.status).toBe(404);
    });
  });

  describe('the header', () => {
    it('shows a “Logga in” link to visitors and the name, roles and a sign-out form with the CSRF token to a signed-in user', async () => {
      const anonymous = await visitor().get('/');
      expect(tags(anonymous.html, /<a class="account-link"[^>]*>[^<]*<\/a>/g).map(text)).toEqual(['Logga in']);
      expect(anonymous.headers.get('cache-control')).toBe('public, max-age=60');
      const v = await signedIn('demo-almi');
      const page = await v.get('/');
      const account = tags(page.html, /<div class="account"[\s\S]*?<\/form><\/div>/g)[0]!;
      expect(text(account)).toContain('Demo Almi-medarbetare (Aktörsmedarbetare)');
      expect(attr(tags(account, /<form[^>]*>/g)[0]!, 'action')).toBe('/sign-out');
      expect(hiddenValue(account, '_csrf')).toBe(csrfTokenFor(v.cookies.get(SESSION_COOKIE)!));
      expect(page.headers.get('cache-control')).toBe('private, no-store');
      expect(page.headers.get('vary')).toContain('Cookie');
      expect(hrefs(page.html)).toContain('/editor');
    });

    it('puts the CSRF token in the accessibility report form when signed in, so the report is accepted', async () => {
      const v = await signedIn('demo-advisor');
      const page = await v.get('/accessibility');
      const form = tags(page.html, /<form[^>]*action="\/accessibility\/report"[\s\S]*?<\/form>/g)[0]!;
      const token = hiddenValue(form, '_csrf')!;
      expect(token).toBeDefined();
      expect((await v.post('/accessibility/report', { lang: 'sv', description: 'Knappen syns dåligt.' })).status).toBe(403);
      const sent = await v.post('/accessibility/report', { _csrf: token, lang: 'sv', description: 'Knappen syns dåligt.' });
      expect(sent.status).toBe(303);
    });
  });

  describe('the dashboard', () => {
    it('lists every entry but establishment offers for an editor, with shortcuts to drafts and the verification queue with days since verification', async () => {
      const v = await signedIn('demo-editor');
      const page = await v.get('/editor');
      expect(page.status).toBe(200);
      expect(names(section(page.html, 'mine')).sort()).toEqual(ALL.filter((e) => e.kind !== 'establishment-offer').map((e) => e.name.sv).sort());
      expect(hrefs(page.html)).toContain('/editor?status=draft');
      expect(hrefs(page.html)).toContain('/editor?due=1');
      expect(names((await v.get('/editor?status=draft')).html).sort()).toEqual(['Inkuberas testprogram', 'Regionens testaktör']);
      const queue = await v.get('/editor?due=1');
      expect(text(queue.html)).toContain('Poster som inte har verifierats på 180 dagar');
      expect(names(queue.html)).not.toContain('Almi Testaktör');
      expect(names(queue.html)).not.toContain('Regionens testaktör');
      expect(names(queue.html)).toContain('Almis testlån');
      const loan = rows(queue.html).find((row) => row.includes('Almis testlån'))!;
      expect(text(loan)).toContain('Verifierad 1 januari 2025 (för 695 dagar sedan)');
      expect(text(queue.html)).toContain('Aldrig verifierad');
      expect(hrefs(section(page.html, 'mine'))).toContain('/editor/entries/almi-lan-test/edit');
      expect(hrefs(section(page.html, 'mine'))).toContain('/editor/entries/almi-lan-test/history');
      expect(hrefs(section(page.html, 'mine'))).toContain('/entries/almi-lan-test');
      expect(hrefs(section(page.html, 'new'))).toContain('/editor/entries/new?kind=actor');
    });

    it('lists only the organisation’s entries for actor staff, and only establishment offers for investment promotion', async () => {
      const almiPage = await (await signedIn('demo-almi')).get('/editor');
      expect(names(section(almiPage.html, 'mine')).sort()).toEqual(['Almi Testaktör', 'Almis testlån']);
      expect(hrefs(section(almiPage.html, 'new'))).not.toContain('/editor/entries/new?kind=actor');
      expect(hrefs(section(almiPage.html, 'new'))).toContain('/editor/entries/new?kind=offering');
      const investment = await (await signedIn('demo-investment')).get('/editor?lang=en');
      expect(names(section(investment.html, 'mine'))).toEqual(['Testmarken i Hallsberg']);
      expect(hrefs(section(investment.html, 'new'))).toEqual(['/editor/offers/new?lang=en']);
      expect(text(investment.html)).toContain('My entries');
    });

    it('gives an advisor the HTML 403 page in both languages', async () => {
      const v = await signedIn('demo-advisor');
      const sv = await v.get('/editor');
      expect(sv.status).toBe(403);
      expect(sv.headers.get('content-type')).toContain('text/html');
      expect(text(byId(sv.html, 'main'))).toContain('Du har inte behörighet');
      expect(text(sv.html)).toContain('Du är inloggad som Demo Rådgivare (Rådgivare).');
      const en = await v.get('/editor?lang=en');
      expect(en.status).toBe(403);
      expect(en.html).toContain('<html lang="en">');
      expect(text(en.html)).toContain('You do not have access');
    });
  });

  describe('the entry form', () => {
    it('creates a draft from the form, shows it prefilled with its version, publishes it and makes it searchable', async () => {
      const v = await signedIn('demo-editor');
      const form = await v.get('/editor/entries/new?kind=offering');
      expect(form.status).toBe(200);
      const token = hiddenValue(form.html, '_csrf')!;
      for (const id of ['f-name-sv', 'f-areas', 'f-offering-cost', 'f-offering-applicationPeriod-opens', 'f-providerId', 'f-validUntil']) expect(form.html).toContain(`id="${id}"`);
      const created = await v.post('/editor/entries', offeringForm(token));
      expect(created.status).toBe(303);
      expect(created.location).toBe('/editor/entries/exportkursen-provkorning/edit?notice=created');
      const edit = await v.get(created.location!);
      expect(text(edit.html)).toContain('Utkastet är skapat.');
      expect(text(edit.html)).toContain('Erbjudande · Utkast · version 1');
      expect(attr(tags(edit.html, /<input[^>]*id="f-name-sv"[^>]*>/g)[0]!, 'value')).toBe('Exportkursen Provkörning');
      expect(tags(edit.html, /<input[^>]*id="f-stages-growth"[^>]*>/g)[0]).toContain('checked');
      expect(tags(edit.html, /<input[^>]*id="f-stages-idea"[^>]*>/g)[0]).not.toContain('checked');
      expect(hiddenValue(edit.html, 'version')).toBe('1');
      expect((await v.get('/?q=Provk%C3%B6rning')).html).not.toContain('Exportkursen Provkörning');

      const published = await v.post('/editor/entries/exportkursen-provkorning/publish', { _csrf: token, version: '1' });
      expect(published.status).toBe(303);
      expect(published.location).toBe('/editor/entries/exportkursen-provkorning/edit?notice=published');
      const after = await v.get(published.location!);
      expect(text(after.html)).toContain('Posten är publicerad och syns nu i sökningen.');
      expect(text(after.html)).toContain('Publicerad · version 2');
      const search = await visitor().get('/?q=Provk%C3%B6rning');
      expect(text(byId(search.html, 'results'))).toContain('Exportkursen Provkörning');
      expect((await visitor().get('/entries/exportkursen-provkorning')).status).toBe(200);

      // Saved back unchanged, the form is a no-op; then verified today, which the history records.
      const unchanged = await v.post('/editor/entries/exportkursen-provkorning', formFields(after.html, '/editor/entries/exportkursen-provkorning'));
      expect(unchanged.location).toBe('/editor/entries/exportkursen-provkorning/edit?notice=unchanged');
      expect((await v.post('/editor/entries/exportkursen-provkorning/verify', { _csrf: token, version: '2' })).status).toBe(303);
      const history = await v.get('/editor/entries/exportkursen-provkorning/history');
      expect(history.status).toBe(200);
      const records = tags(history.html, /<h2 id="record-\d+">[\s\S]*?<\/h2>/g).map(text);
      expect(records).toHaveLength(3);
      expect(records[0]).toMatch(/^Verifierad av Demo Redaktör 27 november 2026/);
      expect(records[2]).toMatch(/^Skapad av Demo Redaktör/);
      expect(text(history.html)).toMatch(/Status Utkast Publicerad/);
      expect(text(history.html)).toContain('Strategiska områden (tomt) Företagsutveckling');
    });

    it('sets the green-transition focus with a box that has a hint; the public page says it in visitor words (sv, en) and the coverage counts it', async () => {
      const v = await signedIn('demo-editor');
      const form = await v.get('/editor/entries/new?kind=offering');
      const box = tags(form.html, /<input[^>]*id="f-greenTransition"[^>]*>/g)[0]!;
      expect(attr(box, 'type')).toBe('checkbox');
      expect(attr(box, 'aria-describedby')).toBe('f-greenTransition-hint');
      expect(text(byId(form.html, 'f-greenTransition-hint'))).toContain('miljö- och klimatomställning');
      const token = hiddenValue(form.html, '_csrf')!;
      const greenBefore = (await deps.followUp.coverage()).green;
      const created = await v.post('/editor/entries', offeringForm(token, { 'name.sv': 'Gröna steget Provkörning', greenTransition: 'yes' }));
      expect(created.status).toBe(303);
      const id = 'grona-steget-provkorning';
      const edit = await v.get(created.location!);
      expect(tags(edit.html, /<input[^>]*id="f-greenTransition"[^>]*>/g)[0]).toContain('checked');
      expect((await v.post(`/editor/entries/${id}/publish`, { _csrf: token, version: '1' })).status).toBe(303);
      expect(text((await visitor().get(`/entries/${id}`)).html)).toContain('Miljö och klimat Stödet har fokus på grön omställning');
      expect(text((await visitor().get(`/entries/${id}?lang=en`)).html)).toContain('Environment and climate The support focuses on the green transition');
      expect((await deps.followUp.coverage()).green).toBe(greenBefore + 1);

      // Saved with the box unticked, the focus goes, from the public page and the coverage alike.
      const published = await v.get(`/editor/entries/${id}/edit`);
      const unticked = formFields(published.html, `/editor/entries/${id}`).filter(([name]) => name !== 'greenTransition');
      expect((await v.post(`/editor/entries/${id}`, unticked)).status).toBe(303);
      expect(text((await visitor().get(`/entries/${id}`)).html)).not.toContain('Miljö och klimat');
      expect((await deps.followUp.coverage()).green).toBe(greenBefore);
    });

    it('shows each error next to its field and in a summary linking to it, keeping what was typed (sv and en)', async () => {
      const v = await signedIn('demo-editor');
      const token = await v.csrfToken();
      const refused = await v.post(
        '/editor/entries',
        offeringForm(token, { 'name.sv': '  ', areas: [], website: 'http://osäker.example', 'summary.sv': 'Det här skrev jag', 'focus.level': 'spearhead', stages: ['idea'] }),
      );
      expect(refused.status).toBe(400);
      expect(text(refused.html)).toMatch(/^Fel: /);
      const summary = tags(refused.html, /<div class="errors"[\s\S]*?<\/div>/g)[0]!;
      expect(attr(summary, 'tabindex')).toBe('-1');
      expect(hrefs(summary)).toEqual(['#f-name-sv', '#f-areas', '#f-focus-profileAreas', '#f-website']);
      expect(text(summary)).toContain('Namn på svenska: Fyll i fältet.');
      expect(text(summary)).toContain('Webbplats: Ange en fullständig webbadress');
      const name = tags(refused.html, /<input[^>]*id="f-name-sv"[^>]*>/g)[0]!;
      expect(attr(name, 'aria-invalid')).toBe('true');
      expect(attr(name, 'aria-describedby')).toBe('f-name-sv-error');
      expect(text(byId(refused.html, 'f-name-sv-error'))).toBe('Fel: Fyll i fältet.');
      expect(attr(tags(refused.html, /<fieldset[^>]*id="f-areas"[^>]*>/g)[0]!, 'aria-describedby')).toBe('f-areas-error');
      // What was typed stays.
      expect(refused.html).toContain('>Det här skrev jag</textarea>');
      expect(attr(tags(refused.html, /<input[^>]*id="f-website"[^>]*>/g)[0]!, 'value')).toBe('http://osäker.example');
      expect(tags(refused.html, /<input[^>]*id="f-stages-idea"[^>]*>/g)[0]).toContain('checked');
      expect(tags(refused.html, /<input[^>]*id="f-focus-level-spearhead"[^>]*>/g)[0]).toContain('checked');

      const en = await v.post('/editor/entries?lang=en', offeringForm(token, { 'name.sv': '', 'investor.instruments': [] }).filter(([n]) => n !== 'investor.instruments'));
      expect(en.status).toBe(400);
      expect(en.html).toContain('<html lang="en">');
      expect(text(byId(en.html, 'f-name-sv-error'))).toBe('Error: Fill in this field.');
    });

    it('refuses a save made on a stale version with the clear message, keeps the typed text, and overwrites nothing', async () => {
      const first = await signedIn('demo-editor');
      const second = await signedIn('demo-admin');
      const path = '/editor/entries/almi-lan-test';
      const pageOne = await first.get(`${path}/edit`);
      const pageTwo = await second.get(`${path}/edit`);
      const version = hiddenValue(pageOne.html, 'version')!;
      expect(hiddenValue(pageTwo.html, 'version')).toBe(version);
      const withName = (fields: [string, string][], name: string) => fields.map(([n, value]): [string, string] => [n, n === 'name.sv' ? name : value]);

      const saved = await first.post(path, withName(formFields(pageOne.html, path), 'Almis testlån, ändrat först'));
      expect(saved.status).toBe(303);
      const late = await second.post(path, withName(formFields(pageTwo.html, path), 'Almis testlån, ändrat sent'));
      expect(late.status).toBe(409);
      const alert = tags(late.html, /<div class="errors"[\s\S]*?<\/div>/g)[0]!;
      expect(text(alert)).toContain('Någon annan har ändrat posten medan du redigerade.');
      expect(text(alert)).toContain('ingenting har skrivits över');
      expect(hrefs(alert)).toEqual([`${path}/edit`]);
      expect(attr(tags(late.html, /<input[^>]*id="f-name-sv"[^>]*>/g)[0]!, 'value')).toBe('Almis testlån, ändrat sent');
      const stored = await deps.editor.get(editorPrincipal, 'almi-lan-test' as EntryId);
      expect(stored.name.sv).toBe('Almis testlån, ändrat först');
      expect(stored.version).toBe(Number(version) + 1);
      // The contact the form does not show survived the save.
      expect(stored.contact).toEqual([{ type: 'email', address: 'lan@example.se' }]);

      // A status button pressed on the old version changes nothing either.
      const stalePublish = await second.post(`${path}/archive`, { _csrf: hiddenValue(pageTwo.html, '_csrf')!, version });
      expect(stalePublish.status).toBe(409);
      expect(text(stalePublish.html)).toContain('Någon annan har ändrat posten medan du hade sidan öppen');
      expect((await deps.editor.get(editorPrincipal, 'almi-lan-test' as EntryId)).status).toBe('published');
    });

    it('refuses a post without the CSRF token and changes nothing', async () => {
      const v = await signedIn('demo-editor');
      const path = '/editor/entries/almi-lan-test';
      const before = await deps.editor.get(editorPrincipal, 'almi-lan-test' as EntryId);
      const page = await v.get(`${path}/edit`);
      const fields = formFields(page.html, path).filter(([name]) => name !== '_csrf');
      const refused = await v.post(path, fields.map(([n, value]): [string, string] => [n, n === 'name.sv' ? 'Kapad' : value]));
      expect(refused.status).toBe(403);
      expect(text(refused.html)).toContain('Formuläret har gått ut');
      const wrong = await v.post(`${path}/archive`, { _csrf: 'not-the-token', version: hiddenValue(page.html, 'version')! });
      expect(wrong.status).toBe(403);
      const stored = await deps.editor.get(editorPrincipal, 'almi-lan-test' as EntryId);
      expect(stored.name.sv).not.toBe('Kapad');
      expect(stored).toEqual(before);
    });

    it('refuses fields the form does not have with a 400 naming them', async () => {
      const v = await signedIn('demo-editor');
      const path = '/editor/entries/almi-lan-test';
      const page = await v.get(`${path}/edit`);
      const refused = await v.post(path, [...formFields(page.html, path), ['status', 'archived'], ['demo', 'true']]);
      expect(refused.status).toBe(400);
      expect(text(refused.html)).toContain('“status”');
      expect(text(refused.html)).toContain('“demo”');
      expect((await deps.editor.get(editorPrincipal, 'almi-lan-test' as EntryId)).status).toBe('published');
      const transition = await v.post(`${path}/publish`, { _csrf: await v.csrfToken(), version: '1', status: 'archived' });
      expect(transition.status).toBe(400);
    });

    it('does not let actor staff open another organisation’s entry (403) but lets them edit their own', async () => {
      const v = await signedIn('demo-almi');
      const other = await v.get('/editor/entries/inkubera-program/edit');
      expect(other.status).toBe(403);
      expect(text(other.html)).toContain('Du har inte behörighet');
      expect((await v.get('/editor/entries/inkubera-program/history')).status).toBe(403);
      const own = await v.get('/editor/entries/almi-lan-test/edit');
      expect(own.status).toBe(200);
      // Their provider choice is their organisation only.
      const provider = tags(own.html, /<select[^>]*id="f-providerId"[\s\S]*?<\/select>/g)[0]!;
      expect(tags(provider, /<option[^>]*>/g).map((o) => attr(o, 'value'))).toEqual(['almi-foretagspartner-malardalen']);
      expect((await v.get('/editor/entries/new?kind=actor')).status).toBe(403);
      expect((await v.get('/editor/entries/no-such-entry/edit')).status).toBe(404);
    });
  });
});
