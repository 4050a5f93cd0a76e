/**
 * The three S3 object calls the snapshot store makes (get, put, delete), signed with SigV4 by
 * aws4fetch's signer and sent with node's http client: a few kilobytes instead of the S3 client's
 * graph, which a cold API instance would otherwise import before its first search, and an answer
 * read straight into one array of its Content-Length (fetch's body streams cost a cold instance
 * more CPU than the rest of reading a snapshot). Each try has its own time limit; a network error,
 * a timeout or a 5xx is tried again, up to the given number of attempts.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AwsV4Signer } from 'aws4fetch';

export type S3Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined };

export type S3BucketOptions = {
  bucket: string;
  region: string;
  /** A local S3 server, addressed path-style; AWS's virtual-hosted endpoint when absent. */
  endpoint?: string | undefined;
  /** Asked before every call, so refreshed credentials (a provider chain's) are picked up. */
  credentials: () => Promise<S3Credentials>;
  timeouts: { attempts: number; requestTimeoutMs: number };
};

/** An S3 answer this adapter does not expect, with its status and S3's error code. */
export class S3RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    method: string,
    key: string,
  ) {
    super(`S3 ${method} ${key} answered ${status} ${code}`);
    this.name = 'S3RequestError';
  }
}

const errorCode = (body: string): string => /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? 'Unknown';

type S3Answer = { status: number; body: Uint8Array };

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
      else if (at + chunk.byteLength > length) response.destroy(new Error(`S3 sent more than the ${length} bytes its Content-Length announced`));
      else bytes.set(chunk, at);
      at += chunk.byteLength;
    });
    response.on('error', reject);
    response.on('close', () => {
      if (!response.complete) reject(new Error('S3 closed its answer before the end'));
    });
    response.on('end', () => {
      if (!known) resolve(new Uint8Array(Buffer.concat(chunks)));
      else if (at !== length) reject(new Error(`S3 sent ${at} of the ${length} bytes its Content-Length announced`));
      else resolve(bytes);
    });
  });

/** Sends a signed request and reads its whole answer, within `timeoutMs`. */
const send = (signed: { method: string; url: URL; headers: Headers }, body: Uint8Array | undefined, timeoutMs: number): Promise<S3Answer> =>
  new Promise((resolve, reject) => {
    const headers: Record<string, string> = Object.fromEntries(signed.headers);
    headers['content-length'] = String(body?.byteLength ?? 0);
    const request = (signed.url.protocol === 'https:' ? httpsRequest : httpRequest)(signed.url, { method: signed.method, headers, signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      readAnswer(response).then((bytes) => resolve({ status: response.statusCode ?? 0, body: bytes }), reject);
    });
    request.on('error', reject);
    request.end(body);
  });

export class S3Bucket {
  private readonly base: string;

  constructor(private readonly options: S3BucketOptions) {
    this.base = options.endpoint
      ? `${options.endpoint.replace(/\/+$/, '')}/${options.bucket}/`
      : `https://${options.bucket}.s3.${options.region}.amazonaws.com/`;
  }

  /** The object's bytes, or undefined when there is no such key. */
  async get(key: string): Promise<Uint8Array | undefined> {
    const answer = await this.call('GET', key);
    return answer.status === 404 ? undefined : answer.body;
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await this.call('PUT', key, body, { 'content-type': contentType });
  }

  /** Removes the object; a key that is already gone is no error. */
  async delete(key: string): Promise<void> {
    await this.call('DELETE', key);
  }

  private url(key: string): string {
    return this.base + key.split('/').map(encodeURIComponent).join('/');
  }

  private async call(method: 'GET' | 'PUT' | 'DELETE', key: string, body?: Uint8Array, headers: Record<string, string> = {}): Promise<S3Answer> {
    const { attempts, requestTimeoutMs } = this.options.timeouts;
    for (let attempt = 1; ; attempt += 1) {
      const signer = new AwsV4Signer({ ...(await this.options.credentials()), service: 's3', region: this.options.region, method, url: this.url(key), headers });
      let answer: S3Answer;
      try {
        answer = await send(await signer.sign(), body, requestTimeoutMs);
      } catch (error) {
        if (attempt < attempts) continue;
        throw error;
      }
      if ((answer.status >= 200 && answer.status < 300) || (method === 'GET' && answer.status === 404)) return answer;
      if (answer.status >= 500 && attempt < attempts) continue;
      throw new S3RequestError(answer.status, errorCode(Buffer.from(answer.body).toString('utf8')), method, key);
    }
  }
}
