import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '#functions/api/app.ts';
import { anEntry } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';
import { Visitor } from './editor-support.ts';
import { byId, text } from './html.ts';

const bounced = anEntry<'actor'>({
  id: 'studsande-aktor',
  name: { sv: 'Studsande testaktör' },
  referralIntakeEmail: 'intake@studs.example',
  intakeEmailBounce: { at: '2026-11-20T08:30:00.000Z', reason: 'bounce', address: 'intake@studs.example' },
});
const fine = anEntry<'actor'>({ id: 'fungerande-aktor', name: { sv: 'Fungerande testaktör' }, referralIntakeEmail: 'intake@fungerar.example' });

describe('an intake address that bounced, on the editor pages', () => {
  const dynalite = useDynalite();
  let app: App;
  beforeAll(async () => {
    app = (await buildTestApp(dynalite.endpoint, [bounced, fine])).app;
  });
  const editor = async () => {
    const v = new Visitor(app);
    await v.signIn('demo-editor');
    return v;
  };

  it('is named with its date on the dashboard, for that actor only', async () => {
    const page = await (await editor()).get('/editor');
    const body = text(page.html);
    expect(body).toContain('Hänvisningsadressen intake@studs.example studsade 20 november 2026');
    expect(body).not.toContain('intake@fungerar.example studsade');
  });

  it('is not in the entry\'s public JSON', async () => {
    const body = (await (await app.request('/v1/entries/studsande-aktor')).json()) as Record<string, unknown>;
    expect(body.referralIntakeEmail).toBe('intake@studs.example');
    expect(body).not.toHaveProperty('intakeEmailBounce');
  });

  it('is explained on the actor\'s form, in English too', async () => {
    const v = await editor();
    const sv = await v.get('/editor/entries/studsande-aktor/edit');
    expect(text(byId(sv.html, 'intake-bounce'))).toContain('Aviseringar om nya hänvisningar når inte fram');
    const en = await v.get('/editor/entries/studsande-aktor/edit?lang=en');
    expect(text(byId(en.html, 'intake-bounce'))).toContain('Intake address intake@studs.example bounced on 20 November 2026');
    expect((await v.get('/editor/entries/fungerande-aktor/edit')).html).not.toContain('id="intake-bounce"');
  });
});
