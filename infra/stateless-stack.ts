/** Owns the replaceable compute around the table: the API function, its HTTP API, and their alarms. */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DirectoryFunction } from './constructs/directory-function.ts';
import { removalPolicyFor } from './stage.ts';

export interface StatelessStackProps extends StackProps {
  readonly stage: string;
  /** The directory table from the stateful stack. */
  readonly table: ITable;
}

const API_THROTTLE = { burstLimit: 200, rateLimit: 100 } as const;
const ALARM_PERIOD = Duration.minutes(5);

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
 * The API function (Hono app) behind an HTTP API whose `$default` route sends every request to it,
 * with stage throttling, JSON access logs, alarms on function errors and throttles and on API 5xx,
 * and the API URL as a stack output.
 */
export class StatelessStack extends Stack {
  readonly api: DirectoryFunction;
  readonly httpApi: HttpApi;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const removalPolicy = removalPolicyFor(props.stage);

    this.api = new DirectoryFunction(this, 'Api', {
      entry: 'functions/api/lambda.ts',
      description: `Vägvisaren HTTP API (${props.stage})`,
      environment: { STAGE: props.stage },
      logRemovalPolicy: removalPolicy,
    }).bindTable(props.table, 'readWrite');

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Vägvisaren (${props.stage})`,
      defaultIntegration: new HttpLambdaIntegration('ApiIntegration', this.api.lambda),
      createDefaultStage: false,
    });

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
      this.alarmOnAny('ApiFunctionErrors', this.api.lambda.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
        'The API function reported errors in the last 5 minutes.'),
      this.alarmOnAny('ApiFunctionThrottles', this.api.lambda.metricThrottles({ period: ALARM_PERIOD, statistic: 'Sum' }),
        'The API function was throttled in the last 5 minutes.'),
      this.alarmOnAny('HttpApi5xx', this.httpApi.metricServerError({ period: ALARM_PERIOD, statistic: 'Sum' }),
        'The HTTP API returned 5xx responses in the last 5 minutes.'),
    ];

    new CfnOutput(this, 'ApiUrl', { value: defaultStage.url, description: 'Base URL of the HTTP API' });
  }

  private alarmOnAny(id: string, metric: IMetric, description: string): Alarm {
    return new Alarm(this, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
  }
}
