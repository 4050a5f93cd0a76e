/**
 * The follow-up pages' content as data: each section (coverage, demand, referrals, the board report)
 * is a list of blocks — tables, each optionally drawn as a bar chart as well — built once from the
 * follow-up service's figures and then rendered as HTML or written as CSV, so a page and its
 * downloads can never disagree. Staff sections show small counts marked as few; the board report
 * hides counts below 5.
 */
import { STAGES } from '#shared/domain/entry.ts';
import { MIN_PUBLISHED_COUNT } from '#shared/domain/demand.ts';
import { DECLINE_REASONS, LEADERSHIPS, REFERRAL_STATUSES } from '#shared/domain/referral.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { BoardReport, DemandFigures, Period, Ranked, ReferralFlows } from '#shared/services/follow-up.ts';
import type { Coverage, FreshnessRow } from '#shared/services/follow-up-coverage.ts';
import { formatNumber, termLabel } from '../format.ts';
import type { Messages } from '../messages/index.ts';
import { entryHref, searchHref } from '../urls.ts';

/** A table cell: text, a number (right-aligned; `few` marks a count below 5), or a link. */
export type Cell =
  | { text: string; href?: string | undefined; note?: string | undefined; tone?: 'gap' | 'overlap' | undefined }
  | { number: number | null; few?: boolean | undefined; format?: 'share' | undefined };

export type DataTable = {
  /** Stable within its section: names the CSV download (`?table=id`). */
  id: string;
  caption: string;
  explain?: string | undefined;
  columns: string[];
  /** The first cell of each row is its header. */
  rows: Cell[][];
  /** Draws the table as bars too: the label column and the value column. */
  chart?: { label: number; value: number } | undefined;
};

export type SectionContent = { tables: DataTable[]; notes: string[] };

const text = (value: string, extra: Omit<Extract<Cell, { text: string }>, 'text'> = {}): Cell => ({ text: value, ...extra });
const num = (value: number | null, few = false): Cell => ({ number: value, few });
const share = (value: number | null): Cell => ({ number: value, format: 'share' });

/** A count as staff see it: always shown, marked when below the publishing threshold. */
const staffCount = (value: number) => num(value, value < MIN_PUBLISHED_COUNT);

const rankedRows = (rows: readonly Ranked[], label: (value: string) => Cell = (v) => text(v)): Cell[][] => rows.map((r) => [label(r.value), staffCount(r.count)]);

