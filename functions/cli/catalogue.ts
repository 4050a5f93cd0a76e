/**
 * `npm run catalogue -- import|import-offers|export|validate|reindex`: the catalogue in and out as
 * JSON or CSV, and establishment offers from a municipality's CSV or GeoJSON list by a column mapping.
 * Import is all-or-nothing: every record is checked first (an invalid one is named by line and
 * field and nothing is written), then compared with the store and only what differs is written,
 * version-conditionally with an 'import' audit record; a failed write rolls back the run's writes.
 * Works on the local store in DATA_DIR (in-process dynalite) or, with TABLE_NAME and AWS_REGION,
 * on the deployed table. Progress on stderr, the summary on stdout; exit 0 ok, 1 invalid input or
 * failed import, 2 usage error.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readCsvRecords, writeCsvRecords } from '#shared/adapters/csv/catalogue-csv.ts';
import { readCsvRows } from '#shared/adapters/csv/offer-rows.ts';
import { readGeoJsonRows } from '#shared/adapters/geojson/feature-collection.ts';
import { parseOfferMapping } from '#shared/import/offer-mapping.ts';
import { mapOffers, type OfferImportReport } from '#shared/services/offer-import.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import { systemClock, type Clock } from '#shared/ports/clock.ts';
import {
  applyImport,
  dottedPath,
  formatIssue,
  loadStored,
  planImport,
  readJsonRecords,
  toRecord,
  validateSource,
  writeJsonRecords,
  type ImportPlan,
  type ImportSource,
  type RecordIssue,
} from '#shared/services/catalogue-transfer.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { DEFAULT_REGION, RegionCode, loadTaxonomy } from '#shared/taxonomy/regions.ts';
import { createWriteProgress, type ProgressStream } from './progress.ts';
import { exitCodeFor, InputError, plural, runAsProgram, UsageError } from './command-line.ts';
import { openTableStore, type TableStore } from './table-store.ts';
import { DynamoImportJournal } from '#shared/adapters/dynamodb/import-journal.ts';

export const CatalogueEnv = z.object({
  DATA_DIR: z.string().min(1).default('.data'),
  /** With AWS_REGION: the deployed table. Alone: the local table's name. */
  TABLE_NAME: z.string().min(3).optional(),
  AWS_REGION: z.string().min(1).optional(),
  REGION: RegionCode.default(DEFAULT_REGION),
});
export type CatalogueEnv = z.infer<typeof CatalogueEnv>;


export const USAGE = `Usage: npm run catalogue -- <command> [options]

  import <file> [--dry-run] [--format json|csv] [--as <name>]
      Import records (all or nothing). --dry-run lists what would be created, changed or left alone.
  import-offers <file> --mapping <mapping.json> [--dry-run] [--format csv|geojson] [--as <name>]
      Import establishment offers from a municipality's CSV or GeoJSON list (all or nothing), its
      columns mapped to fields by the mapping file (example: shared/import/lediga-tomter.mapping.json).
      Reports the file's columns the mapping leaves unused and mapped columns the file lacks.
  export [--out <file>] [--format json|csv]
      Write every entry, all statuses, as import reads it (JSON to stdout by default).
  export --format hsds [--out <directory>]
      The published catalogue as open data (Open Referral HSDS 3.0): only published, currently valid
      entries, with the region's licence. To a directory: hsds.json, datapackage.json and the HSDS
      tabular CSV files; without --out, hsds.json to stdout.
  validate <file> [--format json|csv]
      Check a file against the schema and the taxonomy; needs no store.
  reindex
      Rebuild search from the table (as npm run reindex).

The format follows the file extension (.json, .csv; .geojson for offers) unless --format is given.
--as names who imports in the audit trail (default: the operating-system user).
Store: the local one in DATA_DIR (default .data; stop \`npm start\` first), or the deployed
table when TABLE_NAME and AWS_REGION are set. REGION picks the taxonomy (default orebro-lan).
Exit codes: 0 done, 1 invalid input or failed import (nothing left written), 2 usage error.
`;

export type CatalogueIo = {
  out: ProgressStream;
  err: ProgressStream;
  clock?: Clock;
  /** Who the audit trail names; defaults to the operating-system user. */
  username?: string;
};

type Format = 'json' | 'csv';

