/**
 * Owns the `embedded` search mode's storage: the private bucket of the embedded engine's snapshots,
 * and the binding that gives a function the bucket's name and exactly the access its role needs.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { keys } from '#shared/adapters/dynamodb/key-schema.ts';
import { SNAPSHOT_PREFIX } from '#shared/adapters/search-snapshot/layout.ts';
import type { DirectoryFunction } from './directory-function.ts';
import { acknowledgeWildcardResource } from './nag.ts';

/** How long a replaced snapshot stays recoverable as a noncurrent version. */
export const SNAPSHOT_VERSIONS_KEPT = Duration.days(30);

/**
 * An S3-encrypted, versioned bucket with every kind of public access blocked, TLS-only requests,
 * ACLs disabled, and a lifecycle rule that expires replaced snapshots after 30 days. It is retained
 * when its stack is deleted, even in dev: CloudFormation cannot delete a bucket that holds objects,
 * and emptying it on deletion would take a custom resource function for a few cents of derived data.
 */
export class SearchSnapshots extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        { id: 'ExpireReplacedSnapshots', noncurrentVersionExpiration: SNAPSHOT_VERSIONS_KEPT, expiredObjectDeleteMarker: true, abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket holds derived copies of the public catalogue, written by the indexer and read by the API under their own roles; CloudTrail records who did what, and access logs would cost more than the data.',
    });
  }
}

export type SnapshotAccess = 'read' | 'readWrite';

/**
 * Gives `fn` the snapshot bucket: sets `SEARCH_SNAPSHOT_BUCKET`, grants reading (and for
 * `readWrite` writing and removing) objects under the snapshot prefix, listing that prefix only (so
 * a replaced snapshot reads as missing rather than forbidden), and reading (and for `readWrite`
 * writing) the snapshot's pointer item of the table, by its partition key.
 */
export function bindSearchSnapshots(fn: DirectoryFunction, bucket: IBucket, table: ITable, access: SnapshotAccess): void {
  const objects = `${bucket.bucketArn}/${SNAPSHOT_PREFIX}*`;
  fn.lambda.addEnvironment('SEARCH_SNAPSHOT_BUCKET', bucket.bucketName);
  fn.lambda.addToRolePolicy(new PolicyStatement({ actions: access === 'readWrite' ? ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] : ['s3:GetObject'], resources: [objects] }));
  fn.lambda.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn], conditions: { StringLike: { 's3:prefix': `${SNAPSHOT_PREFIX}*` } } }));
  fn.lambda.addToRolePolicy(
    new PolicyStatement({
      actions: access === 'readWrite' ? ['dynamodb:GetItem', 'dynamodb:PutItem'] : ['dynamodb:GetItem'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [keys.searchSnapshot().pk] } },
    }),
  );
  acknowledgeWildcardResource(fn, objects, 'The grant covers the snapshot objects under the one prefix the search snapshot store writes, whose names carry a version and a random part.');
}
