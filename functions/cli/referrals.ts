/**
 * `npm run referrals -- export|erase --number <organisation or personal identity number>`: the data
 * subject's rights over referrals. Export writes every referral held about the number, with its
 * history, as JSON; erase deletes those referrals (the anonymised statistics records stay) and
 * leaves an erasure record naming who ran it, when, how many referrals went and the request's
 * reference, nothing derived from the number. Works on the local store in DATA_DIR (in-process dynalite) or,
 * with TABLE_NAME and AWS_REGION, on the deployed table. Progress on stderr, the summary on stdout;
 * exit 0 done, 1 invalid input (a number that fails its check), 2 usage error.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ErasureRecord, maskOrganisationNumber, OrganisationNumberInput } from '#shared/domain/referral.ts';
import { systemClock, type Clock } from '#shared/ports/clock.ts';
import type { ReferralRepository } from '#shared/ports/referral-repository.ts';
import { exitCodeFor, InputError, plural, runAsProgram, UsageError } from './command-line.ts';
import { openTableStore, type TableStore } from './table-store.ts';
import { createWriteProgress, type ProgressStream } from './progress.ts';

export const ReferralsEnv = z.object({
  DATA_DIR: z.string().min(1).default('.data'),
  /** With AWS_REGION: the deployed table. Alone: the local table's name. */
  TABLE_NAME: z.string().min(3).optional(),
  AWS_REGION: z.string().min(1).optional(),
  /** Who runs the command, when --by is not given. */
  USER: z.string().trim().min(1).optional(),
});
export type ReferralsEnv = z.infer<typeof ReferralsEnv>;


export const USAGE = `Usage: npm run referrals -- <command> --number <number> [options]

  export --number <number> [--out <file>]
      Write every referral held about the organisation or personal identity number, with its
      history, as JSON (to stdout by default).
  erase --number <number> --reference <case> --by <name> [--dry-run]
      Delete every referral held about the number; the anonymised statistics stay. An erasure
      record names who ran it (--by, else $USER), when, how many, and the request's reference
      (--reference: the case in the registry), never the number.
      --dry-run counts what would be erased and changes nothing.

<number> is ten digits, such as 556123-4567 (the check digit is verified).
Store: the local one in DATA_DIR (default .data; stop \`npm start\` first), or the deployed
table when TABLE_NAME and AWS_REGION are set.
Exit codes: 0 done, 1 invalid number, 2 usage error.
`;

export type ReferralsIo = { out: ProgressStream; err: ProgressStream; clock?: Clock };

/** The deployed table or the local store, as the catalogue command opens it. */
const openStore = async (env: ReferralsEnv, clock: Clock, err: ProgressStream): Promise<TableStore<ReferralRepository>> => {
  const { DynamoReferralRepository } = await import('#shared/adapters/dynamodb/referral-repository.ts');
  const store = await openTableStore({ dataDir: env.DATA_DIR, tableName: env.TABLE_NAME, awsRegion: env.AWS_REGION, clock }, (client, table) => new DynamoReferralRepository(client, table, { clock }));
  for (const line of store.recovered) err.write(`${line}\n`);
  return store;
};

type Parsed = { command: string; values: { number?: string; out?: string; by?: string; reference?: string; 'dry-run'?: boolean; help?: boolean } };

