/**
 * The OpenSearch wiring the AWS roots and the reindex command share: where the domain is, and a
 * signed transport to it, whose modules load only when it is made (a plain node's: opensearch-node.ts).
 */
import { z } from 'zod';
import { DEFAULT_INDEX_ALIAS } from '#shared/adapters/opensearch/index-definition.ts';
import type { OpenSearchTransport } from '#shared/adapters/opensearch/transport.ts';
import { awsCredentials } from './aws-credentials.ts';
import type { SearchTimeouts } from './timeouts.ts';

/** What bindSearch() gives a function: the domain endpoint (https URL) and the alias to use. */
export const OpenSearchEnv = z.object({
  OPENSEARCH_ENDPOINT: z.url({ protocol: /^https?$/ }),
  OPENSEARCH_INDEX: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a lower-case index or alias name').default(DEFAULT_INDEX_ALIAS),
  AWS_REGION: z.string().min(1),
});
export type OpenSearchEnv = z.infer<typeof OpenSearchEnv>;

/**
 * A transport to an Amazon OpenSearch Service domain, every request SigV4-signed with the
 * environment's credentials or else the default chain (aws-credentials.ts) and sent without the
 * OpenSearch client (signed-transport.ts); `timeouts` bound each try and the retries (10 s per try
 * and two retries without them, as the client's defaults).
 */
export const signedTransport = async (endpoint: string, region: string, timeouts: SearchTimeouts = { requestTimeout: 10_000, maxRetries: 2 }): Promise<OpenSearchTransport> => {
  const { signedTransport: signed } = await import('#shared/adapters/opensearch/signed-transport.ts');
  return signed({ node: endpoint, region, credentials: awsCredentials(process.env), ...timeouts });
};
