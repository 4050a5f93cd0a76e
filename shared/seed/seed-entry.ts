/** The shape of a seed record: an entry without its bookkeeping, published unless it says otherwise. */
import { z } from 'zod';
import { Actor, EntryStatus, EstablishmentOffer, Investor, Offering, Testbed } from '#shared/domain/entry.ts';

const bookkeeping = { version: true, createdAt: true, updatedAt: true, status: true, demo: true } as const;
const seedStatus = { status: EntryStatus.default('published') };

export const SeedEntry = z.discriminatedUnion('kind', [
  Actor.omit(bookkeeping).extend(seedStatus),
  Offering.omit(bookkeeping).extend(seedStatus),
  Testbed.omit(bookkeeping).extend(seedStatus),
  Investor.omit(bookkeeping).extend(seedStatus),
  EstablishmentOffer.omit(bookkeeping).extend(seedStatus),
]);
export type SeedEntry = z.infer<typeof SeedEntry>;
export const SeedCatalogue = z.array(SeedEntry);
