/**
 * Checks the demonstration seed catalogue `orebro-lan.json`:
 *   1. the file parses with `SeedCatalogue`;
 *   2. every record, given its bookkeeping (version 1, timestamps, demo), parses as an `Entry`;
 *   3. every record's codes are in the region taxonomy (`taxonomyIssues`);
 *   4. ids are unique and every `providerId` names an `actor` record in the file;
 *   5. the catalogue covers every kind, area, stage, municipality and focus level.
 * Prints coverage counts and exits non-zero on any problem.
 *
 * Run: `npx tsx shared/seed/check-seed.ts [path/to/seed.json]`
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Entry } from '#shared/domain/entry.ts';
import { Taxonomy, taxonomyIssues } from '#shared/domain/taxonomy.ts';
import { SeedCatalogue, SeedEntry } from '#shared/seed/seed-entry.ts';

const MIN_RECORDS = 90;
const seedPath = process.argv[2] ?? fileURLToPath(new URL('./orebro-lan.json', import.meta.url));
const taxonomyPath = fileURLToPath(new URL('../taxonomy/orebro-lan.json', import.meta.url));

const problems: string[] = [];
const warnings: string[] = [];
const problem = (where: string, message: string) => problems.push(`${where}: ${message}`);

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const taxonomyResult = Taxonomy.safeParse(readJson(taxonomyPath));
if (!taxonomyResult.success) {
  console.error(`taxonomy ${taxonomyPath} does not parse:\n${taxonomyResult.error.message}`);
  process.exit(1);
}
const taxonomy = taxonomyResult.data;

const raw = readJson(seedPath);
if (!Array.isArray(raw)) {
  problem(seedPath, 'not a JSON array');
  report();
}
const catalogueResult = SeedCatalogue.safeParse(raw);
let seeds: SeedEntry[] = [];
if (catalogueResult.success) {
  seeds = catalogueResult.data;
} else {
  // Name every failing record, then go on checking the records that do parse.
  const ids = raw.map((r: unknown) => (r && typeof r === 'object' && 'id' in r ? String(r.id) : '?'));
  for (const issue of catalogueResult.error.issues) {
    const [index, ...rest] = issue.path;
    const id = typeof index === 'number' ? ids[index] ?? '?' : '?';
    problem(`SeedCatalogue record ${String(index)} (${id})`, `${rest.map(String).join('.') || '(root)'}: ${issue.message}`);
  }
  seeds = raw.flatMap((r: unknown) => {
    const one = SeedEntry.safeParse(r);
    return one.success ? [one.data] : [];
  });
}

// ---- per-record checks ------------------------------------------------------------------
const now = new Date().toISOString();
const entries: Entry[] = [];
for (const seed of seeds) {
  const where = seed.id;
  const parsed = Entry.safeParse({ ...seed, version: 1, createdAt: now, updatedAt: now, demo: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problem(where, `Entry ${issue.path.map(String).join('.')}: ${issue.message}`);
    continue;
  }
  const entry = parsed.data;
  entries.push(entry);

  for (const issue of taxonomyIssues(entry, taxonomy)) problem(where, `taxonomy ${issue.name}: ${issue.reason}`);

  // Focus: a spearhead entry names its profile areas, a breadth entry names none.
  if (entry.focus.level === 'spearhead' && entry.focus.profileAreas.length === 0)
    problem(where, 'focus.level spearhead without profileAreas');
  if (entry.focus.level === 'breadth' && entry.focus.profileAreas.length > 0)
    problem(where, 'focus.level breadth with profileAreas');

  // Bilingual text: every name, summary and description has an English version.
  for (const field of ['name', 'summary', 'description'] as const)
    if (!entry[field].en) problem(where, `${field}.en missing`);

  if (entry.kind === 'establishment-offer') {
    const { municipality } = entry.establishmentOffer.location;
    if (entry.municipalities !== 'county' && !entry.municipalities.includes(municipality))
      problem(where, `establishmentOffer.location.municipality ${municipality} not among municipalities`);
  }
  if (entry.status === 'archived' && entry.validUntil === undefined)
    warnings.push(`${where}: archived without validUntil`);
}

// ---- catalogue-wide checks --------------------------------------------------------------
const seen = new Map<string, number>();
for (const seed of seeds) seen.set(seed.id, (seen.get(seed.id) ?? 0) + 1);
for (const [id, count] of seen) if (count > 1) problem(id, `id used ${count} times`);

const kindOf = new Map(seeds.map((s) => [s.id as string, s.kind]));
for (const seed of seeds) {
  if (seed.providerId === undefined) continue;
  const kind = kindOf.get(seed.providerId);
  if (kind === undefined) problem(seed.id, `providerId "${seed.providerId}" is not in the file`);
  else if (kind !== 'actor') problem(seed.id, `providerId "${seed.providerId}" is a ${kind}, not an actor`);
}

if (seeds.length < MIN_RECORDS) problem('catalogue', `${seeds.length} records, fewer than ${MIN_RECORDS}`);

// ---- coverage ---------------------------------------------------------------------------
type Counts = Map<string, number>;
const tally = (codes: readonly string[]): Counts => new Map(codes.map((c) => [c, 0]));
const bump = (counts: Counts, code: string) => counts.set(code, (counts.get(code) ?? 0) + 1);

const municipalityCodes = taxonomy.municipalities.map((m) => m.code);
const coverage = {
  kind: tally(taxonomy.kinds.map((t) => t.code)),
  area: tally(taxonomy.areas.map((t) => t.code)),
  stage: tally(taxonomy.stages.map((t) => t.code)),
  municipality: tally(municipalityCodes),
  supportType: tally(taxonomy.supportTypes.map((t) => t.code)),
  focus: tally(taxonomy.focus.levels.map((t) => t.code)),
  profileArea: tally(taxonomy.focus.profileAreas.map((t) => t.code)),
  status: tally(['published', 'draft', 'archived']),
};
for (const e of entries) {
  bump(coverage.kind, e.kind);
  e.areas.forEach((a) => bump(coverage.area, a));
  e.stages.forEach((s) => bump(coverage.stage, s));
  (e.municipalities === 'county' ? municipalityCodes : e.municipalities).forEach((m) => bump(coverage.municipality, m));
  e.supportTypes.forEach((s) => bump(coverage.supportType, s));
  bump(coverage.focus, e.focus.level);
  e.focus.profileAreas.forEach((p) => bump(coverage.profileArea, p));
  bump(coverage.status, e.status);
}

const municipalityName = new Map(taxonomy.municipalities.map((m) => [m.code, m.name]));
console.log(`${seedPath}\n${raw.length} records in file (${seeds.length} parse as SeedEntry, ${entries.length} as Entry)\n`);
for (const [facet, counts] of Object.entries(coverage)) {
  console.log(`${facet}:`);
  for (const [code, count] of counts) {
    const label = facet === 'municipality' ? ` ${municipalityName.get(code)}` : '';
    console.log(`  ${(code + label).padEnd(34)} ${String(count).padStart(4)}`);
  }
}
const countyWide = entries.filter((e) => e.municipalities === 'county').length;
console.log(`  (municipality counts include ${countyWide} county-wide records)\n`);

const required = ['kind', 'area', 'stage', 'municipality', 'focus'] as const;
for (const facet of required)
  for (const [code, count] of coverage[facet]) if (count === 0) problem('coverage', `no record for ${facet} "${code}"`);
for (const [code, count] of coverage.supportType) if (count === 0) warnings.push(`coverage: no record for supportType "${code}"`);

report();

function report(): never {
  for (const w of warnings) console.log(`warning  ${w}`);
  if (problems.length > 0) {
    for (const p of problems) console.error(`problem  ${p}`);
    console.error(`\n${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log('seed catalogue OK');
  process.exit(0);
}
