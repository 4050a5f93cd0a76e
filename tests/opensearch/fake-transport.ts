/** A scripted OpenSearch transport: answers requests in order and keeps what was sent. */
import type { OpenSearchRequest, OpenSearchResponse, OpenSearchTransport } from '#shared/adapters/opensearch/transport.ts';

type Answer = OpenSearchResponse | Error | ((request: OpenSearchRequest) => OpenSearchResponse | Promise<OpenSearchResponse>);

/** Answers each request with the next scripted response (or a function of the request) and keeps what was sent. */
export const scriptedTransport = (...responses: Answer[]) => {
  const requests: OpenSearchRequest[] = [];
  const transport: OpenSearchTransport = {
    async request(request) {
      requests.push(structuredClone(request));
      const next = responses.shift();
      if (!next) throw new Error(`no scripted response for ${request.method} ${request.path}`);
      if (next instanceof Error) throw next;
      return typeof next === 'function' ? next(request) : next;
    },
  };
  return { transport, requests };
};

export const ok = (body: unknown): OpenSearchResponse => ({ statusCode: 200, body });
