import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SesRequestError, sesEmailSender, type SendEmailInput } from '#shared/adapters/notifications/ses-email.ts';

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

/** A stand-in SES endpoint on a loopback port: records requests and answers the queued answers in turn, then the last. */
const seen: Seen[] = [];
let answers: { status: number; headers?: Record<string, string>; body: unknown }[] = [];
const server = createServer((request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => (body += chunk));
  request.on('end', () => {
    seen.push({ method: request.method!, url: request.url!, headers: request.headers, body });
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(JSON.stringify(answer.body));
  });
});
let endpoint: string;
beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => ((endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`), resolve()))));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  answers = [{ status: 200, body: { MessageId: 'm-1' } }];
});

const input: SendEmailInput = {
  FromEmailAddress: 'remisser@vagvisaren.se',
  Destination: { ToAddresses: ['remisser@almi.example'] },
  Content: { Simple: { Subject: { Data: 'Ny hänvisning', Charset: 'UTF-8' }, Body: { Text: { Data: 'Hej', Charset: 'UTF-8' } } } },
};
const sender = () =>
  sesEmailSender({ region: 'eu-north-1', endpoint, credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' }), timeouts: { attempts: 2, requestTimeoutMs: 3000 } });

describe('SES SendEmail as a signed call', () => {
  it('posts the request as JSON to SES v2, SigV4-signed for the ses service, and answers its message id', async () => {
    expect(await sender().sendEmail(input)).toEqual({ MessageId: 'm-1' });
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request).toMatchObject({ method: 'POST', url: '/v2/email/outbound-emails' });
    expect(JSON.parse(request!.body)).toEqual(input);
    expect(request!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-north-1\/ses\/aws4_request, SignedHeaders=.*host.*, Signature=[0-9a-f]{64}$/);
    expect(request!.headers['x-amz-security-token']).toBe('token');
    expect(request!.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(request!.body).digest('hex'));
  });

  it('throws a rejected message with its error type and message, without trying again', async () => {
    answers = [{ status: 400, headers: { 'x-amzn-errortype': 'MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/' }, body: { message: 'Email address is not verified.' } }];
    await expect(sender().sendEmail(input)).rejects.toThrow(new SesRequestError(400, 'MessageRejected', 'Email address is not verified.'));
    expect(seen).toHaveLength(1);
  });

  it('tries a throttled send once more', async () => {
    answers = [{ status: 429, headers: { 'x-amzn-errortype': 'TooManyRequestsException' }, body: { message: 'Too many requests' } }, { status: 200, body: { MessageId: 'm-2' } }];
    expect(await sender().sendEmail(input)).toEqual({ MessageId: 'm-2' });
    expect(seen).toHaveLength(2);
  });
});
