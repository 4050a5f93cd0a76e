import { beforeAll, describe, expect, it } from 'vitest';
import { createCognitoHostedSignIn } from '#shared/adapters/oidc/cognito-hosted-sign-in.ts';
import { createApp, type App } from '#functions/api/app.ts';
import { safeNext } from '#functions/api/pages/sign-in/next.ts';
import { DEV_CLIENT_ID } from '#functions/local/dev-issuer.ts';
import { buildTestApp } from '../support/app.ts';
import { useDynalite } from '../support/dynamo.ts';
import { hiddenValue, Visitor } from '../pages/editor-support.ts';

/** Shapes that have carried open redirects past path checks: each must land on this site. */
const BYPASS_SHAPES = [
  '//evil.example',
  '/..//evil.example',
  '/.//evil.example',
  '/%2e%2e//evil.example',
  '/%2E%2E//evil.example',
  '/.%2e//evil.example',
  '/a/../..//evil.example',
  '/./..//evil.example',
  '/\\evil.example',
  '/\\/evil.example',
  '/%5cevil.example',
  '/\t/evil.example',
  '/%09/evil.example',
  'https://evil.example',
  'https:evil.example',
  '//evil.example/%2e%2e',
  'javascript:alert(1)',
  ` /evil.example`,
  '/%2f%2fevil.example',
];

/** Where a browser on https://vagvisaren.example goes for a Location header. */
const destination = (location: string) => new URL(location, 'https://vagvisaren.example/');

describe('open redirect after sign-in', () => {
  const dynalite = useDynalite();
  let app: App;
  let hostedApp: App;

  beforeAll(async () => {
    const testApp = await buildTestApp(dynalite.endpoint, []);
    app = testApp.app;
    const { devSignIn: _local, ...deps } = testApp.runtime.deps;
    hostedApp = createApp({ ...deps, hostedSignIn: createCognitoHostedSignIn({ domain: 'https://auth.example', clientId: DEV_CLIENT_ID }) });
  });

  it.each(BYPASS_SHAPES)('safeNext keeps %j on this site', (shape) => {
    const next = safeNext(shape);
    expect(next.startsWith('/')).toBe(true);
    expect(next.startsWith('//')).toBe(false);
    expect(destination(next).origin).toBe('https://vagvisaren.example');
  });

  it.each(BYPASS_SHAPES)('the local sign-in posted with next=%j redirects to this site', async (shape) => {
    const visitor = new Visitor(app);
    const page = await visitor.get('/sign-in');
    const signedIn = await visitor.post('/sign-in', { username: 'demo-editor', next: shape, _signin: hiddenValue(page.html, '_signin')! });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).not.toMatch(/^\/\//);
    expect(destination(signedIn.location!).origin).toBe('https://vagvisaren.example');
  });

  it.each(BYPASS_SHAPES)('the hosted sign-in remembers only a path of this site for next=%j', async (shape) => {
    const started = await hostedApp.request(`https://vagvisaren.example/sign-in?next=${encodeURIComponent(shape)}`);
    expect(started.status).toBe(302);
    const pending = /__Host-vagvisaren-oauth=([^;]*)/.exec(started.headers.get('set-cookie') ?? '')?.[1];
    const next = JSON.parse(decodeURIComponent(pending!)).next as string;
    expect(next).not.toMatch(/^\/\//);
    expect(destination(next).origin).toBe('https://vagvisaren.example');
  });

  it('keeps a real return path, query and all', async () => {
    expect(safeNext('/editor/entries/x/edit?lang=en')).toBe('/editor/entries/x/edit?lang=en');
    const signedIn = await new Visitor(app).signIn('demo-editor', '/referrals?box=inbox');
    expect(signedIn.location).toBe('/referrals?box=inbox');
  });
});
