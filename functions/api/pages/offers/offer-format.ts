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
