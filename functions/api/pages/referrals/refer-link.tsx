/**
 * Who may refer, and the entry page's "Refer a company here" box: shown to signed-in referring roles
 * on an actor's page and on entries with a provider (the organisation that receives the referral).
 */
import { useContext } from 'hono/jsx';
import type { Entry } from '#shared/domain/entry.ts';
import { hasRole, type Principal } from '#shared/domain/identity.ts';
import { REFERRING_ROLES } from '../../authorization/policies.ts';
import { SessionContext } from '../components/session.tsx';
import type { Messages } from '../messages/index.ts';
import { referralHref } from './referral-urls.ts';

/** True when the principal may refer companies and follow referrals. */
export const mayRefer = (principal: Principal | undefined): boolean => principal !== undefined && hasRole(principal, ...REFERRING_ROLES);

/** True when a referral to this entry has an organisation to receive it. */
export const canReceiveReferrals = (entry: Pick<Entry, 'kind' | 'providerId'>): boolean => entry.kind === 'actor' || entry.providerId !== undefined;

export const ReferLink = (props: { t: Messages; entry: Entry }) => {
  const { principal } = useContext(SessionContext);
  if (!mayRefer(principal) || !canReceiveReferrals(props.entry)) return null;
  const m = props.t.referrals;
  return (
    <section class="side-box refer-box" aria-labelledby="refer-heading">
      <h2 id="refer-heading">{m.nav}</h2>
      <p id="refer-hint">{m.referHereHint}</p>
      <p>
        <a class="button" href={referralHref(`/entries/${encodeURIComponent(props.entry.id)}/refer`, props.t.lang)} aria-describedby="refer-hint">
          {m.referHere}
        </a>
      </p>
    </section>
  );
};
