/**
 * The offer search's state and links: reading `/establish` parameters (the offer filters and sort
 * through the shared offer-query parser, plus the page's own municipality, words, page and language),
 * writing a state back as a link, and running it. Offers are few, so the page fetches every match
 * (for the map and per-municipality counts) and pages through them itself.
 */
import { MAX_PAGE_SIZE, MAX_QUERY_LENGTH, SearchQuery } from '#shared/domain/search.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Language } from '#shared/domain/text.ts';
import { swedishDate } from '#shared/ports/clock.ts';
import { offerQueryParams, OFFER_PARAMS, readOfferQuery, type OfferQuery, type RawOfferParams } from '#shared/services/offer-query.ts';
import type { ExplainedHit } from '#shared/services/search.ts';
import type { AppDeps } from '../../env.ts';
import { readLang, readPage, type Queries } from '../params.ts';
import { noFilters } from '../urls.ts';

export const OFFER_SEARCH_PATH = '/establish';
export const OFFER_PAGE_SIZE = 20;
/** At most this many matches are fetched for the map and the counts. */
const MAX_FETCH_PAGES = 20;

export type OfferSearchState = {
  lang: Language;
  q: string;
  /** The municipality the offer lies in (not the municipalities an entry serves). */
  municipality?: string | undefined;
  query: OfferQuery;
  page: number;
};

/** A parameter that could not be read, by the name the form gives it. */
export type OfferParamIssue = { name: string };

export const readOfferSearch = (queries: Queries, taxonomy: Taxonomy): { state: OfferSearchState; issues: OfferParamIssue[] } => {
  const { lang, issues: langIssues } = readLang(queries);
  const { page, issues: pageIssues } = readPage(queries);
  const raw: RawOfferParams = Object.fromEntries(OFFER_PARAMS.map((name) => [name, queries[name]]));
  const offer = readOfferQuery(raw, taxonomy, lang);
  const issues: OfferParamIssue[] = [...langIssues, ...pageIssues, ...offer.issues].map((i) => ({ name: i.name }));
  const q = (queries.q?.at(-1) ?? '').trim();
  if (q.length > MAX_QUERY_LENGTH) issues.push({ name: 'q' });
  const municipality = queries.municipality?.at(-1) || undefined;
  if (municipality !== undefined && !taxonomy.municipalities.some((m) => m.code === municipality)) issues.push({ name: 'municipality' });
  return {
    state: {
      lang,
      q: q.slice(0, MAX_QUERY_LENGTH),
      municipality: issues.some((i) => i.name === 'municipality') ? undefined : municipality,
      query: offer.query,
      page,
    },
    issues,
  };
};

/** The link of a state: words, municipality, the offer parameters, page when not 1, `lang` when English. */
export const offerSearchHref = (state: OfferSearchState, fragment?: string): string => {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.municipality) params.set('municipality', state.municipality);
  for (const [name, value] of offerQueryParams(state.query)) params.append(name, value);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.lang === 'en') params.set('lang', 'en');
  const query = params.toString();
  return `${OFFER_SEARCH_PATH}${query ? `?${query}` : ''}${fragment ? `#${fragment}` : ''}`;
};

export type OfferHit = ExplainedHit & { offer: NonNullable<ExplainedHit['offer']> };

/** Every establishment offer matching a state, in the engine's order (the state's page is not applied). */
export const allOffers = async (deps: AppDeps, state: OfferSearchState): Promise<OfferHit[]> => {
  const today = swedishDate(deps.clock.now());
  const hits: OfferHit[] = [];
  for (let page = 1; page <= MAX_FETCH_PAGES; page += 1) {
    const response = await deps.search.search(
      SearchQuery.parse({
        q: state.q,
        filters: { ...noFilters(), kind: ['establishment-offer'] },
        page,
        pageSize: MAX_PAGE_SIZE,
        language: state.lang,
        today,
        offer: state.query.offer,
        sort: state.query.sort,
      }),
    );
    for (const hit of response.hits) {
      if (hit.offer && (state.municipality === undefined || hit.offer.municipality === state.municipality)) hits.push(hit as OfferHit);
    }
    if (page * MAX_PAGE_SIZE >= response.total) break;
  }
  return hits;
};
