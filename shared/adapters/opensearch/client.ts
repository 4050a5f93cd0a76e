/** Builds the OpenSearch client for a node URL, SigV4-signed for an AWS domain; only composition roots call it. */
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws-v3';

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
