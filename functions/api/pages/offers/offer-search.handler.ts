/**
 * GET /establish: reads the offer filters, fetches every matching offer, and when none match works out
 * which single filter to loosen (each with the number of offers it would give, most first).
 */
import type { Context } from 'hono';
import type { OfferFilters } from '#shared/domain/search.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import { formatNumber, listFormat } from '../format.ts';
import { messagesFor, type Messages } from '../messages/index.ts';
import { km } from './offer-format.ts';
import { allOffers, offerSearchHref, readOfferSearch, type OfferSearchState } from './offer-search.ts';
import { investmentPromotion } from './offer-contact.tsx';
import { renderOfferSearch, type Loosening, type OfferSearchModel } from './offer-search.view.tsx';

const without = (state: OfferSearchState, change: (offer: OfferFilters) => OfferFilters): OfferSearchState => ({
  ...state,
  page: 1,
  query: { ...state.query, offer: change({ ...state.query.offer }) },
});

const omit = <K extends keyof OfferFilters>(offer: OfferFilters, ...keys: K[]): OfferFilters => {
  const copy = { ...offer };
  for (const key of keys) delete copy[key];
  return copy;
};

/** Each single filter of a state, labelled, with the state it leaves when removed. */
export const filtersOf = (state: OfferSearchState, t: Messages, taxonomy: Taxonomy): { label: string; state: OfferSearchState }[] => {
  const { offer } = state.query;
  const labels = t.offers.filterLabels;
  const town = state.query.nearMunicipality ? taxonomy.municipalities.find((m) => m.code === state.query.nearMunicipality)?.centralTown : undefined;
  const area =
    offer.minAreaM2 !== undefined && offer.maxAreaM2 !== undefined
      ? t.offers.between(formatNumber(offer.minAreaM2, t), formatNumber(offer.maxAreaM2, t))
      : offer.minAreaM2 !== undefined
        ? t.offers.atLeast(formatNumber(offer.minAreaM2, t))
        : offer.maxAreaM2 !== undefined
          ? t.offers.atMost(formatNumber(offer.maxAreaM2, t))
          : undefined;
  const municipality = state.municipality ? taxonomy.municipalities.find((m) => m.code === state.municipality)?.name : undefined;
  return [
    ...(offer.type.length > 0 ? [{ label: labels.type(listFormat(offer.type.map((v) => t.offers.typeValues[v]), t)), state: without(state, (o) => ({ ...o, type: [] })) }] : []),
    ...(offer.availability.length > 0
      ? [{ label: labels.availability(listFormat(offer.availability.map((v) => t.offers.availabilityValues[v]), t)), state: without(state, (o) => ({ ...o, availability: [] })) }]
      : []),
    ...(area ? [{ label: labels.area(area), state: without(state, (o) => omit(o, 'minAreaM2', 'maxAreaM2')) }] : []),
    ...(offer.minPowerMW !== undefined ? [{ label: labels.power(km(offer.minPowerMW, t)), state: without(state, (o) => omit(o, 'minPowerMW')) }] : []),
    ...(offer.railSiding !== undefined
      ? [{ label: offer.railSiding ? labels.railSiding : labels.railSidingWithout, state: without(state, (o) => omit(o, 'railSiding')) }]
      : []),
    ...(offer.radiusKm !== undefined ? [{ label: labels.radius(km(offer.radiusKm, t), town ?? '…'), state: without(state, (o) => omit(o, 'radiusKm')) }] : []),
    ...(municipality ? [{ label: labels.municipality(municipality), state: { ...state, page: 1, municipality: undefined } }] : []),
    ...(state.q ? [{ label: labels.words(state.q), state: { ...state, page: 1, q: '' } }] : []),
  ];
};

export const offerSearchHandler = (deps: AppDeps) => async (c: Context<AppEnv>) => {
  const { state, issues } = readOfferSearch(c.req.queries(), deps.taxonomy);
  const t = messagesFor(state.lang);
  const hits = await allOffers(deps, state);
  let loosenings: Loosening[] | undefined;
  let enquiry: OfferSearchModel['enquiry'];
  if (hits.length === 0) {
    const labels = filtersOf(state, t, deps.taxonomy).map((f) => f.label);
    enquiry = { promotion: await investmentPromotion(deps), criteria: labels.length > 0 ? listFormat(labels, t) : t.offers.enquiry.anything };
    const counted = await Promise.all(
      filtersOf(state, t, deps.taxonomy).map(async (f) => ({
        label: t.offers.dropFilter(f.label),
        href: offerSearchHref(f.state, 'results'),
        count: (await allOffers(deps, f.state)).length,
      })),
    );
    loosenings = counted.filter((l) => l.count > 0).sort((a, b) => b.count - a.count);
  }
  return renderOfferSearch(c, { t, taxonomy: deps.taxonomy, state, hits, issues, loosenings, enquiry });
};
