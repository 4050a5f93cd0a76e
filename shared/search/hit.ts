/** Builds a search hit from an indexed document, the same for every engine: its facts, score, matched words and snippet. */
import type { EntryId } from '#shared/domain/entry.ts';
import type { SearchDocument, SearchHit } from '#shared/domain/search.ts';
import type { Language } from '#shared/domain/text.ts';
import { tokenize } from './analysis.ts';
import { buildSnippet } from './snippet.ts';

/** The snippet comes from the summary or description (in the visitor's language) that holds a match, else the summary. */
export const buildHit = (
  doc: Pick<SearchDocument, 'id' | 'kind' | 'name' | 'summary' | 'description' | 'providerId' | 'wholeCounty' | 'facets'>,
  language: Language,
  match: { score: number; matchedTerms: SearchHit['matchedTerms']; isMatch: (word: string) => boolean },
): SearchHit => {
  const snippetSource =
    (['summary', 'description'] as const)
      .map((field) => doc[field][language] ?? doc[field].sv)
      .find((text) => tokenize(text).some((t) => match.isMatch(t.text))) ?? (doc.summary[language] ?? doc.summary.sv);
  return {
    id: doc.id as EntryId,
    kind: doc.kind,
    name: doc.name,
    summary: doc.summary,
    ...(doc.providerId ? { providerId: doc.providerId } : {}),
    wholeCounty: doc.wholeCounty,
    facets: doc.facets,
    score: match.score,
    matchedTerms: match.matchedTerms,
    snippet: buildSnippet(snippetSource, match.isMatch),
  };
};
