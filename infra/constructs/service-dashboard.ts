/** Owns the one CloudWatch dashboard of a stage: the API, search, the indexer, referral notices, the search domain and CloudFront with its web ACL (if any) and every alarm. */
import { Duration } from 'aws-cdk-lib';
import { AlarmStatusWidget, Dashboard, GraphWidget, type IAlarm, type IWidget, Metric, Stats, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IDomain } from 'aws-cdk-lib/aws-opensearchservice';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { CLOUDFRONT_REGION } from './cdn.ts';
import { webAclMetric } from './waf.ts';
import { Construct } from 'constructs';
import { METRIC_NAMES, METRIC_NAMESPACE, METRIC_SERVICES, type MetricName, type MetricService } from '#shared/ports/metrics.ts';

export interface ServiceDashboardProps {
  readonly stage: string;
  readonly httpApi: HttpApi;
  readonly api: IFunction;
  readonly indexer: IFunction;
  readonly indexerDeadLetters: IQueue;
  /** The OpenSearch domain (`opensearch` search mode); without it the dashboard has no domain row. */
  readonly search?: IDomain | undefined;
  readonly alarms: readonly IAlarm[];
  /** With `cdn=true`: the distribution and its web ACL's name; without it the dashboard has no CloudFront row. */
  readonly cdn?: { readonly distribution: IDistribution; readonly webAclName: string } | undefined;
}

const PERIOD = Duration.minutes(5);
const WIDTH = 8;

/** One of the service's own metrics (see shared/ports/metrics.ts), as the Powertools metrics of a function publish it. */
export const serviceMetric = (stage: string, service: MetricService, name: MetricName, statistic: string = Stats.SUM): Metric =>
  new Metric({ namespace: METRIC_NAMESPACE, metricName: name, dimensionsMap: { service, stage }, statistic, period: PERIOD });

const graph = (title: string, left: Metric[], right: Metric[] = []): GraphWidget =>
  new GraphWidget({ title, left, right, width: WIDTH, height: 6 });

/** A dashboard named by CloudFormation, with the stage in its first line; the rows read top to bottom as a request travels. */
export class ServiceDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const { stage, httpApi, api, indexer, indexerDeadLetters, search } = props;
    const own = (service: MetricService, name: MetricName, statistic?: string) => serviceMetric(stage, service, name, statistic);
    const rows: IWidget[][] = [
      [
        new TextWidget({
          markdown: `# Vägvisaren ${stage}\nAPI, search, indexer and referral notices. Alarms notify the alarm topic; the README's *Observe* and *Recover* sections say what to do.`,
          width: 24,
          height: 2,
        }),
      ],
      [new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 4 })],
      [
        graph('API requests, 4xx and 5xx', [
          httpApi.metricCount({ period: PERIOD, label: 'requests' }),
          httpApi.metricClientError({ period: PERIOD, label: '4xx' }),
          httpApi.metricServerError({ period: PERIOD, label: '5xx' }),
        ]),
        graph('API latency (ms)', [
          httpApi.metricLatency({ period: PERIOD, statistic: Stats.p(50), label: 'p50' }),
          httpApi.metricLatency({ period: PERIOD, statistic: Stats.p(99), label: 'p99' }),
        ]),
        graph('API function', [
          api.metricErrors({ period: PERIOD, label: 'errors' }),
          api.metricThrottles({ period: PERIOD, label: 'throttles' }),
        ], [api.metricDuration({ period: PERIOD, statistic: Stats.p(99), label: 'duration p99 (ms)' })]),
      ],
      [
        graph('Search latency (ms)', [
          own(METRIC_SERVICES.api, METRIC_NAMES.searchLatency, Stats.p(50)).with({ label: 'p50' }),
          own(METRIC_SERVICES.api, METRIC_NAMES.searchLatency, Stats.p(99)).with({ label: 'p99' }),
        ]),
        graph('Zero-result searches', [
          own(METRIC_SERVICES.api, METRIC_NAMES.zeroResultSearches).with({ label: 'no results' }),
          own(METRIC_SERVICES.api, METRIC_NAMES.searchLatency, Stats.SAMPLE_COUNT).with({ label: 'searches' }),
        ]),
        graph('Referrals and their notices', [
          own(METRIC_SERVICES.api, METRIC_NAMES.referralCreated).with({ label: 'created' }),
          own(METRIC_SERVICES.api, METRIC_NAMES.referralAccepted).with({ label: 'accepted' }),
          own(METRIC_SERVICES.api, METRIC_NAMES.referralDeclined).with({ label: 'declined' }),
          own(METRIC_SERVICES.api, METRIC_NAMES.referralCompleted).with({ label: 'completed' }),
          own(METRIC_SERVICES.api, METRIC_NAMES.referralNoticesSent).with({ label: 'notices sent' }),
          own(METRIC_SERVICES.api, METRIC_NAMES.referralNoticesFailed).with({ label: 'notices failed' }),
        ]),
      ],
      [
        graph('Indexer lag (ms behind the table)', [indexer.metric('IteratorAge', { period: PERIOD, statistic: Stats.MAXIMUM, label: 'iterator age' })]),
        graph('Indexer dead letters and errors', [
          indexerDeadLetters.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: Stats.MAXIMUM, label: 'dead letters waiting' }),
          indexer.metricErrors({ period: PERIOD, label: 'failed batches' }),
        ]),
        graph('Indexer tally', [
          own(METRIC_SERVICES.indexer, METRIC_NAMES.indexerApplied).with({ label: 'applied' }),
          own(METRIC_SERVICES.indexer, METRIC_NAMES.indexerStale).with({ label: 'stale' }),
          own(METRIC_SERVICES.indexer, METRIC_NAMES.indexerFailed).with({ label: 'failed' }),
          own(METRIC_SERVICES.indexer, METRIC_NAMES.indexerInvalid).with({ label: 'invalid' }),
        ]),
      ],
      ...(search ? [searchDomainRow(search)] : []),
      ...(props.cdn ? [cdnRow(props.cdn.distribution, props.cdn.webAclName)] : []),
    ];
    this.dashboard = new Dashboard(this, 'Dashboard', { widgets: rows, defaultInterval: Duration.hours(3) });
  }
}

