/** `GET /home`: where a signed-in person starts, by role: the editor for those who edit, referrals for advisors, else search. */
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { mayFollowUp, mayUseEditor } from '../components/session.tsx';
import { mayRefer } from '../referrals/refer-link.tsx';
import { readLang } from '../params.ts';
import { pageHref } from '../urls.ts';

export const homeHandler = () => (c: Context<AppEnv>) => {
  const { lang } = readLang(c.req.queries());
  const principal = c.var.principal;
  const path = mayUseEditor(principal) ? '/editor' : mayRefer(principal) ? '/referrals' : mayFollowUp(principal) ? '/follow-up' : '/';
  c.header('Cache-Control', 'no-store');
  return c.redirect(pageHref(path, lang), 303);
};
