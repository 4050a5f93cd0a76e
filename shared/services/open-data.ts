/**
 * The catalogue as open data: the published, currently valid entries as an HSDS 3.0 dataset, the
 * HSDS API's lists with its paging envelope and filters, and the licence every answer states.
 * Built from the table and kept per catalogue version: the mapped dataset is reused while the
 * catalogue's fingerprint (every entry's id and version, read without the items' bodies) and the
 * Swedish calendar day (validity) are unchanged, so a change in any process shows on the next request.
 * Measured at 2,000 entries: see README "Open data".
 */
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { swedishDate, type Clock } from '#shared/ports/clock.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import { toHsds, type HsdsDataset } from '#shared/open-data/hsds-mapping.ts';
import type { HsdsPage, HsdsService } from '#shared/open-data/hsds-schema.ts';
import type { Publication } from '#shared/open-data/publication.ts';
import type { Entry } from '#shared/domain/entry.ts';

export const HSDS_DEFAULT_PER_PAGE = 50;
export const HSDS_MAX_PER_PAGE = 200;

export type OpenDataService = {
  publication: Publication;
  dataset(): Promise<HsdsDataset>;
};

/** Every entry in the store, all statuses; the mapping keeps only what is public. */
export const allEntries = async (entries: Pick<EntryRepository, 'scan'>): Promise<Entry[]> => {
  const all: Entry[] = [];
  for await (const page of entries.scan(500)) all.push(...page);
  return all;
};

export const createOpenDataService = (deps: { entries: EntryRepository; taxonomy: Taxonomy; clock: Clock; publication: Publication }): OpenDataService => {
  let cached: { key: string; dataset: Promise<HsdsDataset> } | undefined;
  return {
    publication: deps.publication,
    async dataset() {
      const now = deps.clock.now();
      // The fingerprint is read before the scan: a change in between is at worst rebuilt once more.
      const key = `${swedishDate(now)}|${await deps.entries.catalogueVersion()}`;
      if (cached?.key !== key) {
        const building = { key, dataset: allEntries(deps.entries).then((all) => toHsds(all, deps.taxonomy, now)) };
        cached = building;
        building.dataset.catch(() => {
          if (cached === building) cached = undefined;
        });
      }
      return cached.dataset;
    },
  };
};

/** One page of `items` in the HSDS API's envelope; pages count from 1. */
export const hsdsPageOf = <T>(items: readonly T[], page: number, perPage: number): HsdsPage<T> => {
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const contents = items.slice((page - 1) * perPage, page * perPage);
  return {
    total_items: items.length,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
};

export type ServiceFilter = {
  search?: string | undefined;
  taxonomyTermId?: string | undefined;
  taxonomyId?: string | undefined;
  organizationId?: string | undefined;
  modifiedAfter?: string | undefined;
};

const fold = (text: string) => text.toLocaleLowerCase('sv');

/** The services the HSDS list parameters select: words in any text, a term or taxonomy, a provider, a change date. */
export const filterServices = (dataset: HsdsDataset, filter: ServiceFilter): HsdsService[] => {
  const words = filter.search === undefined ? [] : fold(filter.search).split(/\s+/).filter(Boolean);
  const since = filter.modifiedAfter === undefined ? undefined : Date.parse(filter.modifiedAfter);
  return dataset.services.filter((service) => {
    if (filter.organizationId !== undefined && service.organization_id !== filter.organizationId) return false;
    if (filter.taxonomyTermId !== undefined && !service.attributes.some((a) => a.taxonomy_term_id === filter.taxonomyTermId)) return false;
    if (filter.taxonomyId !== undefined && !service.attributes.some((a) => a.taxonomy_term?.taxonomy_id === filter.taxonomyId)) return false;
    if (since !== undefined && Date.parse(service.last_modified) < since) return false;
    if (words.length > 0) {
      const text = fold([service.name, service.alternate_name ?? '', service.description, ...service.attributes.map((a) => a.value ?? '')].join(' '));
      if (!words.every((word) => text.includes(word))) return false;
    }
    return true;
  });
};
