/**
 * Owns what happens to SES's bounces and complaints: a function subscribed to the mail feedback
 * topic that flags the actor whose intake address bounced (functions/mail-feedback), allowed to
 * scan, read and conditionally put entry items and nothing else, with one dead letter queue for
 * what SNS cannot deliver and (as the on-failure destination) for events the function still fails
 * after Lambda's retries.
 */
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DirectoryFunction } from './directory-function.ts';

/** The entry repository's reads and its conditional put: what marking an actor needs. */
export const MAIL_FEEDBACK_TABLE_ACTIONS = ['dynamodb:Scan', 'dynamodb:GetItem', 'dynamodb:PutItem'] as const;

export class MailFeedback extends Construct {
  readonly handler: DirectoryFunction;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: { stage: string; topic: ITopic; table: ITable; removalPolicy: RemovalPolicy }) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.deadLetters).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'This queue is the dead letter queue of the mail feedback subscription and function.' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself a dead letter queue.' },
    );

    this.handler = new DirectoryFunction(this, 'Handler', {
      entry: 'functions/mail-feedback/lambda.ts',
      description: `Vägvisaren mail bounces and complaints (${props.stage})`,
      environment: { STAGE: props.stage },
      memorySize: 256,
      timeout: Duration.seconds(30),
      logRemovalPolicy: props.removalPolicy,
    }).bindTable(props.table, MAIL_FEEDBACK_TABLE_ACTIONS);
    this.handler.lambda.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(this.deadLetters) });
    Validations.of(this.handler).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'Failed asynchronous invocations go to the on-failure destination (the DeadLetters queue), which records the event and the error, unlike a function DLQ.',
    });

    props.topic.addSubscription(new LambdaSubscription(this.handler.lambda, { deadLetterQueue: this.deadLetters }));
  }
}
