/** The shape of the signed-in pages' messages: sign-in, the account header, the editor and its errors. */
import type { AuditAction } from '#shared/domain/audit.ts';
import type { EntryStatus } from '#shared/domain/entry.ts';
import type { Role } from '#shared/domain/identity.ts';
import type { IssueCode } from '../editor/entry-form.ts';

export type SessionMessages = {
  signIn: string;
  signOut: string;
  /** Names the account area of the header for screen readers. */
  account: string;
  signedInAs: string;
  roles: Record<Role, string>;
  title: string;
  localLead: string;
  localNotice: string;
  usersHeading: string;
  role: string;
  organisation: string;
  signInAs: (name: string) => string;
  alreadySignedIn: (name: string) => string;
  toStart: string;
  awsLead: string;
  awsNext: string;
  expiredTitle: string;
  expiredLead: string;
  reload: string;
  unknownUser: string;
};

export type EditorMessages = {
  nav: string;
  dashboardTitle: string;
  dashboardLead: (name: string) => string;
  sectionsNav: string;
  mine: string;
  mineLead: string;
  drafts: string;
  queue: string;
  queueLead: (days: number) => string;
  count: (n: number) => string;
  none: string;
  newHeading: string;
  newLead: string;
  newOf: (kind: string) => string;
  status: Record<EntryStatus, string>;
  statusLabel: string;
  lastVerified: (date: string) => string;
  neverVerified: string;
  /** The actor's referral intake address bounced for good, or its recipient reported our mail as spam. */
  intakeBounced: (reason: 'bounce' | 'complaint', address: string, date: string) => string;
  intakeBounceFix: string;
  daysSince: (days: number) => string;
  /** The dashboard list: filters, sortable columns, count, pages and the empty state. */
  list: {
    all: string;
    missingIntake: string;
    filtersHeading: string;
    filters: { q: string; kind: string; status: string; provider: string; due: string; intake: string };
    anyOption: string;
    apply: string;
    clear: string;
    result: (shown: number, total: number) => string;
    pageOf: (page: number, count: number) => string;
    columns: { name: string; kind: string; status: string; changed: string; due: string };
    sortHint: (dir: 'asc' | 'desc') => string;
    empty: (filters: string) => string;
    emptyLoosen: string;
    intakeNone: string;
  };
  history: string;
  publicPage: string;
  backToDashboard: string;
  // The form
  editTitle: (name: string) => string;
  newTitle: (kind: string) => string;
  chooseKindTitle: string;
  chooseKindLead: string;
  meta: (kind: string, status: string, version: number) => string;
  groups: { text: string; textLead: string; classification: string; where: string; more: string; details: string };
  fields: Record<string, string>;
  hints: Record<string, string>;
  coverageCounty: string;
  coverageMunicipalities: string;
  noProvider: string;
  notStated: string;
  chooseOption: string;
  trlOption: (level: number) => string;
  save: string;
  create: string;
  errorSummary: string;
  errorPrefix: string;
  errorTitle: (title: string) => string;
  issues: Record<IssueCode, (limit?: number, detail?: string) => string>;
  staleTitle: string;
  staleLead: string;
  staleReload: string;
  staleAction: string;
  notices: Record<'created' | 'saved' | 'unchanged' | 'published' | 'unpublished' | 'archived' | 'verified', string>;
  actionsHeading: string;
  actionsLead: string;
  actions: { publish: string; unpublish: string; archive: string; verify: string };
  actionHints: { publish: string; unpublish: string; archive: string; verify: string };
  // History
  historyTitle: (name: string) => string;
  historyLead: string;
  historyEmpty: string;
  auditActions: Record<AuditAction, string>;
  recordHeading: (action: string, who: string, when: string) => string;
  versionLabel: (version: number) => string;
  field: string;
  before: string;
  after: string;
  emptyValue: string;
  noFieldChanges: string;
  historyFields: Record<string, string>;
  yes: string;
  no: string;
  // Errors
  unknownFieldsTitle: string;
  unknownFieldsLead: string;
  badVersion: string;
  badKind: string;
};

export type AccessErrorMessages = {
  forbiddenTitle: string;
  forbiddenLead: string;
  forbiddenWho: (name: string, roles: string) => string;
  forbiddenRights: string;
  forbiddenOther: string;
  csrfTitle: string;
  csrfLead: string;
  signInAgainTitle: string;
  signInAgainLead: string;
  signInLink: string;
};
