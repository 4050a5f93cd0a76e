/** Owns the resources that hold data and must survive redeploys: the DynamoDB table, the search domain and the user pool. */
import { Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { EbsDeviceVolumeType } from 'aws-cdk-lib/aws-ec2';
import { Domain, EngineVersion, TLSSecurityPolicy, type CapacityConfig, type ZoneAwarenessConfig } from 'aws-cdk-lib/aws-opensearchservice';
import type { Construct } from 'constructs';
import { INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '#shared/adapters/dynamodb/key-schema.ts';
import { Identity } from './constructs/identity.ts';
import { isDevStage, removalPolicyFor } from './stage.ts';

export interface StatefulStackProps extends StackProps {
  /** Deployment stage; decides whether data is retained when the stack goes away, and the search domain's size. */
  readonly stage: string;
}

/** One small node in dev; two nodes in two zones elsewhere (the index keeps one replica once there are two). */
const searchCapacity = (stage: string): { capacity: CapacityConfig; zoneAwareness: ZoneAwarenessConfig; volumeGiB: number } =>
  isDevStage(stage)
    ? { capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false }, zoneAwareness: { enabled: false }, volumeGiB: 10 }
    : {
        capacity: { dataNodes: 2, dataNodeInstanceType: 'm6g.large.search', multiAzWithStandbyEnabled: false },
        zoneAwareness: { enabled: true, availabilityZoneCount: 2 },
        volumeGiB: 20,
      };

/**
 * The single-table store of the directory (entries, referrals, offers), keyed by `pk`/`sk`, with a
 * change stream for the search indexer and `ttl` expiry; and the OpenSearch domain the indexer
 * fills. The domain has no access policy of its own and no fine-grained access control: only IAM
 * principals granted by DirectoryFunction.bindSearch() (SigV4-signed) reach it, over HTTPS only.
 */
export class StatefulStack extends Stack {
  readonly table: Table;
  readonly search: Domain;
  readonly identity: Identity;

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
    for (const index of Object.values(INDEXES)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    const sizing = searchCapacity(props.stage);
    this.search = new Domain(this, 'Search', {
      version: EngineVersion.OPENSEARCH_2_19,
      capacity: sizing.capacity,
      zoneAwareness: sizing.zoneAwareness,
      ebs: { volumeSize: sizing.volumeGiB, volumeType: EbsDeviceVolumeType.GP3 },
      encryptionAtRest: { enabled: true },
      nodeToNodeEncryption: true,
      enforceHttps: true,
      tlsSecurityPolicy: TLSSecurityPolicy.TLS_1_2,
      removalPolicy: removalPolicyFor(props.stage),
    });

    this.identity = new Identity(this, 'Identity', { stage: props.stage });
  }
}
