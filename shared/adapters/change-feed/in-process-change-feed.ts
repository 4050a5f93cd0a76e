/**
 * The local runtime's stand-in for the DynamoDB stream: a repository decorator that hands every
 * successful write to the indexing core before the write returns, so search is current at once.
 */
import type { AuditRecord } from '#shared/domain/audit.ts';
import type { Entry, EntryId } from '#shared/domain/entry.ts';
import type { EntryChange } from '#shared/domain/entry-change.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';

export type ChangeListener = (changes: readonly EntryChange[]) => Promise<unknown>;

export class ChangePublishingRepository implements EntryRepository {
  constructor(
    private readonly inner: EntryRepository,
    private readonly listener: ChangeListener,
  ) {}

  get(id: EntryId) {
    return this.inner.get(id);
  }

  async save(entry: Entry, audit?: AuditRecord): Promise<Entry> {
    const saved = await this.inner.save(entry, audit);
    await this.listener([{ type: 'upserted', entry: saved, ...(audit ? { audit } : {}) }]);
    return saved;
  }

  recordAudit(audit: AuditRecord) {
    return this.inner.recordAudit(audit);
  }

  history(id: EntryId) {
    return this.inner.history(id);
  }

  scan(pageSize?: number) {
    return this.inner.scan(pageSize);
  }

  catalogueVersion() {
    return this.inner.catalogueVersion();
  }

  isEmpty() {
    return this.inner.isEmpty();
  }
}
