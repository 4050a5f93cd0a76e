/** The privacy notice for referrals (GET /privacy): what is held, why, who sees it, for how long, and the rights. Public, in Swedish and English. */
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { badRequestPage } from '../errors.tsx';
import { renderPage } from '../layout.tsx';
import { messagesFor } from '../messages/index.ts';
import { readLang } from '../params.ts';

export const privacyHandler = () => (c: Context<AppEnv>) => {
  const { lang, issues } = readLang(c.req.queries());
  const t = messagesFor(lang);
  if (issues.length > 0) return badRequestPage(c, t, issues);
  const p = t.privacy;
  return renderPage(
    c,
    { t, title: p.title, current: 'privacy' },
    <article class="privacy">
      <h1>{p.title}</h1>
      <p class="lead">{p.lead}</p>
      {p.sections.map((section, i) => (
        <section aria-labelledby={`privacy-${i}`}>
          <h2 id={`privacy-${i}`}>{section.heading}</h2>
          {section.paragraphs.map((paragraph) => (
            <p>{paragraph}</p>
          ))}
        </section>
      ))}
    </article>,
  );
};
