/** The one door to OpenSearch the adapter uses: plain requests and responses, with the client behind it. */
import { errors, type Client } from '@opensearch-project/opensearch';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

/** A request as the builders produce it: `body` is sent as JSON, `bulkBody` as newline-delimited JSON. */
export type OpenSearchRequest = {
  method: HttpMethod;
  path: string;
  querystring?: Record<string, string>;
  body?: unknown;
  bulkBody?: readonly unknown[];
};

export type OpenSearchResponse = { statusCode: number; body: unknown };

/** Sends a request and answers with its status and parsed body, whatever the status; throws only when no answer came. */
export interface OpenSearchTransport {
  request(request: OpenSearchRequest): Promise<OpenSearchResponse>;
}

/** An answer OpenSearch gave that the caller could not use. */
export class OpenSearchError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'OpenSearchError';
  }
}

const reasonOf = (body: unknown): string => {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object') {
      const { type, reason } = error as { type?: unknown; reason?: unknown };
      return [type, reason].filter((part) => typeof part === 'string').join(': ') || JSON.stringify(error);
    }
  }
  return typeof body === 'string' ? body.slice(0, 300) : JSON.stringify(body ?? null).slice(0, 300);
};

/** The body of a 2xx response; any other status becomes an OpenSearchError naming what failed and why. */
export const expectSuccess = (response: OpenSearchResponse, what: string): unknown => {
  if (response.statusCode >= 200 && response.statusCode < 300) return response.body;
  throw new OpenSearchError(`${what} failed with status ${response.statusCode}: ${reasonOf(response.body)}`, response.statusCode, response.body);
};

/** The transport of an @opensearch-project/opensearch client (plain, basic-auth or SigV4-signed). */
export const clientTransport = (client: Client): OpenSearchTransport => ({
  async request(request) {
    try {
      const response = await client.transport.request({
        method: request.method,
        path: request.path,
        ...(request.querystring ? { querystring: request.querystring } : {}),
        ...(request.body !== undefined ? { body: request.body as Record<string, unknown> } : {}),
        ...(request.bulkBody ? { bulkBody: [...request.bulkBody] as Record<string, unknown>[] } : {}),
      });
      return { statusCode: response.statusCode ?? 200, body: response.body };
    } catch (error) {
      if (error instanceof errors.ResponseError) {
        return { statusCode: error.meta.statusCode ?? 500, body: error.meta.body };
      }
      throw error;
    }
  },
});
