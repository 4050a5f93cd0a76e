/**
 * The refer form page: the company, its need, a contact person and the company's confirmations, with
 * errors next to each field (aria-describedby, aria-invalid) and in a focused summary at the top that
 * links to them; a hidden per-render idempotency key so a double submit makes one referral.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Entry } from '#shared/domain/entry.ts';
import { LEADERSHIPS } from '#shared/domain/referral.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { localize } from '#shared/domain/text.ts';
import type { AppEnv } from '../../env.ts';
import { fieldKit, type Option, type TextProps } from '../components/form-fields.tsx';
import { PostForm } from '../components/session.tsx';
import { fallbackLang } from '../format.ts';
import { renderPage } from '../layout.tsx';
import type { Messages } from '../messages/index.ts';
import { entryHref, pageHref } from '../urls.ts';
import { inFormOrder, NEED_MAX, valueOf, type FormValues, type ReferralField, type ReferralIssue } from './referral-form.ts';
import { referralHref } from './referral-urls.ts';

export type ReferralFormModel = {
  t: Messages;
  taxonomy: Taxonomy;
  target: Entry;
  receiver: Entry;
  values: FormValues;
  issues: readonly ReferralIssue[];
  idempotencyKey: string;
  /** A refusal not tied to one field (an idempotency key reused for other data). */
  formError?: string | undefined;
  status?: 200 | 400 | 422;
};

/** The id of a field's control. */
export const fieldId = (name: ReferralField): string => `f-${name}`;

/** An issue in words: a missing field's own message where there is one, else the message of its code. */
const issueText = (t: Messages, issue: ReferralIssue): string =>
  (issue.code === 'required' ? t.referrals.requiredFor[issue.field] : undefined) ?? t.referrals.issues[issue.code](issue.limit);

const formKit = (model: ReferralFormModel) => {
  const m = model.t.referrals;
  const errors = new Map<string, string>();
  for (const issue of model.issues) if (!errors.has(issue.field)) errors.set(issue.field, issueText(model.t, issue));
  const kit = fieldKit<ReferralField>({
    fieldId,
    label: (name) => m.fields[name],
    hint: (name) => m.hints[name],
    errors,
    errorPrefix: m.errorPrefix,
    value: (name) => valueOf(model.values, name),
    values: (name) => model.values[name] ?? [],
  });

  const Text = (props: Omit<TextProps<ReferralField>, 'lang' | 'spellcheck'> & { autocomplete: string }) => (
    <kit.Text {...props} spellcheck={props.type === 'email' || props.inputmode ? false : undefined} />
  );
  const Select = (props: { name: ReferralField; options: readonly Option[] }) => <kit.Select {...props} empty={m.chooseOption} />;

  /** The company's leadership: optional, so a radio group with nothing chosen until the referrer picks. */
  const Leadership = () => <kit.Choices name="leadership" type="radio" options={LEADERSHIPS.map((value) => ({ value, label: m.leaderships[value] }))} />;

  return { Text, Select, Leadership, Confirm: kit.Confirm };
};

const Group = (props: { id: string; heading: string; lead?: Child; children: Child }) => (
  <section class="form-group" aria-labelledby={props.id}>
    <h2 id={props.id}>{props.heading}</h2>
    {props.lead && <p class="hint">{props.lead}</p>}
    {props.children}
  </section>
);

const ErrorSummary = (props: { t: Messages; issues: readonly ReferralIssue[]; formError?: string | undefined }) => {
  const m = props.t.referrals;
  const shown = inFormOrder(props.issues);
  if (shown.length === 0 && !props.formError) return null;
  return (
    <div class="errors" role="alert" aria-labelledby="error-summary" tabindex={-1}>
      <h2 id="error-summary">{m.errorSummary}</h2>
      <ul>
        {props.formError && <li>{props.formError}</li>}
        {shown.map((issue) => (
          <li>
            <a href={`#${fieldId(issue.field)}`}>{`${m.fields[issue.field]}: ${issueText(props.t, issue)}`}</a>
          </li>
        ))}
      </ul>
    </div>
  );
};

export const renderReferralForm = (c: Context<AppEnv>, model: ReferralFormModel) => {
  const { t, taxonomy, target, receiver } = model;
  const m = t.referrals;
  const { Text, Select, Leadership, Confirm } = formKit(model);
  const targetName = localize(target.name, t.lang);
  const receiverName = localize(receiver.name, t.lang);
  const hasErrors = model.issues.length > 0 || Boolean(model.formError);
  const terms = (list: readonly { code: string; label: { sv: string; en: string } }[]) => list.map((term) => ({ value: term.code, label: term.label[t.lang] }));
  const referredAgainFrom = valueOf(model.values, 'redirectedFromId');
  const municipalities = taxonomy.municipalities.map((mu) => ({ value: mu.code, label: mu.name })).sort((a, b) => a.label.localeCompare(b.label, t.locale));
  return renderPage(
    c,
    {
      t,
      title: hasErrors ? m.errorTitle(m.formTitle) : m.formTitle,
      status: model.status ?? 200,
      current: 'referrals',
      switchHref: referralHref(`/entries/${encodeURIComponent(target.id)}/refer`, t.site.switchLang, referredAgainFrom ? { from: referredAgainFrom } : {}),
      cache: 'no-store',
    },
    <>
      <p class="back">
        <a href={entryHref(target.id, t.lang)}>
          ← <span lang={fallbackLang(target.name, t.lang)}>{targetName}</span>
        </a>
      </p>
      <h1>{m.formTitle}</h1>
      <p class="lead">{target.id === receiver.id ? m.formLead(receiverName) : m.formTarget(targetName, receiverName)}</p>
      {referredAgainFrom && <p class="notice refer-again">{m.referAgainLead(receiverName)}</p>}
      <ErrorSummary t={t} issues={model.issues} formError={model.formError} />
      <PostForm action={referralHref('/referrals', t.lang)} class="entry-form referral-form" novalidate>
        <input type="hidden" name="targetId" value={target.id} />
        <input type="hidden" name="idempotencyKey" value={model.idempotencyKey} />
        {referredAgainFrom && <input type="hidden" name="redirectedFromId" value={referredAgainFrom} />}
        <Group id="group-company" heading={m.groups.company}>
          <Text name="companyName" autocomplete="organization" />
          <Text name="organisationNumber" autocomplete="off" width="medium" />
          <Select name="municipality" options={municipalities} />
          <Select name="stage" options={terms(taxonomy.stages)} />
          <Select name="area" options={terms(taxonomy.areas)} />
          <Leadership />
        </Group>
        <Group id="group-need" heading={m.groups.need}>
          <Text name="need" rows={6} count={{ limit: NEED_MAX, within: m.countWithin, over: m.countOver }} autocomplete="off" />
        </Group>
        <Group id="group-contact" heading={m.groups.contact} lead={m.contactLead}>
          <Text name="contactName" autocomplete="name" />
          <Text name="email" type="email" autocomplete="email" />
          <Text name="phone" type="tel" autocomplete="tel" width="medium" />
        </Group>
        <Group
          id="group-consent"
          heading={m.groups.consent}
          lead={
            <>
              {m.consentLead} <a href={pageHref('/privacy', t.lang)}>{m.privacyLink}</a>
            </>
          }
        >
          <Confirm name="askedToBeReferred" />
          <Confirm name="informedAboutDataHandling" />
          <Confirm name="forwardingAllowed" />
        </Group>
        <p class="actions">
          <button type="submit">{m.submit}</button>
        </p>
      </PostForm>
    </>,
  );
};
