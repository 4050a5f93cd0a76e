/** Owns the shape of the CDK app: which stacks exist for a stage, their names, environment and tags. */
import { type App, Tags } from 'aws-cdk-lib';
import { CLOUDFRONT_REGION, readCdn } from './constructs/cdn.ts';
import { readSiteDomain } from './constructs/site-domain.ts';
import { webAclNameOf } from './constructs/waf.ts';
import { EdgeStack, needsEdgeStack } from './edge-stack.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';
import { isDevStage, readRegion, readSearchMode, readStage } from './stage.ts';

export interface Vagvisaren {
  readonly stage: string;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  /** With `cdn=true`, unless `webAclArn` and `cdnCertificateArn` bring all it would make. */
  readonly edge: EdgeStack | undefined;
}

/**
 * Adds Vägvisaren's stacks for the `stage` context value (default `dev`) to `app`:
 * `Vagvisaren-<stage>-Stateful` (data) and `Vagvisaren-<stage>-Stateless` (compute, API, alarms), and
 * with `cdn=true` `Vagvisaren-<stage>-Edge` in us-east-1 (web ACL, CloudFront's certificate), whose
 * outputs the stateless stack reads across regions (weak references, cdk.json).
 * The account is CDK_DEFAULT_ACCOUNT (unresolved when offline). The region is the `region` context
 * value, else eu-north-1: not CDK_DEFAULT_REGION, which the CDK CLI fills with us-east-1 whenever no
 * region is configured, silently moving the county's data out of Sweden.
 */
export function composeApp(app: App): Vagvisaren {
  const stage = readStage(app);
  const env = {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: readRegion(app),
  };
  const prefix = `Vagvisaren-${stage}`;

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    stage,
    description: `Vägvisaren ${stage}: data (DynamoDB table, ${readSearchMode(app) === 'opensearch' ? 'OpenSearch domain' : 'search snapshot bucket'}, user pool)`,
    terminationProtection: !isDevStage(stage),
  });
  const site = readSiteDomain(app);
  const cdn = readCdn(app, site);
  const edge =
    cdn && site && needsEdgeStack(cdn)
      ? new EdgeStack(app, `${prefix}-Edge`, {
          env: { account: env.account, region: CLOUDFRONT_REGION },
          stage,
          site,
          cdn,
          description: `Vägvisaren ${stage}: what CloudFront takes from us-east-1 (AWS WAF web ACL and its alarm, certificate)`,
          terminationProtection: !isDevStage(stage),
        })
      : undefined;
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    cdn: cdn && {
      context: cdn,
      certificate: edge?.certificate,
      webAclArn: edge?.firewall?.webAcl.attrArn ?? cdn.webAclArn!,
      webAclName: edge?.firewall?.webAclName ?? webAclNameOf(cdn.webAclArn!),
    },
    stage,
    table: stateful.table,
    search: stateful.search ? { domain: stateful.search, sizing: stateful.searchSizing } : { snapshots: stateful.searchSnapshots!.bucket },
    signInTrigger: stateful.identity.preTokenGeneration.lambda,
    userPool: stateful.identity.userPool,
    userPoolDomain: stateful.identity.domain,
    mailFeedback: stateful.mail?.feedback,
    description: `Vägvisaren ${stage}: API function, HTTP API, search indexer, alarms and dashboard`,
  });

  Tags.of(app).add('project', 'vagvisaren');
  Tags.of(app).add('stage', stage);
  return { stage, stateful, stateless, edge };
}
