/**
 * The referral pages' views: "My referrals" (the sent box and, for actor staff, the organisation's
 * inbox) as a table with status in words and the overdue flag, and one referral with its details,
 * ordered status history, links to the referrals it was passed on from or to, and the action forms
 * the viewer may take, each carrying the version it was read at.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Entry } from '#shared/domain/entry.ts';
import { DECLINE_REASONS, type ReferralSummary, type ReferralView } from '#shared/domain/referral.ts';
import { localize } from '#shared/domain/text.ts';
import type { ReferralAction } from '#shared/domain/referral-lifecycle.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { AppEnv } from '../../env.ts';
import { PostForm } from '../components/session.tsx';
import { fieldKit, type Option } from '../components/form-fields.tsx';
import { formatDate, formatDateTime, termLabel } from '../format.ts';
import { renderPage } from '../layout.tsx';
import type { Messages } from '../messages/index.ts';
import type { ReferralNotice } from '../messages/referrals-types.ts';
import { entryHref, pageHref, searchHref } from '../urls.ts';
import { OrganisationChannels } from '../offers/offer-contact.tsx';
import { referralHref, type Box } from './referral-urls.ts';

/** A linked referral as the page names it: to whom and when, never by its raw id. */
export type LinkedReferral = { receiver: string; createdAt: string };

const LinkedName = (props: { t: Messages; linked: LinkedReferral | undefined }) =>
  props.linked ? <>{props.t.referrals.linkedName(props.linked.receiver, formatDate(props.linked.createdAt.slice(0, 10), props.t))}</> : <>{props.t.referrals.linkedUnknown}</>;

const Notice = (props: { t: Messages; notice: ReferralNotice | undefined }) =>
  props.notice ? (
    <div class="notice success" role="status">
      <p>{props.t.referrals.notices[props.notice]}</p>
    </div>
  ) : null;

const StatusText = (props: { t: Messages; status: ReferralView['status'] }) => (
  <span class={`status referral-status-${props.status}`}>{props.t.referrals.status[props.status]}</span>
);

/** Under a declined referral in the sent box: the suggested actor and the one click to refer again there. */
const SuggestionInList = (props: { t: Messages; referral: ReferralSummary; suggested: string | undefined }) => {
  const m = props.t.referrals.suggestion;
  const { referral, suggested } = props;
  if (!suggested) return null;
  return (
    <>
      <br />
      <span class="meta">{m.inList(suggested)}</span>
      <br />
      <a href={referAgainHref(referral, props.t)}>{m.referAgain(suggested)}</a>
    </>
  );
};

/** The refer form to the suggested actor, filled in from the declined referral. */
const referAgainHref = (referral: Pick<ReferralSummary, 'id' | 'suggestedTargetId'>, t: Messages): string =>
  referralHref(`/entries/${encodeURIComponent(referral.suggestedTargetId ?? '')}/refer`, t.lang, { from: referral.id });

export type ListModel = {
  t: Messages;
  box: Box;
  /** The viewer's organisation, when they have an inbox. */
  organisation?: { id: string; name: string } | undefined;
  referrals: readonly ReferralSummary[];
  names: ReadonlyMap<string, string>;
};

