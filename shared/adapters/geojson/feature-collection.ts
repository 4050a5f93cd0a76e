/**
 * GeoJSON (RFC 7946) in: a FeatureCollection of Point features read as source rows, the feature's
 * properties as columns and its point as a WGS84 position. Features are named `feature 1`, `feature 2`,
 * … in file order; one that is not a Point, or whose coordinates are not longitude/latitude, is an issue.
 */
import { z } from 'zod';
import type { RecordIssue } from '#shared/services/catalogue-transfer.ts';
import type { SourceRow, SourceTable } from '#shared/services/offer-import.ts';

const Collection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

const Position = z.tuple([z.number(), z.number()]).rest(z.number());

export const PointFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.union([z.object({ type: z.literal('Point'), coordinates: Position }), z.null()]),
  properties: z.record(z.string(), z.unknown()).nullable(),
});

const geometryType = (feature: unknown): string | undefined => {
  const geometry = (feature as { geometry?: { type?: unknown } } | null)?.geometry;
  return typeof geometry?.type === 'string' ? geometry.type : undefined;
};

/** Reads a GeoJSON text into rows; the columns are every property name in order of first appearance. */
export const readGeoJsonRows = (text: string): SourceTable => {
  let body: unknown;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { columns: [], rows: [], issues: [{ at: 'file', field: '(file)', reason: `not valid JSON: ${(error as Error).message}` }] };
  }
  const collection = Collection.safeParse(body);
  if (!collection.success) {
    return { columns: [], rows: [], issues: [{ at: 'file', field: '(file)', reason: 'expected a GeoJSON FeatureCollection with a "features" array' }] };
  }
  const columns = new Set<string>();
  const rows: SourceRow[] = [];
  const issues: RecordIssue[] = [];
  collection.data.features.forEach((raw, index) => {
    const at = `feature ${index + 1}`;
    const type = geometryType(raw);
    if (type !== undefined && type !== 'Point') {
      issues.push({ at, field: 'geometry', reason: `expected a Point, not a ${type}` });
      return;
    }
    const feature = PointFeature.safeParse(raw);
    if (!feature.success) {
      for (const issue of feature.error.issues) issues.push({ at, field: issue.path.map(String).join('.') || '(feature)', reason: issue.message });
      return;
    }
    const properties = feature.data.properties ?? {};
    for (const name of Object.keys(properties)) columns.add(name);
    const coordinates = feature.data.geometry?.coordinates;
    if (coordinates) {
      const [lon, lat] = coordinates;
      if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
        issues.push({ at, field: 'geometry.coordinates', reason: `[${lon}, ${lat}] is not WGS84 longitude, latitude (GeoJSON is WGS84; convert SWEREF 99 TM or other projections first)` });
        return;
      }
      rows.push({ at, cells: properties, point: { lat, lon } });
    } else rows.push({ at, cells: properties });
  });
  return { columns: [...columns], rows, issues };
};
