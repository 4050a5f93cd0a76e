import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
/** These suites describe the `opensearch` search mode; tests/infra/search-mode.test.ts holds the `embedded` one. */
const OPENSEARCH = { context: { search: 'opensearch' } };

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
    dev = synthesize('dev', OPENSEARCH);
    prod = synthesize('prod', OPENSEARCH);
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

  it('retains the table, protects it from deletion and protects the stack from termination in prod', () => {
    prod.statefulTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
    expect(prod.stateful.terminationProtection).toBe(true);
  });

  it('leaves a dev table unprotected, so a dev stage can be destroyed', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
  });

  it('outputs the table name, the search endpoint and the user pool id the deploy guide names', () => {
    expect(Object.keys(prod.statefulTemplate.toJSON().Outputs)).toEqual(expect.arrayContaining(['TableName', 'SearchEndpoint', 'UserPoolId']));
    prod.statefulTemplate.hasOutput('TableName', { Value: { Ref: onlyLogicalId(prod.statefulTemplate, 'AWS::DynamoDB::Table') } });
    prod.statefulTemplate.hasOutput('UserPoolId', { Value: { Ref: onlyLogicalId(prod.statefulTemplate, 'AWS::Cognito::UserPool') } });
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

    it('cannot be deleted outside dev; a dev pool can', () => {
      prod.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' });
      dev.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'INACTIVE' });
    });

    it('invites new accounts in Swedish and English with their user name and temporary password', () => {
      const invitation = Object.values(dev.statefulTemplate.findResources('AWS::Cognito::UserPool'))[0]!.Properties.AdminCreateUserConfig.InviteMessageTemplate;
      expect(invitation.EmailSubject).toMatch(/Ditt konto i Vägvisaren/);
      expect(invitation.EmailMessage).toMatch(/Användarnamn: \{username\}/);
      expect(invitation.EmailMessage).toMatch(/Tillfälligt lösenord: \{####\}/);
      expect(invitation.EmailMessage).toMatch(/Temporary password: \{####\}/);
    });

    it('stays on the Essentials plan without threat protection unless the threatProtection context value asks for it', () => {
      dev.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'ESSENTIALS', UserPoolAddOns: Match.absent() });
      const { stateful } = composeApp(new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'test', threatProtection: 'enforced' } }));
      Template.fromStack(stateful).hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
      expect(() => composeApp(new App({ context: { 'aws:cdk:bundling-stacks': [], threatProtection: 'yes' } }))).toThrow(/Invalid threatProtection/);
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

    it('requires MFA (TOTP) of every account, since every group is staff who may see referral personal data', () => {
      for (const synthesized of [dev, prod]) {
        synthesized.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
      }
    });

    it('lets no app client write the organisation attribute: only administrators set it (organisation claim written by its user)', () => {
      const clients = Object.values(dev.statelessTemplate.findResources('AWS::Cognito::UserPoolClient'));
      expect(clients.length).toBeGreaterThan(0);
      for (const client of clients) {
        const writable = client.Properties.WriteAttributes as string[] | undefined;
        expect(writable, 'an app client without WriteAttributes may write every mutable attribute').toBeDefined();
        expect(writable).toEqual(['name']);
        expect(writable!.filter((name) => name.startsWith('custom:'))).toEqual([]);
        expect(client.Properties.ReadAttributes).toContain('custom:organisation');
      }
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

    it('spreads three data nodes over three zones outside dev, so losing one node or zone keeps a quorum', () => {
      prod.statefulTemplate.hasResourceProperties('AWS::OpenSearchService::Domain', {
        ClusterConfig: Match.objectLike({ InstanceCount: 3, ZoneAwarenessEnabled: true, ZoneAwarenessConfig: { AvailabilityZoneCount: 3 } }),
      });
    });

    it('refuses bulk and multi-requests that name an index in their body, so a grant on a path is a grant on that index', () => {
      for (const stage of [dev, prod]) {
        stage.statefulTemplate.hasResourceProperties('AWS::OpenSearchService::Domain', {
          AdvancedOptions: { 'rest.action.multi.allow_explicit_index': 'false' },
        });
      }
    });

    it('publishes its error log and slow logs to log groups the OpenSearch service may write to', () => {
      const domain = Object.values(prod.statefulTemplate.findResources('AWS::OpenSearchService::Domain'))[0]!;
      const options = domain.Properties.LogPublishingOptions as Record<string, { Enabled: boolean; CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [string, string] } }>;
      expect(Object.keys(options).sort()).toEqual(['ES_APPLICATION_LOGS', 'INDEX_SLOW_LOGS', 'SEARCH_SLOW_LOGS']);
      const groupIds = Object.values(options).map((option) => option.CloudWatchLogsLogGroupArn['Fn::GetAtt'][0]).sort();
      for (const id of groupIds) expect(prod.statefulTemplate.findResources('AWS::Logs::LogGroup')[id]?.Properties.RetentionInDays).toBe(30);
      const policyId = onlyLogicalId(prod.statefulTemplate, 'AWS::Logs::ResourcePolicy');
      const policy = JSON.stringify(prod.statefulTemplate.findResources('AWS::Logs::ResourcePolicy')[policyId]!.Properties.PolicyDocument);
      expect(policy).toContain('es.amazonaws.com');
      for (const id of groupIds) expect(policy).toContain(id);
      expect(domain.DependsOn).toContain(policyId);
    });

    it('encrypts at rest and between nodes and accepts HTTPS only, TLS 1.2 or later', () => {
      dev.statefulTemplate.hasResourceProperties('AWS::OpenSearchService::Domain', {
        EncryptionAtRestOptions: { Enabled: true },
        NodeToNodeEncryptionOptions: { Enabled: true },
        DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' },
      });
    });

    it('leaves fine-grained access control off and admits only the account\'s own IAM principals: IAM grants decide', () => {
      dev.statefulTemplate.hasResourceProperties('AWS::OpenSearchService::Domain', { AdvancedSecurityOptions: Match.absent() });
      const domain = Object.values(dev.statefulTemplate.findResources('AWS::OpenSearchService::Domain'))[0]!;
      const [statement, ...others] = domain.Properties.AccessPolicies.Statement as Record<string, any>[];
      expect(others).toEqual([]);
      expect(statement).toMatchObject({ Effect: 'Allow', Action: 'es:ESHttp*' });
      expect(JSON.stringify(statement!.Principal)).toContain(':root');
      expect(JSON.stringify(statement!.Principal)).not.toContain('"*"');
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
    dev = synthesize('dev', OPENSEARCH);
    prod = synthesize('prod', OPENSEARCH);
    template = dev.statelessTemplate;
    tableId = onlyLogicalId(dev.statefulTemplate, 'AWS::DynamoDB::Table');
    domainId = onlyLogicalId(dev.statefulTemplate, 'AWS::OpenSearchService::Domain');
  }, SYNTH_TIMEOUT);
  afterAll(() => {
    dev?.dispose();
    prod?.dispose();
  });

  describe('API function', () => {
    it('runs the ESM handler on Node.js 24 on arm64 with 1 GB and 10 s, without X-Ray tracing', () => {
      template.resourceCountIs('AWS::Lambda::Function', 2);
      expect(functionProperties(template, apiFunctionId(dev))).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 1024,
        Timeout: 10,
      });
      expect(functionProperties(template, apiFunctionId(dev)).TracingConfig?.Mode).not.toBe('Active');
      expect(functionProperties(template, apiFunctionId(dev)).FunctionName).toBeUndefined();
    });

    it('receives the stage through its environment, and no source-map support that would parse the maps on the first logged error', () => {
      const variables = functionProperties(template, apiFunctionId(dev)).Environment.Variables;
      expect(variables).toMatchObject({ STAGE: 'dev' });
      expect(variables.NODE_OPTIONS ?? '').not.toMatch(/enable-source-maps/);
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

    it('runs the stream handler on Node.js 24 on arm64 with 512 MB and 30 s', () => {
      expect(functionProperties(template, indexerFunctionId(dev))).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        Timeout: 30,
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

    it('raises an alarm when the sign-in trigger fails, which fails a sign-in', () => {
      const triggerId = onlyLogicalId(dev.statefulTemplate, 'AWS::Lambda::Function');
      const alarm = Object.values(template.findResources('AWS::CloudWatch::Alarm')).find(
        (a) => a.Properties.Namespace === 'AWS/Lambda' && a.Properties.MetricName === 'Errors' &&
          JSON.stringify(resolveCrossStack(a.Properties.Dimensions[0].Value, dev.statefulTemplate)) === JSON.stringify({ Ref: triggerId }),
      );
      expect(alarm?.Properties).toMatchObject({ Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    });

    it.each([
      ['ClusterStatus.red', 'Maximum', 'GreaterThanOrEqualToThreshold', 1],
      ['ClusterStatus.yellow', 'Maximum', 'GreaterThanOrEqualToThreshold', 1],
      ['FreeStorageSpace', 'Minimum', 'LessThanOrEqualToThreshold', 2560],
      ['JVMMemoryPressure', 'Maximum', 'GreaterThanOrEqualToThreshold', 95],
      ['ClusterIndexWritesBlocked', 'Maximum', 'GreaterThanOrEqualToThreshold', 1],
      ['AutomatedSnapshotFailure', 'Maximum', 'GreaterThanOrEqualToThreshold', 1],
    ])('raises an alarm on the search domain\'s %s', (metricName, statistic, comparison, threshold) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/ES',
        MetricName: metricName,
        Statistic: statistic,
        ComparisonOperator: comparison,
        Threshold: threshold,
      });
    });

    it('sizes the free-storage alarm to the node\'s volume: a quarter of 20 GiB in prod', () => {
      prod.statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'FreeStorageSpace', Threshold: 5120 });
    });

    it('notifies the alarm topic when any of its thirteen alarms goes off and when it recovers', () => {
      const topicId = onlyLogicalId(template, 'AWS::SNS::Topic');
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
      expect(alarms).toHaveLength(13);
      for (const alarm of alarms) {
        expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
        expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
      }
    });

    it('outputs the alarm topic, the dashboard and the dead letter queue, and accepts only TLS publishers on the topic', () => {
      template.hasOutput('AlarmTopicArn', { Value: { Ref: onlyLogicalId(template, 'AWS::SNS::Topic') } });
      template.hasOutput('DashboardName', { Value: { Ref: onlyLogicalId(template, 'AWS::CloudWatch::Dashboard') } });
      template.hasOutput('IndexerDeadLetterQueueUrl', { Value: { Ref: onlyLogicalId(template, 'AWS::SQS::Queue') } });
      const policy = JSON.stringify(Object.values(template.findResources('AWS::SNS::TopicPolicy'))[0]?.Properties.PolicyDocument);
      expect(policy).toContain('aws:SecureTransport');
    });

    it('mails nobody unless alarmEmails is given', () => {
      template.resourceCountIs('AWS::SNS::Subscription', 0);
    });
  });

  describe('dashboard', () => {
    const body = () => JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody);

    it('is one dashboard showing API errors and latency, search latency, indexer lag and dead letters, referrals by status and failed referral notices', () => {
      template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      const text = body();
      for (const metric of ['4xx', '5xx', 'Latency', 'SearchLatency', 'ZeroResultSearches', 'IteratorAge', 'ApproximateNumberOfMessagesVisible', 'ReferralCreated', 'ReferralAccepted', 'ReferralDeclined', 'ReferralCompleted', 'ReferralNoticesFailed', 'ClusterStatus.red']) {
        expect(text).toContain(metric);
      }
    });

    it('reads the service\'s own metrics under the namespace and dimensions the functions publish them with', () => {
      expect(body()).toContain('\\"Vagvisaren\\",\\"SearchLatency\\",\\"service\\",\\"api\\",\\"stage\\",\\"dev\\"');
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

  it('without a sender sets no NOTIFICATION_SENDER, grants no SES sending at all and keeps referrals 24 months', () => {
    const { stateless } = composeApp(bareApp({ stage: 'test' }));
    const template = Template.fromStack(stateless);
    const id = functionId(stateless, stateless.api);
    const variables = functionProperties(template, id).Environment.Variables;
    expect(variables.NOTIFICATION_SENDER).toBeUndefined();
    expect(variables.REFERRAL_RETENTION_MONTHS).toBe('24');
    expect(functionStatements(template, id).filter((s) => asArray(s.Action).some((a) => a.startsWith('ses:')))).toEqual([]);
  });

  it('with a sender verifies its domain in SES with DKIM, sends under a configuration set whose bounces and complaints reach a topic, and mails Cognito\'s messages through it', () => {
    const { stateful } = composeApp(bareApp({ stage: 'test', notificationSender: 'remisser@vagvisaren.se' }));
    const template = Template.fromStack(stateful);
    const configurationSetId = onlyLogicalId(template, 'AWS::SES::ConfigurationSet');
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'vagvisaren.se',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configurationSetId } },
    });
    expect(template.findResources('AWS::SES::EmailIdentity')[onlyLogicalId(template, 'AWS::SES::EmailIdentity')]!.Properties.DkimAttributes?.SigningEnabled).not.toBe(false);
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: Match.arrayWith(['BOUNCE', 'COMPLAINT']) },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ Enabled: true, MatchingEventTypes: Match.arrayEquals(['bounce', 'complaint']), SnsDestination: Match.anyValue() }),
    });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: Match.objectLike({ EmailSendingAccount: 'DEVELOPER', From: Match.stringLikeRegexp('remisser@vagvisaren.se'), ConfigurationSet: { Ref: configurationSetId } }),
    });
    expect(Object.keys(template.toJSON().Outputs).filter((name) => name.includes('DkimRecord'))).toHaveLength(3);
  });

  it('subscribes every address of the alarmEmails context value to the alarm topic', () => {
    const { stateless } = composeApp(bareApp({ stage: 'test', alarmEmails: 'drift@region.se, jour@region.se' }));
    const subscriptions = Object.values(Template.fromStack(stateless).findResources('AWS::SNS::Subscription')).map((s) => s.Properties);
    expect(subscriptions.map((s) => [s.Protocol, s.Endpoint]).sort()).toEqual([
      ['email', 'drift@region.se'],
      ['email', 'jour@region.se'],
    ]);
  });

  it('rejects alarmEmails that are not e-mail addresses', () => {
    expect(() => composeApp(bareApp({ alarmEmails: 'drift@region.se,oncall' }))).toThrow(/Invalid alarmEmails/);
  });

  it('rejects a sender that is not an e-mail address', () => {
    expect(() => composeApp(bareApp({ notificationSender: 'not-an-address' }))).toThrow(/Invalid notificationSender/);
  });
});

