/**
 * Owns the site's AWS WAF web ACL for CloudFront: AWS's managed rule groups (IP reputation, the common
 * rule set, known bad inputs), a rate-based rule per IP address, CloudWatch metrics and sampled
 * requests per rule, and the metric its blocked-requests alarm watches. Scope CLOUDFRONT: the stack
 * holding it must be in us-east-1.
 */
import { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** The window the rate-based rule counts each IP address's requests over. */
export const RATE_WINDOW = Duration.minutes(5);

/**
 * The managed rule groups, in the order they run. Rules of a group that would refuse the app's own
 * traffic count instead of blocking: the common rule set blocks bodies over 8 KB, but editors' forms
 * may post up to 256 KB and the API accepts 1 MB.
 */
export const MANAGED_RULE_GROUPS = [
  { name: 'AWSManagedRulesAmazonIpReputationList', countOnly: [] },
  { name: 'AWSManagedRulesCommonRuleSet', countOnly: ['SizeRestrictions_BODY'] },
  { name: 'AWSManagedRulesKnownBadInputsRuleSet', countOnly: [] },
] as const;

/** The web ACL's name in the ARN of a web ACL (`…:global/webacl/<name>/<id>`). */
export const webAclNameOf = (arn: string): string => arn.split('/')[2] ?? arn;

/** One of a web ACL's metrics over all its rules (CloudFront's web ACLs publish them in us-east-1). */
export const webAclMetric = (webAclName: string, metricName: 'AllowedRequests' | 'BlockedRequests', period: Duration): Metric =>
  new Metric({ namespace: 'AWS/WAFV2', metricName, dimensionsMap: { WebACL: webAclName, Rule: 'ALL' }, statistic: 'Sum', period });

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

export class SiteFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly webAclName: string;

  constructor(scope: Construct, id: string, props: { stage: string; rateLimit: number }) {
    super(scope, id);
    this.webAclName = `vagvisaren-${props.stage}`;
    const rateRule: CfnWebACL.RuleProperty = {
      name: 'RateLimitPerIp',
      priority: 0,
      action: { block: {} },
      statement: {
        rateBasedStatement: { limit: props.rateLimit, aggregateKeyType: 'IP', evaluationWindowSec: RATE_WINDOW.toSeconds() },
      },
      visibilityConfig: visibility(`${this.webAclName}-RateLimitPerIp`),
    };
    const managedRules = MANAGED_RULE_GROUPS.map(
      (group, index): CfnWebACL.RuleProperty => ({
        name: group.name,
        priority: index + 1,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: group.name,
            ...(group.countOnly.length ? { ruleActionOverrides: group.countOnly.map((name) => ({ name, actionToUse: { count: {} } })) } : {}),
          },
        },
        visibilityConfig: visibility(`${this.webAclName}-${group.name}`),
      }),
    );
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: this.webAclName,
      description: `Vagvisaren ${props.stage} - in front of the CloudFront distribution of the site`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      rules: [rateRule, ...managedRules],
      visibilityConfig: visibility(this.webAclName),
    });
  }

  /** Requests any rule of the web ACL blocked, summed over `period`. */
  metricBlockedRequests(period: Duration): Metric {
    return webAclMetric(this.webAclName, 'BlockedRequests', period);
  }
}