/** The OpenSearch domain's health, resources and latency. */
const searchDomainRow = (search: IDomain): IWidget[] => [
  graph('Search domain health', [
    search.metricClusterStatusRed({ period: PERIOD, label: 'red' }),
    search.metricClusterStatusYellow({ period: PERIOD, label: 'yellow' }),
    search.metricClusterIndexWritesBlocked({ period: PERIOD, label: 'writes blocked' }),
  ]),
  graph('Search domain resources', [search.metricJVMMemoryPressure({ period: PERIOD, label: 'JVM memory pressure (%)' })], [
    search.metricFreeStorageSpace({ period: PERIOD, label: 'free storage (MB)' }),
  ]),
  graph('Search domain latency (ms)', [search.metricSearchLatency({ period: PERIOD, label: 'search p99' })]),
];

/** CloudFront's traffic and errors and what the web ACL let through or blocked, from us-east-1, where both publish. */
const cdnRow = (distribution: IDistribution, webAclName: string): IWidget[] => {
  const cloudFront = (metricName: string, statistic: string, label: string) =>
    new Metric({
      namespace: 'AWS/CloudFront',
      metricName,
      dimensionsMap: { DistributionId: distribution.distributionId, Region: 'Global' },
      statistic,
      period: PERIOD,
      region: CLOUDFRONT_REGION,
      label,
    });
  return [
    graph('CloudFront requests', [cloudFront('Requests', Stats.SUM, 'requests')], [cloudFront('BytesDownloaded', Stats.SUM, 'bytes out')]),
    graph('CloudFront error rates (%)', [cloudFront('4xxErrorRate', Stats.AVERAGE, '4xx'), cloudFront('5xxErrorRate', Stats.AVERAGE, '5xx')]),
    graph('AWS WAF', [
      webAclMetric(webAclName, 'AllowedRequests', PERIOD).with({ region: CLOUDFRONT_REGION, label: 'allowed' }),
      webAclMetric(webAclName, 'BlockedRequests', PERIOD).with({ region: CLOUDFRONT_REGION, label: 'blocked' }),
    ]),
  ];
};
