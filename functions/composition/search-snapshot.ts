/**
 * The search snapshot wiring every runtime shares (the API, the indexer, the reindex command, the
 * local server): which bucket holds the snapshots, and the store on it with its pointer in the table.
 * The S3 client loads only when a store is opened.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Clock } from '#shared/ports/clock.ts';
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
  credentials?: { accessKeyId: string; secretAccessKey: string };
  table: { client: DynamoDBDocumentClient; name: string };
  clock: Clock;
};

export const openSearchSnapshotStore = async (target: SnapshotStoreTarget): Promise<SearchSnapshotStore> => {
  const [{ S3Client }, { S3SearchSnapshotStore }, { DynamoSnapshotPointer }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('#shared/adapters/search-snapshot/s3-search-snapshot-store.ts'),
    import('#shared/adapters/search-snapshot/dynamo-snapshot-pointer.ts'),
  ]);
  const s3 = new S3Client({
    region: target.region,
    ...AWS_CLIENT_TIMEOUTS,
    ...(target.endpoint ? { endpoint: target.endpoint, forcePathStyle: true } : {}),
    ...(target.credentials ? { credentials: target.credentials } : {}),
  });
  return new S3SearchSnapshotStore(s3, target.bucket, new DynamoSnapshotPointer(target.table.client, target.table.name), target.clock);
};
