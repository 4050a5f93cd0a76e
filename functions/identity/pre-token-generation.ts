/**
 * Cognito's pre-token-generation trigger (event version 2): copies the account's organisation into
 * the access token, where the API reads it, because Cognito puts custom attributes in ID tokens only.
 * It checks the event by hand rather than with zod, which would be nearly all of its bundle.
 */
import { ORGANISATION_CLAIM } from '#shared/adapters/jwt/claims.ts';

export const ORGANISATION_ATTRIBUTE = 'custom:organisation';

type PreTokenGenerationV2Event = {
  triggerSource: string;
  request: { userAttributes: Record<string, string>; [key: string]: unknown };
  response: Record<string, unknown>;
  [key: string]: unknown;
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The event, or an error naming the part Cognito should have sent. */
const parseEvent = (event: unknown): PreTokenGenerationV2Event => {
  if (!isObject(event) || typeof event.triggerSource !== 'string') throw new Error('Not a pre-token-generation event: no triggerSource');
  if (!isObject(event.request) || !isObject(event.request.userAttributes)) throw new Error('Not a pre-token-generation event: no request.userAttributes');
  if (!Object.values(event.request.userAttributes).every((value) => typeof value === 'string')) throw new Error('request.userAttributes must be strings');
  if (!isObject(event.response)) throw new Error('Not a pre-token-generation event: no response');
  return event as PreTokenGenerationV2Event;
};

export const handler = async (event: unknown): Promise<PreTokenGenerationV2Event> => {
  const parsed = parseEvent(event);
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
