/** The demonstration catalogue of each region, built from public sources (../shared/catalogue-facts.md). */
import type { RegionCode } from '#shared/taxonomy/regions.ts';
import orebroLan from './orebro-lan.json' with { type: 'json' };

export const seedRecords = (region: RegionCode): unknown => ({ 'orebro-lan': orebroLan })[region];
