/**
 * Follow-up for the region: coverage and freshness of the catalogue, demand (what visitors look
 * for, and the unmet needs), referral flows and outcomes, and the board report that gathers them for
 * a period. Computed on demand from the same table in both runtimes: the catalogue and the referral
 * statistics are scanned and aggregated per request (at the county's scale this takes milliseconds;
 * see README "Follow-up"), demand is read from the daily counters the recorder keeps.
 * Staff see every count, with small ones marked; the board report suppresses counts below 5.
 */
import { MIN_PUBLISHED_COUNT, suppressed, type DemandCount, type DemandSignal } from '#shared/domain/demand.ts';
import { isPubliclyVisible, type Entry } from '#shared/domain/entry.ts';
import { ValidationError } from '#shared/domain/errors.ts';
import { addWorkingDays, isOverdue } from '#shared/domain/referral-lifecycle.ts';
import { DECLINE_REASONS, type DeclineReason, type Leadership, type ReferralStatistic } from '#shared/domain/referral.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { swedishDate, type Clock } from '#shared/ports/clock.ts';
import type { DemandLog } from '#shared/ports/demand-log.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import type { ReferralRepository } from '#shared/ports/referral-repository.ts';
import { coverageOf, freshnessOf, type Coverage, type FreshnessRow } from './follow-up-coverage.ts';
import { allEntries } from './open-data.ts';

export type Period = { from: string; to: string };

/** A ranked count; `few` when below the publishing threshold. */
export type Ranked = { value: string; count: number; few: boolean };

export type DemandFigures = {
  period: Period;
  searches: number;
  topSearches: Ranked[];
  /** Searches that found nothing or few results: the unmet needs, most asked first. */
  unmet: (Ranked & { outcome: 'no-results' | 'few-results' })[];
  filters: Ranked[];
  finder: Ranked[];
  opened: Ranked[];
};


export type FlowRow = { from: string; to: string; count: number };
export type ReferralFlows = {
  period: Period;
  total: number;
  byOutcome: Record<string, number>;
  /** Declined referrals that were redirected to another actor, and those that were not. */
  declined: { redirected: number; notRedirected: number };
  /** Declined referrals by reason category; `not-stated` for declines recorded before categories were kept. */
  declinedByReason: Record<DeclineReason | 'not-stated', number>;
  flows: FlowRow[];
  byArea: Record<string, number>;
  byStage: Record<string, number>;
  byMunicipality: Record<string, number>;
  byMonth: Record<string, number>;
  byLeadership: Record<Leadership, number>;
  /** Outcomes per leadership: completed, declined, cancelled, open. */
  outcomeByLeadership: Record<Leadership, Record<string, number>>;
  answered: number;
  answeredInTime: number;
  medianHoursToFirstAnswer: number | null;
  overdue: number;
};

const TOP = 20;

const inPeriod = (instant: string, period: Period) => {
  const day = swedishDate(new Date(instant));
  return day >= period.from && day <= period.to;
};

const tally = (counts: readonly DemandCount[], signal: DemandSignal): Ranked[] => {
  const totals = new Map<string, number>();
  for (const c of counts) if (c.signal === signal) totals.set(c.value, (totals.get(c.value) ?? 0) + c.count);
  return [...totals]
    .map(([value, count]) => ({ value, count, few: count < MIN_PUBLISHED_COUNT }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'sv'));
};

const bump = (record: Record<string, number>, key: string) => {
  record[key] = (record[key] ?? 0) + 1;
};

/** The period asked for, checked: ISO dates, from ≤ to, at most 13 months back; default the last 30 days. */
export const readPeriod = (from: string | undefined, to: string | undefined, now: Date): Period => {
  const today = swedishDate(now);
  const end = to ?? today;
  const start = from ?? swedishDate(new Date(new Date(`${end}T12:00:00Z`).getTime() - 29 * 86_400_000));
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  const issues = [
    ...(iso.test(start) && !Number.isNaN(Date.parse(start)) ? [] : [{ name: 'from', reason: 'an ISO date such as 2026-01-01' }]),
    ...(iso.test(end) && !Number.isNaN(Date.parse(end)) ? [] : [{ name: 'to', reason: 'an ISO date such as 2026-12-31' }]),
  ];
  if (issues.length === 0 && start > end) issues.push({ name: 'from', reason: 'must not be after to' });
  if (issues.length > 0) throw new ValidationError('The period is not valid.', issues);
  return { from: start, to: end };
};

