/**
 * The entry form page: every common field and the kind's own, grouped under headings; checkbox groups
 * for taxonomy codes; errors next to each field (aria-describedby, aria-invalid) and in a summary at
 * the top that links to them; the stale-version message; and, when editing, the status buttons.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { STAGES, INVESTMENT_INSTRUMENTS, type Entry, type EntryKind } from '#shared/domain/entry.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { AppEnv } from '../../env.ts';
import { fieldKit, type Option, type TextProps } from '../components/form-fields.tsx';
import { PostForm } from '../components/session.tsx';
import { entryHref, pageHref } from '../urls.ts';
import { formatDate } from '../format.ts';
import { renderPage } from '../layout.tsx';
import type { Messages } from '../messages/index.ts';
import { inFormOrder, type FormIssue, type FormValues } from './entry-form.ts';
import { editorHref, type Notice } from './editor-urls.ts';
import { AvailabilityActions, OfferFields } from '../offers/offer-fields.tsx';

export type { Option };

export type EntryFormModel = {
  t: Messages;
  taxonomy: Taxonomy;
  kind: EntryKind;
  values: FormValues;
  issues: readonly FormIssue[];
  /** The entry being edited (absent when creating). */
  entry?: Entry | undefined;
  /** The version the form was read at; kept as the user had it when a save is refused. */
  version?: number | undefined;
  providers: readonly Option[];
  /** False when the entry must have a provider (actor staff: their organisation). */
  providerOptional: boolean;
  notice?: Notice | undefined;
  /** `save`: the user's save met a newer version; `action`: a status button did. */
  stale?: 'save' | 'action' | undefined;
  status?: 200 | 400 | 409;
  /** Where the form and its buttons post: `/editor/entries` by default, `/editor/offers` for the offer pages. */
  base?: string | undefined;
};

/** The id of a field's control (dots are awkward in CSS selectors and fragment links). */
export const fieldId = (name: string): string => `f-${name.replace(/\./g, '-')}`;

const withoutOptional = (label: string) => label.replace(/ \((valfritt|optional)\)$/, '');

/** The label of a field in the visitor's language. */
export const fieldLabel = (t: Messages, field: string): string => t.editor.fields[field] ?? t.offers.fields[field] ?? field;

export const issueMessage = (t: Messages, issue: FormIssue): string => t.editor.issues[issue.code](issue.limit, issue.detail);

export type Kit = ReturnType<typeof formKit>;

/** The field components of one rendering, closed over the values and errors. */
const formKit = (model: EntryFormModel) => {
  const { t } = model;
  const errors = new Map<string, string>();
  for (const issue of model.issues) if (issue.field && !errors.has(issue.field)) errors.set(issue.field, issueMessage(t, issue));
  const kit = fieldKit({
    fieldId,
    label: (name) => fieldLabel(t, name),
    hint: (name) => t.editor.hints[name] ?? t.offers.hints[name],
    errors,
    errorPrefix: t.editor.errorPrefix,
    value: (name) => model.values[name]?.at(-1) ?? '',
    values: (name) => model.values[name] ?? [],
  });

  const Text = (props: Omit<TextProps<string>, 'maxlength' | 'spellcheck'>) => (
    <kit.Text
      {...props}
      autocomplete={props.rows ? undefined : (props.autocomplete ?? 'off')}
      spellcheck={props.type === 'url' || props.inputmode ? false : undefined}
    />
  );

  /** Swedish and English of one text, side by side in the form order. */
  const TextPair = (props: { base: string; rows?: number }) => (
    <>
      <Text name={`${props.base}.sv`} lang="sv" rows={props.rows} />
      <Text name={`${props.base}.en`} lang="en" rows={props.rows} />
    </>
  );

  return { Text, TextPair, Choices: kit.Choices, Select: kit.Select, Confirm: kit.Confirm };
};

