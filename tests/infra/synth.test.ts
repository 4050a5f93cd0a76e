import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '#infra/compose.ts';
import { CREATE_REQUIRE_BANNER } from '#infra/constructs/directory-function.ts';
import { onlyLogicalId, resolveCrossStack, synthesize, type Synthesized } from './synthesize.ts';

const SYNTH_TIMEOUT = 60_000;

interface Statement {
  Action: string | string[];
  Effect: string;
  Resource: unknown;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function apiFunctionId(template: Template): string {
  return onlyLogicalId(template, 'AWS::Lambda::Function');
}

function apiFunctionStatements(template: Template): Statement[] {
  const fn = template.findResources('AWS::Lambda::Function')[apiFunctionId(template)]!;
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

describe('StatefulStack', () => {
  let dev: Synthesized;
  let prod: Synthesized;
  beforeAll(() => {
    dev = synthesize('dev');
    prod = synthesize('prod');
  }, SYNTH_TIMEOUT);
  afterAll(() => {
    dev?.dispose();
    prod?.dispose();
  });

  it('stores the directory in one on-demand table keyed by pk and sk', () => {
    dev.statefulTemplate.resourceCountIs('AWS::DynamoDB::Table', 1);
    dev.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayEquals([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]),
    });
  });

  it('streams new and old images for the search indexer', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('keeps point-in-time recovery on and expires items by their ttl attribute', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
    });
  });

  it('encrypts with the AWS-managed key and gives the table no physical name', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true },
      TableName: Match.absent(),
    });
  });

  it('deletes the table together with a dev stack', () => {
    dev.statefulTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
    });
    expect(dev.stateful.terminationProtection).toBe(false);
  });

  it('retains the table and protects the stack from termination in prod', () => {
    prod.statefulTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(prod.stateful.terminationProtection).toBe(true);
  });
});

describe('StatelessStack', () => {
  let dev: Synthesized;
  let prod: Synthesized;
  let template: Template;
  let tableId: string;
  beforeAll(() => {
    dev = synthesize('dev');
    prod = synthesize('prod');
    template = dev.statelessTemplate;
    tableId = onlyLogicalId(dev.statefulTemplate, 'AWS::DynamoDB::Table');
  }, SYNTH_TIMEOUT);
  afterAll(() => {
    dev?.dispose();
    prod?.dispose();
  });

  describe('API function', () => {
    it('runs the ESM handler on Node.js 22 on arm64 with 1 GB, 10 s and active tracing', () => {
      template.resourceCountIs('AWS::Lambda::Function', 1);
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 1024,
        Timeout: 10,
        TracingConfig: { Mode: 'Active' },
        FunctionName: Match.absent(),
      });
    });

    it('receives the stage and source-map support through its environment', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ STAGE: 'dev', NODE_OPTIONS: '--enable-source-maps' }) },
      });
    });

    it('reads the table name from a TABLE_NAME variable that references the stateful table', () => {
      const fn = template.findResources('AWS::Lambda::Function')[apiFunctionId(template)]!;
      const tableName = fn.Properties.Environment.Variables.TABLE_NAME;
      expect(resolveCrossStack(tableName, dev.statefulTemplate)).toEqual({ Ref: tableId });
    });

    it('may read and write items of that table and nothing else in DynamoDB', () => {
      const dynamo = apiFunctionStatements(template).filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')));
      expect(dynamo).toHaveLength(1);
      const [statement] = dynamo;
      expect(statement!.Effect).toBe('Allow');
      expect(asArray(statement!.Action)).toEqual(
        expect.arrayContaining([
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:BatchGetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
        ]),
      );
      expect(asArray(statement!.Resource).map((r) => resolveCrossStack(r, dev.statefulTemplate))).toEqual([
        { 'Fn::GetAtt': [tableId, 'Arn'] },
      ]);
    });

    it('logs to its own log group kept for one month', () => {
      const logGroupId = dev.stateless.getLogicalId(dev.stateless.api.logGroup.node.defaultChild as CfnElement);
      expect(template.findResources('AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(30);
      template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: logGroupId } } });
    });

    it('has no reserved concurrency', () => {
      template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.absent() });
    });

    it('keeps its logs when a prod stack is deleted and drops them with a dev stack', () => {
      dev.statelessTemplate.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
      prod.statelessTemplate.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    });
  });

  describe('HTTP API', () => {
    it('sends every request through the $default route to the API function', () => {
      template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: Match.absent(),
      });
      const integrationId = onlyLogicalId(template, 'AWS::ApiGatewayV2::Integration');
      template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [apiFunctionId(template), 'Arn'] },
      });
      template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: '$default',
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
      });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [apiFunctionId(template), 'Arn'] },
      });
    });

    it('throttles the auto-deployed default stage at burst 200 and rate 100', () => {
      template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 },
      });
    });

    it('writes JSON access logs with the request id to their own log group', () => {
      const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
      const { DestinationArn, Format } = stage.Properties.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
      const [logGroupId, attribute] = DestinationArn['Fn::GetAtt'];
      expect(attribute).toBe('Arn');
      expect(template.findResources('AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(30);
      expect(JSON.parse(Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    });

    it('outputs the API URL', () => {
      template.hasOutput('ApiUrl', {
        Value: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^https://'), { Ref: onlyLogicalId(template, 'AWS::ApiGatewayV2::Api') }])] },
      });
    });
  });

  describe('alarms', () => {
    const alarmOn = (metricName: string, namespace: string, dimension: { Name: string; Value: unknown }) =>
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: namespace,
        MetricName: metricName,
        Dimensions: [dimension],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmName: Match.absent(),
      });

    it('raises an alarm on a single function error within five minutes', () => {
      alarmOn('Errors', 'AWS/Lambda', { Name: 'FunctionName', Value: { Ref: apiFunctionId(template) } });
    });

    it('raises an alarm when the function is throttled', () => {
      alarmOn('Throttles', 'AWS/Lambda', { Name: 'FunctionName', Value: { Ref: apiFunctionId(template) } });
    });

    it('raises an alarm when the HTTP API answers with a 5xx', () => {
      alarmOn('5xx', 'AWS/ApiGateway', { Name: 'ApiId', Value: { Ref: onlyLogicalId(template, 'AWS::ApiGatewayV2::Api') } });
    });

    it('has exactly these three alarms', () => {
      template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    });
  });
});

