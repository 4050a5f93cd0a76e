import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { recordAuditTrail } from '#shared/services/audit-trail.ts';
import { useDynalite } from '../support/dynamo.ts';
import { createStreamHandler } from '#functions/indexer/handler.ts';
import { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { OpenSearchSearchIndex } from '#shared/adapters/opensearch/opensearch-search-index.ts';
import { createIndexer } from '#shared/services/indexer.ts';
import { aQuery, fixedClock, taxonomy } from '../support/builders.ts';
import { ok, scriptedTransport } from '../opensearch/fake-transport.ts';
import { fixture, recordingLogger } from './support.ts';

const dynalite = useDynalite();
let trail: DynamoEntryRepository;
beforeAll(async () => {
  trail = await dynalite.freshRepository();
});

const onEmbedded = () => {
  const index = new EmbeddedSearchIndex();
  const { logger, lines } = recordingLogger();
  const handle = createStreamHandler({ indexer: createIndexer({ index, taxonomy, clock: fixedClock }), recordAudit: recordAuditTrail(trail), logger });
  const found = async (q = '') => (await index.search(aQuery({ q }))).hits.map((hit) => ({ id: hit.id, name: hit.name.sv }));
  const summary = () => lines.filter((line) => line.message === 'stream batch').at(-1)?.fields;
  return { index, handle, lines, found, summary };
};

const none = { batchItemFailures: [] };

describe('stream handler', () => {
  describe('on the embedded engine', () => {
    it('indexes an inserted entry and reports no failures', async () => {
      const { handle, found, summary } = onEmbedded();
      expect(await handle(fixture('insert'))).toEqual(none);
      expect(await found('innovationsstöd')).toEqual([{ id: 'innovationskontoret', name: 'Innovationskontoret' }]);
      expect(summary()).toMatchObject({ records: 1, applied: 1, failed: 0 });
    });

    it("keeps the audit record the writer left on the item in the entry's trail", async () => {
      const { handle } = onEmbedded();
      const event = fixture('insert') as { Records: { dynamodb: { NewImage: Record<string, unknown> } }[] };
      const audit = { entryId: 'innovationskontoret', version: 1, at: '2026-01-01T00:00:00.000Z', actor: { subject: 'eva', name: 'Eva Redaktör' }, action: 'create', changes: [{ field: 'name', after: { sv: 'Innovationskontoret' } }] };
      event.Records[0]!.dynamodb.NewImage.lastChange = marshall({ audit }).audit;
      expect(await handle(event)).toEqual(none);
      expect(await trail.history('innovationskontoret' as never)).toEqual([audit]);
    });

    it('replaces the entry with the new image of a modify', async () => {
      const { handle, found } = onEmbedded();
      await handle(fixture('insert'));
      expect(await handle(fixture('modify'))).toEqual(none);
      expect(await found()).toEqual([{ id: 'innovationskontoret', name: 'Innovationskontoret Örebro' }]);
    });

    it('deletes an entry that became a draft', async () => {
      const { handle, index } = onEmbedded();
      await handle(fixture('insert'));
      await handle(fixture('modify'));
      expect(await handle(fixture('modify-to-draft'))).toEqual(none);
      expect(await index.size()).toBe(0);
    });

    it('deletes a removed entry at the version of its old image', async () => {
      const { handle, index } = onEmbedded();
      await handle(fixture('modify'));
      expect(await handle(fixture('remove'))).toEqual(none);
      expect(await index.size()).toBe(0);
      await handle(fixture('modify'));
      expect(await index.size()).toBe(0);
    });

    it('deletes an entry that DynamoDB expired by its ttl and counts it as expired', async () => {
      const { handle, index, summary } = onEmbedded();
      await handle(fixture('modify'));
      expect(await handle(fixture('ttl-remove'))).toEqual(none);
      expect(await index.size()).toBe(0);
      expect(summary()).toMatchObject({ applied: 1, expired: 1 });
    });

    it('keeps the newer version when an older change arrives after it, and counts that as stale, not failed', async () => {
      const { handle, found, summary } = onEmbedded();
      expect(await handle(fixture('out-of-order'))).toEqual(none);
      expect(await found()).toEqual([{ id: 'innovationskontoret', name: 'Innovationskontoret Eken' }]);
      expect(summary()).toMatchObject({ applied: 1, stale: 1, failed: 0 });
    });

    it('leaves the index as it was when a batch is delivered again', async () => {
      const { handle, found } = onEmbedded();
      await handle(fixture('out-of-order'));
      expect(await handle(fixture('out-of-order'))).toEqual(none);
      await handle(fixture('insert'));
      expect(await found()).toEqual([{ id: 'innovationskontoret', name: 'Innovationskontoret Eken' }]);
    });

    it('reports a poison record by its sequence number and applies the rest of the batch', async () => {
      const { handle, found, lines } = onEmbedded();
      expect(await handle(fixture('poison'))).toEqual({ batchItemFailures: [{ itemIdentifier: '700000000000000000002' }] });
      expect((await found()).map((hit) => hit.id).sort()).toEqual(['almi-foretagspartner', 'region-orebro-lan']);
      const logged = lines.find((line) => line.message === 'unreadable stream record')!;
      expect(logged.level).toBe('error');
      expect(logged.fields).toMatchObject({ sequenceNumber: '700000000000000000002' });
      expect(String(logged.fields.reason)).toMatch(/version/);
    });

    it('ignores items of other entities', async () => {
      const { handle, index, summary } = onEmbedded();
      expect(await handle(fixture('other-entity'))).toEqual(none);
      expect(await index.size()).toBe(0);
      expect(summary()).toMatchObject({ records: 1, ignored: 1, failed: 0 });
    });

    it('fails the whole batch when a record cannot even be identified for a retry', async () => {
      const { handle } = onEmbedded();
      const event = fixture('poison');
      delete event.Records[1]!.dynamodb;
      await expect(handle(event)).rejects.toThrow(/sequence number/);
    });

    it('refuses an event that is not a batch of stream records', async () => {
      const { handle } = onEmbedded();
      await expect(handle({ records: [] })).rejects.toThrow();
    });
  });

  describe('on the OpenSearch adapter', () => {
    const onOpenSearch = (...answers: Parameters<typeof scriptedTransport>) => {
      const { transport, requests } = scriptedTransport(...answers);
      const { logger, lines } = recordingLogger();
      const index = new OpenSearchSearchIndex({ transport, index: 'vagvisaren-entries', requireAlias: true });
      return { handle: createStreamHandler({ indexer: createIndexer({ index, taxonomy, clock: fixedClock }), recordAudit: recordAuditTrail(trail), logger }), requests, lines };
    };

    it('sends the batch as one bulk request with external versions', async () => {
      const { handle, requests } = onOpenSearch(ok({ errors: false, items: [{ index: { _id: 'almi-foretagspartner', status: 201 } }, { index: { _id: 'region-orebro-lan', status: 201 } }] }));
      expect(await handle(fixture('two-inserts'))).toEqual(none);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ method: 'POST', path: '/vagvisaren-entries/_bulk', querystring: { require_alias: 'true' } });
      expect(requests[0]!.bulkBody!.filter((_, i) => i % 2 === 0)).toEqual([
        { index: { _id: 'almi-foretagspartner', version: 2, version_type: 'external' } },
        { index: { _id: 'region-orebro-lan', version: 2, version_type: 'external' } },
      ]);
    });

    it('reports only the record whose bulk item failed, with OpenSearch\'s reason in the log', async () => {
      const { handle, lines } = onOpenSearch(ok(fixture('bulk-one-failed')));
      expect(await handle(fixture('two-inserts'))).toEqual({ batchItemFailures: [{ itemIdentifier: '800000000000000000002' }] });
      const logged = lines.find((line) => line.message === 'index change failed')!;
      expect(logged.fields).toMatchObject({ id: 'region-orebro-lan', sequenceNumber: '800000000000000000002' });
      expect(String(logged.fields.reason)).toMatch(/^status 429 es_rejected_execution_exception: rejected execution/);
    });

    it('reports every record as failed, with the reason, while the alias does not exist yet', async () => {
      const missing = { status: 404, error: { type: 'index_not_found_exception', reason: '[require_alias] request flag is [true] and [vagvisaren-entries] is not an alias' } };
      const { handle, lines } = onOpenSearch(ok({ errors: true, items: [{ index: { _id: 'almi-foretagspartner', ...missing } }, { index: { _id: 'region-orebro-lan', ...missing } }] }));
      expect((await handle(fixture('two-inserts'))).batchItemFailures).toHaveLength(2);
      expect(String(lines.find((line) => line.message === 'index change failed')?.fields.reason)).toMatch(/is not an alias/);
    });

    it('reports a version conflict as stale, not as a failure', async () => {
      const conflict = { status: 409, error: { type: 'version_conflict_engine_exception', reason: '[innovationskontoret]: version conflict, current version [6] is higher or equal to the one provided [4]' } };
      const { handle } = onOpenSearch(ok({ errors: true, items: [{ index: { _id: 'innovationskontoret', status: 200 } }, { index: { _id: 'innovationskontoret', ...conflict } }] }));
      expect(await handle(fixture('out-of-order'))).toEqual(none);
    });

    it('reports every change of the batch, lowest sequence number first, when the bulk request fails as a whole', async () => {
      const { handle, lines } = onOpenSearch({ statusCode: 503, body: { error: { type: 'cluster_block_exception', reason: 'blocked' } } });
      expect(await handle(fixture('poison'))).toEqual({
        batchItemFailures: [{ itemIdentifier: '700000000000000000001' }, { itemIdentifier: '700000000000000000002' }, { itemIdentifier: '700000000000000000003' }],
      });
      expect(String(lines.find((line) => line.message === 'index write failed')?.fields.error)).toMatch(/503: cluster_block_exception: blocked/);
    });

    it('reports the batch\'s changes when OpenSearch cannot be reached', async () => {
      const { handle } = onOpenSearch(new Error('connect ECONNREFUSED'));
      expect(await handle(fixture('two-inserts'))).toEqual({
        batchItemFailures: [{ itemIdentifier: '800000000000000000001' }, { itemIdentifier: '800000000000000000002' }],
      });
    });

    it('sends no request for a batch without entry changes', async () => {
      const { handle, requests } = onOpenSearch();
      expect(await handle(fixture('other-entity'))).toEqual(none);
      expect(requests).toEqual([]);
    });
  });
});
