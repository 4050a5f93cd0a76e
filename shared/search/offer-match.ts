/** Which indexed documents pass a query's offer filters, and how far an offer lies from the query's point: the same for every engine. */
import { distanceKm } from '#shared/domain/geo.ts';
import type { OfferDocument, OfferFilters } from '#shared/domain/search.ts';

/** True when the offer satisfies every offer filter; a fact the offer does not state fails a filter on it. */
export const passesOfferFilters = (offer: OfferDocument | undefined, filters: OfferFilters): boolean => {
  if (!offer) return false;
  if (filters.type.length > 0 && !filters.type.includes(offer.type)) return false;
  if (filters.availability.length > 0 && (offer.availability === undefined || !filters.availability.includes(offer.availability))) return false;
  if (filters.minAreaM2 !== undefined && (offer.areaM2 === undefined || offer.areaM2 < filters.minAreaM2)) return false;
  if (filters.maxAreaM2 !== undefined && (offer.areaM2 === undefined || offer.areaM2 > filters.maxAreaM2)) return false;
  if (filters.minPowerMW !== undefined && (offer.powerMW === undefined || offer.powerMW < filters.minPowerMW)) return false;
  if (filters.railSiding !== undefined && offer.railSiding !== filters.railSiding) return false;
  if (filters.radiusKm !== undefined && filters.near !== undefined && distanceKm(filters.near, offer.position) > filters.radiusKm) return false;
  return true;
};
