import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSiteDomain } from '#infra/constructs/site-domain.ts';
import { synthesize, type Synthesized } from './synthesize.ts';

const SYNTH_TIMEOUT = 180_000;
const CERTIFICATE = 'arn:aws:acm:eu-north-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ZONE = { hostedZoneId: 'Z0123456789ABCDEFGHIJ', hostedZoneName: 'regionorebrolan.se' };

const webClient = (s: Synthesized) => Object.values(s.statelessTemplate.findResources('AWS::Cognito::UserPoolClient'))[0]!.Properties;
const apiEnvironment = (s: Synthesized) =>
  Object.values(s.statelessTemplate.findResources('AWS::Lambda::Function')).find((f) => String(f.Properties.Description).startsWith('Vägvisaren HTTP API'))!.Properties.Environment.Variables;

describe('the site\'s address by context', { timeout: SYNTH_TIMEOUT }, () => {
  let plain: Synthesized;
  let withCertificate: Synthesized;
  let withZone: Synthesized;
  beforeAll(() => {
    plain = synthesize('dev');
    withCertificate = synthesize('dev', { context: { domainName: 'vagvisaren.regionorebrolan.se', certificateArn: CERTIFICATE } });
    withZone = synthesize('prod', { context: { domainName: 'vagvisaren.regionorebrolan.se', ...ZONE } });
  }, SYNTH_TIMEOUT);
  afterAll(() => [plain, withCertificate, withZone].forEach((s) => s?.dispose()));

  it('without domainName serves the site at the API\'s own address, where the sign-in returns', () => {
    plain.statelessTemplate.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    expect(webClient(plain).CallbackURLs).toHaveLength(1);
    expect(JSON.stringify(webClient(plain).CallbackURLs[0])).toContain('/auth/callback');
    expect(apiEnvironment(plain)).not.toHaveProperty('PUBLIC_BASE_URL');
    expect(Object.keys(plain.statelessTemplate.findOutputs('SiteUrl'))).toEqual(['SiteUrl']);
  });

  it('without cdn puts no CloudFront or web ACL in front and keeps the API\'s own address on', () => {
    for (const s of [plain, withCertificate, withZone]) {
      expect(s.edge).toBeUndefined();
      s.statelessTemplate.resourceCountIs('AWS::CloudFront::Distribution', 0);
      s.statelessTemplate.resourceCountIs('AWS::WAFv2::WebACL', 0);
      s.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: Match.absent() });
    }
    expect(webClient(withCertificate).CallbackURLs).toHaveLength(2);
  });

  it('with domainName and certificateArn maps the API to the domain with that certificate, and the sign-in, its sign-out and notice links follow it', () => {
    const template = withCertificate.statelessTemplate;
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'vagvisaren.regionorebrolan.se',
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: CERTIFICATE, EndpointType: 'REGIONAL' })],
    });
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
    expect(webClient(withCertificate).CallbackURLs[0]).toBe('https://vagvisaren.regionorebrolan.se/auth/callback');
    expect(webClient(withCertificate).LogoutURLs[0]).toBe('https://vagvisaren.regionorebrolan.se/');
    expect(apiEnvironment(withCertificate).PUBLIC_BASE_URL).toBe('https://vagvisaren.regionorebrolan.se');
    template.hasOutput('SiteUrl', { Value: 'https://vagvisaren.regionorebrolan.se/' });
    template.hasOutput('SiteDomainTarget', {});
  });

  it('with a hosted zone creates the certificate validated by DNS in that zone and the alias record', () => {
    const template = withZone.statelessTemplate;
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'vagvisaren.regionorebrolan.se',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'vagvisaren.regionorebrolan.se', HostedZoneId: ZONE.hostedZoneId }],
    });
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      Type: 'A',
      HostedZoneId: ZONE.hostedZoneId,
      AliasTarget: { DNSName: Match.objectLike({ 'Fn::GetAtt': Match.arrayWith(['RegionalDomainName']) }), HostedZoneId: Match.anyValue() },
    });
  });

  it('refuses a domain without a certificate source, a domain outside its zone, and half a zone, naming the key', () => {
    const read = (context: Record<string, string>) => () => readSiteDomain(new App({ context }));
    expect(read({ domainName: 'vagvisaren.regionorebrolan.se' })).toThrow(/certificateArn.*hostedZoneId/);
    expect(read({ domainName: 'vagvisaren.example.se', ...ZONE })).toThrow(/not in the hosted zone regionorebrolan\.se/);
    expect(read({ domainName: 'vagvisaren.regionorebrolan.se', hostedZoneId: ZONE.hostedZoneId })).toThrow(/hostedZoneName/);
    expect(read({ domainName: 'vagvisaren.regionorebrolan.se', certificateArn: 'not-an-arn' })).toThrow(/certificateArn/);
    expect(read({ certificateArn: CERTIFICATE })).toThrow(/need a domainName/);
    expect(read({})()).toBeUndefined();
  });
});
