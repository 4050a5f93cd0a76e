import { describe, expect, it } from 'vitest';
import { createOpenSearchAdmin, versionedIndexName } from '#shared/adapters/opensearch/index-admin.ts';
import { ok, scriptedTransport } from './fake-transport.ts';

const ALIAS = 'vagvisaren-entries';
const admin = (...answers: Parameters<typeof scriptedTransport>) => {
  const { transport, requests } = scriptedTransport(...answers);
  return { admin: createOpenSearchAdmin(transport), calls: () => requests.map((r) => `${r.method} ${r.path}`) };
};

describe('versionedIndexName', () => {
  it('names a new index after its alias and the time, lower-case and sortable', () => {
    expect(versionedIndexName(ALIAS, new Date('2026-11-27T12:00:00.123Z'))).toBe('vagvisaren-entries-20261127t120000123z');
  });
});

describe('createOpenSearchAdmin', () => {
  it('reads the indices an alias points to', async () => {
    const { admin: subject } = admin(ok({ 'vagvisaren-entries-2': { aliases: { [ALIAS]: {} } } }));
    expect(await subject.aliasState(ALIAS)).toEqual({ indices: ['vagvisaren-entries-2'], concreteIndex: false });
  });

  it('tells a missing alias from a concrete index that holds its name', async () => {
    const missing = admin({ statusCode: 404, body: { error: 'alias [x] missing', status: 404 } }, { statusCode: 404, body: '' });
    expect(await missing.admin.aliasState(ALIAS)).toEqual({ indices: [], concreteIndex: false });
    expect(missing.calls()).toEqual([`GET /_alias/${ALIAS}`, `HEAD /${ALIAS}`]);
    const concrete = admin({ statusCode: 404, body: {} }, { statusCode: 200, body: true });
    expect(await concrete.admin.aliasState(ALIAS)).toEqual({ indices: [], concreteIndex: true });
  });

  it('creates an index and insists that OpenSearch acknowledged it', async () => {
    const { admin: subject, calls } = admin(ok({ acknowledged: true, shards_acknowledged: true, index: 'new' }), ok({ acknowledged: false }));
    await subject.createIndex('new', { settings: {}, mappings: {} });
    expect(calls()).toEqual(['PUT /new']);
    await expect(subject.createIndex('new', { settings: {}, mappings: {} })).rejects.toThrow();
  });

  it('fails with OpenSearch\'s reason when an index cannot be created', async () => {
    const { admin: subject } = admin({ statusCode: 400, body: { error: { type: 'illegal_argument_exception', reason: 'failed to build synonyms' } } });
    await expect(subject.createIndex('new', { settings: {}, mappings: {} })).rejects.toThrow('Creating index new failed with status 400: illegal_argument_exception: failed to build synonyms');
  });

  it('switches the alias, counts, refreshes and deletes through the matching requests', async () => {
    const { admin: subject, calls } = admin(ok({ acknowledged: true }), ok({ count: 5 }), ok({}), ok({ acknowledged: true }));
    await subject.switchAlias(ALIAS, 'new', { indices: ['old'], concreteIndex: false });
    expect(await subject.count('new')).toBe(5);
    await subject.refresh('new');
    await subject.deleteIndex('old');
    expect(calls()).toEqual(['POST /_aliases', 'POST /new/_count', 'POST /new/_refresh', 'DELETE /old']);
  });
});
