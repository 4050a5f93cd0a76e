/**
 * The search snapshot wiring every runtime shares (the API, the indexer, the reindex command, the
 * local server): which bucket holds the snapshots, and the store on it with its pointer in the table.
 * Its S3 calls are signed by a small SigV4 fetch client (aws4fetch), not the AWS SDK's S3 client.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Clock } from '#shared/ports/clock.ts';
import type { S3Credentials } from '#shared/adapters/search-snapshot/s3-bucket.ts';
import type { SearchSnapshotStore } from '#shared/ports/search-snapshot-store.ts';
import { AWS_CLIENT_TIMEOUTS } from './timeouts.ts';

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

/** For the snapshot bucket's calls: the same tries and per-try limit as the AWS SDK clients. */
const S3_TIMEOUTS = { attempts: AWS_CLIENT_TIMEOUTS.maxAttempts, requestTimeoutMs: AWS_CLIENT_TIMEOUTS.requestHandler.requestTimeout };

/**
 * The credentials of the snapshot bucket's calls: given ones (a local S3 server), the environment's
 * (a Lambda function's role), or else the AWS SDK's provider chain (a profile or SSO for `npm run
 * reindex` from a workstation), loaded only in that last case.
 */
export const snapshotCredentials = (env: NodeJS.ProcessEnv, given?: S3Credentials): (() => Promise<S3Credentials>) => {
  if (given) return () => Promise.resolve(given);
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    const fromEnv = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN };
    return () => Promise.resolve(fromEnv);
  }
  let chain: Promise<() => Promise<S3Credentials>> | undefined;
  return async () => {
    chain ??= import('@aws-sdk/credential-provider-node').then(({ defaultProvider }) => defaultProvider());
    return (await chain)();
  };
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
    credentials: snapshotCredentials(process.env, target.credentials),
    timeouts: S3_TIMEOUTS,
  });
  return new S3SearchSnapshotStore(bucket, new DynamoSnapshotPointer(target.table.client, target.table.name), target.clock);
};
