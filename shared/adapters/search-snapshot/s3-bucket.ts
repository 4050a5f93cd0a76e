/**
 * The three S3 object calls the snapshot store makes (get, put, delete), signed with SigV4 by
 * aws4fetch over node's fetch: a few kilobytes instead of the S3 client's graph, which a cold API
 * instance would otherwise import before its first search. Each try has its own time limit; a
 * network error, a timeout or a 5xx is tried again, up to the given number of attempts.
 */
import { AwsClient } from 'aws4fetch';

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

/**
 * A response's bytes, read into one array of its Content-Length as the chunks arrive (a snapshot is
 * megabytes: no list of chunks joined at the end); without that header, or if it is wrong, as a whole.
 */
const readBody = async (response: Response): Promise<Uint8Array> => {
  const length = Number(response.headers.get('content-length'));
  if (!response.body || !Number.isSafeInteger(length) || length <= 0) return new Uint8Array(await response.arrayBuffer());
  const bytes = new Uint8Array(length);
  const reader = response.body.getReader();
  let at = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    if (at + read.value.byteLength > length) {
      await reader.cancel();
      throw new Error(`S3 sent more than the ${length} bytes its Content-Length announced`);
    }
    bytes.set(read.value, at);
    at += read.value.byteLength;
  }
  if (at !== length) throw new Error(`S3 sent ${at} of the ${length} bytes its Content-Length announced`);
  return bytes;
};

export class S3Bucket {
  private readonly base: string;

  constructor(private readonly options: S3BucketOptions) {
    this.base = options.endpoint
      ? `${options.endpoint.replace(/\/+$/, '')}/${options.bucket}/`
      : `https://${options.bucket}.s3.${options.region}.amazonaws.com/`;
  }

  /** The object's bytes, or undefined when there is no such key. */
  async get(key: string): Promise<Uint8Array | undefined> {
    const response = await this.call('GET', key);
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    return readBody(response);
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await (await this.call('PUT', key, { body: body as Uint8Array<ArrayBuffer>, headers: { 'content-type': contentType } })).body?.cancel();
  }

  /** Removes the object; a key that is already gone is no error. */
  async delete(key: string): Promise<void> {
    await (await this.call('DELETE', key)).body?.cancel();
  }

  private url(key: string): string {
    return this.base + key.split('/').map(encodeURIComponent).join('/');
  }

  private async call(method: 'GET' | 'PUT' | 'DELETE', key: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
    const { attempts, requestTimeoutMs } = this.options.timeouts;
    for (let attempt = 1; ; attempt += 1) {
      const client = new AwsClient({ ...(await this.options.credentials()), service: 's3', region: this.options.region, retries: 0 });
      let response: Response;
      try {
        response = await client.fetch(this.url(key), { method, ...init, signal: AbortSignal.timeout(requestTimeoutMs) });
      } catch (error) {
        if (attempt < attempts) continue;
        throw error;
      }
      if (response.ok || (method === 'GET' && response.status === 404)) return response;
      const body = await response.text();
      if (response.status >= 500 && attempt < attempts) continue;
      throw new S3RequestError(response.status, errorCode(body), method, key);
    }
  }
}
