/** Owns the replaceable compute around the data: the API function and its HTTP API, the stream indexer and its dead letters, and their alarms. */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IDomain } from 'aws-cdk-lib/aws-opensearchservice';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { keys } from '#shared/adapters/dynamodb/key-schema.ts';
import { OAuthScope, UserPoolClient, type IUserPool, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { SIGN_IN_CALLBACK_PATH } from '#functions/api/authorization/session.ts';
import { DirectoryFunction } from './constructs/directory-function.ts';
import { WEB_CLIENT_READ_ATTRIBUTES, WEB_CLIENT_WRITE_ATTRIBUTES } from './constructs/identity.ts';
import { readNotificationSender, readReferralRetentionMonths, removalPolicyFor } from './stage.ts';

export interface StatelessStackProps extends StackProps {
  readonly stage: string;
  /** The directory table from the stateful stack; its stream feeds the indexer. */
  readonly table: ITable;
  /** The search domain from the stateful stack. */
  readonly search: IDomain;
  /** The user pool whose access tokens the API accepts, and the domain of its hosted sign-in. */
  readonly userPool: IUserPool;
  readonly userPoolDomain: UserPoolDomain;
}

const API_THROTTLE = { burstLimit: 200, rateLimit: 100 } as const;
const ALARM_PERIOD = Duration.minutes(5);

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
 * The API function (Hono app, reading the table, searching the domain, sending referral notices
 * through SES from the `notificationSender` context value) behind an HTTP API whose
 * `$default` route sends every request to it, with stage throttling and JSON access logs; the
 * indexer function on the table's stream (entry items only), whose failed batches end in a dead
 * letter queue; alarms on function errors and throttles, API 5xx, indexer lag and dead letters;
 * and the API URL as a stack output.
 */
export class StatelessStack extends Stack {
  readonly api: DirectoryFunction;
  readonly httpApi: HttpApi;
  /** The app client of the hosted sign-in, returning to the API's callback. */
  readonly webClient: UserPoolClient;
  readonly indexer: DirectoryFunction;
  readonly indexerDeadLetters: Queue;
  readonly alarms: readonly Alarm[];

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
      .bindSearch(props.search, 'read')
      .bindEmailSender(readNotificationSender(this));

    this.indexerDeadLetters = new Queue(this, 'IndexerDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy,
    });

    this.indexer = new DirectoryFunction(this, 'Indexer', {
      entry: 'functions/indexer/lambda.ts',
      description: `Vägvisaren search indexer (${props.stage})`,
      environment: { STAGE: props.stage },
      memorySize: 512,
      timeout: Duration.seconds(30),
      logRemovalPolicy: removalPolicy,
    })
      .bindSearch(props.search, 'readWrite')
      .bindTable(props.table, 'write');

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
    });

    this.webClient = new UserPoolClient(this, 'WebClient', {
      userPool: props.userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      readAttributes: WEB_CLIENT_READ_ATTRIBUTES,
      writeAttributes: WEB_CLIENT_WRITE_ATTRIBUTES,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${this.httpApi.apiEndpoint}${SIGN_IN_CALLBACK_PATH}`],
        logoutUrls: [`${this.httpApi.apiEndpoint}/`],
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
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

    this.alarms = [
      this.alarmAtLeast('ApiFunctionErrors', this.api.lambda.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
        'The API function reported errors in the last 5 minutes.'),
      this.alarmAtLeast('ApiFunctionThrottles', this.api.lambda.metricThrottles({ period: ALARM_PERIOD, statistic: 'Sum' }),
        'The API function was throttled in the last 5 minutes.'),
      this.alarmAtLeast('HttpApi5xx', this.httpApi.metricServerError({ period: ALARM_PERIOD, statistic: 'Sum' }),
        'The HTTP API returned 5xx responses in the last 5 minutes.'),
      this.alarmAtLeast('IndexerFunctionErrors', this.indexer.lambda.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
        'The search indexer failed whole batches in the last 5 minutes.'),
      this.alarmAtLeast(
        'IndexerDeadLettersWaiting',
        this.indexerDeadLetters.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: 'Maximum' }),
        'Stream records the indexer gave up on are waiting in its dead letter queue; search misses their changes until a reindex.',
      ),
      this.alarmAtLeast(
        'IndexerLag',
        this.indexer.lambda.metric('IteratorAge', { period: ALARM_PERIOD, statistic: 'Maximum' }),
        `Search is more than ${INDEXER_LAG_ALARM.toMinutes()} minutes behind the table.`,
        INDEXER_LAG_ALARM.toMilliseconds(),
      ),
    ];

    new CfnOutput(this, 'ApiUrl', { value: defaultStage.url, description: 'Base URL of the HTTP API' });
  }

  private alarmAtLeast(id: string, metric: IMetric, description: string, threshold = 1): Alarm {
    return new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
  }
}
