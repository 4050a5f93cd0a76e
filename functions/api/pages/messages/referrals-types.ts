/** The shape of the referral pages' messages (refer form, my referrals, one referral) and of the privacy notice. */
import type { DeclineReason, Leadership, ReferralStatus } from '#shared/domain/referral.ts';
import type { ReferralAction } from '#shared/domain/referral-lifecycle.ts';
import type { ReferralField, ReferralIssueCode } from '../referrals/referral-form.ts';

export type ReferralNotice = 'created' | 'accepted' | 'started' | 'completed' | 'declined' | 'suggested' | 'redirected' | 'cancelled';

export type ReferralMessages = {
  /** The header link and the name of the whole feature. */
  nav: string;
  referHere: string;
  referHereHint: string;
  // The refer form
  formTitle: string;
  formLead: (receiver: string) => string;
  formTarget: (target: string, receiver: string) => string;
  groups: { company: string; need: string; contact: string; consent: string };
  contactLead: string;
  consentLead: string;
  privacyLink: string;
  fields: Record<ReferralField, string>;
  hints: Partial<Record<ReferralField, string>>;
  /** The refer form's choices for the company's leadership. */
  leaderships: Record<Leadership, string>;
  /** The need field's live count: `{n}` and `{limit}` are filled in by the site script. */
  countWithin: string;
  /** `{over}` and `{limit}` are filled in by the site script. */
  countOver: string;
  /** The disclosure that opens the decline form. */
  declineStep: string;
  linkedName: (receiver: string, date: string) => string;
  linkedUnknown: string;
  chooseOption: string;
  /** The refer form filled in from a declined referral, to refer the company again to another actor. */
  referAgainLead: (receiver: string) => string;
  /** A declined referral's suggested better actor, as its referrer and its receiver see it. */
  suggestion: {
    heading: string;
    lead: (receiver: string, suggested: string) => string;
    referAgain: (suggested: string) => string;
    receiverNote: (suggested: string) => string;
    inList: (suggested: string) => string;
  };
  /** What happens after a referral is sent, for its referrer. */
  next: {
    heading: string;
    notified: (receiver: string) => string;
    promise: (receiver: string, workingDays: number) => string;
    notNotifiedHeading: (receiver: string) => string;
    notNotified: (receiver: string) => string;
    noChannels: string;
    promiseOnceTold: (receiver: string, workingDays: number) => string;
  };
  submit: string;
  errorSummary: string;
  errorPrefix: string;
  errorTitle: (title: string) => string;
  /** A missing field's own message, where the generic one would not say what to write. */
  requiredFor: Partial<Record<ReferralField, string>>;
  issues: Record<ReferralIssueCode, (limit?: number) => string>;
  cannotReceiveTitle: string;
  cannotReceiveLead: string;
  keyReusedLead: string;
  referAgainRefused: string;
  // My referrals
  listTitle: string;
  listLead: string;
  boxesNav: string;
  boxes: { sent: string; inbox: string };
  sentLead: string;
  inboxLead: (organisation: string) => string;
  inboxNone: string;
  count: (n: number) => string;
  columns: { company: string; receiver: string; referrer: string; status: string; overdue: string; date: string };
  overdue: string;
  notOverdue: string;
  emptySent: string;
  emptySentHow: string;
  emptyInbox: string;
  status: Record<ReferralStatus, string>;
  // One referral
  title: (company: string) => string;
  backToList: string;
  notices: Record<ReferralNotice, string>;
  summaryHeading: string;
  companyHeading: string;
  needHeading: string;
  contactHeading: string;
  historyHeading: string;
  actionsHeading: string;
  labels: {
    status: string;
    receiver: string;
    target: string;
    referrer: string;
    created: string;
    organisationNumber: string;
    municipality: string;
    stage: string;
    area: string;
    contactName: string;
    email: string;
    phone: string;
    consent: string;
    declineReason: string;
  };
  consentGiven: string;
  consentForwarding: string;
  overdueNotice: (days: number) => string;
  redirectedFrom: string;
  redirectedTo: string;
  historyItem: (status: string, who: string) => string;
  at: (when: string) => string;
  actions: Record<ReferralAction, string>;
  actionHints: Record<ReferralAction, string>;
  reasonCategoryLabel: string;
  reasonCategoryHint: string;
  reasonCategoryRequired: string;
  /** Why an organisation declines: the decline form's choices, the referral page and follow-up say them alike. */
  declineReasons: Record<DeclineReason, string>;
  reasonLabel: string;
  reasonHint: string;
  redirectLabel: string;
  redirectHint: string;
  noRedirect: string;
  forwardLabel: string;
  forwardHint: string;
  noActions: string;
  staleTitle: string;
  staleLead: string;
  staleReload: string;
  conflictLead: string;
  reasonRequired: string;
  redirectInvalid: string;
};

export type PrivacyMessages = {
  nav: string;
  title: string;
  lead: string;
  sections: readonly { heading: string; paragraphs: readonly string[] }[];
};
