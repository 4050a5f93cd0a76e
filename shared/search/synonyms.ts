/** Synonyms per region, as data: groups that mean the same, and broad words with their narrower ones. */
import { z } from 'zod';
import type { RegionCode } from '#shared/taxonomy/regions.ts';
import orebroLan from './synonyms/orebro-lan.json' with { type: 'json' };

const Phrase = z.string().trim().min(1);

export const Synonyms = z.strictObject({
  about: z.string().optional(),
  /** Words and phrases that mean the same. */
  groups: z.array(z.array(Phrase).min(2)).default([]),
  /** A broad word and the narrower ones a query for it also finds (one way). */
  narrower: z.record(Phrase, z.array(Phrase).min(1)).default({}),
});
export type Synonyms = z.infer<typeof Synonyms>;

export const NO_SYNONYMS: Synonyms = { groups: [], narrower: {} };

export const loadSynonyms = (region: RegionCode): Synonyms => Synonyms.parse({ 'orebro-lan': orebroLan }[region]);
