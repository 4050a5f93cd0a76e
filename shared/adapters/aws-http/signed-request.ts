/**
 * One SigV4-signed call to an AWS service, signed by aws4fetch's signer and sent with node's http
 * client, its answer read straight into one array of its Content-Length: a few kilobytes instead of
 * an SDK client's graph (which a cold API instance would import before its first search), and no
 * fetch body stream (whose reading costs a cold instance more CPU than the rest of the call). Each
 * try has its own time limit; a network error, a timeout or an answer `retry` names is tried again,
 * up to `attempts` tries after a jittered, doubling pause (as the SDK's clients wait: a throttled or
 * failing service is not asked again at once), and the last answer is returned whatever its status. The snapshot bucket's
 * and OpenSearch's calls go through it.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as pause } from 'node:timers/promises';
import { AwsV4Signer } from 'aws4fetch';

export type AwsCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined };

export type SignedCall = {
  service: string;
  region: string;
  /** Asked before every try, so refreshed credentials (a provider chain's) are picked up. */
  credentials: () => Promise<AwsCredentials>;
  method: string;
  url: string;
  /** The payload is signed through its `x-amz-content-sha256` header (S3's signer sets UNSIGNED-PAYLOAD itself). */
  headers?: Record<string, string>;
  body?: Uint8Array | undefined;
  timeouts: { attempts: number; requestTimeoutMs: number };
  /** Statuses worth another try. */
  retry: (status: number) => boolean;
};

export type SignedAnswer = { status: number; headers: IncomingHttpHeaders; body: Uint8Array };

/** The answer's bytes, into one array when it says its length. */
const readAnswer = (response: IncomingMessage): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    const length = Number(response.headers['content-length']);
    const known = Number.isSafeInteger(length) && length >= 0;
    const bytes = new Uint8Array(known ? length : 0);
    const chunks: Buffer[] = [];
    let at = 0;
    response.on('data', (chunk: Buffer) => {
      if (!known) chunks.push(chunk);
      else if (at + chunk.byteLength > length) response.destroy(new Error(`the answer sent more than the ${length} bytes its Content-Length announced`));
      else bytes.set(chunk, at);
      at += chunk.byteLength;
    });
    response.on('error', reject);
    response.on('close', () => {
      if (!response.complete) reject(new Error('the answer was closed before its end'));
    });
    response.on('end', () => {
      if (!known) resolve(new Uint8Array(Buffer.concat(chunks)));
      else if (at !== length) reject(new Error(`the answer sent ${at} of the ${length} bytes its Content-Length announced`));
      else resolve(bytes);
    });
  });

/** Sends a signed request and reads its whole answer, within `timeoutMs`. */
const send = (signed: { method: string; url: URL; headers: Headers }, body: Uint8Array | undefined, timeoutMs: number): Promise<SignedAnswer> =>
  new Promise((resolve, reject) => {
    const headers: Record<string, string> = Object.fromEntries(signed.headers);
    headers['content-length'] = String(body?.byteLength ?? 0);
    const request = (signed.url.protocol === 'https:' ? httpsRequest : httpRequest)(signed.url, { method: signed.method, headers, signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      readAnswer(response).then((bytes) => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: bytes }), reject);
    });
    request.on('error', reject);
    request.end(body);
  });

/** The pause before try `attempt + 1`: full jitter over 50 ms doubled per try, at most 1 s. */
export const backoffMs = (attempt: number, random: () => number = Math.random): number => random() * Math.min(1000, 50 * 2 ** attempt);

export const sendSigned = async (call: SignedCall): Promise<SignedAnswer> => {
  const { attempts, requestTimeoutMs } = call.timeouts;
  for (let attempt = 1; ; attempt += 1) {
    const signer = new AwsV4Signer({ ...(await call.credentials()), service: call.service, region: call.region, method: call.method, url: call.url, headers: call.headers ?? {} });
    let answer: SignedAnswer;
    try {
      answer = await send(await signer.sign(), call.body, requestTimeoutMs);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await pause(backoffMs(attempt));
      continue;
    }
    if (!call.retry(answer.status) || attempt >= attempts) return answer;
    await pause(backoffMs(attempt));
  }
};
