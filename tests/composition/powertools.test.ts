import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { measuredNotifier, measuredReferrals, measuredSearch } from '#functions/composition/measured.ts';
import type { ReferralService } from '#shared/services/referrals.ts';
import { lambdaObservability, type Context } from '#functions/composition/powertools.ts';
import type { SearchService } from '#shared/services/search.ts';

const context = {
  functionName: 'Vagvisaren-dev-Api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-north-1:123456789012:function:Vagvisaren-dev-Api',
  memoryLimitInMB: '1024',
  awsRequestId: 'lambda-request-1',
  logGroupName: '/aws/lambda/x',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
} as unknown as Context;

let lines: Record<string, any>[];
beforeEach(() => {
  lines = [];
  const capture = (chunk: unknown) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      try {
        lines.push(JSON.parse(line));
      } catch {}
    }
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture as never);
  vi.spyOn(console, 'log').mockImplementation((line) => void capture(line));
  vi.spyOn(console, 'info').mockImplementation((line) => void capture(line));
  vi.spyOn(console, 'error').mockImplementation((line) => void capture(line));
});
afterEach(() => vi.restoreAllMocks());

const emptySearch = { search: async () => ({ total: 0 }) } as unknown as SearchService;

describe('Lambda observability (Powertools)', () => {
  it('logs with the Lambda context and the platform request id as correlation id', async () => {
    const { logger, instrument } = lambdaObservability('api', 'dev');
    const handler = instrument(async (_event: { requestContext: { requestId: string } }) => {
      logger.child({ requestId: 'apigw-7' }).info('request', { status: 200 });
      return 'ok';
    }, (event) => event.requestContext.requestId);
    expect(await handler({ requestContext: { requestId: 'apigw-7' } }, context)).toBe('ok');
    const line = lines.find((l) => l.message === 'request');
    expect(line).toMatchObject({ level: 'INFO', service: 'vagvisaren-api', stage: 'dev', correlation_id: 'apigw-7', function_request_id: 'lambda-request-1', requestId: 'apigw-7', status: 200 });
  });

  it('publishes search latency and zero-result searches as EMF under the dashboard\'s namespace and dimensions', async () => {
    const { metrics, instrument } = lambdaObservability('api', 'prod');
    const search = measuredSearch(emptySearch, metrics);
    await instrument(async () => search.search({} as never))({}, context);
    const emf = lines.find((l) => l._aws);
    expect(emf?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Vagvisaren', Dimensions: [expect.arrayContaining(['service', 'stage'])] });
    expect(emf).toMatchObject({ service: 'api', stage: 'prod', ZeroResultSearches: 1 });
    expect(typeof emf?.SearchLatency).toBe('number');
  });

  it('counts a referral and its notice as failed when the notice cannot be delivered', async () => {
    const { metrics, instrument } = lambdaObservability('api', 'dev');
    const notifier = measuredNotifier({ referralReceived: async () => ({ delivered: false, reason: 'no intake address' }) }, metrics);
    await instrument(async () => notifier.referralReceived({} as never))({}, context);
    expect(lines.find((l) => l._aws)).toMatchObject({ ReferralCreated: 1, ReferralNoticesFailed: 1 });
  });

  it('counts referrals accepted, declined and completed once stored, and not an action that failed', async () => {
    const { metrics, instrument } = lambdaObservability('api', 'dev');
    const referrals = measuredReferrals({
      act: async (_principal, _id, _action, expectedVersion) => {
        if (expectedVersion !== 1) throw new Error('version conflict');
        return { referral: {} as never };
      },
    } as Partial<ReferralService> as ReferralService, metrics);
    await instrument(async () => {
      for (const action of ['accept', 'decline', 'decline', 'complete', 'start'] as const) await referrals.act({} as never, 'r' as never, action, 1);
      await referrals.act({} as never, 'r' as never, 'accept', 2).catch(() => undefined);
    })({}, context);
    const emf = lines.find((l) => l._aws);
    expect(emf).toMatchObject({ ReferralAccepted: 1, ReferralDeclined: [1, 1], ReferralCompleted: 1, service: 'api', stage: 'dev' });
    expect(emf?._aws.CloudWatchMetrics[0].Namespace).toBe('Vagvisaren');
  });

  it('publishes nothing, and warns of nothing, when an invocation recorded no metric', async () => {
    const { instrument } = lambdaObservability('indexer', 'dev');
    await instrument(async () => undefined)({}, context);
    expect(lines.filter((l) => l._aws)).toEqual([]);
  });
});
