import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlyLogicalId, resolveCrossStack, synthesize, type Synthesized } from './synthesize.ts';

const SYNTH_TIMEOUT = 60_000;
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

describe('mail feedback (SES bounces and complaints) in the stateless stack', { timeout: SYNTH_TIMEOUT }, () => {
  let withSender: Synthesized;
  let withoutSender: Synthesized;
  beforeAll(() => {
    withSender = synthesize('prod', { context: { notificationSender: 'vagvisaren@regionorebrolan.se' } });
    withoutSender = synthesize('dev');
  }, SYNTH_TIMEOUT);
  afterAll(() => {
    withSender?.dispose();
    withoutSender?.dispose();
  });

  const functionId = (s: Synthesized) => s.stateless.getLogicalId(s.stateless.mailFeedback!.handler.lambda.node.defaultChild as CfnElement);
  const queueId = (s: Synthesized) => s.stateless.getLogicalId(s.stateless.mailFeedback!.deadLetters.node.defaultChild as CfnElement);

  it('subscribes a function to the stateful stack\'s bounce and complaint topic, with a dead letter queue for undeliverable notices', () => {
    const template = withSender.statelessTemplate;
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription'));
    const lambda = subscriptions.filter((s) => s.Properties.Protocol === 'lambda');
    expect(lambda).toHaveLength(1);
    expect(lambda[0]!.Properties.Endpoint).toEqual({ 'Fn::GetAtt': [functionId(withSender), 'Arn'] });
    expect(lambda[0]!.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [queueId(withSender), 'Arn'] } });
    const topicId = onlyLogicalId(withSender.statefulTemplate, 'AWS::SNS::Topic');
    expect(resolveCrossStack(lambda[0]!.Properties.TopicArn, withSender.statefulTemplate)).toEqual({ Ref: topicId });
  });

  it('sends events it still fails after two retries to the same queue, which an alarm watches', () => {
    const template = withSender.statelessTemplate;
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId(withSender) },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId(withSender), 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(withSender), 'QueueName'] } }],
      AlarmActions: Match.anyValue(),
    });
  });

  it('may scan, get and put items of the table itself, and nothing else in DynamoDB', () => {
    const template = withSender.statelessTemplate;
    const role = (template.findResources('AWS::Lambda::Function')[functionId(withSender)]!.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: role })))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect(statements).toHaveLength(1);
    expect(asArray(statements[0]!.Action).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Scan']);
    const tableId = onlyLogicalId(withSender.statefulTemplate, 'AWS::DynamoDB::Table');
    expect(asArray(statements[0]!.Resource).map((r) => resolveCrossStack(r, withSender.statefulTemplate))).toEqual([{ 'Fn::GetAtt': [tableId, 'Arn'] }]);
  });

  it('is not there without a sender, since nothing is mailed then', () => {
    expect(withoutSender.stateless.mailFeedback).toBeUndefined();
    expect(Object.values(withoutSender.statelessTemplate.findResources('AWS::SNS::Subscription')).filter((s) => s.Properties.Protocol === 'lambda')).toEqual([]);
  });
});
