/**
 * The metrics port: counts and durations the service publishes about itself, and their names as
 * CloudWatch knows them (namespace `Vagvisaren`, dimensions `service` and `stage`), which the
 * dashboard and the runtimes share. Nothing here identifies a visitor.
 */

export const METRIC_NAMESPACE = 'Vagvisaren';

/** The `service` dimension of each function that publishes metrics. */
export const METRIC_SERVICES = { api: 'api', indexer: 'indexer', mailFeedback: 'mail-feedback' } as const;
export type MetricService = (typeof METRIC_SERVICES)[keyof typeof METRIC_SERVICES];

export const METRIC_NAMES = {
  /** Milliseconds one search took in the engine (JSON API and pages alike). */
  searchLatency: 'SearchLatency',
  /** Searches that found nothing. */
  zeroResultSearches: 'ZeroResultSearches',
  /** Referrals created. */
  referralCreated: 'ReferralCreated',
  /** Referrals the receiving organisation accepted, declined (with or without a redirect) and completed. */
  referralAccepted: 'ReferralAccepted',
  referralDeclined: 'ReferralDeclined',
  referralCompleted: 'ReferralCompleted',
  /** Referral notices sent, and those that could not be (no intake address, no sender, or SES refused). */
  referralNoticesSent: 'ReferralNoticesSent',
  referralNoticesFailed: 'ReferralNoticesFailed',
  /** The indexer's tally per batch. */
  indexerApplied: 'IndexerApplied',
  indexerStale: 'IndexerStale',
  indexerFailed: 'IndexerFailed',
  indexerInvalid: 'IndexerInvalid',
} as const;
export type MetricName = (typeof METRIC_NAMES)[keyof typeof METRIC_NAMES];

export interface Metrics {
  /** Adds `value` (default 1) to a count. */
  count(name: MetricName, value?: number): void;
  /** Records a duration in milliseconds. */
  milliseconds(name: MetricName, value: number): void;
}

/** Records nothing: tests and the local runtime, whose JSON lines already say what happened. */
export const noMetrics: Metrics = { count: () => {}, milliseconds: () => {} };
