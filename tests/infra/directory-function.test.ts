import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { DirectoryFunction } from '#infra/constructs/directory-function.ts';

function fixture() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Fixture');
  const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  const fn = new DirectoryFunction(stack, 'Fn', { entry: 'functions/api/lambda.ts' });
  return { stack, table, fn };
}

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
