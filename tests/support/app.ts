/** Builds the real app in-process on dynalite with the given entries stored, for `app.request()` tests. */
import type { Entry } from '#shared/domain/entry.ts';
import { ensureTable } from '#shared/adapters/dynamodb/table.ts';
import { createJwtVerifier } from '#shared/adapters/jwt/jwt-verifier.ts';
import { createDevIssuer, DEV_CLIENT_ID, DEV_ISSUER } from '#functions/local/dev-issuer.ts';
import { loadSynonyms } from '#shared/search/synonyms.ts';
import { loadQueryVocabulary } from '#shared/search/understanding.ts';
import { createApp } from '#functions/api/app.ts';
import { silentLogger } from '#functions/api/middleware/request-log.ts';
import { composeCatalogue, type CatalogueRuntime } from '#functions/composition/catalogue.ts';
import { fixedClock, taxonomy } from './builders.ts';
import { dynamoClient, finishBeforeDynaliteCloses, localCredentials } from './dynamo.ts';

let apps = 0;

/** `demandGatherMs`: how long demand counts gather before they are written, as a long-running server gathers them. */
export const buildTestApp = async (endpoint: string, entries: readonly Entry[], options: { demandGatherMs?: number } = {}) => {
  apps += 1;
  const tableName = `app-${process.pid}-${apps}`;
  await ensureTable(dynamoClient(endpoint), tableName);
  const issuer = await createDevIssuer();
  const runtime: CatalogueRuntime = await composeCatalogue({
    dynamo: { endpoint, region: 'eu-north-1', credentials: localCredentials },
    tableName,
    taxonomy,
    synonyms: loadSynonyms('orebro-lan'),
    vocabulary: loadQueryVocabulary('orebro-lan'),
    clock: fixedClock,
    logger: silentLogger,
    ...options,
    tokens: createJwtVerifier({ keys: issuer.jwks, issuer: DEV_ISSUER, clientId: DEV_CLIENT_ID }),
    devSignIn: issuer,
    beforeIndexing: async (repository) => {
      for (const entry of entries) await repository.save(entry);
    },
  });
  const app = createApp(runtime.deps);
  finishBeforeDynaliteCloses(() => runtime.deps.demand.flush());
  /** Headers that sign a request in as a demo user (see functions/local/demo-users.ts). */
  const as = async (username: string, headers: Record<string, string> = {}) => ({ ...headers, authorization: `Bearer ${await issuer.issue(username)}` });
  return { app, runtime, issuer, as };
};
