/**
 * Renders the follow-up sections: the section navigation, the period or municipality form, each
 * table with its caption, explanation and CSV link, and for charted tables an inline SVG bar chart
 * (role img, named by its title and described as the table's twin) before the table. The board
 * report is one page laid out for A4 print.
 */
import type { Child } from 'hono/jsx';
import type { Messages } from '../messages/index.ts';
import { formatNumber } from '../format.ts';
import type { Cell, DataTable, ReportContent } from './follow-up-sections.ts';

export type FollowUpSection = 'overview' | 'coverage' | 'demand' | 'referrals' | 'report';

const SECTION_PATHS: Record<FollowUpSection, string> = {
  overview: '/follow-up',
  coverage: '/follow-up/coverage',
  demand: '/follow-up/demand',
  referrals: '/follow-up/referrals',
  report: '/follow-up/report',
};

const withLang = (path: string, t: Messages, params: Record<string, string | undefined> = {}) => {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  if (t.lang === 'en') query.set('lang', 'en');
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};

export const sectionHref = (section: FollowUpSection, t: Messages, params: Record<string, string | undefined> = {}) => withLang(SECTION_PATHS[section], t, params);

export const csvHref = (section: FollowUpSection, table: string, t: Messages, params: Record<string, string | undefined>) =>
  withLang(`/follow-up/${section}/csv`, t, { ...params, table });

const cellText = (cell: Cell, t: Messages): string => {
  if ('text' in cell) return cell.note ? `${cell.text} (${cell.note})` : cell.text;
  if (cell.number === null) return t.followUp.suppressed;
  const value = cell.format === 'share' ? `${formatNumber(Math.round(cell.number * 100), t)} %` : formatNumber(cell.number, t);
  return cell.few ? `${value} (${t.followUp.few})` : value;
};

const CellView = (props: { cell: Cell; t: Messages }) => {
  const { cell, t } = props;
  if ('text' in cell) {
    return (
      <>
        {cell.href ? <a href={cell.href}>{cell.text}</a> : cell.text}
        {cell.note ? <span class="cell-note">{cell.note}</span> : null}
      </>
    );
  }
  if (cell.number === null) return <span class="suppressed">{t.followUp.suppressed}</span>;
  return cell.few ? <span class="few">{cellText(cell, t)}</span> : <>{cellText(cell, t)}</>;
};

const numeric = (cell: Cell | undefined) => cell !== undefined && 'number' in cell;

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 230;
const CHART_WIDTH = 560;

