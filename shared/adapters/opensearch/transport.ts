/** The one door to OpenSearch the adapter uses: plain requests and responses, with a client (client.ts) or signed calls (signed-transport.ts) behind it. */

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
