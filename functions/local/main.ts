/** `npm start`: serves the whole product locally on dynalite and the embedded search engine. */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from '../api/app.ts';
import { LocalConfig, composeLocal } from '../composition/local.ts';
import { jsonLogger } from '../api/middleware/request-log.ts';
import { bufferedStdout } from './buffered-stdout.ts';
import { answerClientErrors } from './client-errors.ts';

const started = performance.now();
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const parsed = LocalConfig.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`Invalid ${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const config = parsed.data;

console.log(`Starting Vägvisaren with data in ${config.DATA_DIR}/ …`);
const runtime = await composeLocal(config, { logger: jsonLogger({ runtime: 'local' }, () => {}), savedIndex: true });
for (const line of runtime.recovered.lines) console.log(line);
if (runtime.seeded > 0) console.log(`Seeded ${runtime.seeded} demonstration entries into an empty store.`);
if (config.SEARCH_SNAPSHOT_BUCKET !== undefined && runtime.indexed.read === 0) console.log(`Loaded the search snapshot of bucket ${config.SEARCH_SNAPSHOT_BUCKET}: ${await runtime.index.size()} searchable entries.`);
else if (runtime.fromSavedIndex) console.log(`Loaded the search index saved at the last stop: ${await runtime.index.size()} searchable entries.`);
else console.log(`Indexed ${await runtime.index.size()} searchable entries of ${runtime.indexed.read} in the store (drafts, archived and expired ones are not searchable).`);

const app = createApp({ ...runtime.deps, logger: jsonLogger({ runtime: 'local' }, bufferedStdout()) });
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  const url = `http://localhost:${info.port}`;
  console.log(`Vägvisaren is ready at ${url} (API: ${url}/v1/search?q=finansiering, OpenAPI: ${url}/openapi.json) after ${Math.round(performance.now() - started)} ms.`);
  console.log('Press Ctrl+C to stop.');
});
answerClientErrors(server as Server);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  server.close(() => {
    void runtime.deps.demand.flush().then(() => runtime.close()).then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
