/**
 * The search snapshot store on S3: every save writes a new object (its version and a random part in
 * the key, so two writers never overwrite each other's bytes), then moves the table's pointer on with
 * a conditional write. The loser of a race removes its object and gets SnapshotConflict; the winner
 * removes the object it replaced, which the bucket's versioning keeps as a noncurrent version until
 * its lifecycle rule expires it.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '#shared/ports/clock.ts';
import type { SearchSnapshotStore, SnapshotRef } from '#shared/ports/search-snapshot-store.ts';
import type { DynamoSnapshotPointer } from './dynamo-snapshot-pointer.ts';
import { SNAPSHOT_PREFIX } from './layout.ts';
import type { S3Bucket } from './s3-bucket.ts';

const objectKey = (version: number) => `${SNAPSHOT_PREFIX}${String(version).padStart(10, '0')}-${randomUUID()}.json`;

export class S3SearchSnapshotStore implements SearchSnapshotStore {
  constructor(
    private readonly bucket: S3Bucket,
    private readonly pointer: DynamoSnapshotPointer,
    private readonly clock: Clock,
  ) {}

  current(): Promise<SnapshotRef | undefined> {
    return this.pointer.read();
  }

  read(ref: SnapshotRef): Promise<Uint8Array | undefined> {
    return this.bucket.get(ref.key);
  }

  async save(bytes: Uint8Array, expected: SnapshotRef | undefined): Promise<SnapshotRef> {
    const next = { version: (expected?.version ?? 0) + 1, key: objectKey((expected?.version ?? 0) + 1) };
    await this.bucket.put(next.key, bytes, 'application/octet-stream');
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
    await this.bucket.delete(key).catch(() => undefined);
  }
}
