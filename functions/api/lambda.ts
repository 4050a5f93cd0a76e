/** The API function's entry point: the same app as `npm start`, composed for AWS and served by hono/aws-lambda. */
import { handle } from 'hono/aws-lambda';
import { composeAws } from '../composition/aws.ts';
import { createApp } from './app.ts';

const runtime = await composeAws();
const app = createApp(runtime.deps);
await app.request('/health');

export const handler = handle(app);
