import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Domain, EngineVersion } from 'aws-cdk-lib/aws-opensearchservice';
import { describe, expect, it } from 'vitest';
import { DirectoryFunction } from '#infra/constructs/directory-function.ts';

function fixture() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Fixture');
  const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  const fn = new DirectoryFunction(stack, 'Fn', { entry: 'functions/api/lambda.ts' });
  return { stack, table, fn };
}

function searchFixture() {
  const { stack, fn } = fixture();
  const domain = new Domain(stack, 'Search', {
    version: EngineVersion.OPENSEARCH_2_19,
    capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
  });
  const domainId = stack.getLogicalId(domain.node.defaultChild as never);
  return { stack, domain, domainId, fn };
}

type Statement = { Action: string | string[]; Resource: unknown };

const searchStatements = (template: Template): { actions: string[]; paths: string[] }[] =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
    .map((s) => ({ actions: (Array.isArray(s.Action) ? s.Action : [s.Action]).sort(), resources: Array.isArray(s.Resource) ? s.Resource : [s.Resource] }))
    .filter((s) => s.actions.some((a) => a.startsWith('es:')))
    .map((s) => ({
      actions: s.actions,
      paths: s.resources.map((r) => (r as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1].slice(1).join('')).sort(),
    }));

const dynamoActions = (template: Template): string[] =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .filter((a) => a.startsWith('dynamodb:'));

describe('DirectoryFunction.bindTable', { timeout: 30_000 }, () => {
  it('sets TABLE_NAME to the bound table', () => {
    const { stack, table, fn } = fixture();
    fn.bindTable(table, 'read');
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TABLE_NAME: { Ref: stack.getLogicalId(table.node.defaultChild as never) } }) },
    });
  });

  it('grants only read actions for read access', () => {
    const { stack, table, fn } = fixture();
    fn.bindTable(table, 'read');
    const actions = dynamoActions(Template.fromStack(stack));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    expect(actions).not.toEqual(expect.arrayContaining(['dynamodb:PutItem']));
    expect(actions.filter((a) => /Put|Update|Delete|Write/.test(a))).toEqual([]);
  });

  it('grants writes as well for read-write access', () => {
    const { stack, table, fn } = fixture();
    fn.bindTable(table, 'readWrite');
    expect(dynamoActions(Template.fromStack(stack))).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
    );
  });

  it('refuses to bind a second table, so TABLE_NAME cannot silently change', () => {
    const { stack, table, fn } = fixture();
    const other = new Table(stack, 'Other', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    fn.bindTable(table, 'read');
    expect(() => fn.bindTable(other, 'read')).toThrow(/already bound/);
  });
});

describe('DirectoryFunction.bindSearch', { timeout: 30_000 }, () => {
  it('sets OPENSEARCH_ENDPOINT to the domain\'s https endpoint and OPENSEARCH_INDEX to the alias', () => {
    const { stack, domain, domainId, fn } = searchFixture();
    fn.bindSearch(domain, 'read');
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          OPENSEARCH_ENDPOINT: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [domainId, 'DomainEndpoint'] }]] },
          OPENSEARCH_INDEX: 'vagvisaren-entries',
        }),
      },
    });
  });

  it('grants read access as GET and HEAD on the alias and POST only to its _search and _count', () => {
    const { stack, domain, fn } = searchFixture();
    fn.bindSearch(domain, 'read');
    expect(searchStatements(Template.fromStack(stack))).toEqual([
      { actions: ['es:ESHttpGet', 'es:ESHttpHead'], paths: ['/vagvisaren-entries', '/vagvisaren-entries/*'] },
      { actions: ['es:ESHttpPost'], paths: ['/vagvisaren-entries/_count', '/vagvisaren-entries/_search'] },
    ]);
  });

  it('grants every HTTP method on the alias for read-write access, and nothing beyond it', () => {
    const { stack, domain, fn } = searchFixture();
    fn.bindSearch(domain, 'readWrite', 'other-alias');
    expect(searchStatements(Template.fromStack(stack))).toEqual([
      {
        actions: ['es:ESHttpDelete', 'es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPatch', 'es:ESHttpPost', 'es:ESHttpPut'],
        paths: ['/other-alias', '/other-alias/*'],
      },
    ]);
  });

  it('refuses to bind a second domain, so OPENSEARCH_ENDPOINT cannot silently change', () => {
    const { stack, domain, fn } = searchFixture();
    const other = new Domain(stack, 'Other', {
      version: EngineVersion.OPENSEARCH_2_19,
      capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false },
    });
    fn.bindSearch(domain, 'read');
    expect(() => fn.bindSearch(other, 'read')).toThrow(/already bound/);
  });
});
