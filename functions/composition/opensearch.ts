/**
 * The OpenSearch wiring the AWS roots and the reindex command share: where the domain is, and a
 * transport to it. The client and credential modules load only when a transport is made.
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
 * environment's credentials or else the default chain (aws-credentials.ts); `timeouts` bound each try and the retries (the client's defaults without them).
 */
export const signedTransport = async (endpoint: string, region: string, timeouts?: SearchTimeouts): Promise<OpenSearchTransport> => {
  const [{ createOpenSearchClient }, { clientTransport }] = await Promise.all([
    import('#shared/adapters/opensearch/client.ts'),
    import('#shared/adapters/opensearch/transport.ts'),
  ]);
  return clientTransport(createOpenSearchClient({ node: endpoint, sigv4: { region, getCredentials: awsCredentials(process.env) }, ...timeouts }));
};

/** A transport to a plain OpenSearch node (credentials, if any, in the URL). */
export const plainTransport = async (url: string): Promise<OpenSearchTransport> => {
  const [{ createOpenSearchClient }, { clientTransport }] = await Promise.all([
    import('#shared/adapters/opensearch/client.ts'),
    import('#shared/adapters/opensearch/transport.ts'),
  ]);
  return clientTransport(createOpenSearchClient({ node: url }));
};
