/** Owns the resources that hold data and must survive redeploys: the DynamoDB table, search (the snapshot bucket, or the OpenSearch domain and its logs), and the user pool. */
import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { EbsDeviceVolumeType } from 'aws-cdk-lib/aws-ec2';
import { AccountPrincipal, PolicyDocument, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnResourcePolicy, LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnDomain, Domain, EngineVersion, TLSSecurityPolicy, type CapacityConfig, type ZoneAwarenessConfig } from 'aws-cdk-lib/aws-opensearchservice';
import type { Construct } from 'constructs';
import { INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '#shared/adapters/dynamodb/key-schema.ts';
import { Identity } from './constructs/identity.ts';
import { Mail } from './constructs/mail.ts';
import { SearchSnapshots } from './constructs/search-snapshots.ts';
import { isDevStage, readNotificationSender, readSearchMode, readThreatProtection, removalPolicyFor, type SearchMode } from './stage.ts';

export interface StatefulStackProps extends StackProps {
  /** Deployment stage; decides whether data is retained when the stack goes away, and the search domain's size. */
  readonly stage: string;
}

export interface SearchSizing {
  readonly capacity: CapacityConfig;
  readonly zoneAwareness: ZoneAwarenessConfig;
  /** EBS volume per data node. */
  readonly volumeGiB: number;
}

/**
 * One small node in dev. Elsewhere three data nodes in three zones: all three are master-eligible, so
 * losing a node or a zone leaves two of three for a quorum, where two nodes lose it with either one
 * (the index keeps one replica once there are two nodes).
 */
export const searchSizing = (stage: string): SearchSizing =>
  isDevStage(stage)
    ? { capacity: { dataNodes: 1, dataNodeInstanceType: 't3.small.search', multiAzWithStandbyEnabled: false }, zoneAwareness: { enabled: false }, volumeGiB: 10 }
    : {
        capacity: { dataNodes: 3, dataNodeInstanceType: 'm6g.large.search', multiAzWithStandbyEnabled: false },
        zoneAwareness: { enabled: true, availabilityZoneCount: 3 },
        volumeGiB: 20,
      };

/**
 * The single-table store of the directory (entries, referrals, offers), keyed by `pk`/`sk`, with a
 * change stream for the search indexer and `ttl` expiry, protected from deletion outside dev; and the
 * OpenSearch domain the indexer fills. The domain's access policy admits the account's own IAM
 * principals only, with no fine-grained access control, so the IAM grants of
 * DirectoryFunction.bindSearch() (SigV4-signed, HTTPS only) decide who reaches which index; bulk and
 * multi-requests may not name an index in their body, so a grant on a path is a grant on that index.
 * Its error and slow logs go to CloudWatch Logs. That domain exists only in the `opensearch` search
 * mode (the `search` context value); in the `embedded` mode (the default) a private bucket holds the
 * embedded engine's snapshots instead.
 */
export class StatefulStack extends Stack {
  readonly table: Table;
  readonly searchMode: SearchMode;
  /** The OpenSearch domain (`opensearch` mode). */
  readonly search: Domain | undefined;
  /** The embedded engine's snapshots (`embedded` mode). */
  readonly searchSnapshots: SearchSnapshots | undefined;
  readonly identity: Identity;
  /** Outgoing mail in SES, when the `notificationSender` context value names a sender. */
  readonly mail: Mail | undefined;
  readonly searchSizing: SearchSizing;

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
      deletionProtection: !isDevStage(props.stage),
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

    this.searchMode = readSearchMode(this);
    this.searchSizing = searchSizing(props.stage);
    this.searchSnapshots = this.searchMode === 'embedded' ? new SearchSnapshots(this, 'SearchSnapshots') : undefined;
    this.search = this.searchMode === 'opensearch' ? this.searchDomain(props.stage) : undefined;


    const sender = readNotificationSender(this);
    this.mail = sender === undefined ? undefined : new Mail(this, 'Mail', { sender });
    this.identity = new Identity(this, 'Identity', {
      stage: props.stage,
      threatProtection: readThreatProtection(this),
      ...(this.mail
        ? { mail: { sender: this.mail.sender, domain: this.mail.domain, configurationSetName: this.mail.configurationSet.configurationSetName } }
        : {}),
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'DynamoDB table (TABLE_NAME for the command line)' });
    if (this.search) {
      new CfnOutput(this, 'SearchEndpoint', {
        value: `https://${this.search.domainEndpoint}`,
        description: 'OpenSearch domain endpoint (OPENSEARCH_ENDPOINT for npm run reindex)',
      });
    }
    if (this.searchSnapshots) {
      new CfnOutput(this, 'SearchSnapshotBucket', {
        value: this.searchSnapshots.bucket.bucketName,
        description: 'Bucket of the embedded search snapshots (SEARCH_SNAPSHOT_BUCKET for npm run reindex)',
      });
    }
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId, description: 'Cognito user pool (for aws cognito-idp admin-create-user)' });
  }

  /** The OpenSearch domain, its logs, and its access policy. */
  private searchDomain(stage: string): Domain {
    const sizing = this.searchSizing;
    const searchLogs = this.searchLogGroups(stage);
    const domain = new Domain(this, 'Search', {
      version: EngineVersion.OPENSEARCH_2_19,
      capacity: sizing.capacity,
      zoneAwareness: sizing.zoneAwareness,
      ebs: { volumeSize: sizing.volumeGiB, volumeType: EbsDeviceVolumeType.GP3 },
      encryptionAtRest: { enabled: true },
      nodeToNodeEncryption: true,
      enforceHttps: true,
      tlsSecurityPolicy: TLSSecurityPolicy.TLS_1_2,
      advancedOptions: { 'rest.action.multi.allow_explicit_index': 'false' },
      logging: {
        appLogEnabled: true,
        appLogGroup: searchLogs.app,
        slowSearchLogEnabled: true,
        slowSearchLogGroup: searchLogs.slowSearch,
        slowIndexLogEnabled: true,
        slowIndexLogGroup: searchLogs.slowIndex,
      },
      suppressLogsResourcePolicy: true,
      removalPolicy: removalPolicyFor(stage),
    });
    domain.node.addDependency(searchLogs.policy);
    Validations.of(domain).acknowledge(
      { id: 'AwsSolutions-OS1', reason: 'The domain has a public endpoint: Lambda functions outside a VPC reach it with SigV4-signed requests, and only the account\'s IAM principals with a grant get in.' },
      { id: 'AwsSolutions-OS3', reason: 'Access is by IAM identity (SigV4), not by IP address: the functions have no fixed addresses.' },
      {
        id: 'AwsSolutions-OS4',
        reason: isDevStage(stage)
          ? 'A dev domain is one small node.'
          : 'Three master-eligible data nodes in three zones keep a quorum through the loss of a node or a zone, for less than three dedicated masters would cost.',
      },
      ...(isDevStage(stage) ? [{ id: 'AwsSolutions-OS7', reason: 'A dev domain is one small node in one zone.' }] : []),
    );
    (domain.node.defaultChild as CfnDomain).accessPolicies = new PolicyDocument({
      statements: [
        new PolicyStatement({
          principals: [new AccountPrincipal(this.account)],
          actions: ['es:ESHttp*'],
          resources: [this.formatArn({ service: 'es', resource: 'domain', resourceName: '*/*' })],
        }),
      ],
    }).toJSON();
    return domain;
  }

  /**
   * The domain's error log and slow logs, and one resource policy that lets the OpenSearch service
   * write to them (made here rather than by the Domain construct, which would add a custom resource).
   */
  private searchLogGroups(stage: string) {
    const logGroup = (id: string) => new LogGroup(this, id, { retention: RetentionDays.ONE_MONTH, removalPolicy: removalPolicyFor(stage) });
    const app = logGroup('SearchErrorLogs');
    const slowSearch = logGroup('SearchSlowLogs');
    const slowIndex = logGroup('SearchSlowIndexLogs');
    const policy = new CfnResourcePolicy(this, 'SearchLogsPolicy', {
      policyName: `${this.stackName}-search-logs`,
      policyDocument: this.toJsonString(
        new PolicyDocument({
          statements: [
            new PolicyStatement({
              principals: [new ServicePrincipal('es.amazonaws.com')],
              actions: ['logs:PutLogEvents', 'logs:CreateLogStream'],
              resources: [app, slowSearch, slowIndex].map((group) => group.logGroupArn),
            }),
          ],
        }),
      ),
    });
    return { app, slowSearch, slowIndex, policy };
  }
}
