/** Starts s3rver (a real S3 protocol server, on disk in a temporary directory) for a test file, with one bucket. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { S3Bucket } from '#shared/adapters/search-snapshot/s3-bucket.ts';
import { afterAll, beforeAll } from 'vitest';

export const SNAPSHOT_BUCKET = 'search-snapshots-test';
/** s3rver's fixed credentials. */
export const s3rverCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** The SDK's client, for checks that look at the bucket independently of the adapter. */
export const s3Client = (endpoint: string) => new S3Client({ endpoint, region: 'eu-north-1', forcePathStyle: true, credentials: s3rverCredentials });

/** The snapshot store's bucket adapter on the test server. */
export const s3Bucket = (endpoint: string) =>
  new S3Bucket({ bucket: SNAPSHOT_BUCKET, region: 'eu-north-1', endpoint, credentials: async () => s3rverCredentials, timeouts: { attempts: 2, requestTimeoutMs: 3_000 } });

/** Runs one s3rver on a free port around the file's tests. */
export const useS3rver = () => {
  let server: S3rver | undefined;
  let directory: string | undefined;
  let endpoint: string | undefined;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'vagvisaren-s3-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: SNAPSHOT_BUCKET, configs: [] }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });
  return {
    get endpoint() {
      if (!endpoint) throw new Error('s3rver is not running');
      return endpoint;
    },
    client: () => s3Client(endpoint!),
    bucket: () => s3Bucket(endpoint!),
  };
};
