import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor, REFRESH_COOKIE, SESSION_COOKIE } from '#functions/api/authorization/session.ts';
import { createDevIssuer } from '#functions/local/dev-issuer.ts';
import { attr, tags } from '../pages/html.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/** Set-Cookie headers as name → value (a cleared cookie as ''). */
const setCookies = (response: Response): Map<string, string> =>
  new Map(response.headers.getSetCookie().map((header) => {
    const pair = header.split(';')[0]!;
    const eq = pair.indexOf('=');
    return [pair.slice(0, eq), /max-age=0/i.test(header) ? '' : pair.slice(eq + 1)];
  }));

describe('renewing an expired session on the real local server', { timeout: 60_000 }, () => {
  let dataDir: string;
  let server: ServerProcess;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'vagvisaren-renewal-'));
    server = await startServerProcess({ DATA_DIR: dataDir });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const get = (path: string, cookies: Record<string, string>) =>
    fetch(`${server.url}${path}`, {
      redirect: 'manual',
      headers: { accept: 'text/html', cookie: Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ') },
    });

  /** Signs in as a browser does: the sign-in page, then the demo editor's form. */
  const signIn = async () => {
    const page = await fetch(`${server.url}/sign-in`, { headers: { accept: 'text/html' } });
    const pre = [...setCookies(page)].map(([name, value]) => `${name}=${value}`).join('; ');
    const form = tags(await page.text(), /<form[\s\S]*?<\/form>/g).find((f) => f.includes('value="demo-editor"'))!;
    const fields = Object.fromEntries(tags(form, /<input[^>]*type="hidden"[^>]*>/g).map((input) => [attr(input, 'name')!, attr(input, 'value')!]));
    const response = await fetch(`${server.url}${attr(form, 'action')}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pre },
      body: new URLSearchParams(fields).toString(),
    });
    expect(response.status).toBe(303);
    return setCookies(response);
  };

  it('sends a page whose access token has expired to /auth/refresh, which renews it from the refresh cookie for the same session and returns', async () => {
    const cookies = await signIn();
    const session = cookies.get(SESSION_COOKIE)!;
    const refresh = cookies.get(REFRESH_COOKIE)!;
    expect(refresh).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const issuer = await createDevIssuer({ keyPath: join(dataDir, 'dev-issuer', 'signing-key.json') });
    const expired = await issuer.issue('demo-editor', new Date(Date.now() - 2 * 3600_000));
    const refused = await get('/editor?lang=en', { [SESSION_COOKIE]: expired });
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toBe(`/auth/refresh?next=${encodeURIComponent('/editor?lang=en')}&lang=en`);

    const renewal = await get(refused.headers.get('location')!, { [REFRESH_COOKIE]: refresh });
    expect(renewal.status).toBe(303);
    expect(renewal.headers.get('location')).toBe('/editor?lang=en');
    const renewed = setCookies(renewal).get(SESSION_COOKIE)!;
    expect(renewed).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(renewed).not.toBe(session);
    expect(decodeJwt(renewed).origin_jti).toBe(decodeJwt(session).origin_jti);

    const editor = await get('/editor?lang=en', { [SESSION_COOKIE]: renewed });
    expect(editor.status).toBe(200);
    expect(await editor.text()).toContain('Demo Redaktör');
  });

  it('renews no session that was signed out of, and forgets its refresh cookie', async () => {
    const cookies = await signIn();
    const session = cookies.get(SESSION_COOKIE)!;
    const refresh = cookies.get(REFRESH_COOKIE)!;
    const signedOut = await fetch(`${server.url}/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${SESSION_COOKIE}=${session}` },
      body: new URLSearchParams({ _csrf: csrfTokenFor(session) }).toString(),
    });
    expect(signedOut.status).toBe(303);
    expect(setCookies(signedOut).get(REFRESH_COOKIE)).toBe('');

    const replayed = await get('/auth/refresh?next=/editor', { [REFRESH_COOKIE]: refresh });
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent('/editor')}`);
    expect(setCookies(replayed).get(SESSION_COOKIE)).toBeUndefined();
    expect(setCookies(replayed).get(REFRESH_COOKIE)).toBe('');
  });
});