export const coverageSection = (coverage: Coverage, freshness: readonly FreshnessRow[], taxonomy: Taxonomy, t: Messages, freshnessDays: number): SectionContent => {
  const f = t.followUp.coverage;
  const stageLabel = (stage: string) => termLabel(taxonomy, 'stage', stage, t.lang);
  const areaLabel = (area: string) => termLabel(taxonomy, 'area', area, t.lang);
  const place = coverage.municipality === undefined ? t.followUp.municipality.county : termLabel(taxonomy, 'municipality', coverage.municipality, t.lang);
  const cellOf = (area: string, stage: string) => coverage.cells.find((c) => c.area === area && c.stage === stage)!;
  const matrix: DataTable = {
    id: 'matrix',
    caption: f.matrixCaption(place),
    explain: f.matrixExplain,
    columns: [f.area, ...STAGES.map(stageLabel)],
    rows: taxonomy.areas.map((area) => [
      text(area.label[t.lang]),
      ...STAGES.map((stage): Cell => {
        const cell = cellOf(area.code, stage);
        if (cell.total === 0) return text(`0 – ${f.gap}`, { tone: 'gap' });
        const href = searchHref({ lang: t.lang, filters: { kind: [], area: [area.code], stage: [stage], municipality: coverage.municipality ? [coverage.municipality] : [], supportType: [], focus: [] } });
        const overlaps = cell.overlaps.map((o) => termLabel(taxonomy, 'supportType', o.supportType, t.lang));
        return text(formatNumber(cell.total, t), {
          href,
          ...(overlaps.length > 0 ? { note: f.overlap(overlaps.join(', ')), tone: 'overlap' as const } : {}),
        });
      }),
    ]),
  };
  const kinds: DataTable = {
    id: 'kinds',
    caption: f.kindsCaption,
    columns: [f.area, ...taxonomy.kinds.map((k) => k.label[t.lang])],
    rows: taxonomy.areas.map((area) => [
      text(area.label[t.lang]),
      ...taxonomy.kinds.map((kind) => num(new Set(coverage.cells.filter((c) => c.area === area.code).flatMap((c) => c.entries.filter((e) => e.kind === kind.code).map((e) => e.id))).size)),
    ]),
  };
  const supportTypes: DataTable = {
    id: 'support-types',
    caption: f.supportTypesCaption,
    columns: [f.supportType, ...STAGES.map(stageLabel)],
    rows: taxonomy.supportTypes.map((type) => [
      text(type.label[t.lang]),
      ...STAGES.map((stage) => num(new Set(coverage.cells.filter((c) => c.stage === stage).flatMap((c) => c.entries.filter((e) => e.supportTypes.includes(type.code)).map((e) => e.id))).size)),
    ]),
  };
  const focus: DataTable = {
    id: 'focus',
    caption: f.focusCaption,
    explain: f.focusExplain,
    columns: [f.focusCaption, t.followUp.count, t.followUp.share],
    rows: (['breadth', 'spearhead'] as const).map((level) => [
      text(termLabel(taxonomy, 'focus', level, t.lang)),
      num(coverage.focus[level]),
      share(coverage.total === 0 ? null : coverage.focus[level] / coverage.total),
    ]),
    chart: { label: 0, value: 1 },
  };
  const profile: DataTable = {
    id: 'profile-areas',
    caption: f.profileCaption,
    columns: [f.profileArea, t.followUp.count],
    rows: taxonomy.focus.profileAreas.map((p) => [text(p.label[t.lang]), num(coverage.profileAreas[p.code] ?? 0)]),
    chart: { label: 0, value: 1 },
  };
  const green: DataTable = {
    id: 'green',
    caption: f.greenCaption,
    explain: f.greenExplain(coverage.green, coverage.total),
    columns: [f.greenCaption, t.followUp.count, t.followUp.share],
    rows: [
      [text(f.green), num(coverage.green), share(coverage.total === 0 ? null : coverage.green / coverage.total)],
      [text(f.other), num(coverage.total - coverage.green), share(coverage.total === 0 ? null : (coverage.total - coverage.green) / coverage.total)],
    ],
  };
  const fresh: DataTable = {
    id: 'freshness',
    caption: f.freshnessCaption(freshnessDays),
    explain: f.freshnessExplain(freshnessDays),
    columns: [f.organisation, f.entries, f.verified, t.followUp.share],
    rows: freshness.map((row) => [text(row.organisationName, { href: entryHref(row.organisationId, t.lang) }), num(row.entries), num(row.verified), share(row.share)]),
  };
  return { tables: [matrix, kinds, supportTypes, focus, profile, green, fresh], notes: [f.gapsSummary(coverage.gaps.length, coverage.overlapCount)] };
};

const facetValue = (value: string, taxonomy: Taxonomy, t: Messages): string => {
  const [facet, code] = value.split('=') as [string, string | undefined];
  if (code === undefined) return value;
  const known = ['kind', 'area', 'stage', 'municipality', 'supportType', 'focus'] as const;
  const dimension = known.find((k) => k === facet);
  return dimension ? `${t.search.facetLegend[dimension]}: ${termLabel(taxonomy, dimension, code, t.lang)}` : `${facet}: ${code}`;
};

export const demandSection = (demand: DemandFigures, taxonomy: Taxonomy, t: Messages): SectionContent => {
  const d = t.followUp.demand;
  return {
    notes: [d.searchesTotal(demand.searches), t.followUp.fewNote, d.privacy],
    tables: [
      {
        id: 'unmet',
        caption: d.unmetCaption,
        explain: d.unmetExplain,
        columns: [d.query, d.outcome, t.followUp.count],
        rows: demand.unmet.map((r) => [text(r.value), text(d.outcomes[r.outcome]), staffCount(r.count)]),
      },
      { id: 'searches', caption: d.topCaption, columns: [d.query, t.followUp.count], rows: rankedRows(demand.topSearches), chart: { label: 0, value: 1 } },
      { id: 'filters', caption: d.filtersCaption, columns: [d.filter, t.followUp.count], rows: rankedRows(demand.filters, (v) => text(facetValue(v, taxonomy, t))) },
      { id: 'finder', caption: d.finderCaption, columns: [d.answer, t.followUp.count], rows: rankedRows(demand.finder, (v) => text(v.replace('=', ': '))) },
      { id: 'opened', caption: d.openedCaption, columns: [d.entry, t.followUp.count], rows: rankedRows(demand.opened, (v) => text(v, { href: entryHref(v, t.lang) })) },
    ],
  };
};

const recordRows = (record: Record<string, number | null>, label: (key: string) => string, staff: boolean): Cell[][] =>
  Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => [text(label(key)), staff && value !== null ? staffCount(value) : num(value)]);

