/**
 * The signed-in session as the pages see it: who is signed in, and the CSRF token every POST form of a
 * cookie session must carry. renderPage provides it to the whole page, so a form only has to use
 * <PostForm> (or <CsrfField />) to be accepted when the visitor is signed in.
 */
import type { Context } from 'hono';
import { createContext, useContext, type Child } from 'hono/jsx';
import { EDITING_ROLES, FOLLOW_UP_ROLES } from '../../authorization/policies.ts';
import { CSRF_FIELD } from '../../authorization/session.ts';
import { hasRole, type Principal } from '#shared/domain/identity.ts';
import type { AppEnv } from '../../env.ts';

export type PageSession = { principal?: Principal | undefined; csrfToken?: string | undefined };

export const SessionContext = createContext<PageSession>({});

/** The session of a request, as set by the authentication middleware. */
export const sessionOf = (c: Context<AppEnv>): PageSession => ({ principal: c.var.principal, csrfToken: c.var.csrfToken });

/** True when the principal may use the editor pages. */
export const mayUseEditor = (principal: Principal | undefined): boolean => principal !== undefined && hasRole(principal, ...EDITING_ROLES);

/** True when the principal may read the follow-up pages. */
export const mayFollowUp = (principal: Principal | undefined): boolean => principal !== undefined && hasRole(principal, ...FOLLOW_UP_ROLES);

/** The hidden CSRF field, when the visitor has a cookie session (nothing otherwise). */
export const CsrfField = () => {
  const { csrfToken } = useContext(SessionContext);
  return csrfToken ? <input type="hidden" name={CSRF_FIELD} value={csrfToken} /> : null;
};

/** A POST form that carries the session's CSRF token. */
export const PostForm = (props: { action: string; class?: string; 'aria-label'?: string; 'aria-labelledby'?: string; novalidate?: boolean; children?: Child }) => {
  const { action, children, ...rest } = props;
  return (
    <form method="post" action={action} {...rest}>
      <CsrfField />
      {children}
    </form>
  );
};
