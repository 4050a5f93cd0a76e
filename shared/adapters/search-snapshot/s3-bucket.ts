/**
 * The three S3 object calls the snapshot store makes (get, put, delete), each one signed call
 * (aws-http/signed-request.ts: aws4fetch's signer, node's http client) instead of the S3 client's
 * graph, which a cold API instance would otherwise import before its first search. Each try has its
 * own time limit; a network error, a timeout or a 5xx is tried again, up to the given number of attempts.
 */
import { sendSigned, type AwsCredentials } from '../aws-http/signed-request.ts';

export type S3Credentials = AwsCredentials;

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

  private async call(method: 'GET' | 'PUT' | 'DELETE', key: string, body?: Uint8Array, headers: Record<string, string> = {}) {
    const { region, credentials, timeouts } = this.options;
    const answer = await sendSigned({ service: 's3', region, credentials, method, url: this.url(key), headers, body, timeouts, retry: (status) => status >= 500 });
    if ((answer.status >= 200 && answer.status < 300) || (method === 'GET' && answer.status === 404)) return answer;
    throw new S3RequestError(answer.status, errorCode(Buffer.from(answer.body).toString('utf8')), method, key);
  }
}
