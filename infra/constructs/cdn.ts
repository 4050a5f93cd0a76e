/**
 * Owns CloudFront in front of the HTTP API: the `cdn`, `cdnCertificateArn`, `webAclArn` and
 * `wafRateLimit` context values, and the distribution that serves the site's own domain from the
 * API's custom domain with the viewer's Host header, so the app sees its own address (the sign-in
 * callback, links) as without CloudFront. Pages and the API are cached only as long as the app's
 * Cache-Control allows (nothing by default); the content-hashed assets are cached long and compressed.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import { SESSION_COOKIE } from '#functions/api/authorization/session.ts';
import type { SiteDomainContext } from './site-domain.ts';

/** The app's stylesheet and script, served under content-hashed names (functions/api/pages/assets). */
export const ASSETS_PATH_PATTERN = '/assets/*';
/** The region CloudFront takes its certificates and web ACLs from. */
export const CLOUDFRONT_REGION = 'us-east-1';
/** Requests one IP address may make in 5 minutes before the rate rule blocks it, without `wafRateLimit`. */
export const DEFAULT_WAF_RATE_LIMIT = 1000;

const CERTIFICATE_ARN_PATTERN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/;
const WEB_ACL_ARN_PATTERN = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/;

export interface CdnContext {
  /** An ACM certificate for the domain in us-east-1; without it the edge stack creates one in the hosted zone. */
  readonly certificateArn: string | undefined;
  /** A web ACL (scope CLOUDFRONT) made elsewhere; without it the edge stack creates one. */
  readonly webAclArn: string | undefined;
  readonly rateLimit: number;
}

const optionalText = (scope: Construct, key: string): string | undefined => {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Invalid ${key} context ${JSON.stringify(value)}: expected text.`);
  return value;
};

/** Reads `cdn` (`true` or `false`, default `false`); with `true` also `cdnCertificateArn`, `webAclArn` and `wafRateLimit`. Throws naming the key. */
export function readCdn(scope: Construct, site: SiteDomainContext | undefined): CdnContext | undefined {
  const cdn: unknown = scope.node.tryGetContext('cdn') ?? false;
  if (cdn !== true && cdn !== false && cdn !== 'true' && cdn !== 'false') {
    throw new Error(`Invalid cdn context ${JSON.stringify(cdn)}: expected true or false.`);
  }
  const certificateArn = optionalText(scope, 'cdnCertificateArn');
  const webAclArn = optionalText(scope, 'webAclArn');
  const rawLimit: unknown = scope.node.tryGetContext('wafRateLimit');
  if (cdn === false || cdn === 'false') {
    if (certificateArn || webAclArn || rawLimit !== undefined) throw new Error('Invalid cdn context: cdnCertificateArn, webAclArn and wafRateLimit need cdn=true.');
    return undefined;
  }
  if (!site) {
    throw new Error(
      'Invalid cdn context: cdn=true needs a domainName. The app takes its address (sign-in callback, links) from the host API Gateway serves, which is the CloudFront distribution\'s only with a custom domain on both.',
    );
  }
  if (certificateArn !== undefined && !CERTIFICATE_ARN_PATTERN.test(certificateArn)) {
    throw new Error(`Invalid cdnCertificateArn context ${JSON.stringify(certificateArn)}: expected an ACM certificate ARN in us-east-1, where CloudFront takes its certificates from.`);
  }
  if (certificateArn === undefined && !site.hostedZone) {
    throw new Error('Invalid cdnCertificateArn context: with cdn=true and a certificateArn, give cdnCertificateArn (a certificate for domainName in us-east-1), or hostedZoneId and hostedZoneName to create it.');
  }
  if (webAclArn !== undefined && !WEB_ACL_ARN_PATTERN.test(webAclArn)) {
    throw new Error(`Invalid webAclArn context ${JSON.stringify(webAclArn)}: expected the ARN of an AWS WAF web ACL of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:…:global/webacl/…).`);
  }
  const rateLimit = rawLimit === undefined ? DEFAULT_WAF_RATE_LIMIT : typeof rawLimit === 'string' ? Number(rawLimit) : rawLimit;
  if (typeof rateLimit !== 'number' || !Number.isInteger(rateLimit) || rateLimit < 10 || rateLimit > 2_000_000_000) {
    throw new Error(`Invalid wafRateLimit context ${JSON.stringify(rawLimit)}: expected whole requests per IP address in 5 minutes, from 10.`);
  }
  if (webAclArn !== undefined && rawLimit !== undefined) throw new Error('Invalid wafRateLimit context: with webAclArn the web ACL is made elsewhere, with its own rate rule.');
  return { certificateArn, webAclArn, rateLimit };
}

export interface SiteDistributionProps {
  readonly stage: string;
  readonly domainName: string;
  /** The API Gateway custom domain's regional target, which serves the same domain name. */
  readonly originDomainName: string;
  /** The certificate for `domainName` in us-east-1. */
  readonly certificate: ICertificate;
  readonly webAclArn: string;
}

/**
 * A distribution for the site's domain, protected by the web ACL, reaching the API's regional custom domain
 * over TLS 1.2 with every viewer header (the Host among them, so API Gateway and the app see the site's
 * domain), cookie and query string, and CloudFront's viewer headers (CloudFront-Viewer-Address: the
 * visitor's IP address). Viewers use TLS 1.2 or later, HTTP/2 or HTTP/3. The app's security headers pass unchanged.
 */
export class SiteDistribution extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);
    const origin = new HttpOrigin(props.originDomainName, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    const appCachePolicy = new CachePolicy(this, 'AppCachePolicy', {
      comment: `Vägvisaren ${props.stage}: pages and API, cached only as long as the app's Cache-Control allows; per session and bearer token`,
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.allowList(SESSION_COOKIE),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Vägvisaren ${props.stage}`,
      domainNames: [props.domainName],
      certificate: props.certificate,
      webAclId: props.webAclArn,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: appCachePolicy,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_AND_CLOUDFRONT_2022,
        compress: true,
      },
      additionalBehaviors: {
        [ASSETS_PATH_PATTERN]: {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          originRequestPolicy: OriginRequestPolicy.HOST_HEADER_ONLY,
          compress: true,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'The directory serves businesses in Örebro county and their partners abroad; no country is to be refused.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason: 'Access logs would hold every visitor\'s IP address for no use the API\'s own access log and the WAF\'s sampled requests and metrics do not already serve.',
      },
    );
  }
}
