import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createOpenSearchClient } from '#shared/adapters/opensearch/client.ts';
import { API_SEARCH_TIMEOUTS, AWS_CLIENT_TIMEOUTS } from '#functions/composition/timeouts.ts';

describe('client timeouts in AWS', () => {
  it('gives the API\'s OpenSearch client 3 s per try and one retry, inside the function\'s 10 s', () => {
    const client = createOpenSearchClient({ node: 'https://search.example', ...API_SEARCH_TIMEOUTS });
    const transport = client.transport as unknown as { requestTimeout: number; maxRetries: number };
    expect(transport.requestTimeout).toBe(3_000);
    expect(transport.maxRetries).toBe(1);
    expect(transport.requestTimeout * (transport.maxRetries + 1)).toBeLessThan(10_000);
  });

  it('gives every AWS SDK client two attempts and a 1 s connection and 3 s request timeout', async () => {
    const client = new DynamoDBClient({ region: 'eu-north-1', ...AWS_CLIENT_TIMEOUTS });
    expect(await client.config.maxAttempts()).toBe(2);
    const handler = client.config.requestHandler as unknown as { configProvider: Promise<{ connectionTimeout: number; requestTimeout: number }> };
    expect(await handler.configProvider).toMatchObject({ connectionTimeout: 1_000, requestTimeout: 3_000 });
  });
});
