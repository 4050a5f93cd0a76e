/** Owns the replaceable compute around the data: the API function and its HTTP API, the stream indexer and its dead letters, and the alarms, their topic and the dashboard. */
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IDomain } from 'aws-cdk-lib/aws-opensearchservice';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { keys } from '#shared/adapters/dynamodb/key-schema.ts';
import { Certificate, type ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { CloudFrontTarget } from 'aws-cdk-lib/aws-route53-targets';
import { OAuthScope, UserPoolClient, type IUserPool, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { SESSION_RENEWABLE_HOURS, SIGN_IN_CALLBACK_PATH } from '#functions/api/authorization/session.ts';
import { ALARM_PERIOD, AlarmTopic } from './constructs/alarms.ts';
import { DirectoryFunction } from './constructs/directory-function.ts';
import { MailFeedback } from './constructs/mail-feedback.ts';
import { readSiteDomain, SiteDomain } from './constructs/site-domain.ts';
import { type CdnContext, SiteDistribution } from './constructs/cdn.ts';
import { bindSearchSnapshots } from './constructs/search-snapshots.ts';
import { ServiceDashboard } from './constructs/service-dashboard.ts';
import type { SearchSizing } from './stateful-stack.ts';
import { WEB_CLIENT_READ_ATTRIBUTES, WEB_CLIENT_WRITE_ATTRIBUTES } from './constructs/identity.ts';
import { readAlarmEmails, readNotificationSender, readReferralRetentionMonths, removalPolicyFor } from './stage.ts';

export interface StatelessStackProps extends StackProps {
  readonly stage: string;
  /** The directory table from the stateful stack; its stream feeds the indexer. */
  readonly table: ITable;
  /** Search: the OpenSearch domain and its size (for the free-storage alarm), or the embedded engine's snapshot bucket. */
  readonly search: { readonly domain: IDomain; readonly sizing: SearchSizing } | { readonly snapshots: IBucket };
  /** Cognito's sign-in trigger, whose errors fail sign-ins. */
  readonly signInTrigger: IFunction;
  /** The user pool whose access tokens the API accepts, and the domain of its hosted sign-in. */
  readonly userPool: IUserPool;
  readonly userPoolDomain: UserPoolDomain;
  /** SES's bounce and complaint topic, when a sender is configured; its notices flag intake addresses. */
  readonly mailFeedback?: ITopic | undefined;
  /** With `cdn=true`: CloudFront in front, with the us-east-1 certificate (else `cdnCertificateArn`) and web ACL. */
  readonly cdn?: { readonly context: CdnContext; readonly certificate?: ICertificate | undefined; readonly webAclArn: string; readonly webAclName: string } | undefined;
}

const API_THROTTLE = { burstLimit: 200, rateLimit: 100 } as const;
const MINUTE = Duration.minutes(1);
/** The search domain's free storage alarm goes off below this share of a node's volume. */
const SEARCH_FREE_STORAGE_FLOOR = 0.25;

/** How the indexer reads the stream: ordered batches, failures retried from the failed record, then dead letters. */
export const INDEXER_STREAM = {
  batchSize: 100,
  maxBatchingWindow: Duration.seconds(1),
  retryAttempts: 5,
  maxRecordAge: Duration.hours(24),
} as const;
/** The indexer is this far behind the table when its alarm goes off. */
const INDEXER_LAG_ALARM = Duration.minutes(10);

/** HTTP API variables only: HTTP APIs reject REST-only ones such as those in the common log format. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    httpMethod: '$context.httpMethod',
    path: '$context.path',
    routeKey: '$context.routeKey',
    protocol: '$context.protocol',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integrationStatus',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    error: '$context.error.message',
  }),
);

/**
 * The API function (Hono app, reading the table, searching the domain or the snapshot, sending referral notices
 * through SES from the `notificationSender` context value) behind an HTTP API whose
 * `$default` route sends every request to it, with stage throttling and JSON access logs; the
 * indexer function on the table's stream (entry items only), whose failed batches end in a dead
 * letter queue; alarms on function errors and throttles, API 5xx, indexer lag and dead letters, the
 * sign-in trigger's errors and the search domain's health, each notifying the alarm topic (mailed to
 * the `alarmEmails` context value); one dashboard; and the API URL and the topic as stack outputs. With
 * `cdn=true` a CloudFront distribution serves the site's domain from the API's custom domain.
 */
export class StatelessStack extends Stack {
  readonly api: DirectoryFunction;
  readonly httpApi: HttpApi;
  /** The app client of the hosted sign-in, returning to the API's callback. */
  readonly webClient: UserPoolClient;
  readonly indexer: DirectoryFunction;
  readonly indexerDeadLetters: Queue;
  readonly alarmTopic: Topic;
  readonly alarms: readonly Alarm[];
  readonly dashboard: ServiceDashboard;
  /** The site's own address, with the `domainName` context value. */
  readonly siteDomain: SiteDomain | undefined;
  /** CloudFront before the site's domain, with `cdn=true`. */
  readonly siteDistribution: SiteDistribution | undefined;
  /** Flags intake addresses that bounce; only with a mail sender. */
  readonly mailFeedback: MailFeedback | undefined;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const removalPolicy = removalPolicyFor(props.stage);

    this.api = new DirectoryFunction(this, 'Api', {
      entry: 'functions/api/lambda.ts',
      description: `Vägvisaren HTTP API (${props.stage})`,
      environment: { STAGE: props.stage, REFERRAL_RETENTION_MONTHS: String(readReferralRetentionMonths(this)) },
      logRemovalPolicy: removalPolicy,
    })
      .bindTable(props.table, 'readWrite')
      .bindEmailSender(readNotificationSender(this));
    if ('domain' in props.search) this.api.bindSearch(props.search.domain, 'read');
    else bindSearchSnapshots(this.api, props.search.snapshots, props.table, 'read');

    this.indexerDeadLetters = new Queue(this, 'IndexerDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy,
    });
    Validations.of(this.indexerDeadLetters).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'This queue is the dead letter queue of the indexer\'s stream; its records are replayed by hand (README, Recover).' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself the dead letter queue of the indexer\'s stream.' },
    );
    Validations.of(this.api).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'The API function is invoked synchronously by the HTTP API; a failed request is answered, not retried.',
    });

    this.indexer = new DirectoryFunction(this, 'Indexer', {
      entry: 'functions/indexer/lambda.ts',
      description: `Vägvisaren search indexer (${props.stage})`,
      environment: { STAGE: props.stage },
      memorySize: 512,
      timeout: Duration.seconds(30),
      logRemovalPolicy: removalPolicy,
    }).bindTable(props.table, 'write');
    if ('domain' in props.search) this.indexer.bindSearch(props.search.domain, 'readWrite');
    else bindSearchSnapshots(this.indexer, props.search.snapshots, props.table, 'readWrite');
    Validations.of(this.indexer).acknowledge(
      {
        id: 'Serverless-LambdaDLQ',
        reason: 'The indexer reads a DynamoDB stream; records it gives up on go to the event source\'s on-failure queue (IndexerDeadLetters), which a function DLQ cannot do for stream invocations.',
      },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'dynamodb:ListStreams, which the stream event source needs, takes no resource narrower than *.' },
    );

    this.indexer.lambda.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        ...INDEXER_STREAM,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.indexerDeadLetters),
        filters: [FilterCriteria.filter({ dynamodb: { Keys: { sk: { S: FilterRule.isEqual(keys.entry('-').sk) } } } })],
      }),
    );

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Vägvisaren (${props.stage})`,
      defaultIntegration: new HttpLambdaIntegration('ApiIntegration', this.api.lambda),
      createDefaultStage: false,
      // Behind CloudFront the site is reached through its domain only, so the web ACL sees every request.
      ...(props.cdn ? { disableExecuteApiEndpoint: true } : {}),
    });
    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Most of the directory is public; the app authorizes signed-in requests itself (Cognito access tokens or its session cookie) per route.',
    });

    const siteContext = readSiteDomain(this);
    this.siteDomain = siteContext && new SiteDomain(this, 'SiteDomain', { site: siteContext });
    if (this.siteDomain) this.api.lambda.addEnvironment('PUBLIC_BASE_URL', this.siteDomain.baseUrl);
    if (props.cdn && !(siteContext && this.siteDomain)) throw new Error('Invalid cdn context: cdn=true needs a domainName.');
    this.siteDistribution =
      props.cdn &&
      siteContext &&
      this.siteDomain &&
      new SiteDistribution(this, 'Cdn', {
        stage: props.stage,
        domainName: siteContext.domainName,
        originDomainName: this.siteDomain.domainName.regionalDomainName,
        certificate: props.cdn.certificate ?? Certificate.fromCertificateArn(this, 'CdnCertificate', props.cdn.context.certificateArn!),
        webAclArn: props.cdn.webAclArn,
      });
    /** Where people use the site: the custom domain when there is one; the API's own address stays usable unless CloudFront is in front. */
    const siteUrls = [...(this.siteDomain ? [this.siteDomain.baseUrl] : []), ...(this.siteDistribution ? [] : [this.httpApi.apiEndpoint])];

    this.webClient = new UserPoolClient(this, 'WebClient', {
      userPool: props.userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      readAttributes: WEB_CLIENT_READ_ATTRIBUTES,
      writeAttributes: WEB_CLIENT_WRITE_ATTRIBUTES,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: siteUrls.map((url) => `${url}${SIGN_IN_CALLBACK_PATH}`),
        logoutUrls: siteUrls.map((url) => `${url}/`),
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(SESSION_RENEWABLE_HOURS),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    this.api.bindUserPool(props.userPool, this.webClient, props.userPoolDomain);

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy,
    });

    const defaultStage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: ACCESS_LOG_FORMAT,
      },
    });

    this.siteDomain?.serve(this.httpApi, defaultStage, this.siteDistribution && new CloudFrontTarget(this.siteDistribution.distribution));

    const alarms = new AlarmTopic(this, 'Alarms', { emails: readAlarmEmails(this), stage: props.stage });
    this.alarmTopic = alarms.topic;
    const sum = { period: ALARM_PERIOD, statistic: 'Sum' } as const;
    alarms.alarm('ApiFunctionErrors', { metric: this.api.lambda.metricErrors(sum), description: 'The API function reported errors in the last 5 minutes.' });
    alarms.alarm('ApiFunctionThrottles', { metric: this.api.lambda.metricThrottles(sum), description: 'The API function was throttled in the last 5 minutes.' });
    alarms.alarm('HttpApi5xx', { metric: this.httpApi.metricServerError(sum), description: 'The HTTP API returned 5xx responses in the last 5 minutes.' });
    alarms.alarm('IndexerFunctionErrors', { metric: this.indexer.lambda.metricErrors(sum), description: 'The search indexer failed whole batches in the last 5 minutes.' });
    alarms.alarm('IndexerDeadLettersWaiting', {
      metric: this.indexerDeadLetters.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: 'Maximum' }),
      description: 'Stream records the indexer gave up on are waiting in its dead letter queue; search misses their changes until a reindex.',
    });
    alarms.alarm('IndexerLag', {
      metric: this.indexer.lambda.metric('IteratorAge', { period: ALARM_PERIOD, statistic: 'Maximum' }),
      description: `Search is more than ${INDEXER_LAG_ALARM.toMinutes()} minutes behind the table.`,
      threshold: INDEXER_LAG_ALARM.toMilliseconds(),
    });
    alarms.alarm('SignInTriggerErrors', {
      metric: props.signInTrigger.metricErrors(sum),
      description: 'The sign-in trigger failed in the last 5 minutes: the people it failed for could not sign in.',
    });
    this.mailFeedback = props.mailFeedback && new MailFeedback(this, 'MailFeedback', { stage: props.stage, topic: props.mailFeedback, table: props.table, removalPolicy });
    if (this.mailFeedback) {
      alarms.alarm('MailFeedbackDeadLetters', {
        metric: this.mailFeedback.deadLetters.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: 'Maximum' }),
        description: 'SES bounces or complaints could not be recorded: an intake address that bounces may not be flagged for editors. See the mail feedback function\'s log.',
      });
    }
    if ('domain' in props.search) this.searchAlarms(alarms, props.search.domain, props.search.sizing);
    this.alarms = alarms.alarms;

    this.dashboard = new ServiceDashboard(this, 'Dashboard', {
      stage: props.stage,
      httpApi: this.httpApi,
      api: this.api.lambda,
      indexer: this.indexer.lambda,
      indexerDeadLetters: this.indexerDeadLetters,
      ...('domain' in props.search ? { search: props.search.domain } : {}),
      alarms: this.alarms,
      ...(this.siteDistribution && props.cdn ? { cdn: { distribution: this.siteDistribution.distribution, webAclName: props.cdn.webAclName } } : {}),
    });

    new CfnOutput(this, 'ApiUrl', {
      value: this.siteDistribution ? `${siteUrls[0]}/` : defaultStage.url,
      description: this.siteDistribution ? 'Base URL of the HTTP API: the site\'s domain, as its execute-api address is off behind CloudFront' : 'Base URL of the HTTP API',
    });
    new CfnOutput(this, 'SiteUrl', { value: `${siteUrls[0]}/`, description: 'Where people use the site: the custom domain (domainName context) or else the API URL' });
    if (this.siteDistribution) {
      new CfnOutput(this, 'DistributionDomainName', {
        value: this.siteDistribution.distribution.distributionDomainName,
        description: 'Without hostedZoneId: point a CNAME record for the domain name at this CloudFront address',
      });
      new CfnOutput(this, 'DistributionId', { value: this.siteDistribution.distribution.distributionId, description: 'The CloudFront distribution (e.g. for aws cloudfront create-invalidation)' });
    } else if (this.siteDomain) {
      new CfnOutput(this, 'SiteDomainTarget', {
        value: this.siteDomain.domainName.regionalDomainName,
        description: 'Without hostedZoneId: point a CNAME record for the domain name at this target',
      });
    }
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn, description: 'SNS topic every alarm notifies (subscribe more people here)' });
    new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboard.dashboardName, description: 'The CloudWatch dashboard of this stage' });
    new CfnOutput(this, 'IndexerDeadLetterQueueUrl', { value: this.indexerDeadLetters.queueUrl, description: 'Stream records the indexer gave up on' });
  }

  /** The search domain's alarms, as AWS recommends them for OpenSearch Service. */
  private searchAlarms(alarms: AlarmTopic, search: IDomain, sizing: SearchSizing): void {
    const max = (period: Duration) => ({ period, statistic: 'Maximum' }) as const;
    alarms.alarm('SearchClusterRed', {
      metric: search.metricClusterStatusRed(max(MINUTE)),
      description: 'At least one primary shard of the search domain is unassigned: search answers partly or not at all. Rebuild with npm run reindex if it stays red.',
    });
    alarms.alarm('SearchClusterYellow', {
      metric: search.metricClusterStatusYellow(max(MINUTE)),
      description: 'At least one replica shard of the search domain is unassigned: search works, but one more lost node loses data.',
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
    });
    const floorMiB = Math.round(sizing.volumeGiB * 1024 * SEARCH_FREE_STORAGE_FLOOR);
    alarms.alarm('SearchFreeStorageLow', {
      metric: search.metricFreeStorageSpace({ period: MINUTE, statistic: 'Minimum' }),
      description: `A search node has less than ${floorMiB} MiB (${SEARCH_FREE_STORAGE_FLOOR * 100} %) of its volume free; at none it blocks writes.`,
      threshold: floorMiB,
      comparison: 'atMost',
    });
    alarms.alarm('SearchJvmMemoryPressure', {
      metric: search.metricJVMMemoryPressure(max(MINUTE)),
      description: 'The search domain has used 95 % of its heap for 3 of the last 5 minutes: it may refuse requests.',
      threshold: 95,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
    });
    alarms.alarm('SearchIndexWritesBlocked', {
      metric: search.metricClusterIndexWritesBlocked(max(ALARM_PERIOD)),
      description: 'The search domain blocks writes: the indexer fails and search falls behind the table.',
    });
    alarms.alarm('SearchSnapshotFailed', {
      metric: search.metricAutomatedSnapshotFailure(max(MINUTE)),
      description: 'The search domain\'s automated snapshot failed.',
    });
  }
}
