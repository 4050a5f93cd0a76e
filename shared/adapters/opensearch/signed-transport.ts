/**
 * The OpenSearch transport of the AWS functions: each request one SigV4-signed call for the `es`
 * service (aws-http/signed-request.ts), without the OpenSearch client, whose transport and its
 * dependencies cost a cold API instance more to load than its first search. It answers as the
 * client's transport does (clientTransport): JSON bodies parsed, other bodies as text, a HEAD's body
 * `true` below 400, and every status returned for the caller to judge; a network error, a timeout
 * or a 502, 503 or 504 is tried again, `maxRetries` times.
 */
import { createHash } from 'node:crypto';
import { sendSigned, type AwsCredentials, type SignedAnswer } from '../aws-http/signed-request.ts';
import type { OpenSearchRequest, OpenSearchResponse, OpenSearchTransport } from './transport.ts';

export type SignedTransportOptions = {
  /** The domain's endpoint, e.g. `https://search-x.eu-north-1.es.amazonaws.com`. */
  node: string;
  region: string;
  credentials: () => Promise<AwsCredentials>;
  /** Milliseconds per try, and the tries after a failed one. */
  requestTimeout: number;
  maxRetries: number;
};

const GATEWAY_ERRORS = new Set([502, 503, 504]);

const payloadOf = (request: OpenSearchRequest): { body: Buffer | undefined; contentType: string } => {
  if (request.bulkBody) return { body: Buffer.from(request.bulkBody.map((line) => `${JSON.stringify(line)}\n`).join('')), contentType: 'application/x-ndjson' };
  if (request.body !== undefined) return { body: Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body)), contentType: 'application/json' };
  return { body: undefined, contentType: 'application/json' };
};

const bodyOf = (method: string, answer: SignedAnswer): unknown => {
  const text = Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength).toString('utf8');
  const type = answer.headers['content-type'] ?? '';
  if (method !== 'HEAD' && text !== '' && (type.includes('application/json') || type.includes('application/vnd.opensearch+json'))) return JSON.parse(text) as unknown;
  return method === 'HEAD' && answer.status < 400 ? true : text;
};

export const signedTransport = (options: SignedTransportOptions): OpenSearchTransport => {
  const base = options.node.replace(/\/+$/, '');
  return {
    async request(request): Promise<OpenSearchResponse> {
      const { body, contentType } = payloadOf(request);
      const query = request.querystring ? new URLSearchParams(request.querystring).toString() : '';
      const answer = await sendSigned({
        service: 'es',
        region: options.region,
        credentials: options.credentials,
        method: request.method,
        url: `${base}${request.path}${query ? `?${query}` : ''}`,
        headers: { 'content-type': contentType, 'x-amz-content-sha256': createHash('sha256').update(body ?? '').digest('hex') },
        body,
        timeouts: { attempts: options.maxRetries + 1, requestTimeoutMs: options.requestTimeout },
        retry: (status) => GATEWAY_ERRORS.has(status),
      });
      return { statusCode: answer.status, body: bodyOf(request.method, answer) };
    },
  };
};