export const renderReferralList = (c: Context<AppEnv>, model: ListModel) => {
  const { t, box, referrals } = model;
  const m = t.referrals;
  const tab = (target: Box) => (
    <li>
      <a href={referralHref('/referrals', t.lang, { box: target })} aria-current={box === target ? 'page' : undefined}>
        {m.boxes[target]}
      </a>
    </li>
  );
  const heading = box === 'inbox' ? m.boxes.inbox : m.boxes.sent;
  return renderPage(
    c,
    { t, title: `${m.listTitle}: ${heading}`, current: 'referrals', cache: 'no-store' },
    <>
      <h1>{m.listTitle}</h1>
      <p class="lead">{m.listLead}</p>
      {model.organisation && (
        <nav aria-label={m.boxesNav}>
          <ul class="tabs">
            {tab('inbox')}
            {tab('sent')}
          </ul>
        </nav>
      )}
      <section aria-labelledby="box-heading">
        <h2 id="box-heading">{heading}</h2>
        {box === 'inbox' && !model.organisation ? (
          <p>{m.inboxNone}</p>
        ) : (
          <>
            <p>{box === 'inbox' && model.organisation ? m.inboxLead(model.organisation.name) : m.sentLead}</p>
            {referrals.length === 0 ? (
              box === 'inbox' ? (
                <p class="empty-state">{m.emptyInbox}</p>
              ) : (
                <div class="empty-state">
                  <p>{m.emptySent}</p>
                  <p>{m.emptySentHow}</p>
                  <p>
                    <a href={searchHref({ lang: t.lang })}>{t.site.navSearch}</a>
                  </p>
                </div>
              )
            ) : (
              <div class="table-scroll" role="region" aria-labelledby="box-heading" tabindex={0}>
                <table class="changes referrals-table">
                  <caption class="vh">{`${heading}: ${m.count(referrals.length)}`}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.columns.company}</th>
                      <th scope="col">{box === 'inbox' ? m.columns.referrer : m.columns.receiver}</th>
                      <th scope="col">{m.columns.status}</th>
                      <th scope="col">{m.columns.overdue}</th>
                      <th scope="col">{m.columns.date}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {referrals.map((referral) => (
                      <tr>
                        <td>
                          <a href={referralHref(`/referrals/${referral.id}`, t.lang)}>{referral.company.name}</a>
                          <br />
                          <span class="meta">{referral.company.organisationNumber}</span>
                        </td>
                        <td>{box === 'inbox' ? referral.referrerName : (model.names.get(referral.receivingOrganisationId) ?? referral.receivingOrganisationId)}</td>
                        <td>
                          <StatusText t={t} status={referral.status} />
                          {box === 'sent' && referral.suggestedTargetId && !referral.redirectedToId && (
                            <SuggestionInList t={t} referral={referral} suggested={model.names.get(referral.suggestedTargetId)} />
                          )}
                        </td>
                        <td>{referral.overdue ? <strong>{m.overdue}</strong> : m.notOverdue}</td>
                        <td>{formatDate(referral.createdAt, t)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>
    </>,
  );
};

export type ReferralPageModel = {
  t: Messages;
  taxonomy: Taxonomy;
  referral: ReferralView;
  names: ReadonlyMap<string, string>;
  actions: readonly ReferralAction[];
  /** Actors a declined referral may be passed on to. */
  actors: readonly Option[];
  answerWorkingDays: number;
  /** The receiving organisation as the catalogue publishes it, to tell whether it was notified and how to reach it. */
  receiver?: Entry | undefined;
  /** True when the viewer sent the referral. */
  viewerIsReferrer?: boolean | undefined;
  notice?: ReferralNotice | undefined;
  /** `stale`: the form's version was old; `conflict`: the action does not fit the status. */
  problem?: 'stale' | 'conflict' | undefined;
  /** The referrals this one was passed on from or to, named by receiving actor and date when the viewer may read them. */
  linked?: { from?: LinkedReferral | undefined; to?: LinkedReferral | undefined } | undefined;
  /** The decline form's problems and values, kept when it is refused. */
  decline?: { reasonCategory?: string; reason: string; redirectTo: string; issues: readonly DeclineIssue[] } | undefined;
  status?: 200 | 400 | 409;
};

/** True when the receiving organisation has an intake address, so a notice about the referral went out. */
export const receiverNotified = (receiver: Entry | undefined): boolean => receiver?.kind === 'actor' && receiver.referralIntakeEmail !== undefined;

/**
 * For the referrer of a referral not yet answered: whether the receiver was told, what happens next and
 * the answer promise; without an intake address, plainly that nobody was notified and how to reach them.
 */
const WhatHappensNext = (props: { model: ReferralPageModel }) => {
  const { t, referral, receiver, answerWorkingDays } = props.model;
  const m = t.referrals.next;
  const name = receiver ? localize(receiver.name, t.lang) : (props.model.names.get(referral.receivingOrganisationId) ?? referral.receivingOrganisationId);
  if (receiverNotified(receiver)) {
    return (
      <section class="notice next-steps" aria-labelledby="next-heading">
        <h2 id="next-heading">{m.heading}</h2>
        <p>{m.notified(name)}</p>
        <p>{m.promise(name, answerWorkingDays)}</p>
      </section>
    );
  }
  return (
    <section class="notice overdue next-steps" aria-labelledby="next-heading">
      <h2 id="next-heading">{m.notNotifiedHeading(name)}</h2>
      <p>{m.notNotified(name)}</p>
      {receiver ? <OrganisationChannels organisation={receiver} t={t} /> : <p>{m.noChannels}</p>}
      <p>{m.promiseOnceTold(name, answerWorkingDays)}</p>
    </section>
  );
};

/** The decline form's fields that can be refused, in form order. */
export const DECLINE_ISSUES = ['reasonCategory', 'reason', 'redirectTo'] as const;
export type DeclineIssue = (typeof DECLINE_ISSUES)[number];

const declineIssueText = (m: Messages['referrals'], issue: DeclineIssue): string =>
  ({
    reasonCategory: `${m.reasonCategoryLabel}: ${m.reasonCategoryRequired}`,
    reason: `${m.reasonLabel}: ${m.reasonRequired}`,
    redirectTo: `${m.redirectLabel}: ${m.redirectInvalid}`,
  })[issue];

/**
 * A declined referral's suggested actor: to the referrer, with the one click to refer again once the
 * company agrees; to the receiver, what became of their suggestion.
 */
const Suggestion = (props: { model: ReferralPageModel }) => {
  const { t, referral, names, viewerIsReferrer } = props.model;
  const m = t.referrals.suggestion;
  if (!referral.suggestedTargetId || referral.redirectedToId) return null;
  const suggested = names.get(referral.suggestedTargetId);
  if (!suggested) return null;
  const receiver = names.get(referral.receivingOrganisationId) ?? referral.receivingOrganisationId;
  return (
    <section class="notice suggestion" aria-labelledby="suggestion-heading">
      <h2 id="suggestion-heading">{m.heading}</h2>
      {viewerIsReferrer ? (
        <>
          <p>{m.lead(receiver, suggested)}</p>
          <p>
            <a class="button" href={referAgainHref(referral, t)}>
              {m.referAgain(suggested)}
            </a>
          </p>
        </>
      ) : (
        <p>{m.receiverNote(suggested)}</p>
      )}
    </section>
  );
};

type DeclineField = DeclineIssue | 'forward';

/** The decline form's fields: why (a required radio group follow-up counts by), in words, a better actor, forwarding. */
const declineFields = (model: ReferralPageModel) => {
  const { t, decline } = model;
  const m = t.referrals;
  const words: Record<DeclineField, { label: string; hint: string; error?: string }> = {
    reasonCategory: { label: m.reasonCategoryLabel, hint: m.reasonCategoryHint, error: m.reasonCategoryRequired },
    reason: { label: m.reasonLabel, hint: m.reasonHint, error: m.reasonRequired },
    redirectTo: { label: m.redirectLabel, hint: m.redirectHint, error: m.redirectInvalid },
    forward: { label: m.forwardLabel, hint: m.forwardHint },
  };
  return fieldKit<DeclineField>({
    fieldId: (name) => `f-${name}`,
    label: (name) => words[name].label,
    hint: (name) => words[name].hint,
    errors: new Map((decline?.issues ?? []).map((issue) => [issue, words[issue].error ?? ''])),
    errorPrefix: m.errorPrefix,
    value: (name) => (name === 'forward' ? '' : (decline?.[name] ?? '')),
    values: (name) => (name === 'reasonCategory' && decline?.reasonCategory ? [decline.reasonCategory] : []),
  });
};

const DeclineForm = (props: { model: ReferralPageModel }) => {
  const { t, referral, actors } = props.model;
  const m = t.referrals;
  const { Choices, Text, Select, Confirm } = declineFields(props.model);
  return (
    <PostForm action={referralHref(`/referrals/${referral.id}/decline`, t.lang)} class="decline-form" novalidate>
      <input type="hidden" name="version" value={String(referral.version)} />
      <Choices name="reasonCategory" type="radio" required options={DECLINE_REASONS.map((code) => ({ value: code, label: m.declineReasons[code] }))} />
      <Text name="reason" rows={3} maxlength={2000} />
      <Select name="redirectTo" options={actors} empty={m.noRedirect} />
      {referral.consent.forwardingAllowed && <Confirm name="forward" />}
      <button type="submit" class="secondary" aria-describedby="decline-hint">
        {m.actions.decline}
      </button>
    </PostForm>
  );
};

const Actions = (props: { model: ReferralPageModel }) => {
  const { t, referral, actions } = props.model;
  const m = t.referrals;
  return (
    <section class="form-group" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{m.actionsHeading}</h2>
      {actions.length === 0 ? (
        <p>{m.noActions}</p>
      ) : (
        <ul class="action-list">
          {actions.map((action) => (
            <li>
              {action === 'decline' ? (
                <details class="decline-step" open={(props.model.decline?.issues.length ?? 0) > 0}>
                  <summary>{m.declineStep}</summary>
                  <DeclineForm model={props.model} />
                </details>
              ) : (
                <PostForm action={referralHref(`/referrals/${referral.id}/${action}`, t.lang)}>
                  <input type="hidden" name="version" value={String(referral.version)} />
                  <button type="submit" class={action === 'cancel' ? 'secondary' : undefined} aria-describedby={`${action}-hint`}>
                    {m.actions[action]}
                  </button>
                </PostForm>
              )}
              <p class="hint" id={`${action}-hint`}>
                {m.actionHints[action]}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};

const Fact = (props: { label: string; children: Child }) => (
  <div>
    <dt>{props.label}</dt>
    <dd>{props.children}</dd>
  </div>
);

export const renderReferralPage = (c: Context<AppEnv>, model: ReferralPageModel) => {
  const { t, taxonomy, referral, names } = model;
  const m = t.referrals;
  const name = (id: string) => names.get(id) ?? id;
  const title = m.title(referral.company.name);
  const declineIssues = model.decline?.issues ?? [];
  const hasErrors = declineIssues.length > 0 || model.problem !== undefined;
  return renderPage(
    c,
    { t, title: hasErrors ? m.errorTitle(title) : title, status: model.status ?? 200, current: 'referrals', cache: 'no-store' },
    <article class="referral">
      <p class="back">
        <a href={referralHref('/referrals', t.lang)}>{m.backToList}</a>
      </p>
      <h1>{title}</h1>
      <Notice t={t} notice={model.notice} />
      {model.viewerIsReferrer && referral.status === 'sent' && <WhatHappensNext model={model} />}
      <Suggestion model={model} />
      {model.problem && (
        <div class="errors" role="alert" aria-labelledby="problem-title" tabindex={-1}>
          <h2 id="problem-title">{m.staleTitle}</h2>
          <p>{model.problem === 'stale' ? m.staleLead : m.conflictLead}</p>
          <p>
            <a href={referralHref(`/referrals/${referral.id}`, t.lang)}>{m.staleReload}</a>
          </p>
        </div>
      )}
      {declineIssues.length > 0 && (
        <div class="errors" role="alert" aria-labelledby="error-summary" tabindex={-1}>
          <h2 id="error-summary">{m.errorSummary}</h2>
          <ul>
            {declineIssues.map((issue) => (
              <li>
                <a href={`#f-${issue}`}>{declineIssueText(m, issue)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {referral.overdue && (
        <p class="notice overdue">
          <strong>{m.overdueNotice(model.answerWorkingDays)}</strong>
        </p>
      )}
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">{m.summaryHeading}</h2>
        <dl class="facts">
          <Fact label={m.labels.status}>
            <StatusText t={t} status={referral.status} />
          </Fact>
          {referral.declineReason && <Fact label={m.labels.declineReason}>{m.declineReasons[referral.declineReason]}</Fact>}
          <Fact label={m.labels.receiver}>
            <a href={entryHref(referral.receivingOrganisationId, t.lang)}>{name(referral.receivingOrganisationId)}</a>
          </Fact>
          {referral.targetId !== referral.receivingOrganisationId && (
            <Fact label={m.labels.target}>
              <a href={entryHref(referral.targetId, t.lang)}>{name(referral.targetId)}</a>
            </Fact>
          )}
          <Fact label={m.labels.referrer}>{referral.referrerName}</Fact>
          <Fact label={m.labels.created}>{formatDateTime(referral.createdAt, t)}</Fact>
          {referral.redirectedFromId && (
            <Fact label={m.redirectedFrom}>
              {model.linked?.from ? (
                <a href={referralHref(`/referrals/${referral.redirectedFromId}`, t.lang)}>
                  <LinkedName t={t} linked={model.linked.from} />
                </a>
              ) : (
                <LinkedName t={t} linked={undefined} />
              )}
            </Fact>
          )}
          {referral.redirectedToId && (
            <Fact label={m.redirectedTo}>
              {model.linked?.to ? (
                <a href={referralHref(`/referrals/${referral.redirectedToId}`, t.lang)}>
                  <LinkedName t={t} linked={model.linked.to} />
                </a>
              ) : (
                <LinkedName t={t} linked={undefined} />
              )}
            </Fact>
          )}
        </dl>
      </section>
      <section aria-labelledby="company-heading">
        <h2 id="company-heading">{m.companyHeading}</h2>
        <dl class="facts">
          <Fact label={t.referrals.fields.companyName}>{referral.company.name}</Fact>
          <Fact label={m.labels.organisationNumber}>{`${referral.company.organisationNumber.slice(0, 6)}-${referral.company.organisationNumber.slice(6)}`}</Fact>
          <Fact label={m.labels.municipality}>{termLabel(taxonomy, 'municipality', referral.company.municipality, t.lang)}</Fact>
          <Fact label={m.labels.stage}>{termLabel(taxonomy, 'stage', referral.company.stage, t.lang)}</Fact>
          <Fact label={m.labels.area}>{termLabel(taxonomy, 'area', referral.company.area, t.lang)}</Fact>
        </dl>
      </section>
      <section aria-labelledby="need-heading">
        <h2 id="need-heading">{m.needHeading}</h2>
        {referral.need
          .split(/\n+/)
          .filter((p) => p.trim() !== '')
          .map((p) => (
            <p class="need">{p}</p>
          ))}
      </section>
      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">{m.contactHeading}</h2>
        <dl class="facts">
          <Fact label={m.labels.contactName}>{referral.contact.name}</Fact>
          {referral.contact.email && (
            <Fact label={m.labels.email}>
              <a href={`mailto:${encodeURIComponent(referral.contact.email).replace(/%40/g, '@')}`}>{referral.contact.email}</a>
            </Fact>
          )}
          {referral.contact.phone && <Fact label={m.labels.phone}>{referral.contact.phone}</Fact>}
          <Fact label={m.labels.consent}>
            {m.consentGiven}
            {referral.consent.forwardingAllowed && ` ${m.consentForwarding}`}
          </Fact>
        </dl>
        <p>
          <a href={pageHref('/privacy', t.lang)}>{m.privacyLink}</a>
        </p>
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{m.historyHeading}</h2>
        <ol class="history">
          {referral.history.map((event) => (
            <li>
              <p>
                <strong>{m.historyItem(m.status[event.status], event.by.name)}</strong>
                {', '}
                <time datetime={event.at}>{formatDateTime(event.at, t)}</time>
              </p>
              {event.note && <p class="note">{event.note}</p>}
            </li>
          ))}
        </ol>
      </section>
      <Actions model={model} />
    </article>,
  );
};
