/**
 * The follow-up pages (GET /follow-up…, follow-up staff and admins): overview, coverage (county or
 * a municipality), demand and referrals for a period, the printable board report, and every table as
 * CSV (GET /follow-up/{section}/csv?table=…, with the page's own parameters). Never cached.
 */
import type { Context } from 'hono';
import { stringify } from 'csv-stringify/sync';
import { readPeriod, type Period } from '#shared/services/follow-up.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import { badRequestPage, notFoundPage } from '../errors.tsx';
import { renderPage } from '../layout.tsx';
import { messagesFor, type Messages } from '../messages/index.ts';
import { readChoice, readLang } from '../params.ts';
import { formatDate, formatNumber } from '../format.ts';
import { coverageSection, demandSection, referralsSection, reportSection, reportTables, type Cell, type DataTable } from './follow-up-sections.ts';
import { csvHref, PeriodForm, ReportView, SectionPage, sectionHref, TableView, type FollowUpSection } from './follow-up.view.tsx';

const NO_STORE = 'private, no-store';

type Built = { tables: DataTable[]; notes: string[]; params: Record<string, string | undefined>; form?: 'period' | 'municipality'; period?: Period };

const periodParams = (period: Period) => ({ from: period.from, to: period.to });

/** Builds a section's tables from the request's parameters. */
const build = async (deps: AppDeps, section: Exclude<FollowUpSection, 'overview' | 'report'>, c: Context<AppEnv>, t: Messages): Promise<Built> => {
  const now = deps.clock.now();
  switch (section) {
    case 'coverage': {
      const { value: municipality } = readChoice(c.req.queries(), 'municipality', deps.taxonomy.municipalities.map((m) => m.code));
      const [coverage, freshness] = await Promise.all([deps.followUp.coverage(municipality), deps.followUp.freshness()]);
      return { ...coverageSection(coverage, freshness, deps.taxonomy, t, deps.followUp.freshnessDays), params: { municipality }, form: 'municipality' };
    }
    case 'demand': {
      const period = readPeriod(c.req.query('from') || undefined, c.req.query('to') || undefined, now);
      return { ...demandSection(await deps.followUp.demand(period), deps.taxonomy, t), params: periodParams(period), form: 'period', period };
    }
    case 'referrals': {
      const period = readPeriod(c.req.query('from') || undefined, c.req.query('to') || undefined, now);
      const [flows, names] = await Promise.all([deps.followUp.referralFlows(period), deps.followUp.organisationNames()]);
      return { ...referralsSection(flows, deps.taxonomy, t, deps.followUp.answerWorkingDays, names), params: periodParams(period), form: 'period', period };
    }
  }
};

