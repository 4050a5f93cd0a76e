/**
 * The table a command works on: the deployed one (with a region and a table name; credentials from
 * the usual AWS chain) or the local store under DATA_DIR on an in-process dynalite, which refuses
 * while `npm start` holds it. The SDK and dynalite load only when a command opens a store. The local
 * store, which a command holds alone, is recovered first (functions/composition/store-recovery.ts):
 * an import a crash cut short is completed or rolled back, missing audit records are written.
 */
import { join, resolve } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '#shared/ports/clock.ts';

export const LOCAL_TABLE = 'vagvisaren';

export type TableTarget = { dataDir: string; tableName?: string | undefined; awsRegion?: string | undefined; clock?: Clock };

export type TableStore<R> = {
  repository: R;
  description: string;
  /** The table, for adapters beside the repository (the import journal). */
  client: DynamoDBDocumentClient;
  table: string;
  /** What recovery did when the store was opened, one line each (nothing on the deployed table). */
  recovered: string[];
  /** The local store's directory; absent for the deployed table. */
  localPath?: string;
  close(): Promise<void>;
};

export const openTableStore = async <R>(target: TableTarget, build: (client: DynamoDBDocumentClient, table: string) => R): Promise<TableStore<R>> => {
  const [{ DynamoDBClient }, { documentClient }] = await Promise.all([import('@aws-sdk/client-dynamodb'), import('#shared/adapters/dynamodb/client.ts')]);
  if (target.tableName !== undefined && target.awsRegion !== undefined) {
    const client = new DynamoDBClient({ region: target.awsRegion });
    const documents = documentClient(client);
    return {
      repository: build(documents, target.tableName),
      client: documents,
      table: target.tableName,
      recovered: [],
      description: `table ${target.tableName} in ${target.awsRegion}`,
      close: async () => client.destroy(),
    };
  }
  const path = join(resolve(target.dataDir), 'dynamodb');
  const [{ startDynalite }, { ensureTable }] = await Promise.all([import('../local/dynalite.ts'), import('#shared/adapters/dynamodb/table.ts')]);
  const dynalite = await startDynalite({ path });
  const client = new DynamoDBClient({ endpoint: dynalite.endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const table = target.tableName ?? LOCAL_TABLE;
  const documents = documentClient(client);
  let recovered: string[];
  try {
    await ensureTable(client, table);
    const [{ recoverStore }, { systemClock }] = await Promise.all([import('../composition/store-recovery.ts'), import('#shared/ports/clock.ts')]);
    recovered = (await recoverStore(documents, table, target.clock ?? systemClock)).lines;
  } catch (error) {
    client.destroy();
    await dynalite.close();
    throw error;
  }
  return {
    repository: build(documents, table),
    client: documents,
    table,
    recovered,
    localPath: path,
    description: `the local store in ${target.dataDir}/`,
    close: async () => {
      client.destroy();
      await dynalite.close();
    },
  };
};
