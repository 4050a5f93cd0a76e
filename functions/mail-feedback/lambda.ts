/** The mail feedback function's entry point: SES bounces and complaints from SNS, logged through Powertools. */
import { composeAwsMailFeedback } from '../composition/aws-mail-feedback.ts';
import { lambdaObservability } from '../composition/powertools.ts';
import { createMailFeedbackHandler } from './handler.ts';

const observability = lambdaObservability('mail-feedback', process.env.STAGE ?? 'dev');
const handle = createMailFeedbackHandler({ ...composeAwsMailFeedback(process.env), logger: observability.logger });

export const handler = observability.instrument((event: unknown) => handle(event));
