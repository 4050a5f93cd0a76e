/** Builds the OpenSearch client for a node URL, SigV4-signed for an AWS domain; only composition roots call it. */
import { Client, errors } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws-v3';
import type { OpenSearchTransport } from './transport.ts';

/** AWS credentials as the SDK's providers resolve them. */
export type AwsCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };

export type OpenSearchConnection = {
  /** The node URL, e.g. `https://search-x.eu-north-1.es.amazonaws.com` or `http://localhost:9200`. */
  node: string;
  /** Signs every request for an Amazon OpenSearch Service domain. */
  sigv4?: { region: string; getCredentials: () => Promise<AwsCredentials> };
  /** Milliseconds per try. @default 10 000 */
  requestTimeout?: number;
  /** Retries after a failed try. @default 2 */
  maxRetries?: number;
};

/** A client that retries failed tries (twice unless told) and signs requests when `sigv4` is given. */
export const createOpenSearchClient = (connection: OpenSearchConnection): Client =>
  new Client({
    ...(connection.sigv4
      ? AwsSigv4Signer({ region: connection.sigv4.region, service: 'es', getCredentials: connection.sigv4.getCredentials })
      : {}),
    node: connection.node,
    maxRetries: connection.maxRetries ?? 2,
    requestTimeout: connection.requestTimeout ?? 10_000,
  });

/** The transport of an @opensearch-project/opensearch client (plain, basic-auth or SigV4-signed). */
export const clientTransport = (client: Client): OpenSearchTransport => ({
  async request(request) {
    try {
      const response = await client.transport.request({
        method: request.method,
        path: request.path,
        ...(request.querystring ? { querystring: request.querystring } : {}),
        ...(request.body !== undefined ? { body: request.body as Record<string, unknown> } : {}),
        ...(request.bulkBody ? { bulkBody: [...request.bulkBody] as Record<string, unknown>[] } : {}),
      });
      return { statusCode: response.statusCode ?? 200, body: response.body };
    } catch (error) {
      if (error instanceof errors.ResponseError) {
        return { statusCode: error.meta.statusCode ?? 500, body: error.meta.body };
      }
      throw error;
    }
  },
});
