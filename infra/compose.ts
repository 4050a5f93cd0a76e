/** Owns the shape of the CDK app: which stacks exist for a stage, their names, environment and tags. */
import { type App, Tags } from 'aws-cdk-lib';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';
import { isDevStage, readRegion, readSearchMode, readStage } from './stage.ts';

export interface Vagvisaren {
  readonly stage: string;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/**
 * Adds Vägvisaren's stacks for the `stage` context value (default `dev`) to `app`:
 * `Vagvisaren-<stage>-Stateful` (data) and `Vagvisaren-<stage>-Stateless` (compute, API, alarms).
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
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
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
  return { stage, stateful, stateless };
}
