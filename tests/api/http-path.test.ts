/** What every request goes through on its way to a route: security headers, one request log line, authentication. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '#functions/api/app.ts';
import { jsonLogger } from '#functions/api/middleware/request-log.ts';
import { API_CSP } from '#functions/api/middleware/security-headers.ts';
import { SESSION_COOKIE } from '#functions/api/authorization/session.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy': API_CSP,
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

describe('the JSON log line writer', () => {
  const written = (use: (logger: ReturnType<typeof jsonLogger>) => void): string[] => {
    const lines: string[] = [];
    use(jsonLogger({ runtime: 'local' }, (line) => lines.push(line)));
    return lines;
  };

  it('writes level, time, message, the logger\'s fields and the line\'s own as one JSON object on one line', () => {
    const [line] = written((logger) => logger.child({ requestId: 'r-1' }).error('boom', { path: '/a"b\nc', ms: 3, skipped: undefined }));
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line!);
    expect(parsed).toEqual({ level: 'error', time: parsed.time, message: 'boom', runtime: 'local', requestId: 'r-1', path: '/a"b\nc', ms: 3 });
    expect(new Date(parsed.time).toISOString()).toBe(parsed.time);
    expect(Math.abs(Date.now() - Date.parse(parsed.time))).toBeLessThan(60_000);
  });

  it('lets a child\'s field, then a line\'s field, stand for one of the same name', () => {
    const [line] = written((logger) => logger.child({ runtime: 'child', requestId: 'r-1' }).info('m', { requestId: 'r-2' }));
    expect(JSON.parse(line!)).toMatchObject({ level: 'info', runtime: 'child', requestId: 'r-2' });
  });

  it('keeps a forged log line inside its field', () => {
    const forged = 'x","level":"error","message":"forged';
    const [line] = written((logger) => logger.info(forged, { path: forged }));
    expect(JSON.parse(line!)).toMatchObject({ level: 'info', message: forged, path: forged });
  });
});

describe('a request to the app', () => {
  const dynalite = useDynalite();
  let app: App;
  let lines: Record<string, unknown>[];
  let signedIn: (username: string) => Promise<Record<string, string>>;

  beforeAll(async () => {
    const built = await buildTestApp(dynalite.endpoint, []);
    signedIn = (username) => built.as(username);
    lines = [];
    app = createApp({ ...built.runtime.deps, logger: jsonLogger({ runtime: 'local' }, (line) => lines.push(JSON.parse(line))) });
  });

  const requestLines = () => lines.filter((line) => line.message === 'request');

  it('GET /health answers ok with every security header and its own request id, and writes one request line', async () => {
    const before = requestLines().length;
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines().slice(before)).toEqual([
      { level: 'info', time: expect.any(String), message: 'request', runtime: 'local', requestId: id, method: 'GET', path: '/health', status: 200, ms: expect.any(Number) },
    ]);
  });

  it('gives each request an id of its own', async () => {
    const ids = new Set<string | null>();
    for (let i = 0; i < 5; i++) ids.add((await app.request('/health')).headers.get('x-request-id'));
    expect(ids.size).toBe(5);
  });

  it('still asks for sign-in where the route needs it, and reads a bearer token or session cookie there', async () => {
    const anonymous = await app.request('/v1/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await app.request('/v1/me', { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
    expect((await app.request('/v1/me', { headers: { cookie: `${SESSION_COOKIE}=not-a-token` } })).status).toBe(401);
    const me = await app.request('/v1/me', { headers: await signedIn('demo-editor') });
    expect(me.status).toBe(200);
    expect(requestLines().at(-1)).toMatchObject({ path: '/v1/me', status: 200 });
  });
});
