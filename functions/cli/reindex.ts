/**
 * `npm run reindex`: rebuilds search from the table. With OPENSEARCH_ENDPOINT (AWS, SigV4, the
 * deployed table TABLE_NAME) or OPENSEARCH_URL (a plain node, the local store in DATA_DIR) into a
 * new OpenSearch index behind the alias; with SEARCH_SNAPSHOT_BUCKET (the `embedded` search mode:
 * the deployed table, or the local store with a local S3 server at S3_ENDPOINT) into a new search
 * snapshot, keeping what the indexer saved meanwhile; with none, the embedded index over the local
 * store, in place. Progress on stderr, the summary on stdout; exit code 1 when counts disagree.
 */
import { z } from 'zod';
import { DynamoEntryRepository } from '#shared/adapters/dynamodb/entry-repository.ts';
import { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { createOpenSearchAdmin, versionedIndexName } from '#shared/adapters/opensearch/index-admin.ts';
import { buildIndexDefinition, DEFAULT_INDEX_ALIAS } from '#shared/adapters/opensearch/index-definition.ts';
import { OpenSearchSearchIndex } from '#shared/adapters/opensearch/opensearch-search-index.ts';
import { systemClock } from '#shared/ports/clock.ts';
import { loadSynonyms } from '#shared/search/synonyms.ts';
import { catalogueLexicon } from '#shared/services/catalogue-lexicon.ts';
import { DEFAULT_REGION, RegionCode, loadTaxonomy } from '#shared/taxonomy/regions.ts';
import { signedTransport } from '../composition/opensearch.ts';
import { plainTransport } from '../composition/opensearch-node.ts';
import { openSearchSnapshotStore, SearchSnapshotEnv } from '../composition/search-snapshot.ts';
import { createProgress, type LoadCounts } from './progress.ts';
import { rebuildEmbedded, reindexOpenSearch, ReindexAborted } from './reindex-run.ts';
import { runAsProgram } from './command-line.ts';
import { openTableStore } from './table-store.ts';

export const ReindexEnv = z
  .object({
    OPENSEARCH_URL: z.url({ protocol: /^https?$/ }).optional(),
    OPENSEARCH_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    OPENSEARCH_INDEX: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a lower-case alias name').default(DEFAULT_INDEX_ALIAS),
    AWS_REGION: z.string().min(1).optional(),
    TABLE_NAME: z.string().min(3).optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    REGION: RegionCode.default(DEFAULT_REGION),
    ...SearchSnapshotEnv.shape,
  })
  .refine((env) => !(env.OPENSEARCH_URL && env.OPENSEARCH_ENDPOINT), { message: 'set OPENSEARCH_URL or OPENSEARCH_ENDPOINT, not both' })
  .refine((env) => !(env.SEARCH_SNAPSHOT_BUCKET && (env.OPENSEARCH_URL || env.OPENSEARCH_ENDPOINT)), {
    message: 'set SEARCH_SNAPSHOT_BUCKET (embedded search) or an OpenSearch variable, not both',
  })
  .refine((env) => !env.SEARCH_SNAPSHOT_BUCKET || env.S3_ENDPOINT || (env.AWS_REGION && env.TABLE_NAME), {
    message: 'SEARCH_SNAPSHOT_BUCKET needs AWS_REGION and TABLE_NAME (the deployed table), or S3_ENDPOINT (a local S3 server)',
  })
  .refine((env) => !env.OPENSEARCH_ENDPOINT || (env.AWS_REGION && env.TABLE_NAME), {
    message: 'OPENSEARCH_ENDPOINT needs AWS_REGION and TABLE_NAME (the deployed table)',
  });
export type ReindexEnv = z.infer<typeof ReindexEnv>;

const summary = (counts: LoadCounts) =>
  `${counts.read} entries read: ${counts.upserted} searchable, ${counts.removed} not searchable (draft, archived or expired), ${counts.stale} stale, ${counts.failed} failed`;

/** The table the command reads: the deployed one when reindexing AWS, otherwise the local store. */
const openStore = (env: ReindexEnv) =>
  openTableStore(
    { dataDir: env.DATA_DIR, tableName: env.TABLE_NAME, awsRegion: env.OPENSEARCH_ENDPOINT || (env.SEARCH_SNAPSHOT_BUCKET && !env.S3_ENDPOINT) ? env.AWS_REGION : undefined },
    (client, table) => new DynamoEntryRepository(client, table),
  );

/** Runs the reindex the environment asks for; resolves to the process exit code. */
export const runReindex = async (environment: NodeJS.ProcessEnv, out = process.stdout, err = process.stderr): Promise<number> => {
  const parsed = ReindexEnv.safeParse(environment);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) err.write(`Invalid ${issue.path.join('.') || 'environment'}: ${issue.message}\n`);
    return 2;
  }
  const env = parsed.data;
  const taxonomy = loadTaxonomy(env.REGION);
  const synonyms = loadSynonyms(env.REGION);
  const store = await openStore(env);
  for (const line of store.recovered) err.write(`${line}\n`);
  try {
    if (env.SEARCH_SNAPSHOT_BUCKET) {
      out.write(`Rebuilding the search snapshot in ${env.SEARCH_SNAPSHOT_BUCKET} from ${store.description} …\n`);
      const index = new EmbeddedSearchIndex({ lexicon: await catalogueLexicon(store.repository, taxonomy), synonyms });
      const report = await rebuildEmbedded({ repository: store.repository, index, taxonomy, clock: systemClock }, createProgress({ stream: err, label: 'search snapshot' }));
      if (!report.agree) {
        out.write(`${summary(report.counts)}.\nThe rebuilt index holds ${report.held} entries: COUNTS DISAGREE; the snapshot was left as it was.\n`);
        return 1;
      }
      const snapshots = await openSearchSnapshotStore({
        bucket: env.SEARCH_SNAPSHOT_BUCKET,
        region: env.AWS_REGION ?? 'eu-north-1',
        endpoint: env.S3_ENDPOINT,
        table: { client: store.client, name: store.table },
        clock: systemClock,
      });
      const { replaceSnapshot } = await import('#shared/adapters/search-snapshot/snapshot-search-index.ts');
      const saved = await replaceSnapshot(snapshots, index, { synonyms });
      out.write(`${summary(report.counts)}.\nThe rebuilt index holds ${report.held} entries: counts agree. Saved it as search snapshot version ${saved.version}; API instances load it within a second of their next request.\n`);
      return 0;
    }

    const url = env.OPENSEARCH_ENDPOINT ?? env.OPENSEARCH_URL;
    if (!url) {
      out.write(`Rebuilding the embedded index from ${env.DATA_DIR}/ …\n`);
      const index = new EmbeddedSearchIndex({ lexicon: await catalogueLexicon(store.repository, taxonomy), synonyms });
      const report = await rebuildEmbedded(
        { repository: store.repository, index, taxonomy, clock: systemClock },
        createProgress({ stream: err, label: 'embedded index' }),
      );
      out.write(`${summary(report.counts)}.\nThe index holds ${report.held} entries: ${report.agree ? 'counts agree' : 'COUNTS DISAGREE'}.\n`);
      return report.agree ? 0 : 1;
    }

    const transport = env.OPENSEARCH_ENDPOINT ? await signedTransport(url, env.AWS_REGION!) : await plainTransport(url);
    const indexName = versionedIndexName(env.OPENSEARCH_INDEX, new Date());
    out.write(`Reindexing ${env.OPENSEARCH_INDEX} on ${new URL(url).host} into ${indexName} …\n`);
    const lexicon = await catalogueLexicon(store.repository, taxonomy);
    const report = await reindexOpenSearch({
      admin: createOpenSearchAdmin(transport),
      openIndex: (name) => new OpenSearchSearchIndex({ transport, index: name, synonyms, lexicon }),
      repository: store.repository,
      taxonomy,
      clock: systemClock,
      alias: env.OPENSEARCH_INDEX,
      indexName,
      definition: buildIndexDefinition({ lexicon }),
      progress: (phase) => createProgress({ stream: err, label: phase === 'load' ? indexName : `${indexName} catch-up` }),
      log: (message) => err.write(`${message}\n`),
    });
    out.write(
      `${summary(report.counts)}.\n${report.index} holds ${report.held} searchable entries: counts agree. ` +
        `${env.OPENSEARCH_INDEX} now points to it; catch-up applied ${report.catchUp.upserted + report.catchUp.removed} changes; ` +
        `deleted ${report.deleted.join(', ') || 'no old index'}.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ReindexAborted) {
      out.write(`${summary(error.counts)}.\nReindex aborted: ${error.message}.\n`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
};

runAsProgram(import.meta.url, 'reindex', () => runReindex(process.env));
