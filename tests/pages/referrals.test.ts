import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '#functions/api/app.ts';
import type { AppDeps } from '#functions/api/env.ts';
import type { Principal } from '#shared/domain/identity.ts';
import { anEntry } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';
import { hiddenValue, Visitor } from './editor-support.ts';
import { attr, hrefs, tags, text } from './html.ts';

const ALMI = 'almi-foretagspartner-malardalen';
const ENTRIES = [
  anEntry({ id: ALMI, name: { sv: 'Almi Testaktör', en: 'Almi Test Actor' } }),
  anEntry({ id: 'almi-lan', kind: 'offering', providerId: ALMI, name: { sv: 'Almis testlån' } }),
  anEntry({ id: 'inkubera', name: { sv: 'Inkubera Testaktör' } }),
  anEntry({ id: 'noticed-actor', name: { sv: 'Aviserad Testaktör' }, website: 'https://aviserad.example.se', referralIntakeEmail: 'intag@aviserad.example.se' }),
  anEntry({ id: 'orphan-offer', kind: 'offering', name: { sv: 'Stöd utan aktör' } }),
];
/** The error summary of a page: from its box to the end of its list. */
const errorSummary = (html: string): string => {
  const start = html.indexOf('<div class="errors"');
  if (start === -1) throw new Error('no error summary');
  return html.slice(start, html.indexOf('</ul>', start));
};
const advisor: Principal = { subject: 'local-demo-advisor', name: 'Demo Rådgivare', roles: ['advisor'] };

/** The refer form as a browser posts it, from the rendered page's hidden fields. */
const referForm = (html: string, overrides: Record<string, string | undefined> = {}): [string, string][] => {
  const fields: Record<string, string | undefined> = {
    _csrf: hiddenValue(html, '_csrf'),
    targetId: hiddenValue(html, 'targetId'),
    idempotencyKey: hiddenValue(html, 'idempotencyKey'),
    companyName: 'Provbolaget AB',
    organisationNumber: '556123-4567',
    municipality: '1880',
    stage: 'startup',
    area: 'company-development',
    need: 'Behöver finansiering för att köpa en maskin.',
    contactName: 'Kim Exempel',
    email: 'kim@example.se',
    phone: '',
    askedToBeReferred: 'yes',
    informedAboutDataHandling: 'yes',
    ...overrides,
  };
  return Object.entries(fields).filter((pair): pair is [string, string] => pair[1] !== undefined);
};

