/**
 * A transport to a plain OpenSearch node (a local one, credentials if any in its URL) through the
 * OpenSearch client, for the reindex command and the live contract tests; the AWS functions sign
 * their calls instead (opensearch.ts), so the client stays out of their bundles.
 */
import type { OpenSearchTransport } from '#shared/adapters/opensearch/transport.ts';

export const plainTransport = async (url: string): Promise<OpenSearchTransport> => {
  const { clientTransport, createOpenSearchClient } = await import('#shared/adapters/opensearch/client.ts');
  return clientTransport(createOpenSearchClient({ node: url }));
};
