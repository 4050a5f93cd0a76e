/**
 * What an editor may set on an entry: every field but its bookkeeping. Strict, so an unknown or
 * forbidden field (status, version, demo, …) is refused rather than ignored.
 */
import { z } from 'zod';
import { Actor, EntryId, EstablishmentOffer, Investor, Offering, Testbed } from './entry.ts';

const managed = { id: true, version: true, createdAt: true, updatedAt: true, status: true, demo: true, lastVerifiedAt: true } as const;
const optionalId = { id: EntryId.optional() };

export const EntryInput = z.discriminatedUnion('kind', [
  Actor.omit({ ...managed, intakeEmailBounce: true }).extend(optionalId),
  Offering.omit(managed).extend(optionalId),
  Testbed.omit(managed).extend(optionalId),
  Investor.omit(managed).extend(optionalId),
  EstablishmentOffer.omit(managed).extend(optionalId),
]);
export type EntryInput = z.infer<typeof EntryInput>;

/** A readable id from a name: lower-case ASCII words joined by hyphens. */
export const slugFromName = (name: string): string =>
  name
    .toLocaleLowerCase('sv')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
