/**
 * Answers what Node's HTTP server refuses before the app sees a request — headers over its 16 kB
 * limit (431), a request that is not HTTP (400), one too slow to arrive (408) — as problem+json,
 * the API's one error shape, instead of Node's bare status line. A socket already answering or
 * gone is closed.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problemTypeFor } from '../api/problem.ts';

const ANSWERS: Record<string, { status: number; reason: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'Request Header Fields Too Large', detail: 'The request headers are larger than the server accepts (16 kB in all); nothing was read. Send fewer or shorter headers or cookies.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', detail: 'The request did not arrive in time; nothing was read.' },
};
const NOT_HTTP = { status: 400, reason: 'Bad Request', detail: 'The request could not be read as HTTP; nothing was read.' };

/** The raw HTTP/1.1 response for a client error code. */
export const clientErrorResponse = (code: string | undefined): string => {
  const { status, reason, detail } = (code !== undefined ? ANSWERS[code] : undefined) ?? NOT_HTTP;
  const body = JSON.stringify({ type: problemTypeFor(status), title: reason, status, detail });
  return [
    `HTTP/1.1 ${status} ${reason}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
};

/** Makes `server` answer client errors as problem+json. */
export const answerClientErrors = (server: Server): void => {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: unknown }) => {
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorResponse(error.code));
  });
};
