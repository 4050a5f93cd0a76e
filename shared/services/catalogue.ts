/** Public read access to the catalogue: an entry is visible when it is published and currently valid. */
import { isPubliclyVisible, type Entry, type EntryId } from '#shared/domain/entry.ts';
import { NotFoundError } from '#shared/domain/errors.ts';
import { swedishDate, type Clock } from '#shared/ports/clock.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';

export type CatalogueService = {
  getPublished(id: EntryId): Promise<Entry>;
};

export const createCatalogueService = (deps: { entries: EntryRepository; clock: Clock }): CatalogueService => ({
  async getPublished(id) {
    const entry = await deps.entries.get(id);
    if (!entry || !isPubliclyVisible(entry, swedishDate(deps.clock.now()))) {
      throw new NotFoundError(`No published entry has the id "${id}".`);
    }
    return entry;
  },
});