describe('function code', () => {
  it('gives the API, the indexer and the sign-in trigger each its own bundle', () => {
    const bundled = synthesize('dev', { bundle: true });
    try {
      const keys = [
        functionProperties(bundled.statelessTemplate, apiFunctionId(bundled)).Code.S3Key,
        functionProperties(bundled.statelessTemplate, indexerFunctionId(bundled)).Code.S3Key,
        ...Object.values(bundled.statefulTemplate.findResources('AWS::Lambda::Function')).map((f) => f.Properties.Code.S3Key),
      ];
      expect(keys).toHaveLength(3);
      expect(new Set(keys).size).toBe(3);
    } finally {
      bundled.dispose();
    }
  }, SYNTH_TIMEOUT);
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

  it('leaves out zod\'s locales other than English and loads the SES client only when a notice is sent', () => {
    const loadedAtStart = staticGraph(assetDir, 'index.mjs').map((file) => readFileSync(join(assetDir, file), 'utf8')).join('\n');
    const everything = chunkFiles(assetDir).map((file) => readFileSync(join(assetDir, file), 'utf8')).join('\n');
    expect(everything).toContain('Invalid input');
    expect(everything).not.toContain('Ungültige Eingabe');
    expect(loadedAtStart).not.toContain('SendEmailCommand');
  });
});

/** The bundle's files its entry imports statically, itself included. */
const staticGraph = (dir: string, entry: string, seen = new Set<string>()): string[] => {
  if (seen.has(entry)) return [...seen];
  seen.add(entry);
  const code = readFileSync(join(dir, entry), 'utf8');
  for (const [, path] of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]*?from\s*)?["'](\.\.?\/[^"']+)["']/g)) {
    staticGraph(dir, join(dirname(entry), path!), seen);
  }
  return [...seen];
};

const chunkFiles = (dir: string): string[] =>
  ['index.mjs', ...(existsSync(join(dir, 'chunks')) ? readdirSync(join(dir, 'chunks')).filter((f) => f.endsWith('.mjs')).map((f) => join('chunks', f)) : [])];