const Group = (props: { id: string; heading: string; lead?: string; children: Child }) => (
  <section class="form-group" aria-labelledby={props.id}>
    <h2 id={props.id}>{props.heading}</h2>
    {props.lead && <p class="hint">{props.lead}</p>}
    {props.children}
  </section>
);

const KindDetails = (props: { model: EntryFormModel; kit: Kit }): Child => {
  const { t, taxonomy, kind } = props.model;
  const { Text, TextPair, Choices, Select } = props.kit;
  const stageOptions = STAGES.map((code) => ({ value: code, label: taxonomy.stages.find((s) => s.code === code)?.label[t.lang] ?? code }));
  const trl = Array.from({ length: 9 }, (_, i) => ({ value: String(i + 1), label: t.editor.trlOption(i + 1) }));
  switch (kind) {
    case 'actor':
      return null;
    case 'offering':
      return (
        <>
          <Select
            name="offering.cost"
            empty={t.editor.notStated}
            options={(['free', 'subsidised', 'paid', 'varies'] as const).map((c) => ({ value: c, label: t.entry.costValues[c] }))}
          />
          <TextPair base="offering.costNote" rows={2} />
          <Text name="offering.applicationPeriod.opens" width="medium" />
          <Text name="offering.applicationPeriod.closes" width="medium" />
          <TextPair base="offering.applicationPeriod.note" rows={2} />
        </>
      );
    case 'testbed':
      return (
        <>
          <Text name="testbed.capabilities.sv" lang="sv" rows={5} />
          <Text name="testbed.capabilities.en" lang="en" rows={5} />
          <Select name="testbed.trl.min" empty={t.editor.notStated} options={trl} />
          <Select name="testbed.trl.max" empty={t.editor.notStated} options={trl} />
          <TextPair base="testbed.accessTerms" rows={3} />
        </>
      );
    case 'investor':
      return (
        <>
          <Choices
            name="investor.instruments"
            type="checkbox"
            options={INVESTMENT_INSTRUMENTS.map((i) => ({ value: i, label: t.entry.instrumentValues[i] }))}
          />
          <Text name="investor.ticketSizeSek.min" inputmode="numeric" width="medium" />
          <Text name="investor.ticketSizeSek.max" inputmode="numeric" width="medium" />
          <Choices name="investor.investmentStages" type="checkbox" options={stageOptions} />
        </>
      );
    case 'establishment-offer':
      return <OfferFields model={props.model} kit={props.kit} />;
  }
};

/** The date a reserved offer is held until, in words, for the confirmation after reserving. */
const reservedUntilOf = (entry: Entry | undefined, t: Messages): string | undefined => {
  const until = entry?.kind === 'establishment-offer' ? entry.establishmentOffer.availability?.reservedUntil : undefined;
  return until ? formatDate(until, t) : undefined;
};

const ErrorSummary = (props: { t: Messages; kind: EntryKind; issues: readonly FormIssue[] }) => {
  const { t } = props;
  const seen = new Set<string>();
  const shown = inFormOrder(props.issues, props.kind).filter((issue) => {
    const key = issue.field ?? `${issue.code}:${issue.detail ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (shown.length === 0) return null;
  return (
    <div class="errors" role="alert" aria-labelledby="error-summary" tabindex={-1}>
      <h2 id="error-summary">{t.editor.errorSummary}</h2>
      <ul>
        {shown.map((issue) =>
          issue.field ? (
            <li>
              <a href={`#${fieldId(issue.field)}`}>{`${withoutOptional(fieldLabel(t, issue.field))}: ${issueMessage(t, issue)}`}</a>
            </li>
          ) : (
            <li>{issueMessage(t, issue)}</li>
          ),
        )}
      </ul>
    </div>
  );
};

