/**
 * Coverage of the support system, computed from the published catalogue: the four strategic areas
 * × four company stages as a matrix of entries (by kind and support type), for the county or one
 * municipality's own supply (entries that name it; county-wide ones serve every municipality alike and
 * would hide every local gap). An empty cell is a gap; a support
 * type that two or more organisations offer to the same area and stage is a possible overlap.
 * Beside it breadth vs spearhead, the profile areas, the green-transition focus, and freshness: the
 * share of each organisation's entries verified within the freshness period.
 */
import { STAGES, type Entry, type EntryKind, type Stage } from '#shared/domain/entry.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';

export type CoverageEntry = { id: string; name: string; kind: EntryKind; organisationId: string; supportTypes: readonly string[] };

export type CoverageCell = {
  area: string;
  stage: Stage;
  total: number;
  byKind: Partial<Record<EntryKind, number>>;
  bySupportType: Record<string, number>;
  /** Support types two or more organisations offer here, with those organisations. */
  overlaps: { supportType: string; organisationIds: string[] }[];
  entries: CoverageEntry[];
};

export type Coverage = {
  municipality?: string | undefined;
  total: number;
  cells: CoverageCell[];
  gaps: { area: string; stage: Stage }[];
  overlapCount: number;
  focus: { breadth: number; spearhead: number };
  profileAreas: Record<string, number>;
  green: number;
};

export type FreshnessRow = { organisationId: string; organisationName: string; entries: number; verified: number; share: number };

/** The organisation an entry belongs to: its provider, or itself for an actor or an entry without one. */
export const organisationOf = (entry: Pick<Entry, 'id' | 'providerId'>): string => entry.providerId ?? entry.id;

/** True when the entry counts for `municipality`: it names it (county-wide entries count only for the county). */
export const serves = (entry: Pick<Entry, 'municipalities'>, municipality: string | undefined): boolean =>
  municipality === undefined || (entry.municipalities !== 'county' && entry.municipalities.includes(municipality));

export const coverageOf = (visible: readonly Entry[], taxonomy: Taxonomy, municipality?: string): Coverage => {
  const entries = visible.filter((entry) => serves(entry, municipality));
  const cells: CoverageCell[] = [];
  for (const area of taxonomy.areas) {
    for (const stage of STAGES) {
      const inCell = entries.filter((e) => e.areas.includes(area.code) && e.stages.includes(stage));
      const byKind: Partial<Record<EntryKind, number>> = {};
      const bySupportType: Record<string, number> = {};
      const offeredBy = new Map<string, Set<string>>();
      for (const entry of inCell) {
        byKind[entry.kind] = (byKind[entry.kind] ?? 0) + 1;
        for (const type of entry.supportTypes) {
          bySupportType[type] = (bySupportType[type] ?? 0) + 1;
          const organisations = offeredBy.get(type) ?? new Set<string>();
          organisations.add(organisationOf(entry));
          offeredBy.set(type, organisations);
        }
      }
      const overlaps = [...offeredBy]
        .filter(([, organisations]) => organisations.size >= 2)
        .map(([supportType, organisations]) => ({ supportType, organisationIds: [...organisations].sort() }));
      cells.push({
        area: area.code,
        stage,
        total: inCell.length,
        byKind,
        bySupportType,
        overlaps,
        entries: inCell.map((e) => ({ id: e.id, name: e.name.sv, kind: e.kind, organisationId: organisationOf(e), supportTypes: e.supportTypes })),
      });
    }
  }
  const profileAreas: Record<string, number> = Object.fromEntries(taxonomy.focus.profileAreas.map((p) => [p.code, 0]));
  for (const entry of entries) for (const code of entry.focus.profileAreas) profileAreas[code] = (profileAreas[code] ?? 0) + 1;
  return {
    municipality,
    total: entries.length,
    cells,
    gaps: cells.filter((cell) => cell.total === 0).map(({ area, stage }) => ({ area, stage })),
    overlapCount: cells.reduce((sum, cell) => sum + cell.overlaps.length, 0),
    focus: {
      breadth: entries.filter((e) => e.focus.level === 'breadth').length,
      spearhead: entries.filter((e) => e.focus.level === 'spearhead').length,
    },
    profileAreas,
    green: entries.filter((e) => e.greenTransition === true).length,
  };
};

/** Per organisation: how many of its published entries were verified within `freshnessDays` of `now`. */
export const freshnessOf = (visible: readonly Entry[], now: Date, freshnessDays: number): FreshnessRow[] => {
  const cutoff = new Date(now.getTime() - freshnessDays * 86_400_000).toISOString();
  const names = new Map(visible.filter((e) => e.kind === 'actor').map((e) => [e.id as string, e.name.sv]));
  const rows = new Map<string, FreshnessRow>();
  for (const entry of visible) {
    const id = organisationOf(entry);
    const row = rows.get(id) ?? { organisationId: id, organisationName: names.get(id) ?? id, entries: 0, verified: 0, share: 0 };
    row.entries += 1;
    if (entry.lastVerifiedAt !== undefined && entry.lastVerifiedAt >= cutoff) row.verified += 1;
    rows.set(id, row);
  }
  return [...rows.values()]
    .map((row) => ({ ...row, share: row.verified / row.entries }))
    .sort((a, b) => a.share - b.share || a.organisationName.localeCompare(b.organisationName, 'sv'));
};
