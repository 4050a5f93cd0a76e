/**
 * Owns what CloudFront must take from us-east-1 (with `cdn=true` only): the site's AWS WAF web ACL
 * (unless `webAclArn` names one), its blocked-requests alarm and the alarm topic there, and the
 * certificate for the site's domain (unless `cdnCertificateArn` names one).
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate, CertificateValidation, type ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { HostedZone } from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import { ALARM_PERIOD, AlarmTopic } from './constructs/alarms.ts';
import type { CdnContext } from './constructs/cdn.ts';
import type { SiteDomainContext } from './constructs/site-domain.ts';
import { RATE_WINDOW, SiteFirewall } from './constructs/waf.ts';
import { readAlarmEmails } from './stage.ts';

/** Blocked requests in 5 minutes that wake someone: an attack under way, or a rule refusing real visitors. */
export const BLOCKED_REQUESTS_ALARM = 100;

export interface EdgeStackProps extends StackProps {
  readonly stage: string;
  readonly site: SiteDomainContext;
  readonly cdn: CdnContext;
}

/** Whether `cdn` needs anything made in us-east-1: a web ACL or a certificate. */
export const needsEdgeStack = (cdn: CdnContext): boolean => cdn.webAclArn === undefined || cdn.certificateArn === undefined;

/**
 * The web ACL's alarm lives here, in its metric's region, and notifies a topic beside it that mails
 * the same `alarmEmails` addresses as the stage's alarm topic.
 */
export class EdgeStack extends Stack {
  readonly firewall: SiteFirewall | undefined;
  readonly certificate: ICertificate | undefined;
  readonly alarmTopic: AlarmTopic | undefined;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const { site, cdn } = props;
    if (cdn.certificateArn === undefined && site.hostedZone) {
      const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: site.hostedZone.id, zoneName: site.hostedZone.name });
      this.certificate = new Certificate(this, 'Certificate', { domainName: site.domainName, validation: CertificateValidation.fromDns(zone) });
    }
    if (cdn.webAclArn === undefined) {
      this.firewall = new SiteFirewall(this, 'Firewall', { stage: props.stage, rateLimit: cdn.rateLimit });
      this.alarmTopic = new AlarmTopic(this, 'Alarms', { emails: readAlarmEmails(this), stage: props.stage });
      this.alarmTopic.alarm('WafBlockedRequests', {
        metric: this.firewall.metricBlockedRequests(ALARM_PERIOD),
        description: `AWS WAF blocked at least ${BLOCKED_REQUESTS_ALARM} requests to the site in 5 minutes: an attack, or a rule refusing real visitors (more than ${cdn.rateLimit} requests from one address in ${RATE_WINDOW.toMinutes()} minutes hit the rate rule). See the web ACL's sampled requests.`,
        threshold: BLOCKED_REQUESTS_ALARM,
      });
      new CfnOutput(this, 'WebAclArn', { value: this.firewall.webAcl.attrArn, description: 'The AWS WAF web ACL in front of the site\'s CloudFront distribution' });
      new CfnOutput(this, 'EdgeAlarmTopicArn', { value: this.alarmTopic.topic.topicArn, description: 'SNS topic the web ACL\'s alarm notifies, in us-east-1' });
    }
    this.alarms = this.alarmTopic?.alarms ?? [];
  }
}
