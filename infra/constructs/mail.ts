/**
 * Owns the service's outgoing mail in SES: the sender's domain identity with Easy DKIM, the
 * configuration set every message is sent under (TLS required, reputation metrics, bounces and
 * complaints put the address on the account's suppression list), and the topic that hears of each
 * bounce and complaint.
 */
import { CfnOutput, Validations } from 'aws-cdk-lib';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export class Mail extends Construct {
  /** The sender's address, and its domain as verified in SES. */
  readonly sender: string;
  readonly domain: string;
  readonly configurationSet: ConfigurationSet;
  readonly identity: EmailIdentity;
  /** Every bounce and complaint, as SES notifications. */
  readonly feedback: Topic;

  constructor(scope: Construct, id: string, props: { sender: string }) {
    super(scope, id);
    this.sender = props.sender;
    this.domain = props.sender.slice(props.sender.lastIndexOf('@') + 1);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.feedback = new Topic(this, 'Feedback', { displayName: 'Vägvisaren mail bounces and complaints', enforceSSL: true });
    Validations.of(this.feedback).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'SES cannot publish to a topic under the AWS-managed SNS key; the notifications name intake mailboxes of organisations, which the directory publishes anyway.',
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.feedback),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.identity = new EmailIdentity(this, 'Domain', {
      identity: Identity.domain(this.domain),
      configurationSet: this.configurationSet,
    });
    const dkim = [
      [this.identity.dkimDnsTokenName1, this.identity.dkimDnsTokenValue1],
      [this.identity.dkimDnsTokenName2, this.identity.dkimDnsTokenValue2],
      [this.identity.dkimDnsTokenName3, this.identity.dkimDnsTokenValue3],
    ] as const;
    dkim.forEach(([name, value], i) =>
      new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${name} CNAME ${value}`, description: `DNS record ${i + 1} of 3 that verifies ${this.domain} in SES (DKIM)` }),
    );
  }
}
