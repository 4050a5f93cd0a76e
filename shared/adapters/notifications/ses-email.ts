/**
 * Amazon SES v2's SendEmail as one SigV4-signed call (aws-http/signed-request.ts) instead of the SES
 * client and its share of the SDK. A throttled (429) or failed (5xx) try is tried again within the
 * given attempts; any other answer outside 2xx throws, naming SES's error type and message.
 */
import { createHash } from 'node:crypto';
import { sendSigned, type AwsCredentials } from '../aws-http/signed-request.ts';

/** The SendEmail request as SES v2 reads it (the fields the notices use). */
export type SendEmailInput = {
  FromEmailAddress: string;
  Destination: { ToAddresses: string[] };
  Content: { Simple: { Subject: { Data: string; Charset: 'UTF-8' }; Body: { Text: { Data: string; Charset: 'UTF-8' } } } };
};

export interface EmailSender {
  sendEmail(input: SendEmailInput): Promise<{ MessageId?: string | undefined }>;
}

/** An answer from SES other than success, with its status and error type (e.g. MessageRejected). */
export class SesRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(`SES SendEmail answered ${status} ${code}: ${detail}`);
    this.name = 'SesRequestError';
  }
}

export type SesEmailOptions = {
  region: string;
  /** Another SES endpoint (a test server); the region's when absent. */
  endpoint?: string | undefined;
  credentials: () => Promise<AwsCredentials>;
  timeouts: { attempts: number; requestTimeoutMs: number };
};

const parsed = (bytes: Uint8Array): Record<string, unknown> => {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  try {
    const value: unknown = text === '' ? {} : JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : { message: text };
  } catch {
    return { message: text.slice(0, 300) };
  }
};

export const sesEmailSender = (options: SesEmailOptions): EmailSender => {
  const url = `${(options.endpoint ?? `https://email.${options.region}.amazonaws.com`).replace(/\/+$/, '')}/v2/email/outbound-emails`;
  return {
    async sendEmail(input) {
      const body = Buffer.from(JSON.stringify(input));
      const answer = await sendSigned({
        service: 'ses',
        region: options.region,
        credentials: options.credentials,
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') },
        body,
        timeouts: options.timeouts,
        retry: (status) => status === 429 || status >= 500,
      });
      const answerBody = parsed(answer.body);
      if (answer.status >= 200 && answer.status < 300) return { MessageId: typeof answerBody.MessageId === 'string' ? answerBody.MessageId : undefined };
      const errorType = String(answer.headers['x-amzn-errortype'] ?? answerBody.__type ?? 'Unknown').split(':')[0]!;
      throw new SesRequestError(answer.status, errorType, String(answerBody.message ?? answerBody.Message ?? ''));
    },
  };
};
