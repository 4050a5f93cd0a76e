/**
 * How a region publishes its catalogue as open data: the licence every export states (CC0 1.0 for
 * the catalogue's facts unless the region's file says otherwise), the publisher and the dataset's
 * description for DCAT-AP-SE. One data file per region, as the taxonomy.
 */
import { z } from 'zod';
import { HttpsUrl, Label } from '#shared/domain/text.ts';
import type { RegionCode } from '#shared/taxonomy/regions.ts';
import orebroLan from './orebro-lan.json' with { type: 'json' };

export const DEFAULT_LICENCE = {
  id: 'CC0-1.0',
  name: 'Creative Commons Zero v1.0 Universal',
  url: 'https://creativecommons.org/publicdomain/zero/1.0/',
} as const;

export const Licence = z.strictObject({
  /** An SPDX licence identifier. */
  id: z.string().min(1).max(60),
  name: z.string().min(1).max(200),
  url: HttpsUrl,
  appliesTo: Label.optional(),
});
export type Licence = z.infer<typeof Licence>;

export const Publication = z.strictObject({
  licence: Licence.default(DEFAULT_LICENCE),
  publisher: z.strictObject({ name: Label, homepage: HttpsUrl, type: z.url().optional() }),
  dataset: z.strictObject({
    title: Label,
    description: z.strictObject({ sv: z.string().min(1).max(2000), en: z.string().min(1).max(2000) }),
    keywords: z.strictObject({ sv: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
    theme: z.url(),
    spatial: z.url().optional(),
    accrualPeriodicity: z.url().optional(),
  }),
});
export type Publication = z.infer<typeof Publication>;

const sources: Record<RegionCode, unknown> = { 'orebro-lan': orebroLan };

export const loadPublication = (region: RegionCode): Publication => Publication.parse(sources[region]);