const MunicipalityForm = (props: { t: Messages; deps: AppDeps; selected?: string | undefined }) => (
  <form method="get" action="/follow-up/coverage" class="period-form">
    <div class="field">
      <label for="municipality">{props.t.followUp.municipality.label}</label>
      <select id="municipality" name="municipality">
        <option value="">{props.t.followUp.municipality.county}</option>
        {props.deps.taxonomy.municipalities.map((m) => (
          <option value={m.code} selected={m.code === props.selected}>
            {m.name}
          </option>
        ))}
      </select>
    </div>
    {props.t.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
    <button type="submit">{props.t.followUp.municipality.show}</button>
  </form>
);

const language = (c: Context<AppEnv>) => {
  const { lang, issues } = readLang(c.req.queries());
  return { t: messagesFor(lang), issues };
};

/** A cell as plain CSV text: numbers as numbers, suppressed as empty, shares as decimals. */
const csvCell = (cell: Cell): string => {
  if ('text' in cell) return cell.note ? `${cell.text} (${cell.note})` : cell.text;
  if (cell.number === null) return '';
  return String(cell.format === 'share' ? Math.round(cell.number * 1000) / 1000 : cell.number);
};
const FORMULA = /^'*[=+\-@\t\r]/;
const safe = (text: string) => (FORMULA.test(text) ? `'${text}` : text);

const csvResponse = (c: Context<AppEnv>, table: DataTable, name: string) => {
  const body = stringify([table.columns.map(safe), ...table.rows.map((row) => row.map((cell) => safe(csvCell(cell))))], { record_delimiter: 'unix' });
  c.header('Cache-Control', NO_STORE);
  c.header('Content-Disposition', `attachment; filename="${name}-${table.id}.csv"`);
  return c.body(`\uFEFF${body}`, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
};

export const followUpPageHandlers = (deps: AppDeps) => {
  const section = (name: Exclude<FollowUpSection, 'overview' | 'report'>) => async (c: Context<AppEnv>) => {
    const { t, issues } = language(c);
    if (issues.length > 0) return badRequestPage(c, t, issues);
    const built = await build(deps, name, c, t);
    const form =
      built.form === 'period' && built.period ? (
        <PeriodForm t={t} action={sectionHref(name, { ...t, lang: 'sv' } as Messages)} from={built.period.from} to={built.period.to} />
      ) : (
        <MunicipalityForm t={t} deps={deps} selected={built.params.municipality} />
      );
    return renderPage(
      c,
      { t, title: `${t.followUp.title}: ${t.followUp.sections[name]}`, current: 'follow-up', cache: NO_STORE },
      <SectionPage t={t} section={name} lead={t.followUp.sectionLeads[name]} form={form} notes={built.notes}>
        {built.tables.map((table) => (
          <TableView table={table} t={t} csv={csvHref(name, table.id, t, built.params)} />
        ))}
      </SectionPage>,
    );
  };

  const report = async (c: Context<AppEnv>) => {
    const { t } = language(c);
    const period = readPeriod(c.req.query('from') || undefined, c.req.query('to') || undefined, deps.clock.now());
    const [figures, names] = await Promise.all([deps.followUp.report(period), deps.followUp.organisationNames()]);
    return { t, period, content: reportSection(figures, deps.taxonomy, t, deps.followUp.freshnessDays, deps.followUp.answerWorkingDays, names), generatedAt: figures.generatedAt };
  };

  return {
    overview: async (c: Context<AppEnv>) => {
      const { t, issues } = language(c);
      if (issues.length > 0) return badRequestPage(c, t, issues);
      const coverage = await deps.followUp.coverage();
      return renderPage(
        c,
        { t, title: t.followUp.title, current: 'follow-up', cache: NO_STORE },
        <SectionPage t={t} section="overview" lead={t.followUp.lead} notes={[t.followUp.coverage.gapsSummary(coverage.gaps.length, coverage.overlapCount)]}>
          <ul class="follow-up-sections">
            {(['coverage', 'demand', 'referrals', 'report'] as const).map((name) => (
              <li>
                <a href={sectionHref(name, t)}>{t.followUp.sections[name]}</a>: {t.followUp.sectionLeads[name]}
              </li>
            ))}
          </ul>
          <p>
            {t.followUp.report.published}: {formatNumber(coverage.total, t)}
          </p>
        </SectionPage>,
      );
    },
    coverage: section('coverage'),
    demand: section('demand'),
    referrals: section('referrals'),
    report: async (c: Context<AppEnv>) => {
      const { t, issues } = language(c);
      if (issues.length > 0) return badRequestPage(c, t, issues);
      const { period, content, generatedAt } = await report(c);
      const jsonHref = `/v1/follow-up/report?from=${period.from}&to=${period.to}`;
      return renderPage(
        c,
        { t, title: t.followUp.report.title(period.from, period.to), current: 'follow-up', cache: NO_STORE },
        <ReportView t={t} content={content} from={period.from} to={period.to} generated={formatDate(generatedAt, t)} jsonHref={jsonHref} />,
      );
    },
    csv: async (c: Context<AppEnv>) => {
      const { t, issues } = language(c);
      if (issues.length > 0) return badRequestPage(c, t, issues);
      const name = c.req.param('section');
      const tableId = c.req.query('table');
      let tables: DataTable[];
      if (name === 'report') tables = reportTables((await report(c)).content);
      else if (name === 'coverage' || name === 'demand' || name === 'referrals') tables = (await build(deps, name, c, t)).tables;
      else return notFoundPage(c, t);
      const table = tables.find((candidate) => candidate.id === tableId);
      if (!table) return badRequestPage(c, t, [{ name: 'table', value: tableId ?? '', problem: 'unknown-value' }]);
      return csvResponse(c, table, `follow-up-${name}`);
    },
  };
};
