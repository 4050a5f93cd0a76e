/**
 * The one search contract: every SearchIndex implementation (embedded always, OpenSearch when
 * OPENSEARCH_URL is set) must pass these behaviours.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { toSearchDocument, type SearchDocument } from '#shared/domain/search.ts';
import type { Synonyms } from '#shared/search/synonyms.ts';
import type { QueryVocabulary } from '#shared/search/understanding.ts';
import type { IndexOperation, SearchIndex } from '#shared/ports/search-index.ts';
import { aDocument, anOffer, aQuery, taxonomy } from '../support/builders.ts';

const upsert = (document: SearchDocument): IndexOperation => ({ type: 'upsert', document });
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);
const sortedIds = (hits: { id: string }[]) => ids(hits).sort();

const ÖREBRO = { lat: 59.274, lon: 15.207 };

/** Four establishment offers around the county and one actor, for the offer filters and sorts. */
const offerCatalogue = (): SearchDocument[] =>
  [
    anOffer({
      id: 'offer-hallsberg',
      name: { sv: 'Hallsbergs logistiktomt' },
      offer: {
        offerType: 'land',
        location: { municipality: '1861', placeName: 'Hallsberg', position: { lat: 59.067, lon: 15.11 } },
        landAreaM2: 50_000,
        powerCapacityMW: 10,
        railSiding: true,
        availability: { status: 'available' },
      },
    }),
    anOffer({
      id: 'offer-kumla',
      name: { sv: 'Kumla industrilokal' },
      offer: {
        offerType: 'industrial-premises',
        location: { municipality: '1881', placeName: 'Kumla' },
        landAreaM2: 12_000,
        floorAreaM2: 8_000,
        powerCapacityMW: 4,
        availability: { status: 'reserved', availableFrom: '2027-03-01' },
      },
    }),
    anOffer({
      id: 'offer-karlskoga',
      name: { sv: 'Karlskoga kontor' },
      offer: {
        offerType: 'office',
        location: { municipality: '1883', placeName: 'Karlskoga', position: { lat: 59.33, lon: 14.52 } },
        floorAreaM2: 2_000,
        railSiding: true,
        availability: { status: 'available' },
      },
    }),
    anOffer({ id: 'offer-lindesberg', name: { sv: 'Lindesbergs mark' }, offer: { offerType: 'land', location: { municipality: '1885', placeName: 'Lindesberg' }, railSiding: false } }),
  ]
    .map((entry) => toSearchDocument(entry, taxonomy))
    .concat(aDocument({ id: 'almi', name: { sv: 'Almi' } }));

/** What an engine is built with: the decompounding lexicon, the synonym groups and the query vocabulary of the region. */
export type LanguageResources = { lexicon: readonly string[]; synonyms: Synonyms; understanding: QueryVocabulary };

const RESOURCES: LanguageResources = {
  lexicon: ['innovation', 'export', 'stod', 'test', 'testbadd', 'testbad', 'livsmedel', 'kapital', 'risk'],
  synonyms: {
    groups: [['vc', 'riskkapital', 'venture capital'], ['fou', 'forskning och utveckling'], ['ai', 'artificiell intelligens'], ['startup', 'nystartat']],
    narrower: { finansiering: ['lån', 'riskkapital'] },
  },
  understanding: {
    filler: { sv: ['jag', 'vill', 'vem', 'kan', 'driver', 'ett', 'med'], en: ['who', 'can', 'i', 'want', 'to'] },
    sizeWords: ['anställda'],
    needs: [{ words: ['investera', 'invest'], means: { kind: ['investor'], supportType: ['equity'] } }],
    filterWords: [],
    filterFiller: [],
  },
};