describe('composeApp', { timeout: SYNTH_TIMEOUT }, () => {
  const bareApp = (context: Record<string, unknown> = {}) =>
    new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });

  it('names the stacks after the stage and deploys the stateless stack after the stateful one', () => {
    const app = bareApp({ stage: 'test' });
    const { stateful, stateless } = composeApp(app);
    expect(stateful.stackName).toBe('Vagvisaren-test-Stateful');
    expect(stateless.stackName).toBe('Vagvisaren-test-Stateless');
    const dependencies = app.synth().getStackArtifact(stateless.artifactId).dependencies.map((d) => d.id);
    expect(dependencies).toContain(stateful.artifactId);
  });

  it('defaults to the dev stage in eu-north-1', () => {
    const { stage, stateful, stateless } = composeApp(bareApp());
    expect(stage).toBe('dev');
    expect(stateful.stackName).toBe('Vagvisaren-dev-Stateful');
    expect([stateful.region, stateless.region]).toEqual(['eu-north-1', 'eu-north-1']);
  });

  it('takes the region from the region context value', () => {
    expect(composeApp(bareApp({ region: 'eu-west-1' })).stateful.region).toBe('eu-west-1');
  });

  it('rejects a stage that cannot be part of a stack name', () => {
    expect(() => composeApp(bareApp({ stage: 'Prod!' }))).toThrow(/Invalid stage/);
  });
});

describe('API function bundle', () => {
  let bundled: Synthesized;
  let assetDir: string;
  beforeAll(() => {
    bundled = synthesize('dev', { bundle: true });
    const fn = bundled.statelessTemplate.findResources('AWS::Lambda::Function')[apiFunctionId(bundled.statelessTemplate)]!;
    const s3Key = fn.Properties.Code.S3Key as string;
    assetDir = join(bundled.outdir, `asset.${s3Key.replace(/\.zip$/, '')}`);
  }, SYNTH_TIMEOUT);
  afterAll(() => bundled?.dispose());

  it('is an ESM bundle that starts with the createRequire banner', () => {
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(code.startsWith(CREATE_REQUIRE_BANNER)).toBe(true);
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
  });

  it('bundles the AWS SDK instead of importing it from the runtime', () => {
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
    expect(code).not.toMatch(/import\(\s*["']@aws-sdk\//);
  });

  it('ships a source map next to the bundle', () => {
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
  });
});
