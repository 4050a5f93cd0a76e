/** Owns the resources that hold data and must survive redeploys: the directory's DynamoDB table. */
import { Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '#shared/adapters/dynamodb/key-schema.ts';
import { removalPolicyFor } from './stage.ts';

export interface StatefulStackProps extends StackProps {
  /** Deployment stage; decides whether data is retained when the stack goes away. */
  readonly stage: string;
}

/**
 * The single-table store of the directory (entries, referrals, offers), keyed by `pk`/`sk`,
 * with a change stream for the search indexer and `ttl` expiry.
 */
export class StatefulStack extends Stack {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: removalPolicyFor(props.stage),
    });
  }
}
