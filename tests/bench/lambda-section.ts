/**
 * The Lambda part of `npm run bench`: the API function bundled exactly as the CDK construct bundles
 * it (infra/bundling.ts), an empty module and the fixed stack's libraries alone (lambda-stack.ts)
 * bundled alike, each imported in a fresh `node` process
 * that then calls the handler twice with an API Gateway event for GET /v1/search?q=innovation.
 * The API runs as in AWS (OpenSearch endpoint, SES sender, Cognito pool set); its OpenSearch is a
 * loopback stand-in here that answers every search with no hits.
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleFunction, type BundleReport } from '#infra/bundling.ts';
import { median, round } from './measure.ts';

const run = promisify(execFile);

export type LambdaProbe = { importMs: number; firstCallMs: number; secondCallMs: number; statuses: number[]; firstBody: string };
export type LambdaRun = {
  runs: number;
  bundle: { api: BundleReport; empty: BundleReport; stack: BundleReport };
  api: { importMs: number; firstCallMs: number; secondCallMs: number; statuses: number[] };
  empty: { importMs: number; firstCallMs: number; secondCallMs: number };
  /** The fixed stack's libraries alone, built as a function on it builds them at init (tests/bench/lambda-stack.ts). */
  stack: { importMs: number; firstCallMs: number; secondCallMs: number };
};

/** Runs in the child: imports the bundle, then calls its handler twice; prints the times as JSON. */
const PROBE = `
const event = { version: '2.0', routeKey: '$default', rawPath: '/v1/search', rawQueryString: 'q=innovation',
  headers: { host: 'api.example.org', accept: 'application/json' },
  requestContext: { http: { method: 'GET', path: '/v1/search', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: 'bench', routeKey: '$default', stage: '$default', domainName: 'api.example.org', accountId: '1', apiId: 'a', time: '', timeEpoch: 0 },
  isBase64Encoded: false };
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 10000 };
const t0 = performance.now();
const { handler } = await import(process.argv[1]);
const t1 = performance.now();
const first = await handler(event, context);
const t2 = performance.now();
const second = await handler(event, context);
const t3 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstCallMs: t2 - t1, secondCallMs: t3 - t2, statuses: [first.statusCode, second.statusCode], firstBody: String(first.body) }));
`;

/** Imports a bundle's entry in a fresh `node` process and calls its handler twice (see PROBE). */
export const probe = async (entry: string, env: NodeJS.ProcessEnv): Promise<LambdaProbe> => {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', PROBE, entry], { env, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.slice(stdout.lastIndexOf('{"importMs"'))) as LambdaProbe;
};

/** An aggregation's empty answer in the shape the adapter reads for that name. */
const emptyAggregation = (name: string): unknown =>
  name.startsWith('unit_') ? { doc_count: 0 } : name === 'strict_matches' ? { live: { doc_count: 0 } } : { values: { buckets: [] } };

/** Answers every OpenSearch request as a search with no hits, with each requested aggregation empty; tells `seen` of each request. */
export const fakeOpenSearch = (seen: (request: IncomingMessage) => void = () => {}) =>
  createServer((request, response) => {
    seen(request);
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const aggs = Object.keys((body ? (JSON.parse(body) as { aggs?: Record<string, unknown> }) : {}).aggs ?? {});
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({
        took: 1,
        timed_out: false,
        hits: { total: { value: 0, relation: 'eq' }, hits: [] },
        aggregations: Object.fromEntries(aggs.map((name) => [name, emptyAggregation(name)])),
      }));
    });
  });

const functionEnvironment = {
  PATH: process.env.PATH,
  STAGE: 'bench',
  AWS_REGION: 'eu-north-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  COGNITO_USER_POOL_ID: 'eu-north-1_bench',
  COGNITO_CLIENT_ID: 'bench',
  NOTIFICATION_SENDER: 'noreply@example.org',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** The API function's environment as in AWS, its OpenSearch at `openSearchEndpoint`. */
export const awsEnvironment = (openSearchEndpoint: string): NodeJS.ProcessEnv => ({
  ...functionEnvironment,
  TABLE_NAME: 'Vagvisaren-bench-Table',
  OPENSEARCH_ENDPOINT: openSearchEndpoint,
});

/**
 * The API function's environment in the `embedded` search mode: the snapshot bucket on a local S3
 * server and the table (with the snapshot's pointer) on dynalite, through the endpoint variables
 * the AWS SDK reads.
 */
export const snapshotEnvironment = (target: { s3Endpoint: string; bucket: string; dynamoEndpoint: string; table: string; credentials: { accessKeyId: string; secretAccessKey: string } }): NodeJS.ProcessEnv => ({
  ...functionEnvironment,
  TABLE_NAME: target.table,
  SEARCH_SNAPSHOT_BUCKET: target.bucket,
  AWS_ENDPOINT_URL_S3: target.s3Endpoint,
  AWS_ENDPOINT_URL_DYNAMODB: target.dynamoEndpoint,
  AWS_ACCESS_KEY_ID: target.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
});

export const measureLambda = async (options: { quick: boolean; outDir: string; log: (line: string) => void }): Promise<LambdaRun> => {
  const apiDir = join(options.outDir, 'api');
  const emptyDir = join(options.outDir, 'empty');
  const stackDir = join(options.outDir, 'stack');
  const bundle = {
    api: await bundleFunction('functions/api/lambda.ts', apiDir),
    empty: await bundleFunction('tests/bench/lambda-empty.ts', emptyDir),
    stack: await bundleFunction('tests/bench/lambda-stack.ts', stackDir),
  };
  const server = fakeOpenSearch();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const env = awsEnvironment(`http://127.0.0.1:${port}`);
  const runs = options.quick ? 3 : 9;
  const api: LambdaProbe[] = [];
  const empty: LambdaProbe[] = [];
  const stack: LambdaProbe[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      empty.push(await probe(join(emptyDir, 'index.mjs'), env));
      stack.push(await probe(join(stackDir, 'index.mjs'), env));
      api.push(await probe(join(apiDir, 'index.mjs'), env));
    }
  } finally {
    server.close();
  }
  options.log(`lambda: ${runs} cold starts each; api import ${median(api.map((p) => p.importMs)).toFixed(0)} ms`);
  const summary = (probes: LambdaProbe[]) => ({
    importMs: round(median(probes.map((p) => p.importMs)), 1),
    firstCallMs: round(median(probes.map((p) => p.firstCallMs)), 1),
    secondCallMs: round(median(probes.map((p) => p.secondCallMs)), 1),
  });
  return { runs, bundle, api: { ...summary(api), statuses: api.at(-1)!.statuses }, empty: summary(empty), stack: summary(stack) };
};
