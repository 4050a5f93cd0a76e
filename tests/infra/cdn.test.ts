import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '#functions/api/authorization/session.ts';
import { assetRoutes, CSS_PATH, JS_PATH } from '#functions/api/pages/assets/index.ts';
import { ASSETS_PATH_PATTERN, DEFAULT_WAF_RATE_LIMIT, readCdn } from '#infra/constructs/cdn.ts';
import { readSiteDomain } from '#infra/constructs/site-domain.ts';
import { MANAGED_RULE_GROUPS } from '#infra/constructs/waf.ts';
import { onlyLogicalId, resolveCrossStack, synthesize, type Synthesized } from './synthesize.ts';

const SYNTH_TIMEOUT = 180_000;
const DOMAIN = 'vagvisaren.regionorebrolan.se';
const ZONE = { hostedZoneId: 'Z0123456789ABCDEFGHIJ', hostedZoneName: 'regionorebrolan.se' };
const REGIONAL_CERTIFICATE = 'arn:aws:acm:eu-north-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const EDGE_CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/county-edge/2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';

type Json = Record<string, any>;
const distributionConfig = (s: Synthesized): Json => Object.values(s.statelessTemplate.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
const webClient = (s: Synthesized): Json => Object.values(s.statelessTemplate.findResources('AWS::Cognito::UserPoolClient'))[0]!.Properties;
const apiEnvironment = (s: Synthesized): Json =>
  Object.values(s.statelessTemplate.findResources('AWS::Lambda::Function')).find((f) => String(f.Properties.Description).startsWith('Vägvisaren HTTP API'))!.Properties.Environment.Variables;

/** The dashboard's metric arrays, a reference to a resource written `<logical id>`. */
const dashboardMetrics = (s: Synthesized): unknown[] => {
  const body = Object.values(s.statelessTemplate.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody;
  const text = (body['Fn::Join'][1] as unknown[]).map((part) => (typeof part === 'string' ? part : `<${(part as { Ref: string }).Ref}>`)).join('');
  return (JSON.parse(text) as { widgets: { properties: { metrics?: unknown[] } }[] }).widgets.flatMap((widget) => widget.properties.metrics ?? []);
};

describe('CloudFront and AWS WAF in front (cdn=true)', { timeout: SYNTH_TIMEOUT }, () => {
  let withZone: Synthesized;
  let byArns: Synthesized;
  beforeAll(() => {
    withZone = synthesize('prod', { context: { cdn: 'true', domainName: DOMAIN, ...ZONE, alarmEmails: 'drift@regionorebrolan.se', wafRateLimit: '2000' } });
    byArns = synthesize('dev', { context: { cdn: true, domainName: DOMAIN, certificateArn: REGIONAL_CERTIFICATE, cdnCertificateArn: EDGE_CERTIFICATE, webAclArn: WEB_ACL } });
  }, SYNTH_TIMEOUT);
  afterAll(() => [withZone, byArns].forEach((s) => s?.dispose()));

  describe('with a hosted zone: the edge stack makes the web ACL and the certificate', () => {
    it('puts the web ACL and CloudFront\'s certificate in a us-east-1 stack, which the distribution takes them from', () => {
      expect(withZone.edge?.stackName).toBe('Vagvisaren-prod-Edge');
      expect(withZone.edge?.region).toBe('us-east-1');
      expect(withZone.edge?.terminationProtection).toBe(true);
      const edge = withZone.edgeTemplate;
      edge.hasResourceProperties('AWS::CertificateManager::Certificate', {
        DomainName: DOMAIN,
        ValidationMethod: 'DNS',
        DomainValidationOptions: [{ DomainName: DOMAIN, HostedZoneId: ZONE.hostedZoneId }],
      });
      const config = distributionConfig(withZone);
      expect(resolveCrossStack(config.ViewerCertificate.AcmCertificateArn, edge)).toEqual({ Ref: onlyLogicalId(edge, 'AWS::CertificateManager::Certificate') });
      expect(resolveCrossStack(config.WebACLId, edge)).toEqual({ 'Fn::GetAtt': [onlyLogicalId(edge, 'AWS::WAFv2::WebACL'), 'Arn'] });
      edge.hasOutput('WebAclArn', {});
      expect(withZone.stateless.dependencies).toContain(withZone.edge);
    });

    it('serves the domain over TLS 1.2 or later with HTTP/2 and HTTP/3, from the API\'s regional custom domain over TLS 1.2', () => {
      const config = distributionConfig(withZone);
      expect(config.Aliases).toEqual([DOMAIN]);
      expect(config.ViewerCertificate).toMatchObject({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
      expect(config.HttpVersion).toBe('http2and3');
      expect(config.Origins).toHaveLength(1);
      expect(config.Origins[0]).toMatchObject({
        DomainName: { 'Fn::GetAtt': [onlyLogicalId(withZone.statelessTemplate, 'AWS::ApiGatewayV2::DomainName'), 'RegionalDomainName'] },
        CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
      });
      withZone.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: DOMAIN });
    });

    it('sends pages and the API every method, header (the Host among them), cookie and query string, caching only what the app\'s Cache-Control allows, per session and bearer token', () => {
      const behavior = distributionConfig(withZone).DefaultCacheBehavior;
      expect(behavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true, OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_AND_CLOUDFRONT_2022.originRequestPolicyId });
      expect(behavior.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']));
      const policy = withZone.statelessTemplate.findResources('AWS::CloudFront::CachePolicy')[behavior.CachePolicyId.Ref]!.Properties.CachePolicyConfig;
      expect(policy).toMatchObject({ DefaultTTL: 0, MinTTL: 0 });
      expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toEqual({
        QueryStringsConfig: { QueryStringBehavior: 'all' },
        CookiesConfig: { CookieBehavior: 'whitelist', Cookies: [SESSION_COOKIE] },
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization'] },
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
      });
    });

    it('caches the stylesheet and script long and compressed (gzip and brotli), as the app serves them under content-hashed names', async () => {
      const behaviors = distributionConfig(withZone).CacheBehaviors as Json[];
      expect(behaviors).toHaveLength(1);
      expect(behaviors[0]).toMatchObject({
        PathPattern: ASSETS_PATH_PATTERN,
        Compress: true,
        AllowedMethods: ['GET', 'HEAD'],
        CachePolicyId: CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
        OriginRequestPolicyId: OriginRequestPolicy.HOST_HEADER_ONLY.originRequestPolicyId,
      });
      const prefix = ASSETS_PATH_PATTERN.slice(0, -1);
      for (const path of [CSS_PATH, JS_PATH]) {
        expect(path.startsWith(prefix)).toBe(true);
        const response = await assetRoutes().request(path);
        expect(response.headers.get('cache-control')).toContain('max-age=31536000');
      }
    });

    it('keeps the app\'s own security headers: no response headers policy replaces them', () => {
      withZone.statelessTemplate.resourceCountIs('AWS::CloudFront::ResponseHeadersPolicy', 0);
      expect(distributionConfig(withZone).DefaultCacheBehavior.ResponseHeadersPolicyId).toBeUndefined();
    });

    it('points the domain\'s alias records (IPv4 and IPv6) at the distribution and turns the execute-api address off, so every request passes the web ACL', () => {
      for (const type of ['A', 'AAAA']) {
        withZone.statelessTemplate.hasResourceProperties('AWS::Route53::RecordSet', {
          Type: type,
          HostedZoneId: ZONE.hostedZoneId,
          AliasTarget: { DNSName: { 'Fn::GetAtt': [onlyLogicalId(withZone.statelessTemplate, 'AWS::CloudFront::Distribution'), 'DomainName'] }, HostedZoneId: Match.anyValue() },
        });
      }
      withZone.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    });

    it('sends the sign-in back to the distribution\'s domain only, and links notices to it', () => {
      expect(webClient(withZone).CallbackURLs).toEqual([`https://${DOMAIN}/auth/callback`]);
      expect(webClient(withZone).LogoutURLs).toEqual([`https://${DOMAIN}/`]);
      expect(apiEnvironment(withZone).PUBLIC_BASE_URL).toBe(`https://${DOMAIN}`);
      withZone.statelessTemplate.hasOutput('SiteUrl', { Value: `https://${DOMAIN}/` });
      withZone.statelessTemplate.hasOutput('ApiUrl', { Value: `https://${DOMAIN}/` });
      withZone.statelessTemplate.hasOutput('DistributionDomainName', {});
      withZone.statelessTemplate.hasOutput('DistributionId', {});
    });

    it('runs AWS\'s IP reputation, common and known bad inputs rule groups and blocks an address over the wafRateLimit in 5 minutes, with metrics and sampled requests', () => {
      const acl = Object.values(withZone.edgeTemplate.findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
      expect(acl).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
      const sees = { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true };
      expect(acl.VisibilityConfig).toMatchObject(sees);
      const rules = acl.Rules as Json[];
      expect(rules.find((rule) => rule.Name === 'RateLimitPerIp')).toMatchObject({
        Action: { Block: {} },
        Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
        VisibilityConfig: sees,
      });
      const groups = rules.filter((rule) => rule.Statement.ManagedRuleGroupStatement);
      expect(groups.map((rule) => rule.Statement.ManagedRuleGroupStatement.Name)).toEqual([
        'AWSManagedRulesAmazonIpReputationList',
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
      ]);
      for (const rule of groups) expect(rule).toMatchObject({ OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS' } }, VisibilityConfig: sees });
      expect(new Set(rules.map((rule) => rule.Priority)).size).toBe(rules.length);
    });

    it('lets editors\' form posts over 8 KB through: the common rule set only counts its body size rule', () => {
      const rules = Object.values(withZone.edgeTemplate.findResources('AWS::WAFv2::WebACL'))[0]!.Properties.Rules as Json[];
      const common = rules.find((rule) => rule.Name === 'AWSManagedRulesCommonRuleSet')!;
      expect(common.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
      expect(MANAGED_RULE_GROUPS.find((group) => group.name === 'AWSManagedRulesCommonRuleSet')?.countOnly).toEqual(['SizeRestrictions_BODY']);
    });

    it('alarms on blocked requests to a topic in us-east-1 that mails the alarmEmails addresses', () => {
      const edge = withZone.edgeTemplate;
      const topicId = onlyLogicalId(edge, 'AWS::SNS::Topic');
      edge.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/WAFV2',
        MetricName: 'BlockedRequests',
        Dimensions: [{ Name: 'Rule', Value: 'ALL' }, { Name: 'WebACL', Value: 'vagvisaren-prod' }],
        Statistic: 'Sum',
        AlarmActions: [{ Ref: topicId }],
        OKActions: [{ Ref: topicId }],
      });
      edge.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'drift@regionorebrolan.se', TopicArn: { Ref: topicId } });
      edge.hasOutput('EdgeAlarmTopicArn', {});
    });
  });

  it('shows CloudFront\'s requests and error rates and the web ACL\'s allowed and blocked requests, from us-east-1, on the stage\'s dashboard', () => {
    for (const [s, webAclName] of [[withZone, 'vagvisaren-prod'], [byArns, 'county-edge']] as const) {
      const distribution = `<${onlyLogicalId(s.statelessTemplate, 'AWS::CloudFront::Distribution')}>`;
      const inUsEast1 = expect.objectContaining({ region: 'us-east-1' });
      expect(dashboardMetrics(s)).toEqual(
        expect.arrayContaining([
          ['AWS/CloudFront', 'Requests', 'DistributionId', distribution, 'Region', 'Global', inUsEast1],
          ['AWS/CloudFront', '5xxErrorRate', 'DistributionId', distribution, 'Region', 'Global', inUsEast1],
          ['AWS/WAFV2', 'AllowedRequests', 'Rule', 'ALL', 'WebACL', webAclName, inUsEast1],
          ['AWS/WAFV2', 'BlockedRequests', 'Rule', 'ALL', 'WebACL', webAclName, inUsEast1],
        ]),
      );
    }
  });

  describe('with certificate and web ACL ARNs by context', () => {
    it('makes no edge stack and gives the distribution the us-east-1 certificate and the web ACL named', () => {
      expect(byArns.edge).toBeUndefined();
      expect(byArns.app.node.tryFindChild('Vagvisaren-dev-Edge')).toBeUndefined();
      const config = distributionConfig(byArns);
      expect(config.ViewerCertificate.AcmCertificateArn).toBe(EDGE_CERTIFICATE);
      expect(config.WebACLId).toBe(WEB_ACL);
      byArns.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
        DomainName: DOMAIN,
        DomainNameConfigurations: [Match.objectLike({ CertificateArn: REGIONAL_CERTIFICATE, EndpointType: 'REGIONAL' })],
      });
    });

    it('without a zone outputs the CloudFront address for the CNAME record instead of the API\'s', () => {
      byArns.statelessTemplate.resourceCountIs('AWS::Route53::RecordSet', 0);
      byArns.statelessTemplate.hasOutput('DistributionDomainName', { Value: { 'Fn::GetAtt': [onlyLogicalId(byArns.statelessTemplate, 'AWS::CloudFront::Distribution'), 'DomainName'] } });
      expect(byArns.statelessTemplate.findOutputs('SiteDomainTarget')).toEqual({});
    });
  });
});

