/**
 * The editor workflow: create, update, publish, unpublish, archive and verify entries, and reserve,
 * release or take establishment offers, with optimistic concurrency on the version, object-level permissions and an audit record per change.
 */
import { changedFields, type AuditAction, type AuditRecord } from '#shared/domain/audit.ts';
import { Entry, EntryId, keepIntakeBounce, type EntryStatus, type OfferAvailability } from '#shared/domain/entry.ts';
import { EntryInput, slugFromName } from '#shared/domain/entry-input.ts';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableContentError, ValidationError } from '#shared/domain/errors.ts';
import { hasRole, type Principal } from '#shared/domain/identity.ts';
import { taxonomyIssues, type Taxonomy } from '#shared/domain/taxonomy.ts';
import { swedishDate, type Clock } from '#shared/ports/clock.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';

/**
 * Whether a principal may change an entry: admins anything; establishment offers only investment-promotion
 * staff; other kinds editors, and actor staff their own organisation and what it provides.
 */
export const mayEdit = (principal: Principal, entry: Pick<Entry, 'id' | 'kind' | 'providerId'>): boolean => {
  if (hasRole(principal, 'admin')) return true;
  if (entry.kind === 'establishment-offer') return hasRole(principal, 'investment-promotion');
  if (hasRole(principal, 'editor')) return true;
  const organisation = principal.organisationId;
  return hasRole(principal, 'actor-staff') && organisation !== undefined && (entry.id === organisation || entry.providerId === organisation);
};

export type EditorService = ReturnType<typeof createEditorService>;

/** An establishment offer's availability: available, reserved or taken, and from which date. */
export type OfferAvailabilityChange = { status: OfferAvailability; availableFrom?: string | undefined; reservedUntil?: string | undefined };