export const describeSearchIndexContract = (engine: string, createIndex: (resources: LanguageResources) => Promise<SearchIndex>) =>
  describe(`SearchIndex contract › ${engine}`, () => {
    let index: SearchIndex;
    beforeEach(async () => {
      index = await createIndex(RESOURCES);
    });

    describe('matching', () => {
      it('finds an entry by a word in its Swedish description', async () => {
        await index.apply([
          upsert(aDocument({ id: 'almi-lan', description: { sv: 'Almi erbjuder finansiering genom lån.' } })),
          upsert(aDocument({ id: 'robotlabbet', description: { sv: 'Ett labb för robotik.' } })),
        ]);
        const result = await index.search(aQuery({ q: 'finansiering' }));
        expect(ids(result.hits)).toEqual(['almi-lan']);
        expect(result.total).toBe(1);
      });

      it('finds an entry by its English text', async () => {
        await index.apply([upsert(aDocument({ id: 'een', summary: { sv: 'Hjälp med export.', en: 'Help with exporting to Europe.' } }))]);
        expect(ids((await index.search(aQuery({ q: 'Europe' }))).hits)).toEqual(['een']);
      });

      it('matches regardless of letter case', async () => {
        await index.apply([upsert(aDocument({ id: 'orebro-actor', name: { sv: 'Örebro universitet' } }))]);
        expect(ids((await index.search(aQuery({ q: 'ÖREBRO' }))).hits)).toEqual(['orebro-actor']);
      });

      it('requires every query word, which may sit in different fields', async () => {
        await index.apply([
          upsert(aDocument({ id: 'both', name: { sv: 'Riskkapital' }, description: { sv: 'För bolag inom livsmedel.' } })),
          upsert(aDocument({ id: 'one', name: { sv: 'Riskkapital' }, description: { sv: 'För bolag inom mjukvara.' } })),
        ]);
        expect(ids((await index.search(aQuery({ q: 'riskkapital livsmedel' }))).hits)).toEqual(['both']);
      });

      it('matches the last word as a prefix, for typing in progress', async () => {
        await index.apply([upsert(aDocument({ id: 'fin', summary: { sv: 'Finansiering för nya företag.' } }))]);
        expect(ids((await index.search(aQuery({ q: 'finans' }))).hits)).toEqual(['fin']);
      });

      it('ranks a match in the name above a match in the description', async () => {
        await index.apply([
          upsert(aDocument({ id: 'in-description', name: { sv: 'Företagsrådgivning' }, description: { sv: 'Vi hjälper med inkubator och mycket mer för dig som vill växa och utvecklas i länet.' } })),
          upsert(aDocument({ id: 'in-name', name: { sv: 'Inkubator' }, description: { sv: 'Ett program för dig som vill växa och utvecklas i länet med stöd.' } })),
        ]);
        expect(ids((await index.search(aQuery({ q: 'inkubator' }))).hits)).toEqual(['in-name', 'in-description']);
      });

      it('answers an empty query with every visible entry in name order', async () => {
        await index.apply([
          upsert(aDocument({ id: 'b-entry', name: { sv: 'Örebro' } })),
          upsert(aDocument({ id: 'a-entry', name: { sv: 'Almi' } })),
          upsert(aDocument({ id: 'c-entry', name: { sv: 'Kumla' } })),
        ]);
        expect(ids((await index.search(aQuery({ q: '' }))).hits)).toEqual(['a-entry', 'c-entry', 'b-entry']);
      });

      it('finds nothing for a word that no entry has', async () => {
        await index.apply([upsert(aDocument({ id: 'x-entry' }))]);
        const result = await index.search(aQuery({ q: 'xylofon' }));
        expect(result.total).toBe(0);
        expect(result.hits).toEqual([]);
      });
    });

    describe('Swedish and English', () => {
      const found = async (q: string) => ids((await index.search(aQuery({ q }))).hits);

      it('matches a word typed without diacritics in every spelling, and one typed with them in its own', async () => {
        await index.apply([
          upsert(aDocument({ id: 'folded', name: { sv: 'Orebro-kontoret' }, summary: { sv: 'Ett kontor.' } })),
          upsert(aDocument({ id: 'exact', name: { sv: 'Örebro-kontoret' }, summary: { sv: 'Ett kontor.' } })),
        ]);
        expect(await found('orebro')).toEqual(expect.arrayContaining(['exact', 'folded']));
        expect(await found('Örebro')).toEqual(['exact']);
      });

      it('never searches filler or sizes, and a need word finds the entries that serve it, whatever their text says', async () => {
        await index.apply([
          upsert(aDocument({ id: 'fund', kind: 'investor', name: { sv: 'Tillväxtfonden' }, summary: { sv: 'Ägarkapital till bolag.' }, supportTypes: ['equity'] })),
          upsert(aDocument({ id: 'filler', name: { sv: 'Vem kan driva ett bolag' }, summary: { sv: 'Jag vill att du kan, med 40 anställda.' } })),
          upsert(aDocument({ id: 'word', name: { sv: 'Investera i dig själv' }, summary: { sv: 'En kurs.' } })),
        ]);
        const result = await index.search(aQuery({ q: 'Jag driver ett företag med 40 anställda, vem kan investera?' }));
        expect(ids(result.hits)).not.toContain('filler');
        expect(ids(result.hits)).toEqual(expect.arrayContaining(['fund', 'word']));
        expect(result.hits[0]!.matchedTerms.map((m) => m.term)).not.toContain('vill');
        expect(result.hits.find((h) => h.id === 'fund')!.matchedTerms).toContainEqual(expect.objectContaining({ term: 'investera', meets: [{ dimension: 'kind', values: ['investor'] }, { dimension: 'supportType', values: ['equity'] }] }));
      });

      it('ranks by how well an entry serves the need: one that does mostly this above one that does it among many things', async () => {
        await index.apply([
          upsert(aDocument({ id: 'broad', kind: 'actor', name: { sv: 'Näringslivskontoret' }, summary: { sv: 'Allt för företag.' }, supportTypes: ['equity', 'advice', 'networking', 'mentoring'] })),
          upsert(aDocument({ id: 'fund', kind: 'investor', name: { sv: 'Fonden' }, summary: { sv: 'Allt för företag.' }, supportTypes: ['equity'] })),
        ]);
        expect(ids((await index.search(aQuery({ q: 'vem kan investera' }))).hits)).toEqual(['fund', 'broad']);
      });

      it('ranks an entry that serves the need and holds the query’s other words above one that only serves the need', async () => {
        await index.apply([
          upsert(aDocument({ id: 'fund', kind: 'investor', name: { sv: 'Investera med fonden' }, summary: { sv: 'Vi investerar ägarkapital i bolag.' }, supportTypes: ['equity'] })),
          upsert(aDocument({ id: 'farm-fund', kind: 'investor', name: { sv: 'Lantbruksfonden' }, summary: { sv: 'Ägarkapital till lantbruk och bolag.' }, supportTypes: ['equity', 'advice'] })),
          upsert(aDocument({ id: 'farm', name: { sv: 'Lantbruksrådgivning' }, summary: { sv: 'Råd om lantbruk.' }, supportTypes: ['advice'] })),
        ]);
        expect(ids((await index.search(aQuery({ q: 'jag vill investera i lantbruk' }))).hits)[0]).toBe('farm-fund');
      });

      it('keeps å, ä and ö letters of their own: "lån" does not find "län", and "vaxa" still finds "växa"', async () => {
        await index.apply([
          upsert(aDocument({ id: 'loan', name: { sv: 'Lån till småföretag' }, summary: { sv: 'Lånet kan vara stort.' } })),
          upsert(aDocument({ id: 'county', name: { sv: 'Region Örebro län' }, summary: { sv: 'Länets utveckling.' } })),
          upsert(aDocument({ id: 'grow', name: { sv: 'Hjälp att växa' }, summary: { sv: 'För företag som vill växa.' } })),
        ]);
        expect(await found('lån')).toEqual(['loan']);
        expect(await found('lånet')).toEqual(['loan']);
        expect(await found('län')).toEqual(['county']);
        expect(await found('vaxa')).toEqual(['grow']);
        expect(await found('orebro')).toEqual(['county']);
      });

      it('falls back to the folded form when the letters typed are not in the catalogue', async () => {
        await index.apply([upsert(aDocument({ id: 'stod', name: { sv: 'Stod för export' }, summary: { sv: 'Ett program.' } }))]);
        expect(await found('stöd')).toEqual(['stod']);
      });

      it('finds inflected Swedish forms through their stem', async () => {
        await index.apply([upsert(aDocument({ id: 'stemmed', summary: { sv: 'Vi driver två testbäddar för företagen i länet.' } }))]);
        expect(await found('testbädd')).toEqual(['stemmed']);
        expect(await found('företag')).toEqual(['stemmed']);
      });

      it('stems English text with the English stemmer', async () => {
        await index.apply([upsert(aDocument({ id: 'english', summary: { sv: 'Kort.', en: 'Funding for growing companies.' } }))]);
        expect(await found('company funded')).toEqual(['english']);
      });

      it('finds a word inside the compounds it forms', async () => {
        await index.apply([
          upsert(aDocument({ id: 'compound-a', summary: { sv: 'Innovationsstöd till små företag.' } })),
          upsert(aDocument({ id: 'compound-b', summary: { sv: 'Exportstöd och rådgivning.' } })),
          upsert(aDocument({ id: 'unrelated', summary: { sv: 'Lokaler att hyra.' } })),
        ]);
        expect((await found('stöd')).sort()).toEqual(['compound-a', 'compound-b']);
        expect(await found('exportstod')).toEqual(['compound-b']);
      });

      it('tolerates one typo in a word of five letters or more, but not in shorter words', async () => {
        await index.apply([
          upsert(aDocument({ id: 'typo', summary: { sv: 'Riskkapital för bolag.' } })),
          upsert(aDocument({ id: 'short', summary: { sv: 'Mat och dryck.' } })),
        ]);
        expect(await found('riskkapitl')).toEqual(['typo']);
        expect(await found('mot')).toEqual([]);
      });

      it('expands synonyms and abbreviations in both directions', async () => {
        await index.apply([
          upsert(aDocument({ id: 'vc-fund', summary: { sv: 'Riskkapital till bolag i tidiga skeden.' } })),
          upsert(aDocument({ id: 'research', summary: { sv: 'Stöd till forskning och utveckling.' } })),
          upsert(aDocument({ id: 'abbrev', summary: { sv: 'Vi investerar som VC.' } })),
        ]);
        expect((await found('VC')).sort()).toEqual(['abbrev', 'vc-fund']);
        expect((await found('riskkapital')).sort()).toEqual(['abbrev', 'vc-fund']);
        expect(await found('FoU')).toEqual(['research']);
      });

      it('finds narrower words for a broad one, but not the other way round', async () => {
        await index.apply([
          upsert(aDocument({ id: 'loan', summary: { sv: 'Lån till små företag.' } })),
          upsert(aDocument({ id: 'broad', summary: { sv: 'Finansiering av projekt.' } })),
        ]);
        expect((await found('finansiering')).sort()).toEqual(['broad', 'loan']);
        expect(await found('lån')).toEqual(['loan']);
      });

      it('finds derivations of a long word', async () => {
        await index.apply([upsert(aDocument({ id: 'derived', summary: { sv: 'Hjälp med kommersialisering av forskning.' } }))]);
        expect(await found('kommersialisera')).toEqual(['derived']);
      });

      it('marks hits as relaxed when no entry has every word', async () => {
        await index.apply([
          upsert(aDocument({ id: 'only-one', summary: { sv: 'Riskkapital för bolag.' } })),
          upsert(aDocument({ id: 'other', summary: { sv: 'Livsmedel och dryck.' } })),
        ]);
        const result = await index.search(aQuery({ q: 'riskkapital xylofon' }));
        expect(result.relaxed).toBe(true);
        expect(ids(result.hits)).toEqual(['only-one']);
        expect((await index.search(aQuery({ q: 'riskkapital' }))).relaxed).toBe(false);
      });
    });

    describe('explaining hits', () => {
      it('names the matched terms and fields and highlights them in the snippet', async () => {
        await index.apply([upsert(aDocument({ id: 'exp', summary: { sv: 'Vi ger stöd för export till nya marknader.' } }))]);
        const [hit] = (await index.search(aQuery({ q: 'export' }))).hits;
        expect(hit?.matchedTerms).toEqual([{ term: 'export', fields: ['summary'] }]);
        expect(hit?.snippet.filter((p) => p.highlighted).map((p) => p.text)).toEqual(['export']);
        expect(hit?.snippet.map((p) => p.text).join('')).toBe('Vi ger stöd för export till nya marknader.');
      });

      it('cuts a long description to a window around the match', async () => {
        const long = `${'Inledande text om ingenting särskilt. '.repeat(20)}Här nämns testbädd för livsmedel. ${'Avslutande text. '.repeat(20)}`;
        await index.apply([upsert(aDocument({ id: 'long', summary: { sv: 'Kort.' }, description: { sv: long } }))]);
        const [hit] = (await index.search(aQuery({ q: 'testbädd' }))).hits;
        const text = hit!.snippet.map((p) => p.text).join('');
        expect(text.length).toBeLessThan(260);
        expect(text.startsWith('…')).toBe(true);
        expect(hit!.snippet.some((p) => p.highlighted && p.text === 'testbädd')).toBe(true);
      });
    });

    describe('filtering and facets', () => {
      beforeEach(async () => {
        await index.apply([
          upsert(aDocument({ id: 'inv-karlskoga', kind: 'investor', areas: ['investment-establishment'], stages: ['growth'], municipalities: ['1883'] })),
          upsert(aDocument({ id: 'inv-county', kind: 'investor', areas: ['investment-establishment', 'innovation'], stages: ['startup'], municipalities: 'county' })),
          upsert(aDocument({ id: 'actor-orebro', kind: 'actor', areas: ['innovation'], stages: ['idea', 'startup'], municipalities: ['1880'] })),
          upsert(aDocument({ id: 'offer-hallsberg', kind: 'establishment-offer', areas: ['investment-establishment'], stages: ['established'], municipalities: ['1861'], focus: { level: 'spearhead', profileAreas: ['autonomous-production'] } })),
        ]);
      });

      it('ORs values within a filter and ANDs across filters', async () => {
        const result = await index.search(aQuery({ filters: { kind: ['investor', 'actor'], stage: ['startup'] } }));
        expect(ids(result.hits).sort()).toEqual(['actor-orebro', 'inv-county']);
      });

      it('lets a county-wide entry match every municipality', async () => {
        const result = await index.search(aQuery({ filters: { municipality: ['1883'] } }));
        expect(ids(result.hits).sort()).toEqual(['inv-county', 'inv-karlskoga']);
      });

      it('counts each facet over all the other filters, so a chosen value never hides its siblings', async () => {
        const result = await index.search(aQuery({ filters: { kind: ['investor'], municipality: ['1883'] } }));
        expect(result.total).toBe(2);
        expect(result.facets.kind).toEqual({ investor: 2 });
        expect(result.facets.municipality['1883']).toBe(2);
        expect(result.facets.municipality['1880']).toBe(1);
        expect(result.facets.area).toEqual({ 'investment-establishment': 2, innovation: 1 });
      });

      it('counts the kind facet without the kind filter but with the text query', async () => {
        const result = await index.search(aQuery({ filters: { kind: ['investor'], area: ['investment-establishment'] } }));
        expect(result.facets.kind).toEqual({ investor: 2, 'establishment-offer': 1 });
        expect(result.facets.focus).toEqual({ breadth: 2 });
      });

      it('narrows to the entries of one provider', async () => {
        await index.apply([upsert(aDocument({ id: 'almi-loan', kind: 'offering', providerId: 'almi-actor' }))]);
        const result = await index.search(aQuery({ providerId: aDocument({ id: 'almi-actor' }).id }));
        expect(ids(result.hits)).toEqual(['almi-loan']);
      });

      it('filters on the focus level', async () => {
        expect(ids((await index.search(aQuery({ filters: { focus: ['spearhead'] } }))).hits)).toEqual(['offer-hallsberg']);
      });
    });

    describe('establishment offers', () => {
      beforeEach(async () => {
        await index.apply(offerCatalogue().map(upsert));
      });
      const offerQuery = (offer: NonNullable<Parameters<typeof aQuery>[0]>['offer'], rest: Parameters<typeof aQuery>[0] = {}) => index.search(aQuery({ ...rest, offer }));

      it('keeps offers of any chosen type', async () => {
        expect(sortedIds((await offerQuery({ type: ['land', 'office'] })).hits)).toEqual(['offer-hallsberg', 'offer-karlskoga', 'offer-lindesberg']);
      });

      it('keeps offers of any chosen availability, not those that state none', async () => {
        expect(ids((await offerQuery({ availability: ['reserved'] })).hits)).toEqual(['offer-kumla']);
        expect(sortedIds((await offerQuery({ availability: ['available', 'reserved'] })).hits)).toEqual(['offer-hallsberg', 'offer-karlskoga', 'offer-kumla']);
      });

      it('filters on the larger of land and floor area, bounds included', async () => {
        expect(sortedIds((await offerQuery({ minAreaM2: 12_000 })).hits)).toEqual(['offer-hallsberg', 'offer-kumla']);
        expect(ids((await offerQuery({ maxAreaM2: 10_000 })).hits)).toEqual(['offer-karlskoga']);
        expect(ids((await offerQuery({ minAreaM2: 10_000, maxAreaM2: 20_000 })).hits)).toEqual(['offer-kumla']);
      });

      it('keeps offers with at least the power asked for', async () => {
        expect(ids((await offerQuery({ minPowerMW: 5 })).hits)).toEqual(['offer-hallsberg']);
        expect(sortedIds((await offerQuery({ minPowerMW: 4 })).hits)).toEqual(['offer-hallsberg', 'offer-kumla']);
      });

      it('keeps offers with a rail siding', async () => {
        expect(sortedIds((await offerQuery({ railSiding: true })).hits)).toEqual(['offer-hallsberg', 'offer-karlskoga']);
      });

      it('keeps, for railSiding false, only offers that state they have no rail siding, never those that do not say', async () => {
        expect(ids((await offerQuery({ railSiding: false })).hits)).toEqual(['offer-lindesberg']);
      });

      it('keeps offers within the radius, measured from a municipality centre where the offer gives no position', async () => {
        expect(sortedIds((await offerQuery({ near: ÖREBRO, radiusKm: 30 })).hits)).toEqual(['offer-hallsberg', 'offer-kumla']);
        expect(ids((await offerQuery({ near: ÖREBRO, radiusKm: 20 })).hits)).toEqual(['offer-kumla']);
      });

      it('requires every offer filter at once', async () => {
        expect(ids((await offerQuery({ railSiding: true, minPowerMW: 5, near: ÖREBRO, radiusKm: 30 })).hits)).toEqual(['offer-hallsberg']);
        expect((await offerQuery({ railSiding: true, minPowerMW: 5, near: ÖREBRO, radiusKm: 20 })).total).toBe(0);
      });

      it('measures distances from near without restricting the hits, rounded to 0.1 km', async () => {
        const result = await offerQuery({ near: ÖREBRO });
        expect(result.total).toBe(5);
        const distances = Object.fromEntries(result.hits.map((hit) => [hit.id, hit.distanceKm]));
        expect(distances).toEqual({ 'offer-hallsberg': 23.7, 'offer-kumla': 16.6, 'offer-karlskoga': 39.5, 'offer-lindesberg': 35.6, almi: undefined });
      });

      it('gives offer hits their facts, and no distance without near', async () => {
        const { hits } = await offerQuery({ type: ['land', 'industrial-premises'] });
        const hallsberg = hits.find((hit) => hit.id === 'offer-hallsberg');
        expect(hallsberg?.offer).toMatchObject({ type: 'land', municipality: '1861', areaM2: 50_000, powerMW: 10, railSiding: true, availability: 'available', positionApproximate: false });
        expect(hits.find((hit) => hit.id === 'offer-kumla')?.offer).toMatchObject({ areaM2: 12_000, availableFrom: '2027-03-01', position: { lat: 59.128, lon: 15.143 }, positionApproximate: true });
        expect(hits.every((hit) => hit.distanceKm === undefined)).toBe(true);
      });

      it('keeps every offer fact three-valued: stated yes, stated no, or absent when not stated', async () => {
        const { hits } = await offerQuery({ type: ['land', 'industrial-premises'] });
        const rail = Object.fromEntries(hits.map((hit) => [hit.id, hit.offer && 'railSiding' in hit.offer ? hit.offer.railSiding : 'not stated']));
        expect(rail).toEqual({ 'offer-hallsberg': true, 'offer-kumla': 'not stated', 'offer-lindesberg': false });
        expect(sortedIds((await offerQuery({ railSiding: true, type: ['land', 'industrial-premises'] })).hits)).toEqual(['offer-hallsberg']);
      });

      it('narrows every facet count by the offer filters', async () => {
        const { facets } = await offerQuery({ railSiding: true }, { filters: { municipality: ['1861'] } });
        expect(facets.kind).toEqual({ 'establishment-offer': 1 });
        expect(facets.municipality).toEqual({ '1861': 1, '1883': 1 });
      });

      it('lists every matching offer in name order for an empty query, and matches words among them', async () => {
        expect(ids((await offerQuery({ type: ['land', 'office', 'industrial-premises'] })).hits)).toEqual(['offer-hallsberg', 'offer-karlskoga', 'offer-kumla', 'offer-lindesberg']);
        expect(ids((await offerQuery({ railSiding: true }, { q: 'kontor' })).hits)).toEqual(['offer-karlskoga']);
      });

      it('hides an offer outside its validity window whatever it offers', async () => {
        await index.apply([upsert(toSearchDocument(anOffer({ id: 'offer-old', version: 1, validUntil: '2026-11-26', offer: { railSiding: true } }), taxonomy))]);
        expect(sortedIds((await offerQuery({ railSiding: true })).hits)).toEqual(['offer-hallsberg', 'offer-karlskoga']);
      });

      it('sorts by area, largest or smallest first, entries without an area last in relevance order', async () => {
        expect(ids((await index.search(aQuery({ sort: 'area-desc' }))).hits)).toEqual(['offer-hallsberg', 'offer-kumla', 'offer-karlskoga', 'almi', 'offer-lindesberg']);
        expect(ids((await index.search(aQuery({ sort: 'area-asc' }))).hits)).toEqual(['offer-karlskoga', 'offer-kumla', 'offer-hallsberg', 'almi', 'offer-lindesberg']);
      });

      it('sorts by distance from near, entries without a position last', async () => {
        const result = await index.search(aQuery({ sort: 'distance', offer: { near: ÖREBRO } }));
        expect(ids(result.hits)).toEqual(['offer-kumla', 'offer-hallsberg', 'offer-lindesberg', 'offer-karlskoga', 'almi']);
        expect(result.hits.map((hit) => hit.distanceKm)).toEqual([16.6, 23.7, 35.6, 39.5, undefined]);
      });

      it('sorts filtered offers by distance and pages through them', async () => {
        const query = (page: number) => aQuery({ sort: 'distance', page, pageSize: 1, offer: { railSiding: true, near: ÖREBRO } });
        expect(ids((await index.search(query(1))).hits)).toEqual(['offer-hallsberg']);
        expect(ids((await index.search(query(2))).hits)).toEqual(['offer-karlskoga']);
      });
    });

    describe('suggestions', () => {
      it('suggests visible entry names from a typed prefix, in the visitor\'s language', async () => {
        await index.apply([
          upsert(aDocument({ id: 'inkubera', name: { sv: 'Inkubera', en: 'Inkubera incubator' } })),
          upsert(aDocument({ id: 'inkubator-old', name: { sv: 'Inkubatorn' }, validUntil: '2020-01-01' })),
          upsert(aDocument({ id: 'almi', name: { sv: 'Almi' } })),
        ]);
        expect(await index.suggest({ prefix: 'inku', language: 'en', limit: 5, today: '2026-11-27' })).toEqual([
          { id: 'inkubera', kind: 'actor', name: 'Inkubera incubator' },
        ]);
      });

      it('suggests nothing for a prefix no name has', async () => {
        await index.apply([upsert(aDocument({ id: 'almi', name: { sv: 'Almi' } }))]);
        expect(await index.suggest({ prefix: 'zz', language: 'sv', limit: 5, today: '2026-11-27' })).toEqual([]);
      });
    });

    describe('validity and pagination', () => {
      it('hides entries outside their validity window on the given day', async () => {
        await index.apply([
          upsert(aDocument({ id: 'expired', validUntil: '2026-11-26' })),
          upsert(aDocument({ id: 'future', validFrom: '2026-11-28' })),
          upsert(aDocument({ id: 'current', validFrom: '2026-11-27', validUntil: '2026-11-27' })),
        ]);
        expect(ids((await index.search(aQuery({ today: '2026-11-27' }))).hits)).toEqual(['current']);
        expect(ids((await index.search(aQuery({ today: '2026-11-28' }))).hits).sort()).toEqual(['future']);
      });

      it('pages through hits without overlap and reports the total', async () => {
        await index.apply(Array.from({ length: 7 }, (_, i) => upsert(aDocument({ id: `page-${i}`, name: { sv: `Post ${i}` } }))));
        const pages = await Promise.all([1, 2, 3].map((page) => index.search(aQuery({ page, pageSize: 3 }))));
        expect(pages.map((p) => p.hits.length)).toEqual([3, 3, 1]);
        expect(new Set(pages.flatMap((p) => ids(p.hits))).size).toBe(7);
        expect(pages.every((p) => p.total === 7)).toBe(true);
      });
    });

    describe('versioned changes', () => {
      it('replaces a document with a newer version', async () => {
        await index.apply([upsert(aDocument({ id: 'ver', version: 1, name: { sv: 'Gammalt namn' } }))]);
        await index.apply([upsert(aDocument({ id: 'ver', version: 2, name: { sv: 'Nytt namn' } }))]);
        expect((await index.search(aQuery({ q: 'gammalt' }))).total).toBe(0);
        expect(ids((await index.search(aQuery({ q: 'nytt' }))).hits)).toEqual(['ver']);
      });

      it('ignores an older version arriving late', async () => {
        await index.apply([upsert(aDocument({ id: 'ver', version: 3, name: { sv: 'Nytt namn' } }))]);
        const [outcome] = await index.apply([upsert(aDocument({ id: 'ver', version: 2, name: { sv: 'Gammalt namn' } }))]);
        expect(outcome?.result).toBe('stale');
        expect(ids((await index.search(aQuery({ q: 'nytt' }))).hits)).toEqual(['ver']);
      });

      it('keeps a deleted entry deleted when an older upsert is redelivered', async () => {
        await index.apply([upsert(aDocument({ id: 'gone', version: 1 })), { type: 'delete', id: aDocument({ id: 'gone' }).id, version: 2 }]);
        await index.apply([upsert(aDocument({ id: 'gone', version: 1 }))]);
        expect(await index.size()).toBe(0);
      });

      it('is idempotent when the same change is applied twice', async () => {
        const document = aDocument({ id: 'twice', version: 4 });
        await index.apply([upsert(document)]);
        await index.apply([upsert(document)]);
        expect((await index.search(aQuery({}))).total).toBe(1);
      });
    });
  });
