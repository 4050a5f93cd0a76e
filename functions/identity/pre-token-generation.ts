/**
 * Cognito's pre-token-generation trigger (event version 2): copies the account's organisation into
 * the access token, where the API reads it, because Cognito puts custom attributes in ID tokens only.
 */
import { z } from 'zod';
import { ORGANISATION_CLAIM } from '#shared/adapters/jwt/jwt-verifier.ts';

export const ORGANISATION_ATTRIBUTE = 'custom:organisation';

const PreTokenGenerationV2Event = z.looseObject({
  triggerSource: z.string(),
  request: z.looseObject({ userAttributes: z.record(z.string(), z.string()) }),
  response: z.looseObject({}),
});
type PreTokenGenerationV2Event = z.infer<typeof PreTokenGenerationV2Event>;

export const handler = async (event: unknown): Promise<PreTokenGenerationV2Event> => {
  const parsed = PreTokenGenerationV2Event.parse(event);
  const organisation = parsed.request.userAttributes[ORGANISATION_ATTRIBUTE];
  if (!organisation) return parsed;
  return {
    ...parsed,
    response: {
      ...parsed.response,
      claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { [ORGANISATION_CLAIM]: organisation } } },
    },
  };
};
