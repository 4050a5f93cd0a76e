/** The guided finder's "what do you need" answers and the search filters each one stands for. */
import type { Facet } from '#shared/domain/taxonomy.ts';

export const NEED_CODES = ['start-develop', 'capital', 'innovation', 'skills', 'premises', 'export', 'network'] as const;
export type NeedCode = (typeof NEED_CODES)[number];

/**
 * One need narrows one facet only: several facets together would be AND'ed by the search and
 * hide support that fits. Codes must exist in the region's taxonomy (checked by the page tests).
 */
export const NEED_FILTERS: Record<NeedCode, { facet: Facet; values: readonly string[] }> = {
  'start-develop': { facet: 'area', values: ['company-development'] },
  capital: { facet: 'supportType', values: ['grant', 'loan', 'equity'] },
  innovation: { facet: 'area', values: ['innovation'] },
  skills: { facet: 'area', values: ['skills-talent'] },
  premises: { facet: 'supportType', values: ['establishment-service', 'premises-land'] },
  export: { facet: 'supportType', values: ['internationalisation'] },
  network: { facet: 'supportType', values: ['networking'] },
};