/** The referral tables, from staff figures (every count, small ones marked) or the report's suppressed ones. */
const referralTables = (
  r: Pick<ReferralFlows, 'flows'> & {
    byOutcome: Record<string, number | null>;
    declined: { redirected: number | null; notRedirected: number | null };
    declinedByReason: Record<string, number | null>;
    byArea: Record<string, number | null>;
    byStage: Record<string, number | null>;
    byMunicipality: Record<string, number | null>;
    byMonth: Record<string, number | null>;
    byLeadership: Record<string, number | null>;
    answered: number | null;
    answeredInTime: number | null;
    overdue: number | null;
  },
  taxonomy: Taxonomy,
  t: Messages,
  answerDays: number,
  names: ReadonlyMap<string, string>,
  staff: boolean,
): DataTable[] => {
  const f = t.followUp.referrals;
  const count = (value: number | null) => (staff && value !== null ? staffCount(value) : num(value));
  const outcomeRows = REFERRAL_STATUSES.map((status) => [text(f.statuses[status]), count(r.byOutcome[status] ?? 0)]);
  return [
    {
      id: 'outcomes',
      caption: f.outcomesCaption,
      explain: f.outcomesExplain,
      columns: [f.status, t.followUp.count],
      rows: [...outcomeRows, [text(f.declinedRedirected), count(r.declined.redirected)], [text(f.declinedNotRedirected), count(r.declined.notRedirected)]],
      chart: { label: 0, value: 1 },
    },
    {
      id: 'decline-reasons',
      caption: f.declineReasonsCaption,
      explain: f.declineReasonsExplain,
      columns: [f.declineReason, t.followUp.count],
      rows: [...DECLINE_REASONS, 'not-stated' as const].map((reason) => [
        text(reason === 'not-stated' ? f.declineReasonNotStated : t.referrals.declineReasons[reason]),
        count(r.declinedByReason[reason] ?? 0),
      ]),
      chart: { label: 0, value: 1 },
    },
    {
      id: 'answer-time',
      caption: f.answerCaption(answerDays),
      explain: f.answerExplain(answerDays),
      columns: [f.answerCaption(answerDays), t.followUp.count],
      rows: [[text(f.answered), count(r.answered)], [text(f.answeredInTime), count(r.answeredInTime)], [text(f.overdue), count(r.overdue)]],
    },
    {
      id: 'flows',
      caption: f.flowsCaption,
      columns: [f.from, f.to, t.followUp.count],
      rows: r.flows.map((flow) => [text(flow.from === 'advisor' ? f.advisor : names.get(flow.from) ?? flow.from), text(names.get(flow.to) ?? flow.to), count(flow.count)]),
    },
    { id: 'by-area', caption: f.byAreaCaption, columns: [t.followUp.coverage.area, t.followUp.count], rows: recordRows(r.byArea, (k) => termLabel(taxonomy, 'area', k, t.lang), staff) },
    { id: 'by-stage', caption: f.byStageCaption, columns: [t.search.facetLegend.stage, t.followUp.count], rows: recordRows(r.byStage, (k) => termLabel(taxonomy, 'stage', k, t.lang), staff) },
    {
      id: 'by-municipality',
      caption: f.byMunicipalityCaption,
      columns: [t.search.facetLegend.municipality, t.followUp.count],
      rows: recordRows(r.byMunicipality, (k) => termLabel(taxonomy, 'municipality', k, t.lang), staff),
    },
    { id: 'by-month', caption: f.byMonthCaption, columns: [f.month, t.followUp.count], rows: recordRows(r.byMonth, (k) => k, staff), chart: { label: 0, value: 1 } },
    {
      id: 'leadership',
      caption: f.leadershipCaption,
      explain: f.leadershipExplain,
      columns: [f.leadership, t.followUp.count],
      rows: LEADERSHIPS.map((l) => [text(f.leaderships[l]), count(r.byLeadership[l] ?? 0)]),
      chart: { label: 0, value: 1 },
    },
  ];
};

export const referralsSection = (flows: ReferralFlows, taxonomy: Taxonomy, t: Messages, answerDays: number, names: ReadonlyMap<string, string>): SectionContent => ({
  notes: [t.followUp.fewNote],
  tables: [
    ...referralTables(flows, taxonomy, t, answerDays, names, true),
    {
      id: 'outcome-by-leadership',
      caption: `${t.followUp.referrals.outcomesCaption} × ${t.followUp.referrals.leadership.toLocaleLowerCase(t.locale)}`,
      columns: [t.followUp.referrals.leadership, ...REFERRAL_STATUSES.map((s) => t.followUp.referrals.statuses[s])],
      rows: LEADERSHIPS.map((l) => [text(t.followUp.referrals.leaderships[l]), ...REFERRAL_STATUSES.map((s) => staffCount(flows.outcomeByLeadership[l][s] ?? 0))]),
    },
  ],
});

