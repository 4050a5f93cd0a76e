/**
 * Owns the site's own address: the `domainName` context value (e.g. `vagvisaren.example.se`) served by
 * the HTTP API through an API Gateway custom domain, with its TLS certificate taken from
 * `certificateArn` or, given `hostedZoneId` and `hostedZoneName`, created in ACM with DNS validation
 * in that Route 53 zone (which then also gets the alias record). Without `domainName` the site lives
 * at the API's own execute-api address. Either way `baseUrl` is where the site is, which the sign-in's
 * callback and sign-out URLs and the links in referral notices (PUBLIC_BASE_URL) follow. With CloudFront
 * in front (infra/constructs/cdn.ts) the domain stays here as the distribution's origin, and the alias
 * record points at the distribution.
 */
import type { HttpApi, IStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { ApiMapping, DomainName, EndpointType } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate, CertificateValidation, type ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { AaaaRecord, ARecord, HostedZone, type IAliasRecordTarget, type IHostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayv2DomainProperties } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';

const DOMAIN_PATTERN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CERTIFICATE_ARN_PATTERN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;

export type SiteDomainContext =
  | { readonly domainName: string; readonly certificateArn: string; readonly hostedZone?: { id: string; name: string } }
  | { readonly domainName: string; readonly certificateArn?: undefined; readonly hostedZone: { id: string; name: string } };

const text = (scope: Construct, key: string): string | undefined => {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Invalid ${key} context ${JSON.stringify(value)}: expected text.`);
  return value;
};

/**
 * Reads `domainName`, `certificateArn`, `hostedZoneId` and `hostedZoneName`; undefined without a
 * domain name. Throws, naming the key, when a value is malformed or the certificate has no source.
 */
export function readSiteDomain(scope: Construct): SiteDomainContext | undefined {
  const domainName = text(scope, 'domainName')?.toLowerCase();
  const certificateArn = text(scope, 'certificateArn');
  const zoneId = text(scope, 'hostedZoneId');
  const zoneName = text(scope, 'hostedZoneName')?.toLowerCase().replace(/\.$/, '');
  if (domainName === undefined) {
    if (certificateArn || zoneId || zoneName) throw new Error('Invalid domainName context: certificateArn, hostedZoneId and hostedZoneName need a domainName.');
    return undefined;
  }
  if (!DOMAIN_PATTERN.test(domainName)) throw new Error(`Invalid domainName context ${JSON.stringify(domainName)}: expected a host name such as vagvisaren.example.se.`);
  if (certificateArn !== undefined && !CERTIFICATE_ARN_PATTERN.test(certificateArn)) {
    throw new Error(`Invalid certificateArn context ${JSON.stringify(certificateArn)}: expected an ACM certificate ARN in the stage's region.`);
  }
  if ((zoneId === undefined) !== (zoneName === undefined)) throw new Error('Invalid hostedZoneId/hostedZoneName context: give both or neither.');
  const hostedZone = zoneId && zoneName ? { id: zoneId, name: zoneName } : undefined;
  if (hostedZone && domainName !== hostedZone.name && !domainName.endsWith(`.${hostedZone.name}`)) {
    throw new Error(`Invalid domainName context ${JSON.stringify(domainName)}: it is not in the hosted zone ${hostedZone.name}.`);
  }
  if (certificateArn) return { domainName, certificateArn, ...(hostedZone ? { hostedZone } : {}) };
  if (hostedZone) return { domainName, hostedZone };
  throw new Error('Invalid domainName context: give certificateArn (an ACM certificate for it) or hostedZoneId and hostedZoneName (to create one validated by DNS).');
}

export class SiteDomain extends Construct {
  /** `https://<domainName>`, without a trailing slash. */
  readonly baseUrl: string;
  readonly domainName: DomainName;
  readonly certificate: ICertificate;
  private readonly zone: IHostedZone | undefined;

  constructor(scope: Construct, id: string, props: { site: SiteDomainContext }) {
    super(scope, id);
    const { site } = props;
    this.baseUrl = `https://${site.domainName}`;
    this.zone = site.hostedZone && HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: site.hostedZone.id, zoneName: site.hostedZone.name });
    this.certificate = site.certificateArn
      ? Certificate.fromCertificateArn(this, 'Certificate', site.certificateArn)
      : new Certificate(this, 'Certificate', { domainName: site.domainName, validation: CertificateValidation.fromDns(this.zone) });
    this.domainName = new DomainName(this, 'DomainName', { domainName: site.domainName, certificate: this.certificate, endpointType: EndpointType.REGIONAL });
  }

  /**
   * Serves `stage` of `api` at the domain's root, and points the zone's alias record, when there is a
   * zone, at `front` (a CloudFront distribution before the domain, then for IPv6 too) or else at the domain itself.
   */
  serve(api: HttpApi, stage: IStage, front?: IAliasRecordTarget): void {
    new ApiMapping(this, 'ApiMapping', { api, domainName: this.domainName, stage });
    if (!this.zone) return;
    const target = RecordTarget.fromAlias(front ?? new ApiGatewayv2DomainProperties(this.domainName.regionalDomainName, this.domainName.regionalHostedZoneId));
    new ARecord(this, 'AliasRecord', { zone: this.zone, recordName: this.domainName.name, target });
    // CloudFront answers over IPv6 as well; a regional API Gateway domain does not.
    if (front) new AaaaRecord(this, 'AliasRecordIpv6', { zone: this.zone, recordName: this.domainName.name, target });
  }
}
