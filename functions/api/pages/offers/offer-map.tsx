/**
 * The offer search's overview map: a server-rendered inline SVG of Örebro län (equirectangular, x
 * scaled by cos(latitude)) with a schematic outline around the twelve central towns, each town a link
 * labelled with its count of matching offers, a marker per offer with an exact position linking to it
 * (a diamond), one dashed ring per town with the count of offers placed there without an exact position
 * (linking to that municipality's results: shape and number, not colour), and the chosen radius as a
 * circle around its town. Beside it, the same counts as a table. No tiles, no external assets.
 */
import type { GeoPoint } from '#shared/domain/entry.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { localize } from '#shared/domain/text.ts';
import type { Messages } from '../messages/index.ts';
import { entryHref } from '../urls.ts';
import { offerSearchHref, type OfferHit, type OfferSearchState } from './offer-search.ts';

const WIDTH = 440;
const PAD = 40;
const LABEL_SPACE = 120;
/** Offers farther than this (in degrees) outside the county's towns are left off the map, not the list. */
const MARGIN_DEG = 0.3;

type XY = { x: number; y: number };

/** Projects positions to the SVG: the towns (and any offers near them) fill the width left of the labels. */
export const projection = (towns: readonly GeoPoint[]) => {
  const lat0 = towns.reduce((sum, p) => sum + p.lat, 0) / towns.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = towns.map((p) => p.lon * k);
  const ys = towns.map((p) => -p.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = (WIDTH - 2 * PAD - LABEL_SPACE) / (maxX - minX);
  const height = Math.round((maxY - minY) * scale + 2 * PAD);
  const inside = (p: GeoPoint) =>
    p.lat >= -maxY - MARGIN_DEG && p.lat <= -minY + MARGIN_DEG && p.lon * k >= minX - MARGIN_DEG && p.lon * k <= maxX + MARGIN_DEG;
  const project = (p: GeoPoint): XY => ({ x: PAD + (p.lon * k - minX) * scale, y: PAD + (-p.lat - minY) * scale });
  /** A great-circle distance as map units: one degree of latitude is 111.195 km on OpenSearch's mean Earth radius. */
  const kmToUnits = (km: number) => (km / 111.195) * scale;
  return { width: WIDTH, height, project, inside, kmToUnits };
};

const round = (n: number) => Math.round(n * 10) / 10;

/** A schematic outline: the towns' convex hull pushed outward from its centre. */
const outline = (points: readonly XY[], push: number): string => {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  const cross = (o: XY, a: XY, b: XY) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const half = (list: XY[]) => {
    const hull: XY[] = [];
    for (const p of list) {
      while (hull.length >= 2 && cross(hull[hull.length - 2]!, hull[hull.length - 1]!, p) <= 0) hull.pop();
      hull.push(p);
    }
    hull.pop();
    return hull;
  };
  const hull = [...half(sorted), ...half([...sorted].reverse())];
  const cx = hull.reduce((s, p) => s + p.x, 0) / hull.length;
  const cy = hull.reduce((s, p) => s + p.y, 0) / hull.length;
  const pushed = hull.map((p) => {
    const d = Math.hypot(p.x - cx, p.y - cy) || 1;
    return { x: round(p.x + ((p.x - cx) / d) * push), y: round(p.y + ((p.y - cy) / d) * push) };
  });
  return `M${pushed.map((p) => `${p.x} ${p.y}`).join(' L')} Z`;
};

const diamond = (at: XY, r: number) => `M${round(at.x)} ${round(at.y - r)} L${round(at.x + r)} ${round(at.y)} L${round(at.x)} ${round(at.y + r)} L${round(at.x - r)} ${round(at.y)} Z`;

/** Matching offers per municipality code. */
export const countsByMunicipality = (hits: readonly OfferHit[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const hit of hits) counts.set(hit.offer.municipality, (counts.get(hit.offer.municipality) ?? 0) + 1);
  return counts;
};

export type OfferMapModel = { t: Messages; taxonomy: Taxonomy; state: OfferSearchState; hits: readonly OfferHit[] };

const place = (hit: OfferHit, taxonomy: Taxonomy) =>
  `${hit.offer.placeName}, ${taxonomy.municipalities.find((m) => m.code === hit.offer.municipality)?.name ?? hit.offer.municipality}`;

export const OfferMap = (props: OfferMapModel) => {
  const { t, taxonomy, state, hits } = props;
  const towns = taxonomy.municipalities;
  const map = projection(towns.map((m) => m.position));
  const counts = countsByMunicipality(hits);
  const townXY = new Map(towns.map((m) => [m.code, map.project(m.position)]));
  const markers = hits
    .filter((hit) => !hit.offer.positionApproximate && map.inside(hit.offer.position))
    .map((hit) => ({ hit, at: map.project(hit.offer.position) }));
  const approximateCounts = new Map<string, number>();
  for (const hit of hits) if (hit.offer.positionApproximate) approximateCounts.set(hit.offer.municipality, (approximateCounts.get(hit.offer.municipality) ?? 0) + 1);
  const clusters = towns
    .filter((m) => approximateCounts.has(m.code))
    .map((m) => {
      const town = townXY.get(m.code)!;
      return { municipality: m, count: approximateCounts.get(m.code)!, at: { x: town.x - 16, y: town.y - 14 } };
    });
  const { near, radiusKm } = state.query.offer;
  const nearTown = state.query.nearMunicipality ? towns.find((m) => m.code === state.query.nearMunicipality) : undefined;
  const radius = near && radiusKm !== undefined ? { at: map.project(near), r: map.kmToUnits(radiusKm), label: t.offers.legendRadius(String(radiusKm), nearTown?.centralTown ?? `${near.lat}, ${near.lon}`) } : undefined;
  const sortedTowns = [...towns].sort((a, b) => a.name.localeCompare(b.name, t.locale));
  return (
    <section class="offer-map-section" aria-labelledby="map-heading">
      <h2 id="map-heading">{t.offers.mapHeading}</h2>
      <div class="offer-map-layout">
        <figure class="offer-map">
          <svg
            xmlns="http://www.w3.org/2000/svg"
            viewBox={`0 0 ${map.width} ${map.height}`}
            width={map.width}
            height={map.height}
            role="group"
            aria-labelledby="offer-map-title"
            aria-describedby="offer-map-desc"
            data-markers={String(markers.length + clusters.length)}
          >
            <title id="offer-map-title">{t.offers.mapTitle(hits.length)}</title>
            <desc id="offer-map-desc">{t.offers.mapDesc}</desc>
            <path class="county" d={outline([...townXY.values()], 26)} aria-hidden="true" />
            {radius && <circle class="radius" cx={round(radius.at.x)} cy={round(radius.at.y)} r={round(radius.r)} aria-hidden="true" data-radius-km={String(radiusKm)} />}
            {towns.map((m) => {
              const at = townXY.get(m.code)!;
              const count = counts.get(m.code) ?? 0;
              return (
                <a
                  class={`map-town${count > 0 ? ' has-offers' : ''}`}
                  href={offerSearchHref({ ...state, municipality: m.code, page: 1 }, 'results')}
                  aria-label={t.offers.mapTownLink(m.centralTown, m.name, count)}
                >
                  <circle cx={round(at.x)} cy={round(at.y)} r="4" />
                  <text x={round(at.x + 9)} y={round(at.y + 4.5)} aria-hidden="true">{`${m.centralTown} (${count})`}</text>
                </a>
              );
            })}
            {markers.map(({ hit, at }) => (
              <a class="map-offer exact" href={entryHref(hit.id, t.lang)} aria-label={t.offers.mapOfferLink(localize(hit.name, t.lang), place(hit, taxonomy), false)} data-offer={hit.id}>
                <path d={diamond(at, 7)} />
              </a>
            ))}
            {clusters.map(({ municipality, count, at }) => (
              <a
                class="map-offer approximate"
                href={offerSearchHref({ ...state, municipality: municipality.code, page: 1 }, 'results')}
                aria-label={t.offers.mapClusterLink(count, municipality.name)}
                data-cluster={municipality.code}
                data-count={String(count)}
              >
                <circle cx={round(at.x)} cy={round(at.y)} r="10" />
                <text x={round(at.x)} y={round(at.y + 4.5)} text-anchor="middle" aria-hidden="true">
                  {String(count)}
                </text>
              </a>
            ))}
          </svg>
          <figcaption>
            <ul class="map-legend">
              {[
                { kind: 'town', symbol: <circle cx="10" cy="10" r="4" />, label: t.offers.legendTown },
                { kind: 'exact', symbol: <path d={diamond({ x: 10, y: 10 }, 7)} />, label: t.offers.legendExact },
                { kind: 'approximate', symbol: <circle cx="10" cy="10" r="7" />, label: t.offers.legendApproximate },
                ...(radius ? [{ kind: 'radius', symbol: <circle cx="10" cy="10" r="8" />, label: radius.label }] : []),
              ].map((item) => (
                <li>
                  <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" class={`legend-${item.kind}`}>
                    {item.symbol}
                  </svg>
                  {item.label}
                </li>
              ))}
            </ul>
          </figcaption>
        </figure>
        <table class="offer-counts">
          <caption>{t.offers.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.offers.tableMunicipality}</th>
              <th scope="col" class="num">
                {t.offers.tableCount}
              </th>
            </tr>
          </thead>
          <tbody>
            {sortedTowns.map((m) => (
              <tr data-municipality={m.code}>
                <th scope="row">
                  <a href={offerSearchHref({ ...state, municipality: m.code, page: 1 }, 'results')}>{m.name}</a>
                  {m.centralTown !== m.name && <span class="town"> ({m.centralTown})</span>}
                </th>
                <td class="num">{counts.get(m.code) ?? 0}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">
                {t.offers.tableTotal}
              </th>
              <td class="num">{hits.length}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
};
