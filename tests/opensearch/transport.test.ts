import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientTransport, createOpenSearchClient } from '#shared/adapters/opensearch/client.ts';
import { signedTransport } from '#shared/adapters/opensearch/signed-transport.ts';
import { expectSuccess, OpenSearchError, type OpenSearchTransport } from '#shared/adapters/opensearch/transport.ts';

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

/** A stand-in OpenSearch node on a loopback port: records requests and answers as told. */
const fakeNode = () => {
  const seen: Seen[] = [];
  let answer: { status: number; body?: unknown } = { status: 200, body: {} };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      response.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8' });
      response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    });
  });
  return {
    seen,
    answer: (status: number, body?: unknown) => (answer = { status, body }),
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });

/** The two transports answer alike: the client's (local nodes) and the signed calls of the AWS functions. */
const transports: [string, (url: string, options?: { requestTimeout: number }) => OpenSearchTransport][] = [
  ['clientTransport', (url, options) => clientTransport(createOpenSearchClient({ node: url, ...options }))],
  ['signedTransport', (url, options) => signedTransport({ node: url, region: 'eu-north-1', credentials, requestTimeout: options?.requestTimeout ?? 3000, maxRetries: 1 })],
];

describe.each(transports)('%s', (name, transportTo) => {
  const node = fakeNode();
  let url: string;
  beforeAll(async () => {
    url = await node.start();
  });
  afterAll(() => node.stop());
  beforeEach(() => {
    node.seen.length = 0;
    node.answer(200, {});
  });

  it('sends a body as JSON and answers with the status and parsed body', async () => {
    node.answer(200, { count: 3 });
    const transport = transportTo(url);
    expect(await transport.request({ method: 'POST', path: '/entries/_count', body: { query: { match_all: {} } }, querystring: { pretty: 'false' } })).toEqual({
      statusCode: 200,
      body: { count: 3 },
    });
    expect(node.seen[0]).toMatchObject({ method: 'POST', url: '/entries/_count?pretty=false', body: '{"query":{"match_all":{}}}' });
    expect(node.seen[0]!.headers['content-type']).toMatch(/application\/json/);
  });

  it('sends a bulk body as newline-delimited JSON', async () => {
    node.answer(200, { errors: false, items: [] });
    const transport = transportTo(url);
    await transport.request({ method: 'POST', path: '/entries/_bulk', bulkBody: [{ index: { _id: 'a', version: 2, version_type: 'external' } }, { id: 'a' }] });
    expect(node.seen[0]!.body).toBe('{"index":{"_id":"a","version":2,"version_type":"external"}}\n{"id":"a"}\n');
    expect(node.seen[0]!.headers['content-type']).toMatch(/application\/(x-)?ndjson/);
  });

  it('answers an error status instead of throwing, for the caller to judge', async () => {
    node.answer(404, { error: { type: 'aliases_not_found_exception', reason: 'aliases [entries] missing' }, status: 404 });
    const transport = transportTo(url);
    const response = await transport.request({ method: 'GET', path: '/_alias/entries' });
    expect(response.statusCode).toBe(404);
    expect(() => expectSuccess(response, 'Reading alias entries')).toThrow(
      new OpenSearchError('Reading alias entries failed with status 404: aliases_not_found_exception: aliases [entries] missing', 404, response.body),
    );
  });

  it('answers a HEAD for a missing index with 404', async () => {
    node.answer(404);
    const transport = transportTo(url);
    expect((await transport.request({ method: 'HEAD', path: '/entries' })).statusCode).toBe(404);
  });

  it('throws when no node answers', async () => {
    const transport = transportTo('http://127.0.0.1:1', { requestTimeout: 1000 });
    await expect(transport.request({ method: 'GET', path: '/' })).rejects.toThrow();
  });

  it('signs every request with SigV4 for the es service when given credentials', async () => {
    const transport = name === 'clientTransport' ? clientTransport(createOpenSearchClient({ node: url, sigv4: { region: 'eu-north-1', getCredentials: credentials } })) : transportTo(url);
    await transport.request({ method: 'POST', path: '/entries/_search', body: { size: 0 } });
    const { headers } = node.seen[0]!;
    expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-north-1\/es\/aws4_request, SignedHeaders=.*host.*, Signature=[0-9a-f]{64}$/);
    expect(headers['x-amz-security-token']).toBe('token');
    expect(headers['x-amz-content-sha256']).toBe(createHash('sha256').update('{"size":0}').digest('hex'));
  });

  it('tries a search again once when the domain answers 503, and then answers its status', async () => {
    node.answer(503, { error: 'unavailable' });
    const transport = name === 'clientTransport' ? clientTransport(createOpenSearchClient({ node: url, maxRetries: 1 })) : transportTo(url);
    expect((await transport.request({ method: 'POST', path: '/entries/_search', body: { size: 0 } })).statusCode).toBe(503);
    expect(node.seen).toHaveLength(2);
  });

  it('answers a HEAD for an existing index with true', async () => {
    node.answer(200);
    expect(await transportTo(url).request({ method: 'HEAD', path: '/entries' })).toEqual({ statusCode: 200, body: true });
  });
});

describe('expectSuccess', () => {
  it('passes a 2xx body through', () => {
    expect(expectSuccess({ statusCode: 201, body: { acknowledged: true } }, 'x')).toEqual({ acknowledged: true });
  });

  it('names a plain-text or unexpected error body in the message', () => {
    expect(() => expectSuccess({ statusCode: 502, body: 'Bad Gateway' }, 'Search')).toThrow('Search failed with status 502: Bad Gateway');
    expect(() => expectSuccess({ statusCode: 403, body: { message: 'no permissions for [indices:data/read/search]' } }, 'Search')).toThrow(
      'Search failed with status 403: {"message":"no permissions for [indices:data/read/search]"}',
    );
  });
});