/** A horizontal bar chart of one column of a table; a suppressed value draws no bar. */
const BarChart = (props: { table: DataTable; t: Messages }) => {
  const { table, t } = props;
  const chart = table.chart!;
  const bars = table.rows.map((row) => {
    const label = row[chart.label]!;
    const value = row[chart.value]!;
    return { label: 'text' in label ? label.text : cellText(label, t), value: 'number' in value ? value.number : null, text: cellText(value, t) };
  });
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const height = bars.length * (BAR_HEIGHT + 8) + 8;
  const id = `chart-${table.id}`;
  const span = CHART_WIDTH - LABEL_WIDTH - 110;
  return (
    <figure class="chart" aria-hidden="false">
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${CHART_WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{table.caption}</title>
        <desc id={`${id}-desc`}>{t.followUp.chartOf(table.caption)} {bars.map((b) => `${b.label}: ${b.text}`).join('; ')}</desc>
        {bars.map((bar, index) => {
          const y = 8 + index * (BAR_HEIGHT + 8);
          const width = bar.value === null ? 0 : Math.max(bar.value > 0 ? 2 : 0, Math.round((bar.value / max) * span));
          return (
            <g>
              <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT * 0.7} text-anchor="end" class="chart-label">
                {bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={width} height={BAR_HEIGHT} class="chart-bar" />
              <text x={LABEL_WIDTH + width + 6} y={y + BAR_HEIGHT * 0.7} class="chart-value">
                {bar.text}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
};

export const TableView = (props: { table: DataTable; t: Messages; csv?: string | undefined; headingLevel?: 'h2' | 'h3' }) => {
  const { table, t } = props;
  const Heading = props.headingLevel ?? 'h2';
  return (
    <section class="follow-up-table" aria-labelledby={`table-${table.id}`}>
      <Heading id={`table-${table.id}`}>{table.caption}</Heading>
      {table.explain ? <p class="explain">{table.explain}</p> : null}
      {table.chart && table.rows.length > 0 ? <BarChart table={table} t={t} /> : null}
      {table.rows.length === 0 ? (
        <p>{t.followUp.none}</p>
      ) : (
        <div class="table-scroll" tabindex={0} role="region" aria-labelledby={`table-${table.id}`}>
          <table class="data-table">
            <caption class="vh">{table.caption}</caption>
            <thead>
              <tr>
                {table.columns.map((column, index) => (
                  <th scope="col" class={index > 0 && numeric(table.rows[0]?.[index]) ? 'num' : undefined}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr>
                  {row.map((cell, index) => {
                    const tone = 'text' in cell ? cell.tone : undefined;
                    const className = [numeric(cell) ? 'num' : '', tone ?? ''].filter(Boolean).join(' ') || undefined;
                    return index === 0 ? (
                      <th scope="row" class={className}>
                        <CellView cell={cell} t={t} />
                      </th>
                    ) : (
                      <td class={className}>
                        <CellView cell={cell} t={t} />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.csv ? (
        <p class="csv-link">
          <a href={props.csv} download>
            {t.followUp.downloadCsv(table.caption)}
          </a>
        </p>
      ) : null}
    </section>
  );
};

export const SectionNav = (props: { t: Messages; current: FollowUpSection }) => (
  <nav aria-label={props.t.followUp.sectionsNav} class="follow-up-nav">
    <ul class="tabs">
      {(Object.keys(SECTION_PATHS) as FollowUpSection[]).map((section) => (
        <li>
          <a href={sectionHref(section, props.t)} aria-current={props.current === section ? 'page' : undefined}>
            {props.t.followUp.sections[section]}
          </a>
        </li>
      ))}
    </ul>
  </nav>
);

export const PeriodForm = (props: { t: Messages; action: string; from: string; to: string }) => (
  <form method="get" action={props.action} class="period-form">
    <fieldset>
      <legend>{props.t.followUp.period.legend}</legend>
      <div class="field-row">
        <div class="field">
          <label for="from">{props.t.followUp.period.from}</label>
          <input type="date" id="from" name="from" value={props.from} required />
        </div>
        <div class="field">
          <label for="to">{props.t.followUp.period.to}</label>
          <input type="date" id="to" name="to" value={props.to} required />
        </div>
      </div>
      {props.t.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <button type="submit">{props.t.followUp.period.show}</button>
    </fieldset>
  </form>
);

export const SectionPage = (props: { t: Messages; section: FollowUpSection; lead: string; form?: Child; notes: readonly string[]; children: Child }) => (
  <div class="follow-up">
    <h1>
      {props.t.followUp.title}: {props.t.followUp.sections[props.section]}
    </h1>
    <SectionNav t={props.t} current={props.section} />
    <p class="lead">{props.lead}</p>
    {props.form}
    {props.notes.map((note) => (
      <p class="notice">{note}</p>
    ))}
    {props.children}
  </div>
);

export const ReportView = (props: { t: Messages; content: ReportContent; from: string; to: string; generated: string; jsonHref: string }) => {
  const { t, content } = props;
  const r = t.followUp.report;
  return (
    <div class="follow-up board-report">
      <div class="no-print">
        <SectionNav t={t} current="report" />
        <PeriodForm t={t} action="/follow-up/report" from={props.from} to={props.to} />
        <p>
          <a href={props.jsonHref}>{r.json}</a>
        </p>
      </div>
      <h1>{r.title(props.from, props.to)}</h1>
      <p class="notice">{t.followUp.suppressedNote}</p>
      <TableView table={content.key} t={t} />
      {content.groups.map((group) => (
        <section class="report-group" aria-labelledby={`group-${group.tables[0]!.id}`}>
          <h2 id={`group-${group.tables[0]!.id}`}>{group.heading}</h2>
          <p class="explain">{group.explain}</p>
          {group.tables.map((table) => (
            <TableView table={{ ...table, explain: table.explain === group.explain ? undefined : table.explain }} t={t} headingLevel="h3" />
          ))}
        </section>
      ))}
      <p class="generated">{r.generated(props.generated)}</p>
    </div>
  );
};
