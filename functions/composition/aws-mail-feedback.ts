/** The mail feedback function's composition root: its environment and the table's entry repository. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { systemClock, type Clock } from '#shared/ports/clock.ts';
import { createIntakeBounces, type IntakeBounces } from '#shared/services/intake-bounces.ts';
import { AWS_CLIENT_TIMEOUTS } from './timeouts.ts';

export const AwsMailFeedbackConfig = z.object({
  TABLE_NAME: z.string().min(3),
  AWS_REGION: z.string().min(1),
});

/** Parses the environment once (failing fast on a bad one) and builds the client once per container. */
export const composeAwsMailFeedback = (env: NodeJS.ProcessEnv = process.env, clock: Clock = systemClock): { bounces: IntakeBounces } => {
  const config = AwsMailFeedbackConfig.parse(env);
  const entries = new DynamoEntryRepository(documentClient(new DynamoDBClient({ region: config.AWS_REGION, ...AWS_CLIENT_TIMEOUTS })), config.TABLE_NAME);
  return { bounces: createIntakeBounces({ entries, clock }) };
};