describe('the referral pages', () => {
  const dynalite = useDynalite();
  let app: App;
  let deps: AppDeps;
  beforeAll(async () => {
    const built = await buildTestApp(dynalite.endpoint, ENTRIES);
    app = built.app;
    deps = built.runtime.deps;
  });
  const signedIn = async (username: string) => {
    const v = new Visitor(app);
    expect((await v.signIn(username)).status).toBe(303);
    return v;
  };
  const sentCount = async () => (await deps.referrals.list(advisor, 'sent')).length;

  /** Refers a company to `target` as the visitor through the form; answers the referral page's path. */
  const refer = async (v: Visitor, target: string, overrides: Record<string, string> = {}) => {
    const form = await v.get(`/entries/${target}/refer`);
    const posted = await v.post('/referrals', referForm(form.html, overrides));
    expect(posted.status).toBe(303);
    return posted.location!.replace(/\?.*$/, '');
  };

  it('shows "Refer a company here" on actor and offering pages to referring roles only, and a Hänvisningar link in the header', async () => {
    const v = await signedIn('demo-advisor');
    for (const id of [ALMI, 'almi-lan']) {
      const page = await v.get(`/entries/${id}`);
      expect(hrefs(page.html)).toContain(`/entries/${id}/refer`);
      expect(text(page.html)).toContain('Hänvisa ett företag hit');
    }
    expect(hrefs((await v.get('/entries/orphan-offer')).html)).not.toContain('/entries/orphan-offer/refer');
    const nav = tags((await v.get('/')).html, /<nav class="site-nav"[\s\S]*?<\/nav>/g)[0]!;
    expect(hrefs(nav)).toContain('/referrals');
    expect(text(nav)).toContain('Hänvisningar');
    const anonymous = await new Visitor(app).get(`/entries/${ALMI}`);
    expect(hrefs(anonymous.html)).not.toContain(`/entries/${ALMI}/refer`);
    expect(hrefs(anonymous.html)).not.toContain('/referrals');
    const investment = await signedIn('demo-investment');
    expect(hrefs((await investment.get(`/entries/${ALMI}`)).html)).not.toContain(`/entries/${ALMI}/refer`);
  });

  it('renders the refer form with a label for every field, hints tied by aria-describedby, and a per-render idempotency key', async () => {
    const v = await signedIn('demo-advisor');
    const page = await v.get('/entries/almi-lan/refer');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    expect(text(page.html)).toContain('Hänvisningen tas emot av Almi Testaktör');
    const form = tags(page.html, /<form[^>]*action="\/referrals"[\s\S]*?<\/form>/g)[0]!;
    const controls = tags(form, /<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*>/g);
    expect(controls.map((c) => attr(c, 'name'))).toEqual([
      'companyName', 'organisationNumber', 'municipality', 'stage', 'area', 'leadership', 'leadership', 'leadership', 'leadership', 'need', 'contactName', 'email', 'phone', 'askedToBeReferred', 'informedAboutDataHandling', 'forwardingAllowed',
    ]);
    for (const control of controls) expect(form, attr(control, 'name')).toContain(`<label for="${attr(control, 'id')}"`);
    expect(attr(controls.find((c) => attr(c, 'name') === 'need')!, 'data-count-limit')).toBe('2000');
    const leadership = tags(form, /<fieldset[^>]*id="f-leadership"[\s\S]*?<\/fieldset>/g)[0]!;
    expect(text(leadership)).toContain('raderas med hänvisningen');
    expect(attr(tags(leadership, /<fieldset[^>]*>/g)[0]!, 'aria-describedby')).toBe('f-leadership-hint');
    expect(controls.filter((c) => attr(c, 'name') === 'leadership' && c.includes('checked'))).toEqual([]);
    expect(attr(controls.find((c) => attr(c, 'name') === 'organisationNumber')!, 'aria-describedby')).toBe('f-organisationNumber-hint');
    expect(text(form)).toContain('556123-4567');
    expect(text(form)).toContain('personnummer');
    expect(text(form)).toContain('hälsa');
    expect(hrefs(form)).toContain('/privacy');
    const key = hiddenValue(page.html, 'idempotencyKey');
    expect(key).toMatch(/^[\w-]{16,}$/);
    expect(hiddenValue((await v.get('/entries/almi-lan/refer')).html, 'idempotencyKey')).not.toBe(key);
    expect((await v.get('/entries/orphan-offer/refer')).status).toBe(404);
    expect((await v.get('/entries/no-such-entry/refer')).status).toBe(404);
  });

  it('stores the company\'s leadership chosen on the form in the referral and its statistics record, leaves it out when none is chosen, and refuses an unknown one naming the field', async () => {
    const v = await signedIn('demo-advisor');
    const period = { from: '2000-01-01', to: '2100-01-01' };
    const womenBefore = (await deps.followUp.referralFlows(period)).byLeadership.women;
    const withLeadership = await refer(v, ALMI, { companyName: 'Ledningsbolaget AB', leadership: 'women' });
    const id = withLeadership.split('/').pop()!;
    expect((await deps.referrals.get(advisor, id as never)).leadership).toBe('women');
    const without = (await refer(v, ALMI, { companyName: 'Utan ledning AB' })).split('/').pop()!;
    expect((await deps.referrals.get(advisor, without as never)).leadership).toBeUndefined();
    expect((await deps.followUp.referralFlows(period)).byLeadership.women).toBe(womenBefore + 1);

    const before = await sentCount();
    const form = await v.get(`/entries/${ALMI}/refer?lang=en`);
    const refused = await v.post('/referrals?lang=en', referForm(form.html, { leadership: 'board' }));
    expect(refused.status).toBe(400);
    expect(text(errorSummary(refused.html))).toContain('The company’s leadership (optional): Choose one of the options.');
    expect(await sentCount()).toBe(before);
  });

  it('refuses an invalid organisation number, a missing confirmation and a 20 000-character need, in the page language, storing nothing', async () => {
    const v = await signedIn('demo-advisor');
    const before = await sentCount();
    for (const lang of ['sv', 'en'] as const) {
      const suffix = lang === 'en' ? '?lang=en' : '';
      const form = await v.get(`/entries/almi-lan/refer${suffix}`);
      const need = 'x'.repeat(20_000);
      const refused = await v.post(`/referrals${suffix}`, referForm(form.html, { organisationNumber: '556123-4568', askedToBeReferred: undefined, need }));
      expect(refused.status).toBe(400);
      const block = errorSummary(refused.html);
      const summary = text(block);
      if (lang === 'sv') {
        expect(summary).toContain('Organisationsnummer: Kontrollsiffran stämmer inte');
        expect(summary).toContain('Företaget har bett om att bli hänvisat hit: Bekräfta det här');
        expect(summary).toContain('Företagets behov: Skriv högst 2 000 tecken.');
        expect(refused.html).toContain('<title>Fel: Hänvisa ett företag');
      } else {
        expect(summary).toContain('Organisation number: The check digit does not match');
        expect(summary).toContain('The company asked to be referred here: Confirm this');
        expect(summary).toContain('The company’s need: Write at most 2,000 characters.');
      }
      expect(block).toContain('role="alert"');
      expect(block).toContain('tabindex="-1"');
      expect(hrefs(block)).toEqual(['#f-organisationNumber', '#f-need', '#f-askedToBeReferred']);
      const orgInput = tags(refused.html, /<input[^>]*name="organisationNumber"[^>]*>/g)[0]!;
      expect(attr(orgInput, 'aria-invalid')).toBe('true');
      expect(attr(orgInput, 'aria-describedby')).toBe('f-organisationNumber-hint f-organisationNumber-error');
      expect(attr(orgInput, 'value')).toBe('556123-4568');
      expect(refused.html).toContain('Provbolaget AB');
      expect(hiddenValue(refused.html, 'idempotencyKey')).toBe(hiddenValue(form.html, 'idempotencyKey'));
    }
    const noContact = await v.post('/referrals', referForm((await v.get('/entries/almi-lan/refer')).html, { email: '', organisationNumber: '12345' }));
    expect(noContact.status).toBe(400);
    expect(text(noContact.html)).toContain('Ange e-post eller telefon, eller båda.');
    expect(text(noContact.html)).toContain('Skriv 10 siffror, t.ex. 556123-4567');
    expect(await sentCount()).toBe(before);
  });

  it('tells the referrer the receiver was notified, what happens next and the two-working-day promise, when it has an intake address', async () => {
    const v = await signedIn('demo-advisor');
    const created = await v.post('/referrals', referForm((await v.get('/entries/noticed-actor/refer')).html));
    const body = text((await v.get(created.location!)).html);
    expect(body).toContain('Vad händer nu Aviserad Testaktör har fått ett meddelande');
    expect(body).toContain('inom 2 arbetsdagar');
    expect(body).not.toContain('har inte fått något meddelande');
  });

  it('reads organisation numbers as people type them and says what is wrong, never a generic message', async () => {
    const v = await signedIn('demo-advisor');
    for (const number of ['556123 4567', '19811218-9876', '198112189876']) {
      const created = await v.post('/referrals', referForm((await v.get('/entries/almi-lan/refer')).html, { organisationNumber: number }));
      expect(created.status, number).toBe(303);
    }
    const wrong = async (number: string) => errorSummary((await v.post('/referrals', referForm((await v.get('/entries/almi-lan/refer')).html, { organisationNumber: number }))).html);
    expect(await wrong('556123-4568')).toContain('Kontrollsiffran stämmer inte');
    expect(await wrong('556123-456')).toContain('Skriv 10 siffror, t.ex. 556123-4567');
    expect(await wrong('')).toContain('Skriv företagets organisationsnummer');
    expect(await wrong('')).not.toContain('Fyll i det här fältet');
  });

  it('shows the need field\'s limit in the hint and never cuts pasted text with maxlength', async () => {
    const v = await signedIn('demo-advisor');
    const html = (await v.get('/entries/almi-lan/refer')).html;
    const need = tags(html, /<textarea[^>]*id="f-need"[^>]*>/g)[0]!;
    expect(need).not.toMatch(/maxlength/);
    expect(attr(need, 'data-count-limit')).toBe('2000');
    expect(text(html)).toContain('högst 2 000 tecken');
    const long = await v.post('/referrals', referForm(html, { need: 'x'.repeat(2001) }));
    expect(long.status).toBe(400);
    expect(errorSummary(long.html)).toMatch(/Skriv högst 2\s000 tecken\./);
  });

  it('creates one referral for a double submit and redirects to its page, which is never cached', async () => {
    const v = await signedIn('demo-advisor');
    const before = await sentCount();
    const form = await v.get('/entries/almi-lan/refer');
    const first = await v.post('/referrals', referForm(form.html));
    const second = await v.post('/referrals', referForm(form.html));
    expect(first.status).toBe(303);
    expect(second.location).toBe(first.location);
    expect(first.location).toMatch(/^\/referrals\/ref_[a-z2-7]{20}\?notice=created$/);
    expect(await sentCount()).toBe(before + 1);
    const page = await v.get(first.location!);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    const body = text(page.html);
    expect(body).toContain('Hänvisningen är registrerad.');
    expect(body).toContain('Almi Testaktör har inte fått något meddelande');
    expect(body).not.toContain('har fått ett meddelande om att en hänvisning väntar');
    expect(body).toContain('Provbolaget AB');
    expect(body).toContain('556123-4567');
    expect(body).toContain('kim@example.se');
    expect(body).toContain('Status Skickad');
    expect(body).toContain('Återkalla hänvisningen');
    expect(body).not.toContain('Acceptera');
  });

  it('gives another actor’s staff, and roles without the referral, the HTML 404 page', async () => {
    const path = await refer(await signedIn('demo-advisor'), ALMI);
    for (const username of ['demo-inkubera', 'demo-editor', 'demo-admin']) {
      const page = await (await signedIn(username)).get(path);
      expect(page.status, username).toBe(404);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(text(page.html)).not.toContain('Provbolaget AB');
    }
    expect((await (await signedIn('demo-almi')).get(path)).status).toBe(200);
  });

  it('lists the sent referrals with masked numbers and status in words, and the inbox of the receiving organisation', async () => {
    const advisorVisitor = await signedIn('demo-advisor');
    const path = await refer(advisorVisitor, 'almi-lan', { companyName: 'Inkorgsbolaget AB' });
    const sent = await advisorVisitor.get('/referrals');
    expect(sent.status).toBe(200);
    expect(sent.headers.get('cache-control')).toContain('no-store');
    expect(hrefs(sent.html)).toContain(path);
    expect(text(sent.html)).toContain('556123-****');
    expect(sent.html).not.toContain('556123-4567');
    expect(text(sent.html)).toContain('Almi Testaktör');
    expect(text(sent.html)).toContain('Skickad');
    expect(sent.html).not.toContain('?box=inbox');
    const almi = await signedIn('demo-almi');
    const inbox = await almi.get('/referrals?box=inbox');
    expect(inbox.status).toBe(200);
    expect(hrefs(inbox.html)).toContain(path);
    expect(text(inbox.html)).toContain('Inkorgsbolaget AB');
    expect(text(inbox.html)).toContain('Demo Rådgivare');
    expect(tags(inbox.html, /<a[^>]*aria-current="page"[^>]*>/g).some((a) => attr(a, 'href') === '/referrals?box=inbox')).toBe(true);
    const inkubera = await signedIn('demo-inkubera');
    const empty = await inkubera.get('/referrals?box=inbox');
    expect(text(empty.html)).toContain('Din organisation har inga hänvisningar ännu.');
    expect(text((await inkubera.get('/referrals?box=sent&lang=en')).html)).toContain('Refer a company here');
    expect((await almi.get('/referrals?box=everything')).status).toBe(400);
  });

  it('accepts, starts and completes with the version, and shows a stale version as changed since loaded', async () => {
    const path = await refer(await signedIn('demo-advisor'), ALMI, { companyName: 'Livscykelbolaget AB' });
    const almi = await signedIn('demo-almi');
    const page = await almi.get(path);
    const version = hiddenValue(page.html, 'version')!;
    expect((await almi.post(`${path}/accept`, { _csrf: hiddenValue(page.html, '_csrf')!, version })).location).toBe(`${path}?notice=accepted`);
    const stale = await almi.post(`${path}/start`, { _csrf: hiddenValue(page.html, '_csrf')!, version });
    expect(stale.status).toBe(409);
    expect(text(stale.html)).toContain('Någon annan har ändrat hänvisningen sedan du öppnade sidan');
    const fresh = await almi.get(path);
    expect(text(fresh.html)).toContain('Status Accepterad');
    const started = await almi.post(`${path}/start`, { _csrf: hiddenValue(fresh.html, '_csrf')!, version: hiddenValue(fresh.html, 'version')! });
    expect(started.status).toBe(303);
    const inProgress = await almi.get(path);
    await almi.post(`${path}/complete`, { _csrf: hiddenValue(inProgress.html, '_csrf')!, version: hiddenValue(inProgress.html, 'version')! });
    const done = await (await signedIn('demo-advisor')).get(`${path}?lang=en`);
    const history = tags(done.html, /<ol class="history">[\s\S]*?<\/ol>/g)[0]!;
    expect(tags(history, /<li>/g)).toHaveLength(4);
    expect(text(history)).toMatch(/Sent by Demo Rådgivare.*Accepted by Demo Almi-medarbetare.*In progress by Demo Almi-medarbetare.*Completed by Demo Almi-medarbetare/);
    expect(text(done.html)).toContain('There is nothing you can do with this referral right now.');
  });

  it('declines only with a reason category (words needed for "other"); a suggested actor sees nothing until the advisor refers again from the prefilled form', async () => {
    const advisorVisitor = await signedIn('demo-advisor');
    const path = await refer(advisorVisitor, 'almi-lan', { companyName: 'Vidarebolaget AB', phone: '070-123 45 67' });
    const almi = await signedIn('demo-almi');
    const page = await almi.get(path);
    expect(page.html).toMatch(/<details class="decline-step"><summary>Tacka nej<\/summary>/);
    const select = tags(page.html, /<select[^>]*name="redirectTo"[\s\S]*?<\/select>/g)[0]!;
    expect(select).toContain('value="inkubera"');
    expect(select).not.toContain(`value="${ALMI}"`);
    expect(page.html).not.toContain('name="forward"');
    const base = { _csrf: hiddenValue(page.html, '_csrf')!, version: hiddenValue(page.html, 'version')! };
    const categories = tags(page.html, /<input[^>]*name="reasonCategory"[^>]*>/g);
    expect(categories.map((c) => attr(c, 'value'))).toEqual(['outside-offer', 'no-capacity', 'not-ready', 'better-elsewhere', 'company-withdrew', 'other']);
    expect(text(tags(page.html, /<fieldset[^>]*id="f-reasonCategory"[\s\S]*?<\/fieldset>/g)[0]!)).toContain('En annan aktör kan hjälpa företaget bättre');
    const noCategory = await almi.post(`${path}/decline`, { ...base, reason: 'Passar bättre hos Inkubera.', redirectTo: 'inkubera' });
    expect(noCategory.status).toBe(400);
    expect(text(errorSummary(noCategory.html))).toContain('Varför avböjer ni?: Välj varför ni avböjer.');
    expect(hrefs(errorSummary(noCategory.html))).toEqual(['#f-reasonCategory']);
    expect(noCategory.html).toContain('Passar bättre hos Inkubera.</textarea>');
    const otherWithoutWords = await almi.post(`${path}/decline`, { ...base, reasonCategory: 'other', reason: ' ', redirectTo: 'inkubera' });
    expect(otherWithoutWords.status).toBe(400);
    expect(text(errorSummary(otherWithoutWords.html))).toContain('Förklara med egna ord: Skriv varför ni avböjer när ni väljer Annat skäl.');
    expect(tags(otherWithoutWords.html, /<input[^>]*id="f-reasonCategory-other"[^>]*>/g)[0]).toContain('checked');
    const forged = await almi.post(`${path}/decline`, { ...base, reasonCategory: 'better-elsewhere', reason: 'Passar bättre hos Inkubera.', redirectTo: 'inkubera', forward: 'yes' });
    expect(forged.status).toBe(400);
    const declined = await almi.post(`${path}/decline`, { ...base, reasonCategory: 'better-elsewhere', reason: 'Passar bättre hos Inkubera.', redirectTo: 'inkubera' });
    expect(declined.location).toBe(`${path}?notice=suggested`);
    const after = await almi.get(declined.location!);
    expect(text(after.html)).toContain('Avböjd');
    expect(text(after.html)).toContain('Ni föreslog Inkubera Testaktör.');
    const inkubera = await signedIn('demo-inkubera');
    expect(text((await inkubera.get('/referrals?box=inbox')).html)).not.toContain('Vidarebolaget AB');

    const seen = await advisorVisitor.get(path);
    expect(text(seen.html)).toContain('Almi Testaktör föreslår Inkubera Testaktör.');
    const referAgain = `/entries/inkubera/refer?from=${path.split('/').at(-1)}`;
    expect(hrefs(seen.html)).toContain(referAgain);
    const list = await advisorVisitor.get('/referrals');
    expect(text(list.html)).toContain('Föreslår Inkubera Testaktör');
    expect(hrefs(list.html)).toContain(referAgain);
    expect((await inkubera.get(referAgain)).status).toBe(404);

    const form = await advisorVisitor.get(referAgain);
    expect(form.status).toBe(200);
    const value = (id: string) => attr(tags(form.html, new RegExp(`<input[^>]*id="${id}"[^>]*>`, 'g'))[0] ?? '', 'value');
    expect(value('f-companyName')).toBe('Vidarebolaget AB');
    expect(value('f-organisationNumber')).toBe('556123-4567');
    expect(value('f-phone')).toBe('070-123 45 67');
    expect(tags(form.html, /<input[^>]*type="checkbox"[^>]*>/g).some((tag) => / checked/.test(tag))).toBe(false);
    expect(text(form.html)).toContain('Fråga företaget om det vill bli hänvisat till Inkubera Testaktör');
    const posted = await advisorVisitor.post(
      '/referrals',
      referForm(form.html, { companyName: 'Vidarebolaget AB', phone: '070-123 45 67', redirectedFromId: hiddenValue(form.html, 'redirectedFromId') }),
    );
    expect(posted.status).toBe(303);
    const linked = posted.location!.replace(/\?.*$/, '');
    const received = await inkubera.get(linked);
    expect(text(received.html)).toContain('Vidarebolaget AB');
    expect(text(received.html)).toContain('Skickad vidare från en tidigare hänvisning En hänvisning till en annan organisation');
    expect(text((await advisorVisitor.get(path)).html)).toContain('Skickad vidare till en ny hänvisning Hänvisningen till Inkubera Testaktör');
    expect(hrefs((await advisorVisitor.get(path)).html)).not.toContain(referAgain);
  });

  it('lets the receiver pass a referral on directly when the company agreed to forwarding', async () => {
    const path = await refer(await signedIn('demo-advisor'), 'almi-lan', { companyName: 'Vidareskickat AB', forwardingAllowed: 'yes' });
    const almi = await signedIn('demo-almi');
    const page = await almi.get(path);
    expect(text(page.html)).toContain('Företaget har också godkänt att hänvisningen skickas vidare till en annan aktör.');
    expect(page.html).toContain('name="forward"');
    const base = { _csrf: hiddenValue(page.html, '_csrf')!, version: hiddenValue(page.html, 'version')! };
    const declined = await almi.post(`${path}/decline`, { ...base, reasonCategory: 'better-elsewhere', reason: 'Passar bättre hos Inkubera.', redirectTo: 'inkubera', forward: 'yes' });
    expect(declined.location).toBe(`${path}?notice=redirected`);
    const after = await almi.get(path);
    expect(text(after.html)).toContain('Skickad vidare till en ny hänvisning');
    const inkubera = await signedIn('demo-inkubera');
    const inbox = await inkubera.get('/referrals?box=inbox');
    expect(text(inbox.html)).toContain('Vidareskickat AB');
    const linked = hrefs(inbox.html).find((href) => /^\/referrals\/ref_[a-z2-7]{20}/.test(href) && !href.startsWith(path))!.split('?')[0]!;
    expect(text(after.html)).not.toContain(linked.split('/').at(-1)!);
    const received = await inkubera.get(linked);
    expect(received.status).toBe(200);
    expect(hrefs(received.html)).not.toContain(path);
    expect(text(received.html)).toContain('Acceptera');
  });

  it('serves the privacy notice publicly in Swedish and English', async () => {
    const sv = await new Visitor(app).get('/privacy');
    expect(sv.status).toBe(200);
    expect(text(sv.html)).toContain('24 månader');
    expect(text(sv.html)).toContain('dataskyddsombudet på Region Örebro län');
    const en = await new Visitor(app).get('/privacy?lang=en');
    expect(en.html).toContain('<html lang="en"');
    expect(text(en.html)).toContain('public interest');
    expect(text(en.html)).toContain('anonymised');
    expect(hrefs(sv.html)).toContain('/privacy');
  });
});
