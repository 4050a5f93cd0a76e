/**
 * The snapshot store's S3 calls (aws4fetch, SigV4) against a real S3 protocol server (s3rver): bytes
 * round-trip, a missing key, refused credentials, a retried server error and an answer cut short. s3rver checks the
 * access key id but not the SigV4 signature itself.
 */
import { createServer } from 'node:http';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3Bucket, S3RequestError } from '#shared/adapters/search-snapshot/s3-bucket.ts';
import { SNAPSHOT_BUCKET, s3rverCredentials, useS3rver } from '../support/s3.ts';

const s3 = useS3rver();
const timeouts = { attempts: 2, requestTimeoutMs: 3_000 };

describe('S3 bucket (SigV4 over node http)', () => {
  it('puts bytes that the AWS SDK reads back unchanged, and gets them again', async () => {
    const bucket = s3.bucket();
    const bytes = Uint8Array.from({ length: 70_000 }, (_, n) => (n * 31) % 256);
    await bucket.put('search-snapshots/0000000001-å ä+ö.bin', bytes, 'application/octet-stream');
    const viaSdk = await s3.client().send(new GetObjectCommand({ Bucket: SNAPSHOT_BUCKET, Key: 'search-snapshots/0000000001-å ä+ö.bin' }));
    expect(await viaSdk.Body!.transformToByteArray()).toEqual(bytes);
    expect(await bucket.get('search-snapshots/0000000001-å ä+ö.bin')).toEqual(bytes);
  });

  it('answers undefined for a missing key and deletes a key twice without error', async () => {
    const bucket = s3.bucket();
    expect(await bucket.get('search-snapshots/never-saved')).toBeUndefined();
    await bucket.put('search-snapshots/short-lived', new Uint8Array([1]), 'application/octet-stream');
    await bucket.delete('search-snapshots/short-lived');
    await bucket.delete('search-snapshots/short-lived');
    expect(await bucket.get('search-snapshots/short-lived')).toBeUndefined();
  });

  it('is refused with the status and S3 error code when its access key is unknown', async () => {
    const forged = new S3Bucket({ bucket: SNAPSHOT_BUCKET, region: 'eu-north-1', endpoint: s3.endpoint, credentials: async () => ({ accessKeyId: 'UNKNOWN', secretAccessKey: 'wrong' }), timeouts });
    const refusal = await forged.put('search-snapshots/anything', new Uint8Array([1]), 'application/octet-stream').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(S3RequestError);
    expect(refusal).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
  });

  it('tries a server error once more, and gives up after its attempts', async () => {
    const answers = [503, 200, 500, 500];
    const seen: string[] = [];
    const server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization?.startsWith('AWS4-HMAC-SHA256') ? 'signed' : 'unsigned'}`);
      response.writeHead(answers.shift() ?? 500).end('<Error><Code>SlowDown</Code></Error>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const bucket = new S3Bucket({ bucket: 'flaky', region: 'eu-north-1', endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`, credentials: async () => s3rverCredentials, timeouts });
      await bucket.put('k', new Uint8Array([1]), 'application/octet-stream');
      await expect(bucket.delete('k')).rejects.toMatchObject({ status: 500, code: 'SlowDown' });
      expect(seen).toEqual(['PUT /flaky/k signed', 'PUT /flaky/k signed', 'DELETE /flaky/k signed', 'DELETE /flaky/k signed']);
    } finally {
      server.close();
    }
  });

  it('tries an answer cut short before its Content-Length once more, then gives up instead of returning part of the object', async () => {
    const cuts = [true, false, true, true];
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-length': '8' });
      if (cuts.shift()) response.write(Buffer.from([1, 2, 3]), () => response.destroy());
      else response.end(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const bucket = new S3Bucket({ bucket: 'cut', region: 'eu-north-1', endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`, credentials: async () => s3rverCredentials, timeouts });
      expect(await bucket.get('k')).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
      await expect(bucket.get('k')).rejects.toThrow();
    } finally {
      server.close();
    }
  });
});