describe('the cdn context values', () => {
  const read = (context: Record<string, unknown>) => () => {
    const app = new App({ context });
    return readCdn(app, readSiteDomain(app));
  };
  const site = { domainName: DOMAIN, certificateArn: REGIONAL_CERTIFICATE };

  it('leave CloudFront out unless cdn is true', () => {
    expect(read({})()).toBeUndefined();
    expect(read({ cdn: 'false', ...site })()).toBeUndefined();
  });

  it('default the rate limit to 1,000 requests per address in 5 minutes', () => {
    expect(read({ cdn: 'true', ...site, cdnCertificateArn: EDGE_CERTIFICATE })()).toEqual({ certificateArn: EDGE_CERTIFICATE, webAclArn: undefined, rateLimit: DEFAULT_WAF_RATE_LIMIT });
    expect(DEFAULT_WAF_RATE_LIMIT).toBe(1000);
  });

  it('refuse what cannot work, naming the key', () => {
    expect(read({ cdn: 'yes' })).toThrow(/cdn context "yes"/);
    expect(read({ cdn: 'true' })).toThrow(/cdn=true needs a domainName/);
    expect(read({ cdn: 'true', ...site })).toThrow(/cdnCertificateArn.*us-east-1/);
    expect(read({ cdn: 'true', ...site, cdnCertificateArn: REGIONAL_CERTIFICATE })).toThrow(/cdnCertificateArn.*us-east-1/);
    expect(read({ cdn: 'true', ...site, cdnCertificateArn: EDGE_CERTIFICATE, webAclArn: 'arn:aws:wafv2:eu-north-1:123456789012:regional/webacl/x/2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f' })).toThrow(/webAclArn/);
    expect(read({ cdn: 'true', ...site, cdnCertificateArn: EDGE_CERTIFICATE, wafRateLimit: '5' })).toThrow(/wafRateLimit/);
    expect(read({ cdn: 'true', ...site, cdnCertificateArn: EDGE_CERTIFICATE, webAclArn: WEB_ACL, wafRateLimit: '2000' })).toThrow(/wafRateLimit.*webAclArn/);
    expect(read({ webAclArn: WEB_ACL })).toThrow(/need cdn=true/);
  });
});
