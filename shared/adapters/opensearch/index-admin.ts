/** Index lifecycle for a reindex: versioned indices behind one alias, created, counted, switched atomically, dropped. */
import { z } from 'zod';
import type { IndexDefinition } from './index-definition.ts';
import {
  countRequest,
  createIndexRequest,
  deleteIndexRequest,
  existsRequest,
  getAliasRequest,
  refreshRequest,
  switchAliasRequest,
} from './requests.ts';
import { parseAliasResponse, parseCountResponse } from './responses.ts';
import { expectSuccess, type OpenSearchTransport } from './transport.ts';

/** What an alias name stands for now: the indices it points to, or a concrete index of that name. */
export type AliasState = { indices: string[]; concreteIndex: boolean };

/** A new index name for `alias`, sortable by creation time: `<alias>-20261127t120000123z`. */
export const versionedIndexName = (alias: string, now: Date): string =>
  `${alias}-${now.toISOString().replace(/[-:.]/g, '').toLowerCase()}`;

export type OpenSearchAdmin = ReturnType<typeof createOpenSearchAdmin>;

/** Administration over a transport; every call throws an OpenSearchError when OpenSearch refuses it. */
export const createOpenSearchAdmin = (transport: OpenSearchTransport) => ({
  async aliasState(alias: string): Promise<AliasState> {
    const response = await transport.request(getAliasRequest(alias));
    if (response.statusCode === 404) {
      const exists = await transport.request(existsRequest(alias));
      return { indices: [], concreteIndex: exists.statusCode === 200 };
    }
    return { indices: parseAliasResponse(expectSuccess(response, `Reading alias ${alias}`)), concreteIndex: false };
  },

  async createIndex(name: string, definition: IndexDefinition): Promise<void> {
    const body = expectSuccess(await transport.request(createIndexRequest(name, definition)), `Creating index ${name}`);
    z.object({ acknowledged: z.literal(true) }).parse(body);
  },

  async refresh(name: string): Promise<void> {
    expectSuccess(await transport.request(refreshRequest(name)), `Refreshing ${name}`);
  },

  async count(name: string): Promise<number> {
    return parseCountResponse(expectSuccess(await transport.request(countRequest(name)), `Counting ${name}`));
  },

  async switchAlias(alias: string, to: string, from: AliasState): Promise<void> {
    const body = expectSuccess(await transport.request(switchAliasRequest(alias, to, from)), `Pointing ${alias} at ${to}`);
    z.object({ acknowledged: z.literal(true) }).parse(body);
  },

  async deleteIndex(name: string): Promise<void> {
    expectSuccess(await transport.request(deleteIndexRequest(name)), `Deleting index ${name}`);
  },
});
