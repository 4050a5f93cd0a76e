/**
 * The AWS composition root: DynamoDB from the function's role, with the embedded index built from the
 * table at cold start (the OpenSearch adapter and stream indexer replace it in a later issue).
 */
import { createRemoteJWKSet } from 'jose';
import { z } from 'zod';
import { createJwtVerifier } from '#shared/adapters/jwt/jwt-verifier.ts';
import { systemClock } from '#shared/ports/clock.ts';
import { DEFAULT_REGION, RegionCode, loadTaxonomy } from '#shared/taxonomy/regions.ts';
import { loadSynonyms } from '#shared/search/synonyms.ts';
import { jsonLogger } from '../api/middleware/request-log.ts';
import { composeCatalogue, type CatalogueRuntime } from './catalogue.ts';

export const AwsConfig = z.object({
  TABLE_NAME: z.string().min(3),
  STAGE: z.string().min(1).default('dev'),
  REGION: RegionCode.default(DEFAULT_REGION),
  AWS_REGION: z.string().min(1),
  COGNITO_USER_POOL_ID: z.string().regex(/^[\w-]+_[0-9A-Za-z]+$/, 'a Cognito user pool id'),
  COGNITO_CLIENT_ID: z.string().min(1),
  FRESHNESS_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
});

export const composeAws = async (env: NodeJS.ProcessEnv = process.env): Promise<CatalogueRuntime> => {
  const config = AwsConfig.parse(env);
  const issuer = `https://cognito-idp.${config.AWS_REGION}.amazonaws.com/${config.COGNITO_USER_POOL_ID}`;
  return composeCatalogue({
    tokens: createJwtVerifier({ keys: createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)), issuer, clientId: config.COGNITO_CLIENT_ID }),
    freshnessDays: config.FRESHNESS_DAYS,
    dynamo: { region: config.AWS_REGION },
    tableName: config.TABLE_NAME,
    taxonomy: loadTaxonomy(config.REGION),
    synonyms: loadSynonyms(config.REGION),
    clock: systemClock,
    logger: jsonLogger({ runtime: 'aws', stage: config.STAGE }),
  });
};
