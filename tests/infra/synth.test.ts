import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '#infra/compose.ts';
import { CREATE_REQUIRE_BANNER, type DirectoryFunction } from '#infra/constructs/directory-function.ts';
import type { StatelessStack } from '#infra/stateless-stack.ts';
import { INDEXES } from '#shared/adapters/dynamodb/key-schema.ts';
import { DEFAULT_INDEX_ALIAS } from '#shared/adapters/opensearch/index-definition.ts';
import { onlyLogicalId, resolveCrossStack, synthesize, type Synthesized } from './synthesize.ts';

const SYNTH_TIMEOUT = 60_000;

interface Statement {
  Action: string | string[];
  Effect: string;
  Resource: unknown;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function functionId(stack: StatelessStack, fn: DirectoryFunction): string {
  return stack.getLogicalId(fn.lambda.node.defaultChild as CfnElement);
}

const apiFunctionId = (synthesized: Synthesized): string => functionId(synthesized.stateless, synthesized.stateless.api);
const indexerFunctionId = (synthesized: Synthesized): string => functionId(synthesized.stateless, synthesized.stateless.indexer);

function functionProperties(template: Template, id: string): Record<string, any> {
  return template.findResources('AWS::Lambda::Function')[id]!.Properties;
}

function functionStatements(template: Template, id: string): Statement[] {
  const roleId = (functionProperties(template, id).Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

const searchStatements = (statements: Statement[]) => statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('es:')));

/** The paths under the domain ARN a statement's resources name, e.g. `/vagvisaren-entries/*`. */
function domainPaths(statement: Statement, synthesized: Synthesized, domainId: string): string[] {
  return asArray(statement.Resource).map((resource) => {
    const [, parts] = (resource as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    expect(resolveCrossStack(parts[0], synthesized.statefulTemplate)).toEqual({ 'Fn::GetAtt': [domainId, 'Arn'] });
    return parts.slice(1).join('');
  });
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
        { AttributeName: 'referrerSubject', AttributeType: 'S' },
        { AttributeName: 'createdAt', AttributeType: 'S' },
        { AttributeName: 'receivingOrganisationId', AttributeType: 'S' },
      ]),
    });
  });

  it('indexes referrals by referrer and by receiving organisation, newest first, as the local table does', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayEquals(
        Object.values(INDEXES).map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      ),
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

  describe('user pool', () => {
    it('lets administrators create accounts with an organisation attribute, no self sign-up, kept outside dev', () => {
      dev.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        Schema: Match.arrayWith([Match.objectLike({ Name: 'organisation', AttributeDataType: 'String', Mutable: true })]),
        UserPoolTier: 'ESSENTIALS',
        UserPoolName: Match.absent(),
      });
      prod.statefulTemplate.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
    });

    it('has one group per role', () => {
      const groups = Object.values(dev.statefulTemplate.findResources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName).sort();
      expect(groups).toEqual(['actor-staff', 'admin', 'advisor', 'editor', 'follow-up', 'investment-promotion']);
    });

    it('copies the organisation into access tokens with a version 2 pre-token-generation trigger', () => {
      dev.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
        LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: Match.anyValue() } },
      });
    });

    it('has a hosted sign-in domain', () => {
      dev.statefulTemplate.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    });
  });

  describe('search domain', () => {
    it('runs OpenSearch 2 on one small node in dev, without a physical name', () => {
      dev.statefulTemplate.resourceCountIs('AWS::OpenSearchService::Domain', 1);
      dev.statefulTemplate.hasResourceProperties('AWS::OpenSearchService::Domain', {
        EngineVersion: Match.stringLikeRegexp('^OpenSearch_2\\.'),
        ClusterConfig: Match.objectLike({ InstanceCount: 1, InstanceType: 't3.small.search', ZoneAwarenessEnabled: false, DedicatedMasterEnabled: false }),
        EBSOptions: Match.objectLike({ EBSEnabled: true, VolumeType: 'gp3' }),
        DomainName: Match.absent(),
      });
    });

    it('spreads two nodes over two zones outside dev', () => {
      prod.statefulTemplate.hasResourceProperties('AWS::OpenSearchService::Domain', {
        ClusterConfig: Match.objectLike({ InstanceCount: 2, ZoneAwarenessEnabled: true, ZoneAwarenessConfig: { AvailabilityZoneCount: 2 } }),
      });
    });

    it('encrypts at rest and between nodes and accepts HTTPS only, TLS 1.2 or later', () => {
      dev.statefulTemplate.hasResourceProperties('AWS::OpenSearchService::Domain', {
        EncryptionAtRestOptions: { Enabled: true },
        NodeToNodeEncryptionOptions: { Enabled: true },
        DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' },
      });
    });

    it('leaves fine-grained access control off and opens no access policy: IAM grants decide', () => {
      dev.statefulTemplate.hasResourceProperties('AWS::OpenSearchService::Domain', {
        AdvancedSecurityOptions: Match.absent(),
        AccessPolicies: Match.absent(),
      });
    });

    it('is deleted with a dev stack and retained in prod', () => {
      dev.statefulTemplate.hasResource('AWS::OpenSearchService::Domain', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
      prod.statefulTemplate.hasResource('AWS::OpenSearchService::Domain', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    });
  });
});

