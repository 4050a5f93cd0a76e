/** Synonym groups per region, as data: a query for one member also finds the others. */
import { z } from 'zod';
import type { RegionCode } from '#shared/taxonomy/regions.ts';
import orebroLan from './synonyms/orebro-lan.json' with { type: 'json' };

export const SynonymFile = z.strictObject({
  about: z.string().optional(),
  groups: z.array(z.array(z.string().trim().min(1)).min(2)),
});
export type SynonymGroups = readonly (readonly string[])[];

export const loadSynonyms = (region: RegionCode): SynonymGroups => SynonymFile.parse({ 'orebro-lan': orebroLan }[region]).groups;
