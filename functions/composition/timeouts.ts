/**
 * How long the AWS runtimes wait for the services they call. The API function has 10 s: each call
 * gets about 3 s per try and one retry, so even a slow dependency is answered (with a problem)
 * before the function times out. The indexer's bulk writes get longer tries within its 30 s.
 */

/** For every AWS SDK client: 1 s to connect, 3 s per request, two attempts in all. */
export const AWS_CLIENT_TIMEOUTS = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000 },
} as const;

/** For the calls the functions sign themselves (the snapshot bucket, SES): the SDK clients' tries and per-try limit. */
export const SIGNED_CALL_TIMEOUTS = { attempts: AWS_CLIENT_TIMEOUTS.maxAttempts, requestTimeoutMs: AWS_CLIENT_TIMEOUTS.requestHandler.requestTimeout } as const;

/** For the OpenSearch client: milliseconds per try, and retries after the first try. */
export type SearchTimeouts = { requestTimeout: number; maxRetries: number };
export const API_SEARCH_TIMEOUTS: SearchTimeouts = { requestTimeout: 3_000, maxRetries: 1 };
export const INDEXER_SEARCH_TIMEOUTS: SearchTimeouts = { requestTimeout: 10_000, maxRetries: 1 };

/** For the user pool's signing keys (JWKS), fetched on the first signed-in request and cached. */
export const JWKS_TIMEOUT_MS = 3_000;
