/**
 * An entry's audit trail (GET /editor/entries/:id/history): each change, newest first, with who, when
 * and what, and every changed field before and after in words — taxonomy codes as labels, dates as
 * dates, texts per language — rather than as stored JSON.
 */
import type { Context } from 'hono';
import type { AuditRecord } from '#shared/domain/audit.ts';
import type { Entry } from '#shared/domain/entry.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { AppEnv } from '../../env.ts';
import { formatDate, formatDateTime, formatNumber } from '../format.ts';
import { renderPage } from '../layout.tsx';
import type { Messages } from '../messages/index.ts';
import { editorHref } from './editor-urls.ts';

const DATE_KEYS = new Set(['validFrom', 'validUntil', 'opens', 'closes']);

const isLocalizedText = (value: unknown): value is { sv: string; en?: string } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { sv?: unknown }).sv === 'string' &&
  Object.keys(value).every((key) => key === 'sv' || key === 'en');

/** The words for one code of a keyed field, or undefined when the field holds no codes. */
const codeLabel = (key: string, code: string, t: Messages, taxonomy: Taxonomy): string | undefined => {
  const find = (terms: readonly { code: string; label: { sv: string; en: string } }[]) => terms.find((term) => term.code === code)?.label[t.lang] ?? code;
  switch (key) {
    case 'areas': return find(taxonomy.areas);
    case 'stages':
    case 'investmentStages': return find(taxonomy.stages);
    case 'supportTypes': return find(taxonomy.supportTypes);
    case 'profileAreas': return find(taxonomy.focus.profileAreas);
    case 'level': return find(taxonomy.focus.levels);
    case 'kind': return find(taxonomy.kinds);
    case 'municipalities':
    case 'municipality': return code === 'county' ? t.entry.wholeCounty : (taxonomy.municipalities.find((m) => m.code === code)?.name ?? code);
    case 'status': return t.editor.status[code as Entry['status']] ?? code;
    case 'instruments': return t.entry.instrumentValues[code as keyof Messages['entry']['instrumentValues']] ?? code;
    case 'cost': return t.entry.costValues[code as keyof Messages['entry']['costValues']] ?? code;
    case 'offerType': return t.entry.offerTypeValues[code as keyof Messages['entry']['offerTypeValues']] ?? code;
    default: return undefined;
  }
};

/** A stored value as lines of readable text; an empty value is no lines. */
export const describeValue = (key: string, value: unknown, t: Messages, taxonomy: Taxonomy): string[] => {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'boolean') return [value ? t.editor.yes : t.editor.no];
  if (typeof value === 'number') return [formatNumber(value, t)];
  if (typeof value === 'string') {
    if (key === 'lastVerifiedAt') return [formatDateTime(value, t)];
    if (DATE_KEYS.has(key)) return [formatDate(value, t)];
    return [codeLabel(key, value, t, taxonomy) ?? value];
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    if (value.every((item) => typeof item === 'string')) {
      const labels = value.map((item: string) => codeLabel(key, item, t, taxonomy));
      return labels.every((label) => label !== undefined) ? [labels.join(', ')] : (value as string[]);
    }
    return value.flatMap((item) => describeValue(key, item, t, taxonomy).join('; ') || []);
  }
  if (isLocalizedText(value)) return [`sv: ${value.sv}`, ...(value.en ? [`en: ${value.en}`] : [])];
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (key === 'contact' || 'type' in object) {
      const channel = object as { type?: string; url?: string; address?: string; number?: string };
      return [channel.url ?? channel.address ?? channel.number ?? JSON.stringify(value)];
    }
    return Object.entries(object).flatMap(([inner, v]) => {
      const lines = describeValue(inner, v, t, taxonomy);
      return lines.length === 0 ? [] : [`${t.editor.historyFields[inner] ?? inner}: ${lines.join('; ')}`];
    });
  }
  return [String(value)];
};

/** The order fields are listed in: as the form shows them, bookkeeping last. */
const FIELD_ORDER = [
  'id', 'kind', 'name', 'summary', 'description', 'areas', 'stages', 'supportTypes', 'focus', 'greenTransition', 'municipalities',
  'offering', 'testbed', 'investor', 'establishmentOffer', 'providerId', 'sectors', 'website', 'contact', 'languages',
  'validFrom', 'validUntil', 'sources', 'status', 'lastVerifiedAt', 'demo',
];
const rank = (field: string) => (FIELD_ORDER.includes(field) ? FIELD_ORDER.indexOf(field) : FIELD_ORDER.length);

/** A record's changes as rows in form order, leaving out a field that went from nothing to an empty value. */
export const changeRows = (record: AuditRecord, t: Messages, taxonomy: Taxonomy) =>
  record.changes
    .map((change) => ({
      field: change.field,
      label: t.editor.historyFields[change.field] ?? change.field,
      before: describeValue(change.field, change.before, t, taxonomy),
      after: describeValue(change.field, change.after, t, taxonomy),
    }))
    .filter((row) => row.before.length > 0 || row.after.length > 0)
    .sort((a, b) => rank(a.field) - rank(b.field) || a.field.localeCompare(b.field));

const Value = (props: { lines: string[]; t: Messages }) =>
  props.lines.length === 0 ? (
    <span class="empty-value">{props.t.editor.emptyValue}</span>
  ) : props.lines.length === 1 ? (
    <>{props.lines[0]}</>
  ) : (
    <ul class="plain">
      {props.lines.map((line) => (
        <li>{line}</li>
      ))}
    </ul>
  );

export const renderHistory = (c: Context<AppEnv>, model: { t: Messages; taxonomy: Taxonomy; entry: Entry; records: readonly AuditRecord[] }) => {
  const { t, taxonomy, entry } = model;
  const name = (t.lang === 'en' ? entry.name.en : undefined) ?? entry.name.sv;
  const title = t.editor.historyTitle(name);
  return renderPage(
    c,
    {
      t,
      title,
      current: 'editor',
      switchHref: editorHref(`/editor/entries/${entry.id}/history`, t.site.switchLang),
    },
    <>
      <p class="back">
        <a href={editorHref(`/editor/entries/${entry.id}/edit`, t.lang)}>{t.editor.editTitle(name)}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{t.editor.historyLead}</p>
      {model.records.length === 0 && <p>{t.editor.historyEmpty}</p>}
      <ol class="history">
        {model.records.map((record, index) => {
          const headingId = `record-${index + 1}`;
          const rows = changeRows(record, t, taxonomy);
          return (
            <li>
              <h2 id={headingId}>{t.editor.recordHeading(t.editor.auditActions[record.action], record.actor.name, formatDateTime(record.at, t))}</h2>
              <p class="meta">{t.editor.versionLabel(record.version)}</p>
              {rows.length === 0 ? (
                <p>{t.editor.noFieldChanges}</p>
              ) : (
                <table class="changes" aria-labelledby={headingId}>
                  <thead>
                    <tr>
                      <th scope="col">{t.editor.field}</th>
                      <th scope="col">{t.editor.before}</th>
                      <th scope="col">{t.editor.after}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr>
                        <th scope="row">{row.label}</th>
                        <td>
                          <Value t={t} lines={row.before} />
                        </td>
                        <td>
                          <Value t={t} lines={row.after} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          );
        })}
      </ol>
    </>,
  );
};