export const createEditorService = (deps: { entries: EntryRepository; taxonomy: Taxonomy; clock: Clock; freshnessDays: number }) => {
  const load = async (principal: Principal, id: EntryId): Promise<Entry> => {
    const entry = await deps.entries.get(id);
    if (!entry) throw new NotFoundError(`No entry has the id "${id}".`);
    if (!mayEdit(principal, entry)) throw new ForbiddenError(`You may not change "${entry.name.sv}".`);
    return entry;
  };

  const checkVersion = (entry: Entry, expectedVersion: number) => {
    if (entry.version !== expectedVersion) {
      throw new PreconditionFailedError(
        `"${entry.name.sv}" was changed by someone else while you edited it (you had version ${expectedVersion}, it is now version ${entry.version}). Reload it to see the changes; nothing was saved.`,
        [{ name: 'If-Match', reason: `stale version ${expectedVersion}; current is ${entry.version}` }],
      );
    }
  };

  const validate = (candidate: unknown): Entry => {
    const parsed = Entry.safeParse(candidate);
    if (!parsed.success) {
      throw new ValidationError('The entry is not valid.', parsed.error.issues.map((i) => ({ name: i.path.join('.') || '(entry)', reason: i.message })));
    }
    const issues = taxonomyIssues(parsed.data, deps.taxonomy);
    if (issues.length > 0) throw new ValidationError('The entry uses codes that are not in the taxonomy.', issues);
    return parsed.data;
  };

  const write = async (principal: Principal, before: Entry | undefined, after: Entry, action: AuditAction) => {
    const audit: AuditRecord = {
      entryId: after.id,
      version: after.version,
      at: after.updatedAt,
      actor: { subject: principal.subject, name: principal.name },
      action,
      changes: changedFields(before, after),
    };
    try {
      return await deps.entries.save(after, audit);
    } catch (error) {
      if (error instanceof ConflictError && before) checkVersion((await deps.entries.get(after.id)) ?? before, before.version);
      throw error;
    }
  };

  const next = (entry: Entry, changes: Partial<Entry>): Entry =>
    validate({ ...entry, ...changes, version: entry.version + 1, updatedAt: deps.clock.now().toISOString() });

  const transition = (status: EntryStatus, action: AuditAction) => async (principal: Principal, id: EntryId, expectedVersion: number) => {
    const entry = await load(principal, id);
    checkVersion(entry, expectedVersion);
    return write(principal, entry, next(entry, { status }), action);
  };

  const freeId = async (name: string): Promise<EntryId> => {
    const base = slugFromName(name).padEnd(3, '0');
    for (let n = 1; n < 100; n += 1) {
      const candidate = EntryId.parse(n === 1 ? base : `${base.slice(0, 76)}-${n}`);
      if (!(await deps.entries.get(candidate))) return candidate;
    }
    throw new ConflictError(`Too many entries are named like "${name}"; give an id.`);
  };

  return {
    mayEdit,
    freshnessDays: deps.freshnessDays,

    async get(principal: Principal, id: EntryId): Promise<Entry> {
      return load(principal, id);
    },

    async create(principal: Principal, input: EntryInput): Promise<Entry> {
      const now = deps.clock.now().toISOString();
      const id = input.id ?? (await freeId(input.name.sv));
      const candidate = validate({ ...input, id, status: 'draft', demo: false, version: 1, createdAt: now, updatedAt: now });
      if (!mayEdit(principal, candidate)) {
        throw new ForbiddenError('You may not create this entry: check its kind and provider.', [{ name: 'providerId', reason: 'must be your organisation' }]);
      }
      return write(principal, undefined, candidate, 'create');
    },

    async update(principal: Principal, id: EntryId, input: EntryInput, expectedVersion: number): Promise<Entry> {
      const entry = await load(principal, id);
      checkVersion(entry, expectedVersion);
      if (input.id !== undefined && input.id !== id) throw new ValidationError('The id of an entry cannot change.', [{ name: 'id', reason: `must be "${id}"` }]);
      if (input.kind !== entry.kind) throw new ValidationError('The kind of an entry cannot change.', [{ name: 'kind', reason: `must be "${entry.kind}"` }]);
      const { status, demo, createdAt, lastVerifiedAt } = entry;
      const updated = next(keepIntakeBounce(entry, { ...input, id, status, demo, createdAt, version: entry.version, updatedAt: entry.updatedAt, ...(lastVerifiedAt ? { lastVerifiedAt } : {}) } as Entry), {});
      if (!mayEdit(principal, updated)) throw new ForbiddenError('You may not move this entry out of your organisation.', [{ name: 'providerId', reason: 'must be your organisation' }]);
      if (changedFields(entry, updated).length === 0) return entry;
      return write(principal, entry, updated, 'update');
    },

    publish: transition('published', 'publish'),
    unpublish: transition('draft', 'unpublish'),
    archive: transition('archived', 'archive'),

    async verify(principal: Principal, id: EntryId, expectedVersion: number): Promise<Entry> {
      const entry = await load(principal, id);
      checkVersion(entry, expectedVersion);
      return write(principal, entry, next(entry, { lastVerifiedAt: deps.clock.now().toISOString() }), 'verify');
    },

    /** Reserves, releases or marks taken an establishment offer; 422 for any other kind of entry. */
    async setAvailability(principal: Principal, id: EntryId, availability: OfferAvailabilityChange, expectedVersion: number): Promise<Entry> {
      const entry = await load(principal, id);
      checkVersion(entry, expectedVersion);
      if (entry.kind !== 'establishment-offer') {
        throw new UnprocessableContentError(`"${entry.name.sv}" is not an establishment offer; only offers have an availability.`, [
          { name: 'kind', reason: `is "${entry.kind}"; must be "establishment-offer"` },
        ]);
      }
      const { status, availableFrom, reservedUntil } = availability;
      if (reservedUntil !== undefined) {
        if (status !== 'reserved') throw new ValidationError('Only a reservation has a date it holds until.', [{ name: 'reservedUntil', reason: 'only with status "reserved"' }]);
        if (reservedUntil <= swedishDate(deps.clock.now())) throw new ValidationError('A reservation holds until a date after today.', [{ name: 'reservedUntil', reason: 'must be after today' }]);
      }
      const establishmentOffer = {
        ...entry.establishmentOffer,
        availability: { status, ...(availableFrom === undefined ? {} : { availableFrom }), ...(reservedUntil === undefined ? {} : { reservedUntil }) },
      };
      if (JSON.stringify(establishmentOffer.availability) === JSON.stringify(entry.establishmentOffer.availability)) return entry;
      return write(principal, entry, next(entry, { establishmentOffer }), 'availability');
    },

    async history(principal: Principal, id: EntryId): Promise<AuditRecord[]> {
      await load(principal, id);
      return deps.entries.history(id);
    },

    /** The entries a principal may change, drafts and archived ones included, by name. */
    async editable(principal: Principal): Promise<Entry[]> {
      const mine: Entry[] = [];
      for await (const page of deps.entries.scan()) mine.push(...page.filter((entry) => mayEdit(principal, entry)));
      return mine.sort((a, b) => a.name.sv.localeCompare(b.name.sv, 'sv'));
    },

    /** Of the given entries, those not verified within the freshness period (or never), oldest first; archived ones left out. */
    dueForVerification(entries: readonly Entry[]): Entry[] {
      const cutoff = new Date(deps.clock.now().getTime() - deps.freshnessDays * 86_400_000).toISOString();
      return entries
        .filter((entry) => entry.status !== 'archived' && (entry.lastVerifiedAt === undefined || entry.lastVerifiedAt < cutoff))
        .sort((a, b) => (a.lastVerifiedAt ?? '').localeCompare(b.lastVerifiedAt ?? ''));
    },

    /** The entries a principal may change that are due for verification. */
    async verificationQueue(principal: Principal): Promise<Entry[]> {
      return this.dueForVerification(await this.editable(principal));
    },
  };
};
