/** Decorators that report to the metrics port: search latency and zero-result searches, referrals, their answers and the fate of their notices. */
import type { ReferralAction } from '#shared/domain/referral-lifecycle.ts';
import type { ReferralNotifier } from '#shared/ports/notifier.ts';
import { METRIC_NAMES, type MetricName, type Metrics } from '#shared/ports/metrics.ts';
import type { ReferralService } from '#shared/services/referrals.ts';
import type { SearchService } from '#shared/services/search.ts';

/** Times every search and counts those that found nothing. */
export const measuredSearch = (search: SearchService, metrics: Metrics): SearchService => ({
  ...search,
  async search(query) {
    const started = performance.now();
    const response = await search.search(query);
    metrics.milliseconds(METRIC_NAMES.searchLatency, performance.now() - started);
    if (response.total === 0) metrics.count(METRIC_NAMES.zeroResultSearches);
    return response;
  },
});

/** Counts each referral the notifier hears of, and whether its notice went out (undeliverable or refused counts as failed). */
export const measuredNotifier = (notifier: ReferralNotifier, metrics: Metrics): ReferralNotifier => ({
  async referralReceived(notice) {
    metrics.count(METRIC_NAMES.referralCreated);
    try {
      const outcome = await notifier.referralReceived(notice);
      metrics.count(outcome.delivered ? METRIC_NAMES.referralNoticesSent : METRIC_NAMES.referralNoticesFailed);
      return outcome;
    } catch (error) {
      metrics.count(METRIC_NAMES.referralNoticesFailed);
      throw error;
    }
  },
});

/** The lifecycle actions counted, by the metric each one adds to once it is stored. */
const COUNTED_ACTIONS: Partial<Record<ReferralAction, MetricName>> = {
  accept: METRIC_NAMES.referralAccepted,
  decline: METRIC_NAMES.referralDeclined,
  complete: METRIC_NAMES.referralCompleted,
};

/** Counts each referral accepted, declined or completed (created ones and their notices are the notifier's). */
export const measuredReferrals = (referrals: ReferralService, metrics: Metrics): ReferralService => ({
  ...referrals,
  async act(principal, id, action, expectedVersion, details, options) {
    const result = await referrals.act(principal, id, action, expectedVersion, details, options);
    const metric = COUNTED_ACTIONS[action];
    if (metric) metrics.count(metric);
    return result;
  },
});
