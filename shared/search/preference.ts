/**
 * Ranking by fit with a query's preferences (the finder's softer answers): one point per preference
 * an entry meets — a kind, area, stage, support type or profile area it has, or the preferred
 * municipality as its own (a county-wide entry does not count as the municipality's own door).
 */
import type { Preference, SearchDocument } from '#shared/domain/search.ts';

export const PREFERENCE_FACETS = ['kind', 'area', 'stage', 'supportType'] as const;

/** The preferences that are set, or undefined when none is. */
export const activePreferences = (prefer: Preference | undefined): Preference | undefined =>
  prefer !== undefined && Object.values(prefer).some((values) => values !== undefined && values.length > 0) ? prefer : undefined;

/** How many preferences a document meets; undefined when the query prefers nothing. */
export const preferenceFit = (preferences: Preference | undefined): ((doc: Pick<SearchDocument, 'facets' | 'profileAreas' | 'wholeCounty'>) => number) | undefined => {
  const prefer = activePreferences(preferences);
  if (!prefer) return undefined;
  const some = (wanted: readonly string[] | undefined, held: readonly string[]) => wanted !== undefined && wanted.some((v) => held.includes(v));
  return (doc) =>
    PREFERENCE_FACETS.filter((facet) => some(prefer[facet], doc.facets[facet])).length +
    (some(prefer.profileArea, doc.profileAreas ?? []) ? 1 : 0) +
    (!doc.wholeCounty && some(prefer.municipality, doc.facets.municipality) ? 1 : 0);
};
