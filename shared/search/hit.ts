/** Builds a search hit from an indexed document, the same for every engine: its facts, offer, distance, score, matched words and snippet. */
import type { EntryId, GeoPoint } from '#shared/domain/entry.ts';
import { distanceKm, roundKm } from '#shared/domain/geo.ts';
import type { SearchDocument, SearchHit } from '#shared/domain/search.ts';
import type { Language } from '#shared/domain/text.ts';
import { findToken } from './analysis.ts';
import { buildSnippet } from './snippet.ts';

/**
 * The snippet comes from the summary or description (in the visitor's language) that holds a match, else the summary.
 * `isMatch` is asked once per word read, so an engine remembers its answers if they cost.
 * An offer's distance from `near` is measured from its indexed position, so both engines give the same figure.
 */
export const buildHit = (
  doc: Pick<SearchDocument, 'id' | 'kind' | 'name' | 'summary' | 'description' | 'providerId' | 'wholeCounty' | 'facets'> & Partial<Pick<SearchDocument, 'offer' | 'profileAreas'>>,
  language: Language,
  match: { score: number; matchedTerms: SearchHit['matchedTerms']; isMatch: (word: string) => boolean },
  near?: GeoPoint,
): SearchHit => {
  const { isMatch } = match;
  const summary = doc.summary[language] ?? doc.summary.sv;
  const description = doc.description[language] ?? doc.description.sv;
  const inSummary = findToken(summary, isMatch);
  const inDescription = inSummary ? undefined : findToken(description, isMatch);
  const snippet = inDescription ? buildSnippet(description, isMatch, inDescription) : buildSnippet(summary, isMatch, inSummary);
  return {
    id: doc.id as EntryId,
    kind: doc.kind,
    name: doc.name,
    summary: doc.summary,
    ...(doc.providerId ? { providerId: doc.providerId } : {}),
    wholeCounty: doc.wholeCounty,
    facets: doc.facets,
    ...(doc.profileAreas && doc.profileAreas.length > 0 ? { profileAreas: doc.profileAreas } : {}),
    score: match.score,
    matchedTerms: match.matchedTerms,
    snippet,
    ...(doc.offer ? { offer: doc.offer } : {}),
    ...(doc.offer && near ? { distanceKm: roundKm(distanceKm(near, doc.offer.position)) } : {}),
  };
};
