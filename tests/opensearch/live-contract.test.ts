/**
 * The search contract against a live OpenSearch node, each test on a fresh index created with the
 * contract's lexicon (the adapter given its synonyms and vocabulary): `OPENSEARCH_URL=http://localhost:9200 npx vitest run tests/opensearch`.
 * Without OPENSEARCH_URL the suite is skipped.
 */
import { afterEach, describe, it } from 'vitest';
import { plainTransport } from '#functions/composition/opensearch-node.ts';
import { createOpenSearchAdmin } from '#shared/adapters/opensearch/index-admin.ts';
import { buildIndexDefinition } from '#shared/adapters/opensearch/index-definition.ts';
import { OpenSearchSearchIndex } from '#shared/adapters/opensearch/opensearch-search-index.ts';
import { describeSearchIndexContract } from '../search/search-index.contract.ts';

const url = process.env.OPENSEARCH_URL;

if (!url) {
  describe.skip('SearchIndex contract › OpenSearch — skipped: set OPENSEARCH_URL (e.g. http://localhost:9200) to run it live', () => {
    it('runs the search contract against a live OpenSearch node', () => {});
  });
} else {
  const transport = await plainTransport(url);
  const admin = createOpenSearchAdmin(transport);
  const created: string[] = [];
  let sequence = 0;

  afterEach(async () => {
    for (const name of created.splice(0)) await admin.deleteIndex(name).catch(() => {});
  });

  describeSearchIndexContract(`OpenSearch at ${new URL(url).host}`, async (resources) => {
    sequence += 1;
    const name = `vagvisaren-contract-${process.pid}-${sequence}`;
    await admin.createIndex(name, buildIndexDefinition({ lexicon: resources.lexicon }));
    created.push(name);
    return new OpenSearchSearchIndex({ transport, index: name, lexicon: resources.lexicon, synonyms: resources.synonyms, understanding: resources.understanding, refresh: 'true' });
  });
}
