/**
 * Flags the actors whose referral intake address bounced for good or complained: each actor whose
 * `referralIntakeEmail` is one of the addresses gets `intakeEmailBounce`, in a new version written
 * conditionally on the one read (a concurrent edit is read again and retried) with an
 * 'intake-bounce' audit record, so editors see it and fix the address (which clears it).
 */
import { changedFields, type AuditRecord } from '#shared/domain/audit.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import { Entry, type EntryOf, type IntakeEmailBounce } from '#shared/domain/entry.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';

/** Who the audit trail names for a flag set from SES's feedback. */
export const MAIL_FEEDBACK_ACTOR = { subject: 'system:mail-feedback', name: 'SES mail feedback' } as const;

/** One address SES reported: a permanent bounce or a complaint, when it happened. */
export type IntakeFeedback = { address: string; reason: IntakeEmailBounce['reason']; at: string };

export type FlaggedActor = { id: string; version: number; address: string };

const ATTEMPTS = 3;
const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const createIntakeBounces = (deps: { entries: EntryRepository; clock: Clock }) => {
  const actorsAt = async (addresses: readonly string[]): Promise<EntryOf<'actor'>[]> => {
    const found: EntryOf<'actor'>[] = [];
    for await (const page of deps.entries.scan(500)) {
      for (const entry of page) {
        if (entry.kind === 'actor' && entry.referralIntakeEmail && addresses.some((address) => sameAddress(address, entry.referralIntakeEmail as string))) found.push(entry);
      }
    }
    return found;
  };

  /** Flags one actor, reading it again after a conflicting write; unchanged when it is flagged already or its address changed meanwhile. */
  const flag = async (actor: EntryOf<'actor'>, feedback: IntakeFeedback): Promise<FlaggedActor | undefined> => {
    let current: Entry | undefined = actor;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      if (current?.kind !== 'actor' || !current.referralIntakeEmail || !sameAddress(current.referralIntakeEmail, feedback.address)) return undefined;
      if (current.intakeEmailBounce?.address === current.referralIntakeEmail) return undefined;
      const after = Entry.parse({
        ...current,
        intakeEmailBounce: { at: feedback.at, reason: feedback.reason, address: current.referralIntakeEmail },
        version: current.version + 1,
        updatedAt: deps.clock.now().toISOString(),
      });
      const audit: AuditRecord = {
        entryId: after.id,
        version: after.version,
        at: after.updatedAt,
        actor: { ...MAIL_FEEDBACK_ACTOR },
        action: 'intake-bounce',
        changes: changedFields(current, after),
      };
      try {
        await deps.entries.save(after, audit);
        return { id: after.id, version: after.version, address: current.referralIntakeEmail };
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt === ATTEMPTS) throw error;
        current = await deps.entries.get(actor.id);
      }
    }
    return undefined;
  };

  return {
    /** Flags every actor whose intake address is among the feedback's; answers those flagged now. */
    async record(feedback: readonly IntakeFeedback[]): Promise<FlaggedActor[]> {
      if (feedback.length === 0) return [];
      const flagged: FlaggedActor[] = [];
      for (const actor of await actorsAt(feedback.map((f) => f.address))) {
        const matching = feedback.find((f) => sameAddress(f.address, actor.referralIntakeEmail as string));
        const result = matching && (await flag(actor, matching));
        if (result) flagged.push(result);
      }
      return flagged;
    },
  };
};
export type IntakeBounces = ReturnType<typeof createIntakeBounces>;
