/** Starts dynalite in-process for a test file and hands out fresh tables on it. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { documentClient } from '#shared/adapters/dynamodb/client.ts';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { startDynalite, type RunningDynalite } from '#functions/local/dynalite.ts';

export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export const dynamoClient = (endpoint: string) => new DynamoDBClient({ endpoint, region: 'eu-north-1', credentials: localCredentials });

let tables = 0;

/** Work to finish before dynalite closes, such as an app's demand counts still being written after a response. */
const beforeClose = new Set<() => Promise<void>>();
export const finishBeforeDynaliteCloses = (work: () => Promise<void>) => void beforeClose.add(work);

/** Registers hooks that run dynalite (in memory unless `path` is given) around the file's tests. */
export const useDynalite = (path?: string) => {
  let running: RunningDynalite | undefined;
  beforeAll(async () => {
    running = await startDynalite(path ? { path } : {});
  });
  afterAll(async () => {
    await Promise.all([...beforeClose].map((work) => work()));
    beforeClose.clear();
    await running?.close();
  });
  return {
    get endpoint() {
      if (!running) throw new Error('dynalite is not running');
      return running.endpoint;
    },
    /** A repository on a new, empty table. */
    async freshRepository(): Promise<DynamoEntryRepository> {
      tables += 1;
      const client = dynamoClient(this.endpoint);
      const name = `test-${process.pid}-${tables}`;
      await ensureTable(client, name);
      return new DynamoEntryRepository(documentClient(client), name);
    },
  };
};