/** The board report: key figures, the county's coverage, unmet needs, referrals and the perspectives, counts below 5 hidden. */
export const reportSection = (report: BoardReport, taxonomy: Taxonomy, t: Messages, freshnessDays: number, answerDays: number, names: ReadonlyMap<string, string>) => {
  const r = t.followUp.report;
  const k = report.keyFigures;
  const key: DataTable = {
    id: 'key-figures',
    caption: r.keyFigures,
    explain: r.keyExplain,
    columns: [r.keyFigures, t.followUp.count],
    rows: [
      [text(r.published), num(k.publishedEntries)],
      [text(r.gaps), num(k.gaps)],
      [text(r.overlaps), num(k.possibleOverlaps)],
      [text(r.verifiedShare(freshnessDays)), share(k.verifiedShare)],
      [text(r.searches), num(k.searches)],
      [text(r.unmet), num(k.unmetSearches)],
      [text(r.referrals), num(k.referrals)],
      [text(r.overdue), num(k.overdueReferrals)],
      [text(r.medianHours), num(k.medianHoursToFirstAnswer)],
    ],
  };
  const matrix: DataTable = {
    id: 'matrix',
    caption: t.followUp.coverage.matrixCaption(t.followUp.municipality.county),
    explain: r.coverageExplain,
    columns: [t.followUp.coverage.area, ...STAGES.map((s) => termLabel(taxonomy, 'stage', s, t.lang))],
    rows: taxonomy.areas.map((area) => [
      text(area.label[t.lang]),
      ...STAGES.map((stage): Cell => {
        const cell = report.coverage.cells.find((c) => c.area === area.code && c.stage === stage)!;
        return cell.total === 0 ? text(`0 – ${t.followUp.coverage.gap}`, { tone: 'gap' }) : text(formatNumber(cell.total, t), cell.overlaps.length > 0 ? { tone: 'overlap', note: t.followUp.coverage.overlap(cell.overlaps.map((o) => termLabel(taxonomy, 'supportType', o, t.lang)).join(', ')) } : {});
      }),
    ]),
  };
  const unmet: DataTable = {
    id: 'unmet',
    caption: t.followUp.demand.unmetCaption,
    explain: r.demandExplain,
    columns: [t.followUp.demand.query, t.followUp.demand.outcome, t.followUp.count],
    rows: report.demand.unmet.map((u) => [text(u.value), text(t.followUp.demand.outcomes[u.outcome]), num(u.count)]),
  };
  const referrals = referralTables({ ...report.referrals, flows: report.referrals.flows }, taxonomy, t, answerDays, names, false).filter((table) =>
    ['outcomes', 'decline-reasons', 'answer-time', 'flows'].includes(table.id),
  );
  const perspectives: DataTable[] = [
    {
      id: 'green',
      caption: t.followUp.coverage.greenCaption,
      explain: t.followUp.coverage.greenExplain(report.coverage.green, k.publishedEntries),
      columns: [t.followUp.coverage.greenCaption, t.followUp.count],
      rows: [[text(t.followUp.coverage.green), num(report.coverage.green)], [text(t.followUp.coverage.other), num(k.publishedEntries - report.coverage.green)]],
    },
    {
      id: 'focus',
      caption: t.followUp.coverage.focusCaption,
      explain: t.followUp.coverage.focusExplain,
      columns: [t.followUp.coverage.focusCaption, t.followUp.count],
      rows: (['breadth', 'spearhead'] as const).map((level) => [text(termLabel(taxonomy, 'focus', level, t.lang)), num(report.coverage.focus[level])]),
      chart: { label: 0, value: 1 },
    },
    referralTables({ ...report.referrals, flows: [] }, taxonomy, t, answerDays, names, false).find((table) => table.id === 'leadership')!,
  ];
  return {
    key,
    groups: [
      { heading: r.coverageHeading, explain: r.coverageExplain, tables: [matrix] },
      { heading: r.demandHeading, explain: r.demandExplain, tables: [unmet] },
      { heading: r.referralsHeading, explain: r.referralsExplain, tables: referrals },
      { heading: r.perspectivesHeading, explain: r.perspectivesExplain, tables: perspectives },
    ],
  };
};

export type ReportContent = ReturnType<typeof reportSection>;

/** Every table of the report, for its CSV downloads. */
export const reportTables = (content: ReportContent): DataTable[] => [content.key, ...content.groups.flatMap((g) => g.tables)];

export const periodLabel = (period: Period) => `${period.from} – ${period.to}`;
