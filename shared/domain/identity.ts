/** Who is asking: roles, the organisation an account belongs to, and the principal derived from a verified token. */
import { z } from 'zod';
import { EntryId } from './entry.ts';

export const ROLES = ['admin', 'editor', 'advisor', 'actor-staff', 'investment-promotion', 'follow-up'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Principal = z.strictObject({
  subject: z.string().min(1),
  name: z.string().min(1),
  roles: z.array(Role),
  /** The organisation (an actor entry) the account belongs to; required of actor staff. */
  organisationId: EntryId.optional(),
});
export type Principal = z.infer<typeof Principal>;

export const hasRole = (principal: Principal, ...roles: Role[]): boolean => principal.roles.some((r) => roles.includes(r));
