/** The contract of GET /v1/search, its filter values drawn from the region's taxonomy. */
import { createRoute, z } from '@hono/zod-openapi';
import { ENTRY_KINDS, FOCUS_LEVELS, OFFER_AVAILABILITIES, OFFER_TYPES, STAGES } from '#shared/domain/entry.ts';
import { MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, MAX_RADIUS_KM, SEARCH_SORTS, SearchHit } from '#shared/domain/search.ts';
import { FACETS, type Taxonomy } from '#shared/domain/taxonomy.ts';
import { Label, Language } from '#shared/domain/text.ts';
import { MEANING_DIMENSIONS } from '#shared/search/understanding.ts';
import { problemResponse } from '../../problem.ts';

const codes = (values: readonly string[]) => values as [string, ...string[]];

/** A filter given once (`area=x`) or repeated (`area=x&area=y`). */
const filterParam = (values: readonly string[], description: string) =>
  z
    .union([z.enum(codes(values)), z.array(z.enum(codes(values))).max(values.length)], {
      error: (issue) => {
        const given = [issue.input].flat().map(String);
        const unknown = given.filter((value) => !values.includes(value));
        return unknown.length > 0
          ? `unknown value ${unknown.map((v) => `"${v}"`).join(', ')}; expected one of ${values.join(', ')}`
          : `at most ${values.length} values`;
      },
    })
    .optional()
    .openapi({ description, param: { style: 'form', explode: true } });

export const searchQueryParams = (taxonomy: Taxonomy) =>
  z.strictObject({
    q: z.string().max(MAX_QUERY_LENGTH).optional().openapi({ description: 'Words to search for, in Swedish or English.', example: 'finansiering' }),
    kind: filterParam(ENTRY_KINDS, 'Entry kinds to include.'),
    area: filterParam(taxonomy.areas.map((a) => a.code), 'Strategic areas.'),
    stage: filterParam(STAGES, 'Company stages.'),
    municipality: filterParam(taxonomy.municipalities.map((m) => m.code), 'Official municipality codes; county-wide entries match every municipality.'),
    supportType: filterParam(taxonomy.supportTypes.map((s) => s.code), 'Support types.'),
    focus: filterParam(FOCUS_LEVELS, 'Breadth or spearhead.'),
    page: z.coerce.number().int().min(1).max(MAX_PAGE).optional().openapi({ description: 'Page number, from 1.' }),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional().openapi({ description: `Hits per page, 1–${MAX_PAGE_SIZE}.` }),
    lang: Language.optional().openapi({ description: 'Language of ordering and snippets; sv by default.' }),
    interpret: z.enum(['true', 'false']).optional().openapi({
      description:
        'Read filter words in `q` ("Karlskoga", "tillväxtfas", "testbäddar") as filters when that finds entries holding the remaining words (default `true`); `false` searches the words as typed. Filler words and sizes ("vill", "40 anställda") are never searched either way. `reading` reports what was read.',
    }),
    offerType: filterParam(OFFER_TYPES, 'Establishment offers of these types; any offer filter keeps only establishment offers.'),
    availability: filterParam(OFFER_AVAILABILITIES, 'Establishment offers with this availability.'),
    minArea: z.coerce.number().min(0).optional().openapi({ description: 'Offers whose area (the larger of land and floor area) is at least this many m².', example: 10000 }),
    maxArea: z.coerce.number().min(0).optional().openapi({ description: 'Offers whose area (the larger of land and floor area) is at most this many m².' }),
    minPower: z.coerce.number().min(0).optional().openapi({ description: 'Offers with at least this much electrical power capacity, in MW.', example: 5 }),
    railSiding: z.enum(['true', 'false']).optional().openapi({ description: '`true` keeps offers that state a rail siding; `false` keeps offers that state there is none; absent does not filter. An offer that does not state it passes neither, and a hit\'s `offer.railSiding` is then absent.' }),
    near: z
      .string()
      .regex(/^\s*[+-]?\d+(\.\d+)?\s*,\s*[+-]?\d+(\.\d+)?\s*$/, { error: 'expected lat,lon in decimal degrees, e.g. 59.27,15.21' })
      .optional()
      .openapi({ description: 'A position as `lat,lon` (WGS84 decimal degrees) to measure offers\' distances from.', example: '59.27,15.21' }),
    nearMunicipality: z
      .enum(codes(taxonomy.municipalities.map((m) => m.code)))
      .optional()
      .openapi({ description: "A municipality code whose central town to measure offers' distances from, instead of `near`.", example: '1880' }),
    radius: z.coerce.number().positive().max(MAX_RADIUS_KM).optional().openapi({
      description: `Offers within this great-circle distance in km (at most ${MAX_RADIUS_KM}) of \`near\` or \`nearMunicipality\`, which it needs.`,
      example: 30,
    }),
    sort: z.enum(SEARCH_SORTS).optional().openapi({
      description: 'Order of hits: relevance (default), area-desc or area-asc by offer area (offers without one last), distance from `near` or `nearMunicipality` (which it needs).',
    }),
  });

