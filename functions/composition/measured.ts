/** Decorators that report to the metrics port: search latency and zero-result searches, referrals and the fate of their notices. */
import type { ReferralNotifier } from '#shared/ports/notifier.ts';
import { METRIC_NAMES, type Metrics } from '#shared/ports/metrics.ts';
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
