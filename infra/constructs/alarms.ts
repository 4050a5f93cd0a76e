/** Owns who hears about trouble: the alarm topic with its e-mail subscriptions, and alarms that always notify it. */
import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export const ALARM_PERIOD = Duration.minutes(5);

export interface AlarmSpec {
  readonly metric: IMetric;
  /** What went wrong and what it means for visitors; the e-mail's first line. */
  readonly description: string;
  /** @default 1 */
  readonly threshold?: number;
  /** @default 'atLeast' */
  readonly comparison?: 'atLeast' | 'atMost';
  /** Periods looked at, and how many of them must breach. @default 1 of 1 */
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
}

/**
 * An SNS topic that every alarm made through `alarm()` notifies when it goes off and when it
 * recovers, with one e-mail subscription per address (each address confirms once, from the
 * message AWS sends it). Missing data never breaches: a quiet service is a healthy one.
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;
  private readonly made: Alarm[] = [];

  constructor(scope: Construct, id: string, props: { emails: readonly string[]; stage: string }) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: `Vägvisaren ${props.stage} alarms`, enforceSSL: true });
    for (const email of props.emails) this.topic.addSubscription(new EmailSubscription(email));
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notices carry alarm names and metric values, no personal data; CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a customer key would cost more than the topic.',
    }, {
      id: 'Serverless-SNSRedrivePolicy',
      reason: 'The subscriptions are people\'s mailboxes: a notice SNS cannot deliver is not worth replaying, as the alarm stays in ALARM on the dashboard until it recovers.',
    });
  }

  /** Every alarm made here, in the order made. */
  get alarms(): readonly Alarm[] {
    return this.made;
  }

  alarm(id: string, spec: AlarmSpec): Alarm {
    const alarm = new Alarm(this.node.scope as Construct, id, {
      metric: spec.metric,
      threshold: spec.threshold ?? 1,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      datapointsToAlarm: spec.datapointsToAlarm,
      comparisonOperator:
        spec.comparison === 'atMost' ? ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD : ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: spec.description,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.made.push(alarm);
    return alarm;
  }
}
