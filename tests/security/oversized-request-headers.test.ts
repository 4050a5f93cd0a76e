import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientErrors } from '#functions/local/client-errors.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

/** One raw request to the server: status, headers and body as the client sees them. */
const send = (port: number, headers: Record<string, string>) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path: '/v1/search?q=x', headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });

describe('oversized request headers (Node answers them before the app)', () => {
  const dynalite = useDynalite();
  let server: Server;
  let port: number;

  beforeAll(async () => {
    const { app } = await buildTestApp(dynalite.endpoint, []);
    server = await new Promise<Server>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started as Server)) as Server;
    });
    answerClientErrors(server);
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers a 20 kB cookie with a 431 problem+json naming the limit', async () => {
    const response = await send(port, { cookie: `big=${'x'.repeat(20_000)}` });
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ status: 431, type: '/problems/request-header-fields-too-large', title: 'Request Header Fields Too Large' });
    expect(JSON.parse(response.body).detail).toContain('16 kB');
  });

  it('still serves a request with ordinary headers', async () => {
    const response = await send(port, { accept: 'application/json' });
    expect(response.status).toBe(200);
  });
});
