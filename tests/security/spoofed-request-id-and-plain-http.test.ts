import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '#functions/api/app.ts';
import { HSTS } from '#functions/api/middleware/security-headers.ts';
import { jsonLogger } from '#functions/api/middleware/request-log.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

describe('a spoofed request id, and a downgrade to plain HTTP', () => {
  const dynalite = useDynalite();
  let deps: Awaited<ReturnType<typeof buildTestApp>>['runtime']['deps'];
  let lines: Record<string, unknown>[];
  let app: App;
  let awsApp: App;

  beforeAll(async () => {
    ({ deps } = (await buildTestApp(dynalite.endpoint, [])).runtime);
    lines = [];
    const logger = jsonLogger({}, (line) => lines.push(JSON.parse(line)));
    app = createApp({ ...deps, logger });
    awsApp = createApp({ ...deps, logger, strictTransportSecurity: true });
  });

  const requestLine = () => lines.filter((line) => line.message === 'request').at(-1)!;

  it('locally answers with an id of its own, not the client\'s, and records a plain client id beside it', async () => {
    const response = await app.request('/health', { headers: { 'x-request-id': 'client-abc-123' } });
    const id = response.headers.get('x-request-id')!;
    expect(id).not.toBe('client-abc-123');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLine()).toMatchObject({ requestId: id, clientRequestId: 'client-abc-123' });
  });

  it.each([
    ['a huge one', 'x'.repeat(5000)],
    ['one with a forged log line', 'abc","level":"error","message":"forged'],
    ['one with spaces and quotes', 'a b "c"'],
    ['an x-amzn-requestid header', undefined],
  ])('never echoes or records %s', async (_name, spoofed) => {
    const headers: Record<string, string> = spoofed === undefined ? { 'x-amzn-requestid': 'spoofed-platform-id' } : { 'x-request-id': spoofed };
    const response = await app.request('/health', { headers });
    const id = response.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(requestLine())).not.toContain(spoofed ?? 'spoofed-platform-id');
    expect(requestLine()).not.toHaveProperty('clientRequestId');
  });

  it('in AWS uses API Gateway\'s request id from the Lambda event', async () => {
    const response = await awsApp.request('/health', { headers: { 'x-request-id': 'client-1' } }, { event: { requestContext: { requestId: 'Ab1cDEfGhIjKLmN=' } }, lambdaContext: { awsRequestId: 'lambda-id' } });
    expect(response.headers.get('x-request-id')).toBe('Ab1cDEfGhIjKLmN=');
    expect(requestLine()).toMatchObject({ requestId: 'Ab1cDEfGhIjKLmN=', clientRequestId: 'client-1' });
  });

  it('in AWS sends Strict-Transport-Security on pages, the API and errors; locally it does not', async () => {
    for (const path of ['/', '/v1/search?q=x', '/v1/nothing', '/v1/me']) {
      expect((await awsApp.request(path)).headers.get('strict-transport-security')).toBe(HSTS);
      expect((await app.request(path)).headers.get('strict-transport-security')).toBeNull();
    }
    expect(HSTS).toMatch(/^max-age=31536000/);
  });
});
