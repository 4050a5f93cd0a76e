/** The `search` context value: each stage's resources in the `embedded` mode (the default) and the `opensearch` mode. */
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '#infra/compose.ts';
import type { DirectoryFunction } from '#infra/constructs/directory-function.ts';
import { onlyLogicalId, resolveCrossStack, synthesize, type Synthesized } from './synthesize.ts';

const SYNTH_TIMEOUT = 60_000;

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const functionId = (synthesized: Synthesized, fn: DirectoryFunction) => synthesized.stateless.getLogicalId(fn.lambda.node.defaultChild as CfnElement);

const environment = (synthesized: Synthesized, fn: DirectoryFunction): Record<string, unknown> =>
  synthesized.statelessTemplate.findResources('AWS::Lambda::Function')[functionId(synthesized, fn)]!.Properties.Environment.Variables;

const statements = (synthesized: Synthesized, fn: DirectoryFunction): Statement[] => {
  const template = synthesized.statelessTemplate;
  const role = template.findResources('AWS::Lambda::Function')[functionId(synthesized, fn)]!.Properties.Role['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: role })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
};

const actions = (list: Statement[], prefix: string) => list.flatMap((s) => asArray(s.Action)).filter((a) => a.startsWith(prefix)).sort();

/** The resources of the statement granting `action`, cross-stack references followed, as text. */
const resourcesOf = (synthesized: Synthesized, list: Statement[], action: string): string =>
  JSON.stringify(
    list
      .filter((s) => asArray(s.Action).includes(action))
      .flatMap((s) => asArray(s.Resource))
      .map((resource) => JSON.parse(JSON.stringify(resource), (_key, value) => resolveCrossStack(value, synthesized.statefulTemplate))),
  );

const awsEsAlarms = (template: Template) => Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((alarm) => alarm.Properties.Namespace === 'AWS/ES');

describe.each(['dev', 'prod'])('the %s stage', (stage) => {
  describe('with search=embedded (the default)', () => {
    let synthesized: Synthesized;
    let bucketId: string;
    beforeAll(() => {
      synthesized = synthesize(stage);
      bucketId = onlyLogicalId(synthesized.statefulTemplate, 'AWS::S3::Bucket');
    }, SYNTH_TIMEOUT);
    afterAll(() => synthesized?.dispose());

    it('creates no OpenSearch domain, its log groups or its log policy', () => {
      synthesized.statefulTemplate.resourceCountIs('AWS::OpenSearchService::Domain', 0);
      synthesized.statefulTemplate.resourceCountIs('AWS::Logs::ResourcePolicy', 0);
      expect(Object.keys(synthesized.statefulTemplate.findResources('AWS::Logs::LogGroup')).filter((id) => id.startsWith('Search'))).toEqual([]);
      expect(synthesized.stateful.searchMode).toBe('embedded');
    });

    it('keeps snapshots in one encrypted, versioned, private bucket that expires replaced versions and is retained', () => {
      synthesized.statefulTemplate.hasResource('AWS::S3::Bucket', {
        Properties: {
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          VersioningConfiguration: { Status: 'Enabled' },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          LifecycleConfiguration: { Rules: [Match.objectLike({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 }, ExpiredObjectDeleteMarker: true })] },
          BucketName: Match.absent(),
        },
        DeletionPolicy: 'Retain',
      });
    });

    it('refuses requests to the bucket that do not use TLS', () => {
      const policy = Object.values(synthesized.statefulTemplate.findResources('AWS::S3::BucketPolicy'))[0]!.Properties;
      expect(policy.Bucket).toEqual({ Ref: bucketId });
      expect(JSON.stringify(policy.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    });

    it('outputs the bucket for npm run reindex and no search endpoint', () => {
      synthesized.statefulTemplate.hasOutput('SearchSnapshotBucket', { Value: { Ref: bucketId } });
      expect(Object.keys(synthesized.statefulTemplate.findOutputs('SearchEndpoint'))).toEqual([]);
    });

    it('points the API and the indexer at the bucket, not at a search domain', () => {
      for (const fn of [synthesized.stateless.api, synthesized.stateless.indexer]) {
        const variables = environment(synthesized, fn);
        expect(resolveCrossStack(variables.SEARCH_SNAPSHOT_BUCKET, synthesized.statefulTemplate)).toEqual({ Ref: bucketId });
        expect(variables.OPENSEARCH_ENDPOINT).toBeUndefined();
        expect(actions(statements(synthesized, fn), 'es:')).toEqual([]);
      }
    });

    it('lets the API only read snapshot objects, and the indexer read, write and remove them, under the snapshot prefix', () => {
      const api = statements(synthesized, synthesized.stateless.api);
      const indexer = statements(synthesized, synthesized.stateless.indexer);
      expect(actions(api, 's3:')).toEqual(['s3:GetObject', 's3:ListBucket']);
      expect(actions(indexer, 's3:')).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
      for (const list of [api, indexer]) {
        expect(resourcesOf(synthesized, list, 's3:GetObject')).toContain('/search-snapshots/*');
        expect(list.find((s) => asArray(s.Action).includes('s3:ListBucket'))?.Condition).toEqual({ StringLike: { 's3:prefix': 'search-snapshots/*' } });
      }
    });

    it('lets the indexer read and write the snapshot pointer item only, by its partition key', () => {
      const pointer = statements(synthesized, synthesized.stateless.indexer).find((s) => asArray(s.Action).includes('dynamodb:GetItem'))!;
      expect(asArray(pointer.Action).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
      expect(pointer.Condition).toEqual({ 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['SEARCH_SNAPSHOT'] } });
    });

    it('has no alarms or dashboard widgets for a search domain', () => {
      expect(awsEsAlarms(synthesized.statelessTemplate)).toEqual([]);
      synthesized.statelessTemplate.resourceCountIs('AWS::CloudWatch::Alarm', 7);
      const body = JSON.stringify(Object.values(synthesized.statelessTemplate.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody);
      expect(body).not.toContain('ClusterStatus');
      expect(body).toContain('SearchLatency');
    });
  });

  describe('with search=opensearch', () => {
    let synthesized: Synthesized;
    beforeAll(() => {
      synthesized = synthesize(stage, { context: { search: 'opensearch' } });
    }, SYNTH_TIMEOUT);
    afterAll(() => synthesized?.dispose());

    it('creates the OpenSearch domain with its alarms, and no snapshot bucket', () => {
      synthesized.statefulTemplate.resourceCountIs('AWS::OpenSearchService::Domain', 1);
      synthesized.statefulTemplate.resourceCountIs('AWS::S3::Bucket', 0);
      expect(awsEsAlarms(synthesized.statelessTemplate)).toHaveLength(6);
      synthesized.statelessTemplate.resourceCountIs('AWS::CloudWatch::Alarm', 13);
    });

    it('points the API and the indexer at the domain, not at a bucket', () => {
      for (const fn of [synthesized.stateless.api, synthesized.stateless.indexer]) {
        const variables = environment(synthesized, fn);
        expect(variables.OPENSEARCH_ENDPOINT).toBeDefined();
        expect(variables.SEARCH_SNAPSHOT_BUCKET).toBeUndefined();
        expect(actions(statements(synthesized, fn), 's3:')).toEqual([]);
      }
    });
  });
});

describe('the search context value', () => {
  it('rejects a mode other than embedded or opensearch', () => {
    expect(() => composeApp(new App({ context: { 'aws:cdk:bundling-stacks': [], search: 'elasticsearch' } }))).toThrow(/Invalid search context "elasticsearch": expected embedded or opensearch/);
  });
});
