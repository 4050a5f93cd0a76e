/**
 * The search snapshot wiring every runtime shares (the API, the indexer, the reindex command, the
 * local server): which bucket holds the snapshots, and the store on it with its pointer in the table.
 * Its S3 calls are signed by aws4fetch's small SigV4 signer and sent with node's http client, not the AWS SDK's S3 client.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Clock } from '#shared/ports/clock.ts';
import type { S3Credentials } from '#shared/adapters/search-snapshot/s3-bucket.ts';
import type { SearchSnapshotStore } from '#shared/ports/search-snapshot-store.ts';
import { awsCredentials } from './aws-credentials.ts';
import { SIGNED_CALL_TIMEOUTS } from './timeouts.ts';

/** What bindSearchSnapshots() gives a function: the bucket. S3_ENDPOINT points at a local S3 server instead of AWS. */
export const SearchSnapshotEnv = z.object({
  SEARCH_SNAPSHOT_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name').optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
});
export type SearchSnapshotEnv = z.infer<typeof SearchSnapshotEnv>;

export type SnapshotStoreTarget = {
  bucket: string;
  region: string;
  /** A local S3 server (path-style requests, its own credentials); AWS when absent. */
  endpoint?: string | undefined;
  /** Fixed credentials (a local S3 server's); else the environment's or the SDK's provider chain. */
  credentials?: S3Credentials;
  table: { client: DynamoDBDocumentClient; name: string };
  clock: Clock;
};

export const openSearchSnapshotStore = async (target: SnapshotStoreTarget): Promise<SearchSnapshotStore> => {
  const [{ S3Bucket }, { S3SearchSnapshotStore }, { DynamoSnapshotPointer }] = await Promise.all([
    import('#shared/adapters/search-snapshot/s3-bucket.ts'),
    import('#shared/adapters/search-snapshot/s3-search-snapshot-store.ts'),
    import('#shared/adapters/search-snapshot/dynamo-snapshot-pointer.ts'),
  ]);
  const bucket = new S3Bucket({
    bucket: target.bucket,
    region: target.region,
    endpoint: target.endpoint,
    credentials: target.credentials ? () => Promise.resolve(target.credentials!) : awsCredentials(process.env),
    timeouts: SIGNED_CALL_TIMEOUTS,
  });
  return new S3SearchSnapshotStore(bucket, new DynamoSnapshotPointer(target.table.client, target.table.name), target.clock);
};