const formatOf = (option: string | undefined, path: string | undefined, text?: string): Format => {
  if (option !== undefined) {
    if (option !== 'json' && option !== 'csv') throw new UsageError(`--format must be json or csv, not "${option}"`);
    return option;
  }
  const extension = path === undefined ? '' : extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.json') return 'json';
  if (text === undefined) return 'json';
  // No telling extension: a JSON file starts with a bracket, a catalogue CSV with its header.
  return /^\uFEFF?\s*[[{]/.test(text) ? 'json' : 'csv';
};

const readSource = (format: Format, text: string): ImportSource => (format === 'csv' ? readCsvRecords(text) : readJsonRecords(text));

const operatingSystemUser = (): string => {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
};

// ——— the store ———

type Store = TableStore<EntryRepository>;

/** The deployed table or the local store; every write also lands in the audit trail, as the API's writes do. */
const openStore = async (env: CatalogueEnv, io: Pick<CatalogueIo, 'err'>, clock: Clock): Promise<Store> => {
  const [{ DynamoEntryRepository }, { ChangePublishingRepository }, { recordAuditTrail }] = await Promise.all([
    import('#shared/adapters/dynamodb/entry-repository.ts'),
    import('#shared/adapters/change-feed/in-process-change-feed.ts'),
    import('#shared/services/audit-trail.ts'),
  ]);
  const store = await openTableStore({ dataDir: env.DATA_DIR, tableName: env.TABLE_NAME, awsRegion: env.AWS_REGION, clock }, (client, table) => {
    const stored = new DynamoEntryRepository(client, table);
    return new ChangePublishingRepository(stored, recordAuditTrail(stored));
  });
  for (const line of store.recovered) io.err.write(`${line}\n`);
  return store;
};

// ——— reporting ———

const reportIssues = (out: ProgressStream, issues: readonly RecordIssue[]) => {
  for (const issue of issues) out.write(`${formatIssue(issue)}\n`);
};

const invalidRecords = (issues: readonly RecordIssue[]) => new Set(issues.map((issue) => issue.at)).size;

const reportPlan = (out: ProgressStream, plan: ImportPlan) => {
  const ids = (entries: readonly { entry: { id: string } }[]) => entries.map(({ entry }) => entry.id).join(', ');
  out.write(`  create ${plan.create.length}${plan.create.length > 0 ? `: ${ids(plan.create)}` : ''}\n`);
  out.write(
    `  change ${plan.change.length}${plan.change.length > 0 ? `: ${plan.change.map(({ entry, fields }) => `${entry.id} (${fields.join(', ')})`).join(', ')}` : ''}\n`,
  );
  out.write(`  unchanged ${plan.unchanged.length}${plan.unchanged.length > 0 ? `: ${ids(plan.unchanged)}` : ''}\n`);
};

const counts = (plan: ImportPlan) => `${plan.create.length} created, ${plan.change.length} changed, ${plan.unchanged.length} unchanged`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ——— commands ———

type Parsed = {
  command: string;
  positionals: string[];
  values: { 'dry-run'?: boolean; format?: string; out?: string; mapping?: string; as?: string; help?: boolean };
};

const parseCommandLine = (argv: readonly string[]): Parsed => {
  try {
    const { positionals, values } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'dry-run': { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string' },
        mapping: { type: 'string' },
        as: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [command = '', ...rest] = positionals;
    return { command, positionals: rest, values };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
};

const only = (parsed: Parsed, allowed: readonly string[], positionals: number) => {
  for (const [option, value] of Object.entries(parsed.values)) {
    if (value !== undefined && !allowed.includes(option)) throw new UsageError(`${parsed.command} takes no --${option}`);
  }
  if (parsed.positionals.length !== positionals) {
    throw new UsageError(positionals === 0 ? `${parsed.command} takes no file` : `${parsed.command} takes one file`);
  }
};

const readInput = async (parsed: Parsed) => {
  const file = parsed.positionals[0]!;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const format = formatOf(parsed.values.format, file, text);
  return { file, format, source: readSource(format, text) };
};

type ImportOptions = { env: CatalogueEnv; io: CatalogueIo; clock: Clock; taxonomy: Taxonomy; dryRun: boolean; actor: string };

/**
 * Checks every record and, when all are valid, plans them against the store and, unless a dry run,
 * applies the plan all or nothing; resolves to the exit code.
 */
const importSource = async (file: string, source: ImportSource, options: ImportOptions): Promise<number> => {
  const { env, io, clock } = options;
  const { out, err } = io;
  const validation = validateSource(source, options.taxonomy);
  if (validation.issues.length > 0) {
    reportIssues(out, validation.issues);
    out.write(`Nothing was written: ${plural(invalidRecords(validation.issues), 'record')} of ${validation.total} in ${file} invalid (${plural(validation.issues.length, 'problem')}).\n`);
    return 1;
  }
  const store = await openStore(env, io, clock);
  try {
    const started = performance.now();
    const { plan, issues } = planImport(validation.records, await loadStored(store.repository), clock.now(), source.fieldName ?? dottedPath);
    if (issues.length > 0) {
      reportIssues(out, issues);
      out.write(`Nothing was written: ${plural(invalidRecords(issues), 'record')} of ${validation.total} in ${file} conflict with ${store.description}.\n`);
      return 1;
    }
    if (options.dryRun) {
      out.write(`Dry run of ${file} (${plural(validation.total, 'record')}) against ${store.description}; nothing was written. Would be ${counts(plan)}:\n`);
      reportPlan(out, plan);
      return 0;
    }
    const total = plan.create.length + plan.change.length;
    if (total === 0) {
      out.write(`Imported ${file} into ${store.description}: ${counts(plan)}; nothing to write (${seconds(performance.now() - started)}).\n`);
      return 0;
    }
    const progress = createWriteProgress(err, 'import', total);
    // Ctrl+C stops the writes and rolls back; a second one ends the process at once.
    const interrupt = new AbortController();
    const onSignal = () => interrupt.abort();
    process.once('SIGINT', onSignal);
    const result = await applyImport(plan, {
      repository: store.repository,
      actor: { subject: 'cli', name: options.actor },
      clock,
      onWrite: (done) => progress.update(done),
      log: (line) => {
        progress.stop();
        err.write(`${line}\n`);
      },
      signal: interrupt.signal,
      journal: { store: new DynamoImportJournal(store.client, store.table), file },
    }).finally(() => process.removeListener('SIGINT', onSignal));
    progress.stop();
    if (result.ok) {
      out.write(`Imported ${file} into ${store.description}: ${counts(plan)} (${seconds(performance.now() - started)}).\n`);
      return 0;
    }
    out.write(`Import of ${file} failed at ${result.failed.at}, entry ${result.failed.id}: ${result.failed.reason}\n`);
    out.write(
      `Rolled back the ${plural(result.written, 'entry', 'entries')} this run had written: ${result.restored.length} restored to their previous content, ` +
        `${result.archived.length} created ones archived (entries cannot be deleted)` +
        (result.archived.length > 0 ? `: ${result.archived.join(', ')}` : '') +
        '.\n',
    );
    if (result.notRestored.length > 0) {
      out.write(`Could NOT undo ${plural(result.notRestored.length, 'entry', 'entries')}; check them by hand:\n`);
      for (const { id, reason } of result.notRestored) out.write(`  ${id}: ${reason}\n`);
    }
    out.write('Run the import again once the cause is fixed (a dry run shows what it would do).\n');
    return 1;
  } finally {
    await store.close();
  }
};

const who = (parsed: Parsed, io: CatalogueIo): string => parsed.values.as ?? io.username ?? operatingSystemUser();

const offerFormatOf = (option: string | undefined, mapped: 'csv' | 'geojson' | undefined, path: string): 'csv' | 'geojson' => {
  if (option !== undefined) {
    if (option !== 'csv' && option !== 'geojson') throw new UsageError(`--format must be csv or geojson for offers, not "${option}"`);
    return option;
  }
  const extension = extname(path).toLowerCase();
  if (extension === '.geojson' || extension === '.json') return 'geojson';
  if (extension === '.csv' || extension === '.txt') return 'csv';
  return mapped ?? 'csv';
};

/** Reads the mapping and the offer file, and maps the rows to records. */
const readOffers = async (parsed: Parsed): Promise<{ file: string; source: ImportSource; report: OfferImportReport }> => {
  const file = parsed.positionals[0]!;
  const mappingFile = parsed.values.mapping;
  if (mappingFile === undefined) throw new UsageError('import-offers needs --mapping <mapping.json>');
  let mappingText: string;
  let bytes: Buffer;
  try {
    mappingText = await readFile(mappingFile, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${mappingFile}: ${(error as Error).message}`);
  }
  const result = parseOfferMapping(mappingText);
  if ('errors' in result) throw new InputError(`${mappingFile} is not a valid mapping:\n${result.errors.map((line) => `  ${line}`).join('\n')}`);
  const { mapping } = result;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const format = offerFormatOf(parsed.values.format, mapping.input.format, file);
  const table = format === 'geojson' ? readGeoJsonRows(bytes.toString('utf8')) : readCsvRows(bytes, mapping.input);
  return { file, ...mapOffers(table, mapping) };
};

const reportColumns = (out: ProgressStream, report: OfferImportReport) => {
  const names = (columns: readonly string[]) => columns.map((column) => `"${column}"`).join(', ');
  if (report.unusedColumns.length > 0) out.write(`Columns the mapping does not use: ${names(report.unusedColumns)}\n`);
  if (report.missingColumns.length > 0) out.write(`Mapped columns missing from the file: ${names(report.missingColumns)}\n`);
};

/** Writes the open-data bundle of the published catalogue to a directory, or its JSON to stdout. */
const exportHsds = async (env: CatalogueEnv, io: CatalogueIo, clock: Clock, directory: string | undefined): Promise<number> => {
  const [{ toHsds }, { hsdsBundle, HSDS_JSON_FILE }, { loadPublication }] = await Promise.all([
    import('#shared/open-data/hsds-mapping.ts'),
    import('#shared/open-data/hsds-bundle.ts'),
    import('#shared/open-data/publication.ts'),
  ]);
  const store = await openStore(env, io, clock);
  try {
    const publication = loadPublication(env.REGION);
    const dataset = toHsds([...(await loadStored(store.repository)).values()], loadTaxonomy(env.REGION), clock.now());
    const files = hsdsBundle(dataset, publication, clock.now().toISOString());
    const summary = `${plural(dataset.services.length, 'service')} and ${plural(dataset.organizations.length, 'organization')} (HSDS 3.0, licence ${publication.licence.id})`;
    if (directory === undefined) {
      io.out.write(files.get(HSDS_JSON_FILE)!);
      io.err.write(`Exported ${summary} from ${store.description}.\n`);
      return 0;
    }
    await mkdir(directory, { recursive: true });
    for (const [name, text] of files) await writeFile(join(directory, name), text, 'utf8');
    io.out.write(`Exported ${summary} from ${store.description} to ${directory}: ${[...files.keys()].join(', ')}.\n`);
    return 0;
  } finally {
    await store.close();
  }
};

/** Runs one catalogue command; resolves to the process exit code. */
export const runCatalogue = async (argv: readonly string[], environment: NodeJS.ProcessEnv, io: CatalogueIo): Promise<number> => {
  const { out, err } = io;
  const clock = io.clock ?? systemClock;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.values.help) {
      out.write(USAGE);
      return 0;
    }
    const envResult = CatalogueEnv.safeParse(environment);
    if (!envResult.success) {
      for (const issue of envResult.error.issues) err.write(`Invalid ${issue.path.join('.') || 'environment'}: ${issue.message}\n`);
      return 2;
    }
    const env = envResult.data;
    const taxonomy = () => loadTaxonomy(env.REGION);

    switch (parsed.command) {
      case 'validate': {
        only(parsed, ['format'], 1);
        const { file, source } = await readInput(parsed);
        const validation = validateSource(source, taxonomy());
        if (validation.issues.length > 0) {
          reportIssues(out, validation.issues);
          out.write(`${file}: ${plural(invalidRecords(validation.issues), 'record')} of ${validation.total} invalid (${plural(validation.issues.length, 'problem')}).\n`);
          return 1;
        }
        out.write(`${file}: all ${plural(validation.total, 'record')} valid.\n`);
        return 0;
      }

      case 'import': {
        only(parsed, ['format', 'dry-run', 'as'], 1);
        const { file, source } = await readInput(parsed);
        return await importSource(file, source, { env, io, clock, taxonomy: taxonomy(), dryRun: parsed.values['dry-run'] === true, actor: `catalogue import (${who(parsed, io)})` });
      }

      case 'import-offers': {
        only(parsed, ['mapping', 'dry-run', 'format', 'as'], 1);
        const { file, source, report } = await readOffers(parsed);
        reportColumns(out, report);
        return await importSource(file, source, { env, io, clock, taxonomy: taxonomy(), dryRun: parsed.values['dry-run'] === true, actor: `offer import (${who(parsed, io)})` });
      }

      case 'export': {
        only(parsed, ['format', 'out'], 0);
        const target = parsed.values.out;
        if (parsed.values.format === 'hsds') return await exportHsds(env, io, clock, target);
        const format = formatOf(parsed.values.format, target);
        const store = await openStore(env, io, clock);
        try {
          const entries = [...(await loadStored(store.repository)).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
          const records = entries.map(toRecord);
          const text = format === 'csv' ? writeCsvRecords(records) : writeJsonRecords(records);
          if (target === undefined) {
            out.write(text);
            err.write(`Exported ${plural(records.length, 'entry', 'entries')} from ${store.description} as ${format.toUpperCase()}.\n`);
          } else {
            await writeFile(target, text, 'utf8');
            out.write(`Exported ${plural(records.length, 'entry', 'entries')} from ${store.description} to ${target} (${format.toUpperCase()}).\n`);
          }
          return 0;
        } finally {
          await store.close();
        }
      }

      case 'reindex': {
        only(parsed, [], 0);
        const { runReindex } = await import('./reindex.ts');
        return await runReindex(environment, out as typeof process.stdout, err as typeof process.stderr);
      }

      case '':
        throw new UsageError('name a command');
      default:
        throw new UsageError(`unknown command "${parsed.command}"`);
    }
  } catch (error) {
    return exitCodeFor(error, err, USAGE);
  }
};

runAsProgram(import.meta.url, 'catalogue', () => runCatalogue(process.argv.slice(2), process.env, { out: process.stdout, err: process.stderr }));
