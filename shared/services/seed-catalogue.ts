/** Loads the demonstration catalogue into an empty store, marking every record as demonstration data. */
import { Entry } from '#shared/domain/entry.ts';
import { ValidationError } from '#shared/domain/errors.ts';
import { taxonomyIssues, type Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import { SeedCatalogue } from '#shared/seed/seed-entry.ts';

/** Validates seed records against the schema and the taxonomy and stamps them as version 1 demonstration entries. */
export const seedEntries = (records: unknown, taxonomy: Taxonomy, now: Date): Entry[] => {
  const stamp = now.toISOString();
  return SeedCatalogue.parse(records).map((record, index) => {
    const entry = Entry.parse({ ...record, demo: true, version: 1, createdAt: stamp, updatedAt: stamp });
    const issues = taxonomyIssues(entry, taxonomy);
    if (issues.length > 0) {
      throw new ValidationError(`Seed record ${index} (${entry.id}) uses codes outside the taxonomy.`, issues);
    }
    return entry;
  });
};

export const seedIfEmpty = async (
  deps: { entries: EntryRepository; taxonomy: Taxonomy; clock: Clock },
  records: unknown,
): Promise<number> => {
  if (!(await deps.entries.isEmpty())) return 0;
  const entries = seedEntries(records, deps.taxonomy, deps.clock.now());
  for (const entry of entries) await deps.entries.save(entry);
  return entries.length;
};