const parseCommandLine = (argv: readonly string[]): Parsed => {
  try {
    const { positionals, values } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { number: { type: 'string' }, out: { type: 'string' }, by: { type: 'string' }, reference: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    return { command: positionals[0] ?? '', values };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
};

const only = (parsed: Parsed, allowed: readonly string[]) => {
  for (const [option, value] of Object.entries(parsed.values)) {
    if (value !== undefined && !allowed.includes(option)) throw new UsageError(`${parsed.command} takes no --${option}`);
  }
};

/** The number's ten digits; InputError naming what is wrong with it. */
const numberOf = (parsed: Parsed): string => {
  if (parsed.values.number === undefined) throw new UsageError(`${parsed.command} needs --number, such as --number 556123-4567`);
  const result = OrganisationNumberInput.safeParse(parsed.values.number);
  if (!result.success) throw new InputError(`--number "${parsed.values.number}" is not a valid organisation or personal identity number: ${result.error.issues[0]?.message ?? 'invalid'}. Nothing was read or changed.`);
  return result.data;
};

/** Runs the command; resolves to the exit code. */
export const runReferrals = async (argv: readonly string[], environment: NodeJS.ProcessEnv, io: ReferralsIo): Promise<number> => {
  const { out, err } = io;
  const clock = io.clock ?? systemClock;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.values.help) {
      out.write(USAGE);
      return 0;
    }
    const envResult = ReferralsEnv.safeParse(environment);
    if (!envResult.success) throw new UsageError(`invalid environment: ${envResult.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const env = envResult.data;

    switch (parsed.command) {
      case 'export': {
        only(parsed, ['number', 'out']);
        const digits = numberOf(parsed);
        const store = await openStore(env, clock, err);
        try {
          const referrals = (await store.repository.findByOrganisationNumber(digits)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
          const text = `${JSON.stringify({ exportedAt: clock.now().toISOString(), organisationNumber: digits, referrals }, null, 2)}\n`;
          const summary = `${plural(referrals.length, 'referral')} about ${maskOrganisationNumber(digits)} from ${store.description}`;
          if (parsed.values.out === undefined) {
            out.write(text);
            err.write(`Exported ${summary}.\n`);
          } else {
            await writeFile(parsed.values.out, text, { encoding: 'utf8', mode: 0o600 });
            out.write(`Exported ${summary} to ${parsed.values.out}.\n`);
          }
          return 0;
        } finally {
          await store.close();
        }
      }

      case 'erase': {
        only(parsed, ['number', 'by', 'reference', 'dry-run']);
        const digits = numberOf(parsed);
        const by = parsed.values.by?.trim() || env.USER;
        if (!by) throw new UsageError('erase needs --by <your name> (or USER in the environment): the erasure record names who ran it');
        const reference = parsed.values.reference?.trim();
        if (!reference && !parsed.values['dry-run']) throw new UsageError('erase needs --reference <case>: the erasure record names the request it carried out');
        const store = await openStore(env, clock, err);
        try {
          const found = await store.repository.findByOrganisationNumber(digits);
          const masked = maskOrganisationNumber(digits);
          if (parsed.values['dry-run']) {
            out.write(`Dry run: would erase ${plural(found.length, 'referral')} about ${masked} from ${store.description}${found.length > 0 ? `: ${found.map((r) => r.id).join(', ')}` : ''}. Nothing was changed.\n`);
            return 0;
          }
          const progress = createWriteProgress(err, 'Erasing', found.length);
          let erased = 0;
          for (const referral of found) {
            erased += await store.repository.erase([referral.id]);
            progress.update(erased);
          }
          progress.stop();
          const record = ErasureRecord.parse({ id: randomUUID(), by, at: clock.now().toISOString(), referrals: erased, reference });
          await store.repository.recordErasure(record);
          out.write(
            `Erased ${plural(erased, 'referral')} about ${masked} from ${store.description}; the anonymised statistics are kept.\n` +
              `Erasure record ${record.id}: by ${record.by} at ${record.at}, request ${record.reference}; the number is not recorded.\n`,
          );
        } finally {
          await store.close();
        }
        if (store.localPath !== undefined) {
          const { compactStore } = await import('../local/dynalite.ts');
          await compactStore(store.localPath);
          out.write('Compacted the local store: the erased referrals are no longer in its files on disk.\n');
        } else {
          out.write('DynamoDB has removed the erased items; point-in-time recovery backups keep them until they age out (35 days).\n');
        }
        return 0;
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

runAsProgram(import.meta.url, 'referrals', () => runReferrals(process.argv.slice(2), process.env, { out: process.stdout, err: process.stderr }));
