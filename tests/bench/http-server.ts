/**
 * A server the HTTP bench loads, run as its own process: `hello` is a bare Hono hello server,
 * `app` is Vägvisaren as `npm start` serves it (seeded store in memory, request log to stdout, buffered,
 * security headers, authentication), and `health-constant` is a bare Hono app answering /health with
 * the app's /health answer (status, headers and body, taken once) as a constant: what answering with
 * those headers costs before any middleware runs. Tells its port to the parent over IPC.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '#functions/api/app.ts';
import { jsonLogger } from '#functions/api/middleware/request-log.ts';
import { LocalConfig, composeLocal } from '#functions/composition/local.ts';
import { bufferedStdout } from '#functions/local/buffered-stdout.ts';

const kind = process.argv[2];

const fetchHandler = async (): Promise<(request: Request) => Response | Promise<Response>> => {
  if (kind === 'hello') return new Hono().get('/', (c) => c.text('Hello, world')).fetch;
  const runtime = await composeLocal(LocalConfig.parse({ PORT: '0' }), { inMemory: true, logger: jsonLogger({ runtime: 'local' }, () => {}) });
  const app = createApp({ ...runtime.deps, logger: jsonLogger({ runtime: 'local' }, bufferedStdout()) });
  if (kind === 'app') return app.fetch;
  const health = await app.request('/health');
  const headers = Object.fromEntries([...health.headers].filter(([name]) => name !== 'content-length'));
  const body = await health.text();
  return new Hono().get('/health', (c) => c.body(body, 200, headers)).fetch;
};

const fetch = await fetchHandler();
serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.send!({ port: info.port }));