describe('StatelessStack', () => {
  let dev: Synthesized;
  let prod: Synthesized;
  let template: Template;
  let tableId: string;
  let domainId: string;
  beforeAll(() => {
    dev = synthesize('dev');
    prod = synthesize('prod');
    template = dev.statelessTemplate;
    tableId = onlyLogicalId(dev.statefulTemplate, 'AWS::DynamoDB::Table');
    domainId = onlyLogicalId(dev.statefulTemplate, 'AWS::OpenSearchService::Domain');
  }, SYNTH_TIMEOUT);
  afterAll(() => {
    dev?.dispose();
    prod?.dispose();
  });

  describe('API function', () => {
    it('runs the ESM handler on Node.js 22 on arm64 with 1 GB, 10 s and active tracing', () => {
      template.resourceCountIs('AWS::Lambda::Function', 2);
      expect(functionProperties(template, apiFunctionId(dev))).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 1024,
        Timeout: 10,
        TracingConfig: { Mode: 'Active' },
      });
      expect(functionProperties(template, apiFunctionId(dev)).FunctionName).toBeUndefined();
    });

    it('receives the stage and source-map support through its environment', () => {
      expect(functionProperties(template, apiFunctionId(dev)).Environment.Variables).toMatchObject({
        STAGE: 'dev',
        NODE_OPTIONS: '--enable-source-maps',
      });
    });

    it('reads the table name from a TABLE_NAME variable that references the stateful table', () => {
      const tableName = functionProperties(template, apiFunctionId(dev)).Environment.Variables.TABLE_NAME;
      expect(resolveCrossStack(tableName, dev.statefulTemplate)).toEqual({ Ref: tableId });
    });

    it('accepts access tokens of the stateful user pool, issued to its own web client', () => {
      const variables = functionProperties(template, apiFunctionId(dev)).Environment.Variables;
      expect(resolveCrossStack(variables.COGNITO_USER_POOL_ID, dev.statefulTemplate)).toEqual({ Ref: onlyLogicalId(dev.statefulTemplate, 'AWS::Cognito::UserPool') });
      expect(variables.COGNITO_CLIENT_ID).toEqual({ Ref: onlyLogicalId(template, 'AWS::Cognito::UserPoolClient') });
      expect(JSON.stringify(variables.COGNITO_DOMAIN)).toContain('amazoncognito.com');
    });

    it('has a public web client whose sign-in returns to the API', () => {
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        AllowedOAuthFlows: ['code'],
        PreventUserExistenceErrors: 'ENABLED',
        CallbackURLs: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [onlyLogicalId(template, 'AWS::ApiGatewayV2::Api'), 'ApiEndpoint'] }, '/auth/callback']] }],
      });
    });

    it('finds the search domain and its alias through OPENSEARCH_ENDPOINT and OPENSEARCH_INDEX', () => {
      const variables = functionProperties(template, apiFunctionId(dev)).Environment.Variables;
      const [, [scheme, endpoint]] = variables.OPENSEARCH_ENDPOINT['Fn::Join'];
      expect(scheme).toBe('https://');
      expect(resolveCrossStack(endpoint, dev.statefulTemplate)).toEqual({ 'Fn::GetAtt': [domainId, 'DomainEndpoint'] });
      expect(variables.OPENSEARCH_INDEX).toBe(DEFAULT_INDEX_ALIAS);
    });

    it('may only read the search alias: GET and HEAD, and POST to its _search and _count', () => {
      const statements = searchStatements(functionStatements(template, apiFunctionId(dev)));
      const reads = statements.find((s) => asArray(s.Action).includes('es:ESHttpGet'))!;
      expect(asArray(reads.Action).sort()).toEqual(['es:ESHttpGet', 'es:ESHttpHead']);
      expect(domainPaths(reads, dev, domainId).sort()).toEqual([`/${DEFAULT_INDEX_ALIAS}`, `/${DEFAULT_INDEX_ALIAS}/*`]);
      const posts = statements.find((s) => asArray(s.Action).includes('es:ESHttpPost'))!;
      expect(asArray(posts.Action)).toEqual(['es:ESHttpPost']);
      expect(domainPaths(posts, dev, domainId).sort()).toEqual([`/${DEFAULT_INDEX_ALIAS}/_count`, `/${DEFAULT_INDEX_ALIAS}/_search`]);
      expect(statements.flatMap((s) => asArray(s.Action)).filter((a) => /Put|Delete|Patch/.test(a))).toEqual([]);
    });

    it('may read and write items of that table and its indexes and nothing else in DynamoDB', () => {
      const dynamo = functionStatements(template, apiFunctionId(dev)).filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')));
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
      const [table, indexes, ...more] = asArray(statement!.Resource).map((r) => resolveCrossStack(r, dev.statefulTemplate));
      expect(table).toEqual({ 'Fn::GetAtt': [tableId, 'Arn'] });
      expect(JSON.stringify(indexes)).toMatch(new RegExp(`${tableId}Arn.*"/index/\\*"`));
      expect(more).toEqual([]);
    });

    it('logs to its own log group kept for one month', () => {
      const logGroupId = dev.stateless.getLogicalId(dev.stateless.api.logGroup.node.defaultChild as CfnElement);
      expect(template.findResources('AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(30);
      expect(functionProperties(template, apiFunctionId(dev)).LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
    });

    it('has no reserved concurrency', () => {
      template.allResourcesProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.absent() });
    });

    it('keeps its logs when a prod stack is deleted and drops them with a dev stack', () => {
      dev.statelessTemplate.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
      prod.statelessTemplate.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    });
  });

  describe('indexer function', () => {
    const eventSource = () => Object.values(template.findResources('AWS::Lambda::EventSourceMapping'))[0]!.Properties;

    it('runs the stream handler on Node.js 22 on arm64 with 512 MB and 30 s', () => {
      expect(functionProperties(template, indexerFunctionId(dev))).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        Timeout: 30,
        TracingConfig: { Mode: 'Active' },
      });
    });

    it('reads the table\'s stream from the trim horizon in batches of 100, only for entry items', () => {
      template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
      const mapping = eventSource();
      expect(mapping).toMatchObject({
        FunctionName: { Ref: indexerFunctionId(dev) },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 100,
        ParallelizationFactor: 1,
      });
      expect(resolveCrossStack(mapping.EventSourceArn, dev.statefulTemplate)).toEqual({ 'Fn::GetAtt': [tableId, 'StreamArn'] });
      expect(mapping.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern))).toEqual([
        { dynamodb: { Keys: { sk: { S: ['ENTRY'] } } } },
      ]);
    });

    it('reports partial batch failures, bisects failing batches and retries five times within a day', () => {
      expect(eventSource()).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 5,
        MaximumRecordAgeInSeconds: 86_400,
      });
    });

    it('sends batches it gives up on to an encrypted dead letter queue kept for two weeks', () => {
      const queueId = onlyLogicalId(template, 'AWS::SQS::Queue');
      expect(eventSource().DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } });
      template.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 1_209_600, SqsManagedSseEnabled: true, QueueName: Match.absent() });
      const sends = functionStatements(template, indexerFunctionId(dev)).find((s) => asArray(s.Action).includes('sqs:SendMessage'))!;
      expect(sends.Resource).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    });

    it('finds the search alias through its environment and may read and write it, nothing else', () => {
      const variables = functionProperties(template, indexerFunctionId(dev)).Environment.Variables;
      expect(variables.OPENSEARCH_INDEX).toBe(DEFAULT_INDEX_ALIAS);
      expect(resolveCrossStack(variables.TABLE_NAME, dev.statefulTemplate)).toEqual({ Ref: tableId });
      const [statement, ...others] = searchStatements(functionStatements(template, indexerFunctionId(dev)));
      expect(others).toEqual([]);
      expect(asArray(statement!.Action)).toEqual(expect.arrayContaining(['es:ESHttpGet', 'es:ESHttpPost', 'es:ESHttpPut', 'es:ESHttpDelete']));
      expect(domainPaths(statement!, dev, domainId).sort()).toEqual([`/${DEFAULT_INDEX_ALIAS}`, `/${DEFAULT_INDEX_ALIAS}/*`]);
    });

    it('reads the stream and may write the audit trail, but reads no table items', () => {
      const dynamo = functionStatements(template, indexerFunctionId(dev))
        .flatMap((s) => asArray(s.Action))
        .filter((a) => a.startsWith('dynamodb:'));
      expect(dynamo).toEqual(expect.arrayContaining(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'dynamodb:PutItem']));
      expect(dynamo.filter((action) => ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem'].includes(action))).toEqual([]);
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
        IntegrationUri: { 'Fn::GetAtt': [apiFunctionId(dev), 'Arn'] },
      });
      template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: '$default',
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
      });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [apiFunctionId(dev), 'Arn'] },
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
      alarmOn('Errors', 'AWS/Lambda', { Name: 'FunctionName', Value: { Ref: apiFunctionId(dev) } });
    });

    it('raises an alarm when the function is throttled', () => {
      alarmOn('Throttles', 'AWS/Lambda', { Name: 'FunctionName', Value: { Ref: apiFunctionId(dev) } });
    });

    it('raises an alarm when the HTTP API answers with a 5xx', () => {
      alarmOn('5xx', 'AWS/ApiGateway', { Name: 'ApiId', Value: { Ref: onlyLogicalId(template, 'AWS::ApiGatewayV2::Api') } });
    });

    it('raises an alarm when the indexer fails a whole batch', () => {
      alarmOn('Errors', 'AWS/Lambda', { Name: 'FunctionName', Value: { Ref: indexerFunctionId(dev) } });
    });

    it('raises an alarm as soon as a record waits in the indexer\'s dead letter queue', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [onlyLogicalId(template, 'AWS::SQS::Queue'), 'QueueName'] } }],
        Statistic: 'Maximum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    });

    it('raises an alarm when search falls ten minutes behind the table', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'IteratorAge',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: indexerFunctionId(dev) } }],
        Statistic: 'Maximum',
        Threshold: 600_000,
      });
    });

    it('has exactly these six alarms', () => {
      template.resourceCountIs('AWS::CloudWatch::Alarm', 6);
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

  it('lets the API function send referral notices through SES only from the configured sender, and keeps referrals the configured months', () => {
    const { stateless } = composeApp(bareApp({ stage: 'test', notificationSender: 'remisser@vagvisaren.se', referralRetentionMonths: '36' }));
    const template = Template.fromStack(stateless);
    const id = functionId(stateless, stateless.api);
    expect(functionProperties(template, id).Environment.Variables).toMatchObject({ NOTIFICATION_SENDER: 'remisser@vagvisaren.se', REFERRAL_RETENTION_MONTHS: '36' });
    const ses = functionStatements(template, id).filter((s) => asArray(s.Action).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(asArray(ses[0]!.Action).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    const resources = JSON.stringify(ses[0]!.Resource);
    expect(resources).toContain(':identity/remisser@vagvisaren.se');
    expect(resources).toContain(':identity/vagvisaren.se');
    expect(resources).not.toContain('identity/*');
    const indexerId = functionId(stateless, stateless.indexer);
    expect(functionStatements(template, indexerId).flatMap((s) => asArray(s.Action)).filter((a) => a.startsWith('ses:'))).toEqual([]);
  });

  it('without a sender sets no NOTIFICATION_SENDER, grants SES on the account\'s identities and keeps referrals 24 months', () => {
    const { stateless } = composeApp(bareApp({ stage: 'test' }));
    const template = Template.fromStack(stateless);
    const id = functionId(stateless, stateless.api);
    const variables = functionProperties(template, id).Environment.Variables;
    expect(variables.NOTIFICATION_SENDER).toBeUndefined();
    expect(variables.REFERRAL_RETENTION_MONTHS).toBe('24');
    const ses = functionStatements(template, id).filter((s) => asArray(s.Action).some((a) => a.startsWith('ses:')));
    expect(JSON.stringify(ses[0]!.Resource)).toContain('identity/*');
  });

  it('rejects a sender that is not an e-mail address', () => {
    expect(() => composeApp(bareApp({ notificationSender: 'not-an-address' }))).toThrow(/Invalid notificationSender/);
  });
});

describe.each([
  ['API function', apiFunctionId],
  ['indexer function', indexerFunctionId],
])('%s bundle', (_name, idOf) => {
  let bundled: Synthesized;
  let assetDir: string;
  beforeAll(() => {
    bundled = synthesize('dev', { bundle: true });
    const s3Key = functionProperties(bundled.statelessTemplate, idOf(bundled)).Code.S3Key as string;
    assetDir = join(bundled.outdir, `asset.${s3Key.replace(/\.zip$/, '')}`);
  }, SYNTH_TIMEOUT);
  afterAll(() => bundled?.dispose());

  it('is an ESM bundle that starts with the createRequire banner', () => {
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(code.startsWith(CREATE_REQUIRE_BANNER)).toBe(true);
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
  });

  it('bundles the AWS SDK and the OpenSearch client instead of importing them at run time', () => {
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(code).not.toMatch(/from\s*["']@(aws-sdk|opensearch-project)\//);
    expect(code).not.toMatch(/import\(\s*["']@(aws-sdk|opensearch-project)\//);
  });

  it('ships a source map next to the bundle', () => {
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
  });
});
