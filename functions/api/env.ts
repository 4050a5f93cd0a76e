/** The Hono environment of the API: the dependencies it is built with and per-request values on `c.var`. */
import type { UnauthenticatedError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/identity.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { HostedSignIn, HostedTokens, TokenRefresher } from '#shared/ports/hosted-sign-in.ts';
import type { OutboxReader } from '#shared/ports/notifier.ts';
import type { SessionRef, SessionStore } from '#shared/ports/session-store.ts';
import type { TokenVerifier } from '#shared/ports/token-verifier.ts';
import type { CatalogueService } from '#shared/services/catalogue.ts';
import type { EditorService } from '#shared/services/editor.ts';
import type { OpenDataService } from '#shared/services/open-data.ts';
import type { DemandRecorder } from '#shared/services/demand-recorder.ts';
import type { FollowUpService } from '#shared/services/follow-up.ts';
import type { ReferralService } from '#shared/services/referrals.ts';
import type { SearchService } from '#shared/services/search.ts';
import type { Logger } from './middleware/request-log.ts';

/** Everything the app needs from a composition root. */
export type AppDeps = {
  catalogue: CatalogueService;
  search: SearchService;
  editor: EditorService;
  referrals: ReferralService;
  /** The published catalogue as open data (HSDS 3.0) with the region's licence. */
  openData: OpenDataService;
  /** Counts what visitors look for, anonymously, after the response. */
  demand: DemandRecorder;
  /** Coverage, demand, referral flows and the board report, for the region's follow-up. */
  followUp: FollowUpService;
  tokens: TokenVerifier;
  /** Sessions ended at sign-out, refused from then on. */
  sessions: SessionStore;
  taxonomy: Taxonomy;
  clock: Clock;
  logger: Logger;
  /** AWS: the site is served only over HTTPS, so responses carry Strict-Transport-Security. */
  strictTransportSecurity?: boolean;
  /** Local runtime only: signs in demo users. Absent in AWS, where the pages link to Cognito instead. */
  devSignIn?: DevSignIn;
  /** AWS: the user pool's hosted sign-in pages, when a domain is configured. */
  hostedSignIn?: HostedSignIn;
  /** Local runtime only: the notification outbox, shown at GET /dev/outbox. Absent in AWS, where the route does not exist. */
  devOutbox?: OutboxReader;
  /**
   * The search index's generation, a number that changes after every applied change, where this
   * process holds the index; with it, anonymous searches are answered from a cache (middleware/public-answer-cache.ts).
   */
  searchGeneration?: () => number;
};

/** The development sign-in the local composition root provides. */
export type DevSignIn = {
  users: readonly { username: string; name: string; roles: readonly string[]; organisationId?: string; description: { sv: string; en: string } }[];
  issue(username: string): Promise<string>;
  /** A sign-in with its refresh token, which `refresh` renews as the user pool's token endpoint does. */
  signIn(username: string): Promise<Required<HostedTokens>>;
  refresh: TokenRefresher['refresh'];
};

export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    /** The signed-in caller, when there is one. */
    principal?: Principal;
    /** The session the caller's token belongs to, which sign-out ends. */
    session?: SessionRef;
    /** The CSRF token forms of a cookie session must send back. */
    csrfToken?: string;
    /** Why a presented token was not accepted, for routes that need a principal. */
    authenticationProblem?: UnauthenticatedError;
    /** Effects of answering that run again when the public answer cache gives the same answer (see onEveryAnswer). */
    answerEffects?: (() => void)[];
  };
};
