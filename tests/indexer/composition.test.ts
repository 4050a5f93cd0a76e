import { describe, expect, it } from 'vitest';
import { composeAws } from '#functions/composition/aws.ts';
import { UnauthenticatedError } from '#shared/domain/errors.ts';
import { composeAwsIndexer } from '#functions/composition/aws-indexer.ts';

const aws = { AWS_REGION: 'eu-north-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
const domain = { OPENSEARCH_ENDPOINT: 'https://search-vagvisaren-abc123.eu-north-1.es.amazonaws.com', TABLE_NAME: 'Vagvisaren-dev-Table' };

describe('composeAwsIndexer', () => {
  it('fails fast, naming the variables, when neither the search endpoint nor the snapshot bucket is set', async () => {
    await expect(composeAwsIndexer({ ...aws, TABLE_NAME: domain.TABLE_NAME })).rejects.toThrow(/OPENSEARCH_ENDPOINT.*SEARCH_SNAPSHOT_BUCKET/s);
  });

  it('refuses both the search endpoint and the snapshot bucket at once', async () => {
    await expect(composeAwsIndexer({ ...aws, ...domain, SEARCH_SNAPSHOT_BUCKET: 'vagvisaren-snapshots' })).rejects.toThrow(/one of them/);
  });

  it('refuses an index name OpenSearch would refuse', async () => {
    await expect(composeAwsIndexer({ ...aws, ...domain, OPENSEARCH_INDEX: 'Entries' })).rejects.toThrow(/OPENSEARCH_INDEX/);
  });

  it('fails fast, naming the variable, when the table for the audit trail is missing', async () => {
    const { TABLE_NAME: _table, ...withoutTable } = domain;
    await expect(composeAwsIndexer({ ...aws, ...withoutTable })).rejects.toThrow(/TABLE_NAME/);
  });

  it('builds the indexer without touching the network', async () => {
    const { indexer, recordAudit, logger } = await composeAwsIndexer({ ...aws, ...domain });
    expect(typeof indexer.apply).toBe('function');
    expect(typeof recordAudit).toBe('function');
    expect(typeof logger.info).toBe('function');
  });
});

describe('composeAws', () => {
  it('serves search from OpenSearch when OPENSEARCH_ENDPOINT is set, building clients without a request', async () => {
    const cognito = { COGNITO_USER_POOL_ID: 'eu-north-1_Example1', COGNITO_CLIENT_ID: 'example-client' };
    const runtime = await composeAws({ ...aws, ...domain, ...cognito, TABLE_NAME: 'Vagvisaren-dev-Table' });
    expect(runtime.search).toBe('opensearch');
    expect(typeof runtime.deps.search.search).toBe('function');
  });

  it('refuses a bearer token that is no JWT as unauthenticated, its verifier loaded with the first token', async () => {
    const cognito = { COGNITO_USER_POOL_ID: 'eu-north-1_Example1', COGNITO_CLIENT_ID: 'example-client' };
    const runtime = await composeAws({ ...aws, ...domain, ...cognito });
    await expect(runtime.deps.tokens.verify('not-a-token')).rejects.toThrow(new UnauthenticatedError('The access token is not valid. Sign in again.'));
  });
});
