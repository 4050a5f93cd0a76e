/** The taxonomy schema: a region's strategic areas, stages, kinds, support types, focus and municipalities. */
import { z } from 'zod';
import { Code, HttpsUrl, Label } from './text.ts';

const Term = z.strictObject({ code: Code, label: Label, description: Label.optional() });
export type Term = z.infer<typeof Term>;

export const Municipality = z.strictObject({
  code: z.string().regex(/^\d{4}$/),
  name: z.string().min(1),
  centralTown: z.string().min(1),
  position: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
});
export type Municipality = z.infer<typeof Municipality>;

export const Taxonomy = z.strictObject({
  region: z.strictObject({
    code: Code,
    countyCode: z.string().regex(/^\d{2}$/),
    name: Label,
    /** The catalogue id of the region's investment-promotion actor: whom an establishment enquiry goes to. */
    investmentPromotion: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,78}[a-z0-9])$/).optional(),
  }),
  areas: z.array(Term).min(1),
  stages: z.array(Term).min(1),
  kinds: z.array(Term).min(1),
  supportTypes: z.array(Term).min(1),
  focus: z.strictObject({
    levels: z.array(Term).min(1),
    profileAreas: z.array(Term),
    source: HttpsUrl.optional(),
  }),
  municipalities: z.array(Municipality).min(1),
});
export type Taxonomy = z.infer<typeof Taxonomy>;

/** The facet dimensions of a search and the taxonomy list each one draws its codes from. */
export const FACETS = ['kind', 'area', 'stage', 'municipality', 'supportType', 'focus'] as const;
export type Facet = (typeof FACETS)[number];

/** The municipalities as facet terms, made once per taxonomy (pages label them for every hit). */
const municipalityTerms = new WeakMap<Taxonomy, readonly { code: string; label: Label }[]>();

export const facetTerms = (taxonomy: Taxonomy, facet: Facet): readonly { code: string; label: Label }[] => {
  switch (facet) {
    case 'kind': return taxonomy.kinds;
    case 'area': return taxonomy.areas;
    case 'stage': return taxonomy.stages;
    case 'supportType': return taxonomy.supportTypes;
    case 'focus': return taxonomy.focus.levels;
    case 'municipality': {
      let terms = municipalityTerms.get(taxonomy);
      if (terms === undefined) municipalityTerms.set(taxonomy, (terms = taxonomy.municipalities.map((m) => ({ code: m.code, label: { sv: m.name, en: m.name } }))));
      return terms;
    }
  }
};

/** Fields of an entry whose codes are not in the taxonomy, named by path. */
export const taxonomyIssues = (
  entry: {
    areas: readonly string[];
    supportTypes: readonly string[];
    focus: { profileAreas: readonly string[] };
    municipalities: 'county' | readonly string[];
    establishmentOffer?: { location: { municipality: string } } | undefined;
  },
  taxonomy: Taxonomy,
): { name: string; reason: string }[] => {
  const known = (terms: readonly { code: string }[]) => new Set(terms.map((t) => t.code));
  const check = (name: string, values: readonly string[], terms: readonly { code: string }[]) => {
    const codes = known(terms);
    return values
      .map((value, index) => ({ value, index }))
      .filter(({ value }) => !codes.has(value))
      .map(({ value, index }) => ({ name: `${name}.${index}`, reason: `unknown code "${value}"` }));
  };
  return [
    ...check('areas', entry.areas, taxonomy.areas),
    ...check('supportTypes', entry.supportTypes, taxonomy.supportTypes),
    ...check('focus.profileAreas', entry.focus.profileAreas, taxonomy.focus.profileAreas),
    ...(entry.municipalities === 'county' ? [] : check('municipalities', entry.municipalities, taxonomy.municipalities)),
    ...(entry.establishmentOffer
      ? check('establishmentOffer.location.municipality', [entry.establishmentOffer.location.municipality], taxonomy.municipalities)
      : []),
  ];
};