export type FollowUpService = ReturnType<typeof createFollowUpService>;

export const createFollowUpService = (deps: {
  entries: EntryRepository;
  referrals: ReferralRepository;
  demandLog: DemandLog;
  taxonomy: Taxonomy;
  clock: Clock;
  freshnessDays: number;
  answerWorkingDays: number;
}) => {
  const visibleEntries = async (): Promise<Entry[]> => {
    const today = swedishDate(deps.clock.now());
    return (await allEntries(deps.entries)).filter((entry) => isPubliclyVisible(entry, today));
  };

  const coverage = async (municipality?: string): Promise<Coverage> => coverageOf(await visibleEntries(), deps.taxonomy, municipality);

  const freshness = async (): Promise<FreshnessRow[]> => freshnessOf(await visibleEntries(), deps.clock.now(), deps.freshnessDays);

  const demand = async (period: Period): Promise<DemandFigures> => {
    const counts = await deps.demandLog.counts(period.from, period.to);
    const searches = tally(counts, 'search');
    const unmet = [
      ...tally(counts, 'no-results').map((r) => ({ ...r, outcome: 'no-results' as const })),
      ...tally(counts, 'few-results').map((r) => ({ ...r, outcome: 'few-results' as const })),
    ].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'sv'));
    return {
      period,
      searches: searches.reduce((sum, r) => sum + r.count, 0),
      topSearches: searches.slice(0, TOP),
      unmet: unmet.slice(0, TOP * 2),
      filters: tally(counts, 'filter').slice(0, TOP),
      finder: tally(counts, 'finder'),
      opened: tally(counts, 'opened').slice(0, TOP),
    };
  };

  const referralFlows = async (period: Period): Promise<ReferralFlows> => {
    const statistics: ReferralStatistic[] = [];
    for await (const page of deps.referrals.scanStatistics()) statistics.push(...page.filter((s) => inPeriod(s.createdAt, period)));
    const now = deps.clock.now();
    const flows = new Map<string, FlowRow>();
    const result: ReferralFlows = {
      period,
      total: statistics.length,
      byOutcome: {},
      declined: { redirected: 0, notRedirected: 0 },
      declinedByReason: Object.fromEntries([...DECLINE_REASONS, 'not-stated'].map((reason) => [reason, 0])) as ReferralFlows['declinedByReason'],
      flows: [],
      byArea: {},
      byStage: {},
      byMunicipality: {},
      byMonth: {},
      byLeadership: { women: 0, men: 0, mixed: 0, 'not-stated': 0 },
      outcomeByLeadership: { women: {}, men: {}, mixed: {}, 'not-stated': {} },
      answered: 0,
      answeredInTime: 0,
      medianHoursToFirstAnswer: null,
      overdue: 0,
    };
    const hours: number[] = [];
    for (const s of statistics) {
      bump(result.byOutcome, s.status);
      if (s.status === 'declined') {
        result.declined[s.redirectedTo ? 'redirected' : 'notRedirected'] += 1;
        result.declinedByReason[s.declineReason ?? 'not-stated'] += 1;
      }
      const from = s.referrerOrganisationId ?? 'advisor';
      const key = `${from}→${s.receivingOrganisationId}`;
      const row = flows.get(key) ?? { from, to: s.receivingOrganisationId, count: 0 };
      row.count += 1;
      flows.set(key, row);
      bump(result.byArea, s.area);
      bump(result.byStage, s.stage);
      bump(result.byMunicipality, s.municipality);
      bump(result.byMonth, s.createdAt.slice(0, 7));
      const leadership: Leadership = s.leadership ?? 'not-stated';
      result.byLeadership[leadership] += 1;
      bump(result.outcomeByLeadership[leadership], s.status);
      if (isOverdue(s, now, deps.answerWorkingDays)) result.overdue += 1;
      if (s.answeredAt !== undefined) {
        result.answered += 1;
        hours.push((Date.parse(s.answeredAt) - Date.parse(s.createdAt)) / 3_600_000);
        if (s.answeredAt <= addWorkingDays(new Date(s.createdAt), deps.answerWorkingDays).toISOString()) result.answeredInTime += 1;
      }
    }
    hours.sort((a, b) => a - b);
    if (hours.length > 0) {
      const middle = Math.floor(hours.length / 2);
      const median = hours.length % 2 === 1 ? hours[middle]! : (hours[middle - 1]! + hours[middle]!) / 2;
      result.medianHoursToFirstAnswer = Math.round(median * 10) / 10;
    }
    result.flows = [...flows.values()].sort((a, b) => b.count - a.count || a.to.localeCompare(b.to));
    return result;
  };

  /** The board report: the period's figures, every count below 5 suppressed (`null`). */
  const report = async (period: Period) => {
    const [county, fresh, wanted, referrals] = await Promise.all([coverage(), freshness(), demand(period), referralFlows(period)]);
    const hide = (rows: readonly Ranked[]) => rows.filter((r) => !r.few).map(({ value, count }) => ({ value, count }));
    const hideRecord = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, suppressed(v)]));
    const freshEntries = fresh.reduce((sum, r) => sum + r.entries, 0);
    return {
      period,
      generatedAt: deps.clock.now().toISOString(),
      suppressionThreshold: MIN_PUBLISHED_COUNT,
      keyFigures: {
        publishedEntries: county.total,
        gaps: county.gaps.length,
        possibleOverlaps: county.overlapCount,
        verifiedShare: freshEntries === 0 ? null : fresh.reduce((sum, r) => sum + r.verified, 0) / freshEntries,
        searches: suppressed(wanted.searches),
        unmetSearches: suppressed(wanted.unmet.reduce((sum, r) => sum + r.count, 0)),
        referrals: suppressed(referrals.total),
        overdueReferrals: suppressed(referrals.overdue),
        medianHoursToFirstAnswer: referrals.answered < MIN_PUBLISHED_COUNT ? null : referrals.medianHoursToFirstAnswer,
      },
      coverage: {
        cells: county.cells.map(({ area, stage, total, byKind, bySupportType, overlaps }) => ({ area, stage, total, byKind, bySupportType, overlaps: overlaps.map((o) => o.supportType) })),
        gaps: county.gaps,
        focus: county.focus,
        profileAreas: county.profileAreas,
        green: county.green,
      },
      demand: { topSearches: hide(wanted.topSearches), unmet: wanted.unmet.filter((r) => !r.few).map(({ value, count, outcome }) => ({ value, count, outcome })) },
      referrals: {
        total: suppressed(referrals.total),
        byOutcome: hideRecord(referrals.byOutcome),
        declined: { redirected: suppressed(referrals.declined.redirected), notRedirected: suppressed(referrals.declined.notRedirected) },
        declinedByReason: hideRecord(referrals.declinedByReason),
        flows: referrals.flows.filter((f) => f.count >= MIN_PUBLISHED_COUNT),
        byArea: hideRecord(referrals.byArea),
        byStage: hideRecord(referrals.byStage),
        byMunicipality: hideRecord(referrals.byMunicipality),
        byMonth: hideRecord(referrals.byMonth),
        byLeadership: hideRecord(referrals.byLeadership),
        answeredInTime: suppressed(referrals.answeredInTime),
        answered: suppressed(referrals.answered),
        overdue: suppressed(referrals.overdue),
      },
    };
  };

  /** Every actor's name by id (archived ones too: referrals may have gone to them). */
  const organisationNames = async (): Promise<Map<string, string>> =>
    new Map((await allEntries(deps.entries)).filter((e) => e.kind === 'actor').map((e) => [e.id as string, e.name.sv]));

  return { coverage, freshness, demand, referralFlows, report, organisationNames, freshnessDays: deps.freshnessDays, answerWorkingDays: deps.answerWorkingDays };
};

export type BoardReport = Awaited<ReturnType<FollowUpService['report']>>;
