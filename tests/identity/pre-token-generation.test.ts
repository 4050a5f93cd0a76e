import { describe, expect, it } from 'vitest';
import { handler } from '#functions/identity/pre-token-generation.ts';

const event = (userAttributes: Record<string, string>) => ({
  version: '2',
  triggerSource: 'TokenGeneration_HostedAuth',
  region: 'eu-north-1',
  userPoolId: 'eu-north-1_Example',
  userName: 'anna',
  request: { userAttributes, groupConfiguration: { groupsToOverride: ['actor-staff'] }, scopes: ['openid'] },
  response: { claimsAndScopeOverrideDetails: null },
});

describe('pre-token-generation trigger', () => {
  it("puts the account's organisation into the access token", async () => {
    const result = await handler(event({ sub: 'abc', 'custom:organisation': 'inkubera' }));
    expect(result.response).toEqual({ claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { organisation: 'inkubera' } } } });
  });

  it('leaves the token alone for an account without an organisation', async () => {
    expect((await handler(event({ sub: 'abc' }))).response).toEqual({ claimsAndScopeOverrideDetails: null });
  });
});

describe('pre-token-generation trigger input', () => {
  it('refuses an event without user attributes, naming what is missing', async () => {
    await expect(handler({ triggerSource: 'TokenGeneration_HostedAuth', request: {}, response: {} })).rejects.toThrow(/userAttributes/);
    await expect(handler(null)).rejects.toThrow(/triggerSource/);
  });
});
