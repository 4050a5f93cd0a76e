/**
 * The AWS composition root: DynamoDB from the function's role, with the embedded index built from the
 * table at cold start (the OpenSearch adapter and stream indexer replace it in a later issue).
 */
import { z } from 'zod';
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
});

export const composeAws = async (env: NodeJS.ProcessEnv = process.env): Promise<CatalogueRuntime> => {
  const config = AwsConfig.parse(env);
  return composeCatalogue({
    dynamo: { region: config.AWS_REGION },
    tableName: config.TABLE_NAME,
    taxonomy: loadTaxonomy(config.REGION),
    synonyms: loadSynonyms(config.REGION),
    clock: systemClock,
    logger: jsonLogger({ runtime: 'aws', stage: config.STAGE }),
  });
};
