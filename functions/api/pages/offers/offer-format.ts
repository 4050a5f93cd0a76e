/** How the offer pages write figures: areas, power, distances and prices in the page language's number format. */
import { formatNumber, perLocale } from '../format.ts';
import type { Messages } from '../messages/index.ts';

/** Square metres, unit kept on the line: sv "50 000 m²", en "50,000 m²". */
export const m2 = (value: number, t: Messages): string => `${formatNumber(value, t)}\u00a0m²`;

const oneDecimal = perLocale((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }));
const sixDecimals = perLocale((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }));

/** Megawatts with at most one decimal: sv "2,5 MW", en "2.5 MW". */
export const mw = (value: number, t: Messages): string => `${oneDecimal(t).format(value)}\u00a0MW`;

/** Kilometres with at most one decimal, without the unit. */
export const km = (value: number, t: Messages): string => oneDecimal(t).format(value);

/** Decimal degrees as given, in the page's decimal separator. */
export const degrees = (value: number, t: Messages): string => sixDecimals(t).format(value);

/** A three-valued yes/no fact in words: yes, no, or not stated (never "no" for a fact the offer leaves out). */
export const yesNo = (value: boolean | undefined, t: Messages): string =>
  value === undefined ? t.offers.notStated : value ? t.offers.yes : t.offers.no;

export type DistanceFrom = { town: string; municipality: string } | undefined;

/**
 * An offer's distance in words. An exact position is measured to 0.1 km. An offer without one is placed
 * at its municipality's central town, so its distance is "about" a whole number of km, with that reason;
 * measured from that very town it is only "in the municipality", never 0 km; a county-wide offer has none.
 */
export const offerDistance = (
  hit: { distanceKm: number; wholeCounty: boolean; offer: { municipality: string; positionApproximate: boolean } },
  t: Messages,
  municipalityName: (code: string) => string,
  from: DistanceFrom,
): string => {
  if (!hit.offer.positionApproximate) return from ? t.offers.distanceFrom(km(hit.distanceKm, t), from.town) : t.offers.distanceKm(km(hit.distanceKm, t));
  if (hit.wholeCounty) return t.offers.distanceWholeCounty;
  if (from && from.municipality === hit.offer.municipality) return t.offers.distanceInMunicipality(municipalityName(hit.offer.municipality));
  return t.offers.distanceAbout(formatNumber(Math.round(hit.distanceKm), t), from?.town);
};
