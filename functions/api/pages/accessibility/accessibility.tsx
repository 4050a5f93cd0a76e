/**
 * The accessibility statement (tillgänglighetsredogörelse, required by lag 2018:1937) and its problem
 * report: a plain POST form whose reports go to the structured log; no personal data is asked for.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { formBodyLimit } from '../body-limit.ts';
import { PostForm } from '../components/session.tsx';
import { badRequestPage } from '../errors.tsx';
import { renderPage } from '../layout.tsx';
import { messagesFor, type Messages } from '../messages/index.ts';
import { readLang } from '../params.ts';
import { pageHref } from '../urls.ts';

export const MAX_DESCRIPTION = 2000;
export const MAX_PAGE_FIELD = 500;
const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';

type ReportForm = { page: string; description: string };
type ReportErrors = Partial<Record<keyof ReportForm, string>>;

const Statement = (props: { t: Messages; form?: ReportForm; errors?: ReportErrors }) => {
  const { t } = props;
  const a = t.accessibility;
  const errors = props.errors ?? {};
  const errorList = (['description', 'page'] as const).filter((field) => errors[field]);
  const described = (field: keyof ReportForm, hint: string) => [hint, errors[field] ? `${field}-error` : ''].filter(Boolean).join(' ');
  return (
    <>
      <h1>{a.title}</h1>
      <p class="lead">{a.intro}</p>
      {a.sections.map((section) => (
        <>
          <h2>{section.heading}</h2>
          {section.paragraphs.map((p) => (
            <p>{p}</p>
          ))}
          {section.list && (
            <ul>
              {section.list.map((item) => (
                <li>{item}</li>
              ))}
            </ul>
          )}
        </>
      ))}
      <h2 id="report">{a.reportHeading}</h2>
      <p>{a.reportLead}</p>
      {errorList.length > 0 && (
        <div class="errors" role="alert" aria-labelledby="error-summary" tabindex={-1}>
          <h3 id="error-summary">{a.errorSummary}</h3>
          <ul>
            {errorList.map((field) => (
              <li>
                <a href={`#${field}`}>{errors[field]}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <PostForm action="/accessibility/report">
        <input type="hidden" name="lang" value={t.lang} />
        <p class="hint" id="privacy-hint">
          {a.reportNoPersonalData}
        </p>
        <div class="field">
          <label for="description">{a.reportDescription}</label>
          <p class="hint" id="description-hint">
            {a.reportDescriptionHint}
          </p>
          {errors.description && (
            <p class="error-message" id="description-error">
              {errors.description}
            </p>
          )}
          <textarea
            id="description"
            name="description"
            rows={6}
            required
            maxlength={MAX_DESCRIPTION}
            aria-describedby={described('description', 'description-hint privacy-hint')}
            aria-invalid={errors.description ? 'true' : undefined}
          >
            {props.form?.description ?? ''}
          </textarea>
        </div>
        <div class="field">
          <label for="page">{a.reportPage}</label>
          <p class="hint" id="page-hint">
            {a.reportPageHint}
          </p>
          {errors.page && (
            <p class="error-message" id="page-error">
              {errors.page}
            </p>
          )}
          <input
            type="text"
            id="page"
            name="page"
            value={props.form?.page ?? ''}
            maxlength={MAX_PAGE_FIELD}
            aria-describedby={described('page', 'page-hint')}
            aria-invalid={errors.page ? 'true' : undefined}
          />
        </div>
        <button type="submit">{a.reportSubmit}</button>
      </PostForm>
      <h2>{a.enforcementHeading}</h2>
      <p>{a.enforcementText}</p>
      <p>
        <a href={DIGG_REPORT_URL} hreflang="sv">
          {a.enforcementLink}
        </a>
      </p>
      <p class="meta">{a.updated}</p>
    </>
  );
};

export const statementHandler = () => (c: Context<AppEnv>) => {
  const { lang, issues } = readLang(c.req.queries());
  const t = messagesFor(lang);
  if (issues.length > 0) return badRequestPage(c, t, issues);
  return renderPage(c, { t, title: t.accessibility.title, current: 'accessibility' }, <Statement t={t} />);
};

/** Limits a report's body to 16 kB; a larger one gets a 413 page. */
export const reportBodyLimit = () => formBodyLimit(16 * 1024, { lang: 'sv' });

export const reportHandler = () => async (c: Context<AppEnv>) => {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  const lang = text('lang') === 'en' ? 'en' : 'sv';
  const t = messagesFor(lang);
  const form = { page: text('page'), description: text('description') };
  const errors: ReportErrors = {};
  if (form.description === '') errors.description = t.accessibility.descriptionMissing;
  else if (form.description.length > MAX_DESCRIPTION) errors.description = t.accessibility.descriptionTooLong;
  if (form.page.length > MAX_PAGE_FIELD) errors.page = t.accessibility.pageTooLong;
  const switchHref = pageHref('/accessibility', t.site.switchLang);
  if (Object.keys(errors).length > 0) {
    return renderPage(
      c,
      { t, title: t.accessibility.reportErrorTitle, status: 400, current: 'accessibility', switchHref },
      <Statement t={t} form={form} errors={errors} />,
    );
  }
  c.var.log?.info('accessibility report', { page: form.page, description: form.description, lang });
  return c.redirect(pageHref('/accessibility/thanks', lang), 303);
};

export const thanksHandler = () => (c: Context<AppEnv>) => {
  const { lang } = readLang(c.req.queries());
  const t = messagesFor(lang);
  return renderPage(
    c,
    { t, title: t.accessibility.thanksTitle, current: 'accessibility', cache: 'no-store' },
    <>
      <h1>{t.accessibility.thanksTitle}</h1>
      <p class="lead" role="status">
        {t.accessibility.thanksText}
      </p>
      <p>
        <a href={pageHref('/accessibility', lang)}>{t.accessibility.backToStatement}</a>
      </p>
    </>,
  );
};