const Meaning = z.object(Object.fromEntries(MEANING_DIMENSIONS.map((d) => [d, z.array(z.string()).optional()])) as Record<(typeof MEANING_DIMENSIONS)[number], z.ZodOptional<z.ZodArray<z.ZodString>>>);

const SearchReading = z
  .object({
    q: z.string().openapi({ description: 'The words searched for, once filter words were read as filters' }),
    filters: z.array(z.object({ words: z.string(), facet: z.enum(FACETS), value: z.string() })).openapi({ description: 'Words read as filters; already in the filters applied. Repeat the search with interpret=false to undo.' }),
    needs: z.array(z.object({ words: z.string(), means: Meaning })).openapi({ description: 'Need words and what they mean; entries that serve a need match it and rank up' }),
    ignored: z.array(z.string()).openapi({ description: 'Words not searched: filler (question words, pronouns, modal and light verbs) and sizes ("40 anställda")' }),
  })
  .openapi('SearchReading');

const FacetValue = z.object({ value: z.string(), label: Label, count: z.number().int(), selected: z.boolean() });

export const SearchResponse = z
  .object({
    total: z.number().int(),
    relaxed: z.boolean().openapi({ description: 'True when no entry matched every word and the hits match only some of them' }),
    reading: SearchReading.optional().openapi({ description: 'How `q` was read; present when it has words' }),
    page: z.number().int(),
    pageSize: z.number().int(),
    pageCount: z.number().int(),
    hits: z.array(
      SearchHit.extend({
        matchedFilters: z.array(z.object({ facet: z.enum(FACETS), values: z.array(z.string()) })),
      }),
    ),
    facets: z.object(Object.fromEntries(FACETS.map((f) => [f, z.array(FacetValue)])) as Record<(typeof FACETS)[number], z.ZodArray<typeof FacetValue>>),
  })
  .openapi('SearchResponse');

export const searchRoute = (taxonomy: Taxonomy) =>
  createRoute({
    method: 'get',
    path: '/v1/search',
    summary: 'Search the catalogue',
    description:
      'Full-text search over published, currently valid entries with filters and disjunctive facet counts. Offer filters (offerType, availability, minArea, maxArea, minPower, railSiding, radius) keep only establishment offers that state and satisfy each fact; they narrow every facet count. With near or nearMunicipality, offer hits carry distanceKm. An offer fact a hit leaves out is not stated, never no.',
    request: { query: searchQueryParams(taxonomy) },
    responses: {
      200: { content: { 'application/json': { schema: SearchResponse } }, description: 'A page of hits with facet counts' },
      400: problemResponse('A parameter is invalid; `errors` names it'),
      500: problemResponse('An unexpected error'),
    },
  });
