/**
 * The search snapshot store on S3: every save writes a new object (its version and a random part in
 * the key, so two writers never overwrite each other's bytes), then moves the table's pointer on with
 * a conditional write. The loser of a race removes its object and gets SnapshotConflict; the winner
 * removes the object it replaced, which the bucket's versioning keeps as a noncurrent version until
 * its lifecycle rule expires it.
 */
import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Clock } from '#shared/ports/clock.ts';
import type { SearchSnapshotStore, SnapshotRef } from '#shared/ports/search-snapshot-store.ts';
import type { DynamoSnapshotPointer } from './dynamo-snapshot-pointer.ts';
import { SNAPSHOT_PREFIX } from './layout.ts';

const objectKey = (version: number) => `${SNAPSHOT_PREFIX}${String(version).padStart(10, '0')}-${randomUUID()}.json`;

export class S3SearchSnapshotStore implements SearchSnapshotStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly pointer: DynamoSnapshotPointer,
    private readonly clock: Clock,
  ) {}

  current(): Promise<SnapshotRef | undefined> {
    return this.pointer.read();
  }

  async read(ref: SnapshotRef): Promise<Uint8Array | undefined> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: ref.key }));
      return object.Body ? await object.Body.transformToByteArray() : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async save(bytes: Uint8Array, expected: SnapshotRef | undefined): Promise<SnapshotRef> {
    const next = { version: (expected?.version ?? 0) + 1, key: objectKey((expected?.version ?? 0) + 1) };
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: next.key, Body: bytes, ContentType: 'application/json' }));
    try {
      await this.pointer.advance(expected, next, this.clock.now().toISOString());
    } catch (error) {
      await this.remove(next.key);
      throw error;
    }
    if (expected) await this.remove(expected.key);
    return next;
  }

  private async remove(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })).catch(() => undefined);
  }
}
