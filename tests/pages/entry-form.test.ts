import { describe, expect, it } from 'vitest';
import {
  entryFields,
  entryToForm,
  fieldOfPath,
  formToInput,
  inFormOrder,
  issuesFromService,
  newEntryForm,
  unknownFields,
  type FormIssue,
  type FormValues,
} from '#functions/api/pages/editor/entry-form.ts';
import { readForm } from '#functions/api/pages/form-values.ts';
import { ENTRY_KINDS, type Entry } from '#shared/domain/entry.ts';
import { anEntry, taxonomy } from '../support/builders.ts';

const MANAGED = ['id', 'version', 'createdAt', 'updatedAt', 'status', 'demo', 'lastVerifiedAt'] as const;
const inputOf = (entry: Entry) => Object.fromEntries(Object.entries(entry).filter(([key]) => !(MANAGED as readonly string[]).includes(key)));

const richEntries: Entry[] = [
  anEntry({ kind: 'actor', name: { sv: 'Aktören', en: 'The actor' }, sectors: ['livsmedel', 'besöksnäring'], languages: ['sv', 'en'], website: 'https://example.se', referralIntakeEmail: 'remisser@example.se' }),
  anEntry({
    kind: 'offering',
    providerId: 'aktoren',
    municipalities: ['1880', '1883'],
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    sources: ['https://example.se/a', 'http://example.se/b'],
    offering: { cost: 'subsidised', costNote: { sv: 'Halva priset', en: 'Half price' }, applicationPeriod: { opens: '2026-02-01', closes: '2026-03-01', note: { sv: 'Löpande' } } },
  }),
  anEntry({
    kind: 'testbed',
    greenTransition: true,
    focus: { level: 'spearhead', profileAreas: [taxonomy.focus.profileAreas[0]!.code] },
    testbed: { capabilities: [{ sv: 'Robotceller', en: 'Robot cells' }, { sv: 'Lasrar', en: 'Lasers' }], trl: { min: 4, max: 7 }, accessTerms: { sv: 'Boka i förväg.' } },
  }),
  anEntry({ kind: 'investor', investor: { instruments: ['equity', 'loan'], ticketSizeSek: { min: 500000, max: 5000000 }, investmentStages: ['growth'] } }),
  anEntry({
    kind: 'establishment-offer',
    municipalities: ['1861'],
    establishmentOffer: {
      offerType: 'land',
      location: { municipality: '1861', placeName: 'Testmarken', position: { lat: 59.067, lon: 15.11 } },
      landAreaM2: 120000,
      floorAreaM2: 2500.5,
      keyFacts: [{ sv: 'Nära järnväg', en: 'Close to rail' }],
    },
  }),
];

/** The form values of a valid new entry of a kind, as a browser would post them. */
const minimal = (kind: Entry['kind'], extra: FormValues = {}): FormValues => ({
  ...newEntryForm(),
  'name.sv': ['Namnet'],
  'summary.sv': ['Sammanfattningen.'],
  'description.sv': ['Beskrivningen.'],
  areas: ['innovation'],
  stages: ['idea'],
  ...(kind === 'investor' ? { 'investor.instruments': ['grant'] } : {}),
  ...(kind === 'establishment-offer'
    ? { 'establishmentOffer.offerType': ['office'], 'establishmentOffer.location.municipality': ['1880'], 'establishmentOffer.location.placeName': ['Centrum'] }
    : {}),
  ...extra,
});

const issuesOf = (values: FormValues, kind: Entry['kind'] = 'offering'): FormIssue[] => {
  const result = formToInput(values, kind, { taxonomy });
  if (result.ok) throw new Error('expected issues');
  return result.issues;
};

