import { describe, expect, it } from 'vitest';
import { Entry, isPubliclyVisible } from '#shared/domain/entry.ts';
import { taxonomyIssues } from '#shared/domain/taxonomy.ts';
import { anEntry, taxonomy } from '../support/builders.ts';

const issuesOf = (value: unknown) => {
  const result = Entry.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('Entry schema', () => {
  const valid = anEntry({ kind: 'offering' });

  it('accepts a complete entry of each kind', () => {
    for (const kind of ['actor', 'offering', 'testbed', 'investor', 'establishment-offer'] as const) {
      expect(Entry.safeParse(anEntry({ kind })).success).toBe(true);
    }
  });

  it.each([
    ['a website that is not https', { website: 'http://example.se' }, 'website'],
    ['no strategic area', { areas: [] }, 'areas'],
    ['a repeated stage', { stages: ['idea', 'idea'] }, 'stages'],
    ['an unknown stage', { stages: ['teenager'] }, 'stages.0'],
    ['a validity window that ends before it starts', { validFrom: '2027-01-01', validUntil: '2026-01-01' }, 'validFrom'],
    ['an unknown field', { secretNote: 'x' }, ''],
    ['an offering without its details', { offering: undefined }, 'offering'],
    ['a name without Swedish', { name: { en: 'Only English' } }, 'name.sv'],
  ])('refuses %s, naming the field', (_case, overrides, path) => {
    expect(issuesOf({ ...valid, ...overrides })).toContain(path);
  });

  it('refuses an actor with a provider', () => {
    expect(issuesOf({ ...anEntry(), providerId: 'almi-foretagspartner' })).toContain('providerId');
  });

  it('refuses a spearhead entry without a profile area, and a breadth entry with one', () => {
    expect(issuesOf({ ...valid, focus: { level: 'spearhead', profileAreas: [] } })).toContain('focus.profileAreas');
    expect(issuesOf({ ...valid, focus: { level: 'breadth', profileAreas: ['food-health-meal'] } })).toContain('focus.profileAreas');
  });

  it('refuses an establishment offer located outside the municipalities it serves', () => {
    const offer = anEntry({ kind: 'establishment-offer', municipalities: ['1880'] as never, establishmentOffer: { offerType: 'land', location: { municipality: '1880', placeName: 'Örebro' }, keyFacts: [] } });
    expect(issuesOf({ ...offer, municipalities: ['1883'] })).toContain('establishmentOffer.location.municipality');
  });

  it('refuses a testbed TRL range whose minimum exceeds its maximum', () => {
    expect(issuesOf({ ...anEntry({ kind: 'testbed' }), testbed: { capabilities: [], trl: { min: 7, max: 3 } } })).toContain('testbed.trl.min');
  });
});

describe('taxonomy check', () => {
  it('names codes outside the region taxonomy by path', () => {
    const entry = anEntry({ areas: ['innovation', 'space'], municipalities: ['1880', '9999'], supportTypes: ['magic'] });
    expect(taxonomyIssues(entry, taxonomy).map((i) => i.name)).toEqual(['areas.1', 'supportTypes.0', 'municipalities.1']);
  });
});

describe('public visibility', () => {
  it('shows a published entry within its window and hides drafts, archived and expired entries', () => {
    expect(isPubliclyVisible(anEntry({ validUntil: '2026-11-27' }), '2026-11-27')).toBe(true);
    expect(isPubliclyVisible(anEntry({ status: 'draft' }), '2026-11-27')).toBe(false);
    expect(isPubliclyVisible(anEntry({ status: 'archived' }), '2026-11-27')).toBe(false);
    expect(isPubliclyVisible(anEntry({ validUntil: '2026-11-26' }), '2026-11-27')).toBe(false);
    expect(isPubliclyVisible(anEntry({ validFrom: '2026-11-28' }), '2026-11-27')).toBe(false);
  });
});
