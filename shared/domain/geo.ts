/** Great-circle geometry on WGS84 positions, measured as OpenSearch's `arc` distance does (haversine, mean Earth radius). */
import type { GeoPoint } from './entry.ts';

/** OpenSearch's mean Earth radius (GeoUtils.EARTH_MEAN_RADIUS), in metres. */
export const EARTH_MEAN_RADIUS_M = 6371008.7714;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** The haversine great-circle distance between two positions, in km. */
export const distanceKm = (a: GeoPoint, b: GeoPoint): number => {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return (2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))) / 1000;
};

/** A distance in km as a hit shows it: to the nearest 0.1 km. */
export const roundKm = (km: number): number => Math.round(km * 10) / 10;