describe('the entry form mapping', () => {
  it('round-trips every kind: an entry as form values maps back to the same input', () => {
    for (const entry of richEntries) {
      const result = formToInput(entryToForm(entry), entry.kind, { taxonomy, preserved: { contact: entry.contact, stages: entry.stages, municipalities: entry.municipalities }, existingId: entry.id });
      expect(result.ok ? result.input : result.issues, entry.kind).toEqual(inputOf(entry));
    }
  });

  it('has a field for every part of every kind it edits, and reads nothing else', () => {
    for (const kind of ENTRY_KINDS) expect(formToInput(minimal(kind), kind, { taxonomy }).ok, kind).toBe(true);
    expect(entryFields('actor')).not.toContain('providerId');
    expect(entryFields('offering').indexOf('offering.cost')).toBeLessThan(entryFields('offering').indexOf('providerId'));
    const tampered = { ...minimal('offering'), status: ['published'], demo: ['true'], version: ['3'], _csrf: ['x'], lastVerifiedAt: ['2026-01-01T00:00:00Z'], 'testbed.trl.min': ['3'] };
    expect(unknownFields(tampered, 'offering')).toEqual(['status', 'demo', 'lastVerifiedAt', 'testbed.trl.min']);
    const result = formToInput(tampered, 'offering', { taxonomy });
    expect(result.ok && Object.keys(result.input)).not.toContain('status');
  });

  it('reads the green-transition box: ticked is true, unticked leaves it out, anything else is refused naming the field', () => {
    const ticked = formToInput(minimal('offering', { greenTransition: ['yes'] }), 'offering', { taxonomy });
    expect(ticked.ok && ticked.input.greenTransition).toBe(true);
    const unticked = formToInput(minimal('offering'), 'offering', { taxonomy });
    expect(unticked.ok && 'greenTransition' in unticked.input).toBe(false);
    expect(issuesOf(minimal('offering', { greenTransition: ['true'] }))).toEqual([{ field: 'greenTransition', code: 'choose-one' }]);
    expect(entryToForm(anEntry({ greenTransition: true })).greenTransition).toEqual(['yes']);
  });

  it('collects repeated fields (checkbox groups) from a posted form', () => {
    expect(readForm([['areas', 'innovation'], ['areas', 'skills-talent'], ['name.sv', 'x']])).toEqual({ areas: ['innovation', 'skills-talent'], 'name.sv': ['x'] });
  });

  it('reads numbers as people type them here, and refuses what is not a number', () => {
    const result = formToInput(
      minimal('establishment-offer', {
        'establishmentOffer.location.position.lat': ['59,274'],
        'establishmentOffer.location.position.lon': ['15.2'],
        'establishmentOffer.landAreaM2': ['120 000'],
      }),
      'establishment-offer',
      { taxonomy },
    );
    expect(result.ok && result.input.kind === 'establishment-offer' && result.input.establishmentOffer).toMatchObject({
      location: { position: { lat: 59.274, lon: 15.2 } },
      landAreaM2: 120000,
    });
    expect(issuesOf(minimal('investor', { 'investor.ticketSizeSek.min': ['en miljon'], 'investor.ticketSizeSek.max': ['1,5'] }), 'investor')).toEqual([
      { field: 'investor.ticketSizeSek.min', code: 'number' },
      { field: 'investor.ticketSizeSek.max', code: 'integer' },
    ]);
  });

  it('pairs Swedish and English lines, and names the English field when the counts differ', () => {
    const ok = formToInput(minimal('testbed', { 'testbed.capabilities.sv': ['Robotceller\r\n\r\nLasrar\n'], 'testbed.capabilities.en': ['Robot cells\nLasers'] }), 'testbed', { taxonomy });
    expect(ok.ok && ok.input.kind === 'testbed' && ok.input.testbed.capabilities).toEqual([
      { sv: 'Robotceller', en: 'Robot cells' },
      { sv: 'Lasrar', en: 'Lasers' },
    ]);
    expect(issuesOf(minimal('testbed', { 'testbed.capabilities.sv': ['A\nB'], 'testbed.capabilities.en': ['A'] }), 'testbed')).toEqual([
      { field: 'testbed.capabilities.en', code: 'lines-mismatch', limit: 2 },
    ]);
  });

  it('names each field the entry rules refuse, with a code the page can word', () => {
    expect(issuesOf(minimal('offering', { 'name.sv': ['  '], areas: [], website: ['http://example.se'] }))).toEqual([
      { field: 'name.sv', code: 'required' },
      { field: 'areas', code: 'choose-one' },
      { field: 'website', code: 'url' },
    ]);
    expect(issuesOf(minimal('offering', { 'focus.level': ['spearhead'] }))).toEqual([{ field: 'focus.profileAreas', code: 'spearhead-profile' }]);
    expect(issuesOf(minimal('offering', { validFrom: ['2026-05-01'], validUntil: ['2026-04-01'] }))).toEqual([{ field: 'validFrom', code: 'valid-from-after-until' }]);
    expect(issuesOf(minimal('offering', { validFrom: ['1 maj'] }))).toEqual([{ field: 'validFrom', code: 'date' }]);
    expect(issuesOf(minimal('testbed', { 'testbed.trl.min': ['5'] }), 'testbed')).toEqual([{ field: 'testbed.trl.max', code: 'required' }]);
    expect(issuesOf(minimal('testbed', { 'testbed.trl.min': ['8'], 'testbed.trl.max': ['3'] }), 'testbed')).toEqual([{ field: 'testbed.trl.min', code: 'min-over-max' }]);
    expect(issuesOf(minimal('offering', { coverage: ['municipalities'] }))).toEqual([{ field: 'municipalities', code: 'choose-one' }]);
    expect(issuesOf(minimal('offering', { areas: ['space'] }))).toEqual([{ field: 'areas', code: 'invalid-choice' }]);
    expect(issuesOf(minimal('offering', { languages: ['svenska'] }))).toEqual([{ field: 'languages', code: 'language-code' }]);
    expect(issuesOf(minimal('offering', { 'name.sv': ['x'.repeat(201)] }))).toEqual([{ field: 'name.sv', code: 'too-long', limit: 200 }]);
    expect(issuesOf(minimal('establishment-offer', { 'establishmentOffer.location.position.lat': ['59'] }), 'establishment-offer')).toEqual([
      { field: 'establishmentOffer.location.position.lon', code: 'position-pair' },
    ]);
  });

  it('asks an offer only what an offer has: no company stage, its municipality once (in its location), what it served before kept', () => {
    const fields = entryFields('establishment-offer');
    for (const field of ['stages', 'coverage', 'municipalities']) expect(fields).not.toContain(field);
    expect(fields).toContain('establishmentOffer.location.municipality');
    expect(unknownFields({ stages: ['idea'], coverage: ['county'] }, 'establishment-offer')).toEqual(['stages', 'coverage']);
    const created = formToInput(minimal('establishment-offer', { 'establishmentOffer.location.municipality': ['1861'] }), 'establishment-offer', { taxonomy });
    expect(created.ok && [created.input.stages, created.input.municipalities]).toEqual([['startup', 'growth', 'established'], ['1861']]);
    const preserved = { contact: [], stages: ['established' as const], municipalities: 'county' as const };
    const kept = formToInput(minimal('establishment-offer'), 'establishment-offer', { taxonomy, preserved });
    expect(kept.ok && [kept.input.stages, kept.input.municipalities]).toEqual([['established'], 'county']);
    const moved = formToInput(minimal('establishment-offer', { 'establishmentOffer.location.municipality': ['1885'] }), 'establishment-offer', {
      taxonomy,
      preserved: { contact: [], municipalities: ['1880'] },
    });
    expect(moved.ok && moved.input.municipalities).toEqual(['1885']);
  });

  it('serves the whole county when chosen, whatever municipalities are ticked, and drops profile areas of breadth', () => {
    const result = formToInput(minimal('offering', { municipalities: ['1880'], 'focus.profileAreas': [taxonomy.focus.profileAreas[0]!.code] }), 'offering', { taxonomy });
    expect(result.ok && result.input.municipalities).toBe('county');
    expect(result.ok && result.input.focus).toEqual({ level: 'breadth', profileAreas: [] });
  });

  it('reads areas and power as the form’s language writes numbers', () => {
    const typed = minimal('establishment-offer', { 'establishmentOffer.landAreaM2': ['50,000'], 'establishmentOffer.powerCapacityMW': ['12.5'] });
    const english = formToInput(typed, 'establishment-offer', { taxonomy, lang: 'en' });
    expect(english.ok && english.input.kind === 'establishment-offer' && [english.input.establishmentOffer.landAreaM2, english.input.establishmentOffer.powerCapacityMW]).toEqual([50000, 12.5]);
    const swedish = formToInput(minimal('establishment-offer', { 'establishmentOffer.landAreaM2': ['50 000'], 'establishmentOffer.powerCapacityMW': ['12,5'] }), 'establishment-offer', { taxonomy, lang: 'sv' });
    expect(swedish.ok && swedish.input.kind === 'establishment-offer' && [swedish.input.establishmentOffer.landAreaM2, swedish.input.establishmentOffer.powerCapacityMW]).toEqual([50000, 12.5]);
  });

  it('keeps what the form does not show: the contact channels of the stored entry', () => {
    const contact = [{ type: 'phone' as const, number: '+46 19 00 00 00' }];
    const result = formToInput(minimal('actor'), 'actor', { taxonomy, preserved: { contact } });
    expect(result.ok && result.input.contact).toEqual(contact);
  });

  it('maps entry paths to the form field that shows them, and service issues onto fields', () => {
    expect(fieldOfPath(['testbed', 'capabilities', 2, 'sv'], 'testbed')).toBe('testbed.capabilities.sv');
    expect(fieldOfPath(['areas', 0], 'offering')).toBe('areas');
    expect(fieldOfPath(['testbed', 'trl'], 'testbed')).toBe('testbed.trl.min');
    expect(fieldOfPath(['establishmentOffer', 'location', 'position'], 'establishment-offer')).toBe('establishmentOffer.location.position.lat');
    expect(fieldOfPath(['contact', 0, 'address'], 'actor')).toBeUndefined();
    expect(issuesFromService([{ name: 'supportTypes.1', reason: 'unknown code "x"' }], 'actor')).toEqual([{ field: 'supportTypes', code: 'other', detail: 'unknown code "x"' }]);
    expect(inFormOrder([{ code: 'other' }, { field: 'website', code: 'url' }, { field: 'name.sv', code: 'required' }], 'actor').map((i) => i.field)).toEqual([
      'name.sv',
      'website',
      undefined,
    ]);
  });
});