const StatusActions = (props: { t: Messages; entry: Entry; base: string }) => {
  const { t, entry } = props;
  const actions = (['publish', 'unpublish', 'archive', 'verify'] as const).filter((action) => {
    switch (action) {
      case 'publish': return entry.status !== 'published';
      case 'unpublish': return entry.status === 'published';
      case 'archive': return entry.status !== 'archived';
      case 'verify': return entry.status !== 'archived';
    }
  });
  return (
    <section class="form-group" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t.editor.actionsHeading}</h2>
      <p class="hint">{t.editor.actionsLead}</p>
      <ul class="action-list">
        {actions.map((action) => (
          <li>
            <PostForm action={editorHref(`${props.base}/${entry.id}/${action}`, t.lang)}>
              <input type="hidden" name="version" value={String(entry.version)} />
              <button type="submit" class="secondary" aria-describedby={`${action}-hint`}>
                {t.editor.actions[action]}
              </button>
            </PostForm>
            <p class="hint" id={`${action}-hint`}>
              {t.editor.actionHints[action]}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
};

export const renderEntryForm = (c: Context<AppEnv>, model: EntryFormModel) => {
  const { t, taxonomy, kind, entry } = model;
  const kit = formKit(model);
  const { Text, TextPair, Choices, Select, Confirm } = kit;
  const kindLabel = taxonomy.kinds.find((k) => k.code === kind)?.label[t.lang] ?? kind;
  const name = entry ? ((t.lang === 'en' ? entry.name.en : undefined) ?? entry.name.sv) : undefined;
  const heading = name !== undefined ? t.editor.editTitle(name) : t.editor.newTitle(kindLabel);
  const hasErrors = model.issues.length > 0;
  const base = model.base ?? '/editor/entries';
  const action = entry ? editorHref(`${base}/${entry.id}`, t.lang) : editorHref(base, t.lang);
  const terms = (list: readonly { code: string; label: { sv: string; en: string } }[]) => list.map((term) => ({ value: term.code, label: term.label[t.lang] }));
  const switchHref = entry
    ? editorHref(`${base}/${entry.id}/edit`, t.site.switchLang)
    : model.base
      ? editorHref(`${base}/new`, t.site.switchLang)
      : editorHref('/editor/entries/new', t.site.switchLang, { kind });

  return renderPage(
    c,
    { t, title: hasErrors || model.stale ? t.editor.errorTitle(heading) : heading, status: model.status ?? 200, current: 'editor', switchHref },
    <>
      <p class="back">
        <a href={editorHref('/editor', t.lang)}>{t.editor.backToDashboard}</a>
      </p>
      <h1>{heading}</h1>
      {entry && (
        <p class="meta">
          {t.editor.meta(kindLabel, t.editor.status[entry.status], entry.version)} ·{' '}
          <a href={editorHref(`/editor/entries/${entry.id}/history`, t.lang)}>{t.editor.history}</a>
          {entry.status === 'published' && (
            <>
              {' · '}
              <a href={entryHref(entry.id, t.lang)}>{t.editor.publicPage}</a>
            </>
          )}
        </p>
      )}
      {model.notice && (
        <div class="notice success" role="status">
          <p>{model.notice === 'reserved' ? t.offers.form.reservedNotice(reservedUntilOf(entry, t)) : t.editor.notices[model.notice]}</p>
        </div>
      )}
      {entry?.kind === 'actor' && entry.intakeEmailBounce && (
        <div class="notice overdue" id="intake-bounce">
          <p>
            <strong>{t.editor.intakeBounced(entry.intakeEmailBounce.reason, entry.intakeEmailBounce.address, formatDate(entry.intakeEmailBounce.at, t))}</strong>
          </p>
          <p>{t.editor.intakeBounceFix}</p>
        </div>
      )}
      {model.stale && entry && (
        <div class="errors" role="alert" aria-labelledby="stale-title" tabindex={-1}>
          <h2 id="stale-title">{t.editor.staleTitle}</h2>
          <p>{model.stale === 'save' ? t.editor.staleLead : t.editor.staleAction}</p>
          {model.stale === 'save' && (
            <p>
              <a href={editorHref(`${base}/${entry.id}/edit`, t.lang)}>{t.editor.staleReload}</a>
            </p>
          )}
        </div>
      )}
      <ErrorSummary t={t} kind={kind} issues={model.issues} />
      <PostForm action={action} class="entry-form" novalidate>
        <input type="hidden" name="kind" value={kind} />
        {model.version !== undefined && <input type="hidden" name="version" value={String(model.version)} />}
        <Group id="group-text" heading={t.editor.groups.text} lead={t.editor.groups.textLead}>
          <TextPair base="name" />
          <Text name="summary.sv" lang="sv" rows={3} />
          <Text name="summary.en" lang="en" rows={3} />
          <Text name="description.sv" lang="sv" rows={8} />
          <Text name="description.en" lang="en" rows={8} />
        </Group>
        <Group id="group-classification" heading={t.editor.groups.classification}>
          <Choices name="areas" type="checkbox" options={terms(taxonomy.areas)} />
          {kind !== 'establishment-offer' && <Choices name="stages" type="checkbox" options={terms(taxonomy.stages)} />}
          <Choices name="supportTypes" type="checkbox" options={terms(taxonomy.supportTypes)} columns />
          <Choices name="focus.level" type="radio" options={terms(taxonomy.focus.levels)} />
          <Choices name="focus.profileAreas" type="checkbox" options={terms(taxonomy.focus.profileAreas)} />
          <Confirm name="greenTransition" />
        </Group>
        {kind !== 'establishment-offer' && (
          <Group id="group-where" heading={t.editor.groups.where}>
            <Choices
              name="coverage"
              type="radio"
              options={[
                { value: 'county', label: t.editor.coverageCounty },
                { value: 'municipalities', label: t.editor.coverageMunicipalities },
              ]}
            />
            <Choices
              name="municipalities"
              type="checkbox"
              columns
              options={taxonomy.municipalities.map((m) => ({ value: m.code, label: m.name })).sort((a, b) => a.label.localeCompare(b.label, t.locale))}
            />
          </Group>
        )}
        {kind !== 'actor' && (
          <Group id="group-details" heading={`${t.editor.groups.details}: ${kindLabel}`}>
            <KindDetails model={model} kit={kit} />
          </Group>
        )}
        <Group id="group-more" heading={t.editor.groups.more}>
          {kind !== 'actor' && <Select name="providerId" empty={model.providerOptional ? t.editor.noProvider : undefined} options={model.providers} />}
          <Text name="sectors" />
          <Text name="website" type="url" autocomplete="url" />
          {kind === 'actor' && <Text name="referralIntakeEmail" type="email" autocomplete="email" />}
          <Text name="languages" width="medium" />
          <Text name="validFrom" width="medium" />
          <Text name="validUntil" width="medium" />
          <Text name="sources" rows={3} />
        </Group>
        <p class="actions">
          <button type="submit">{entry ? t.editor.save : t.editor.create}</button>
        </p>
      </PostForm>
      {entry && model.stale !== 'save' && entry.kind === 'establishment-offer' && <AvailabilityActions t={t} entry={entry} />}
      {entry && model.stale !== 'save' && <StatusActions t={t} entry={entry} base={base} />}
    </>,
  );
};

/** The kinds to choose from when creating an entry. */
export const renderChooseKind = (c: Context<AppEnv>, t: Messages, taxonomy: Taxonomy, kinds: readonly EntryKind[]) =>
  renderPage(
    c,
    { t, title: t.editor.chooseKindTitle, current: 'editor' },
    <>
      <p class="back">
        <a href={pageHref('/editor', t.lang)}>{t.editor.backToDashboard}</a>
      </p>
      <h1>{t.editor.chooseKindTitle}</h1>
      <p class="lead">{t.editor.chooseKindLead}</p>
      <ul>
        {kinds.map((kind) => (
          <li>
            <a href={editorHref('/editor/entries/new', t.lang, { kind })}>{taxonomy.kinds.find((k) => k.code === kind)?.label[t.lang] ?? kind}</a>
          </li>
        ))}
      </ul>
    </>,
  );
