/** The regions whose taxonomy ships with the code; Örebro län is the default. */
import { z } from 'zod';
import { ENTRY_KINDS, FOCUS_LEVELS, STAGES } from '#shared/domain/entry.ts';
import { Taxonomy } from '#shared/domain/taxonomy.ts';
import orebroLan from './orebro-lan.json' with { type: 'json' };

export const REGION_CODES = ['orebro-lan'] as const;
export const RegionCode = z.enum(REGION_CODES);
export type RegionCode = z.infer<typeof RegionCode>;
export const DEFAULT_REGION: RegionCode = 'orebro-lan';

const sameCodes = (terms: readonly { code: string }[], codes: readonly string[]) =>
  terms.length === codes.length && terms.every((t) => codes.includes(t.code));

/** A taxonomy whose kinds, stages and focus levels label exactly the ones the code knows. */
const RegionTaxonomy = Taxonomy.refine((t) => sameCodes(t.kinds, ENTRY_KINDS), { path: ['kinds'], message: 'must label every entry kind' })
  .refine((t) => sameCodes(t.stages, STAGES), { path: ['stages'], message: 'must label every stage' })
  .refine((t) => sameCodes(t.focus.levels, FOCUS_LEVELS), { path: ['focus', 'levels'], message: 'must label every focus level' });

const sources: Record<RegionCode, unknown> = { 'orebro-lan': orebroLan };

export const loadTaxonomy = (region: RegionCode = DEFAULT_REGION): Taxonomy => RegionTaxonomy.parse(sources[region]);
