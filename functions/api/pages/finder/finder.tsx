/**
 * The guided finder ("Hitta rätt stöd"): one question per page — stage, need, municipality, sector —
 * each skippable, answers carried in the URL, ending on the search page with the answers as filters.
 */
import type { Context } from 'hono';
import { STAGES } from '#shared/domain/entry.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import { badRequestPage, notFoundPage } from '../errors.tsx';
import { renderPage } from '../layout.tsx';
import { messagesFor, type Messages } from '../messages/index.ts';
import { readChoice, readLang, type ParamIssue, type Queries } from '../params.ts';
import { finderHref, noFilters, searchHref, type SearchState } from '../urls.ts';
import { NEED_CODES, NEED_FILTERS, type NeedCode } from './needs.ts';

export const STEPS = ['stage', 'need', 'municipality', 'sector'] as const;
export type Step = (typeof STEPS)[number];
export type Answers = Partial<Record<Step, string>>;

/** The answer a company outside the profile areas gives; it narrows the search to breadth support. */
export const OTHER_SECTOR = 'other';

const isStep = (value: string): value is Step => (STEPS as readonly string[]).includes(value);

const options = (step: Step, t: Messages, taxonomy: Taxonomy): { value: string; label: string }[] => {
  switch (step) {
    case 'stage':
      return STAGES.map((s) => ({ value: s, label: t.finder.stage.options[s] }));
    case 'need':
      return NEED_CODES.map((n) => ({ value: n, label: t.finder.need.options[n] }));
    case 'municipality':
      return taxonomy.municipalities
        .map((m) => ({ value: m.code, label: m.name }))
        .sort((a, b) => a.label.localeCompare(b.label, t.locale));
    case 'sector':
      return [
        ...taxonomy.focus.profileAreas.map((p) => ({ value: p.code, label: p.label[t.lang] })),
        { value: OTHER_SECTOR, label: t.finder.sector.other },
      ];
  }
};

const parseAnswers = (queries: Queries, t: Messages, taxonomy: Taxonomy): { answers: Answers; issues: ParamIssue[] } => {
  const answers: Answers = {};
  const issues: ParamIssue[] = [];
  for (const step of STEPS) {
    const read = readChoice(queries, step, options(step, t, taxonomy).map((o) => o.value));
    if (read.value !== undefined) answers[step] = read.value;
    issues.push(...read.issues);
  }
  return { answers, issues };
};

/** The search the answers stand for. A profile-area sector keeps spearhead and breadth support; "other" keeps breadth. */
export const answersToSearch = (answers: Answers, lang: SearchState['lang']): SearchState => {
  const filters = noFilters();
  if (answers.stage) filters.stage = [answers.stage];
  if (answers.need) {
    const need = NEED_FILTERS[answers.need as NeedCode];
    filters[need.facet] = [...need.values];
  }
  if (answers.municipality) filters.municipality = [answers.municipality];
  if (answers.sector === OTHER_SECTOR) filters.focus = ['breadth'];
  return { q: '', filters, page: 1, lang };
};

const without = (answers: Answers, step: Step): Answers => Object.fromEntries(Object.entries(answers).filter(([k]) => k !== step));

const Intro = (props: { t: Messages }) => {
  const { t } = props;
  return (
    <>
      <h1>{t.finder.title}</h1>
      <p class="lead">{t.finder.intro}</p>
      <ul>
        {t.finder.howItWorks.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <p>
        <a class="button" href={finderHref('stage', {}, t.lang)}>
          {t.finder.start}
        </a>
      </p>
    </>
  );
};

const StepPage = (props: { t: Messages; taxonomy: Taxonomy; step: Step; answers: Answers }) => {
  const { t, taxonomy, step, answers } = props;
  const index = STEPS.indexOf(step);
  const next = STEPS[index + 1];
  const previous = STEPS[index - 1];
  const question = t.finder[step];
  const hintId = `${step}-hint`;
  const answered = STEPS.filter((s) => s !== step && answers[s] !== undefined);
  return (
    <>
      <p class="back">
        <a href={finderHref(previous, answers, t.lang)}>← {t.finder.back}</a>
      </p>
      <form method="get" action={next ? `/finder/${next}` : '/finder/result'}>
        {t.lang === 'en' && <input type="hidden" name="lang" value="en" />}
        {STEPS.filter((s) => s !== step && answers[s] !== undefined).map((s) => (
          <input type="hidden" name={s} value={answers[s]} />
        ))}
        <fieldset class="question" aria-describedby={hintId}>
          <legend>
            <span class="steps-meta">{t.finder.stepOf(index + 1, STEPS.length)}</span>
            <h1>{question.question}</h1>
          </legend>
          <p class="hint" id={hintId}>
            {question.hint}
          </p>
          {options(step, t, taxonomy).map((option) => {
            const id = `${step}-${option.value}`;
            return (
              <div class="radio">
                <input type="radio" id={id} name={step} value={option.value} checked={answers[step] === option.value} />
                <label for={id}>{option.label}</label>
              </div>
            );
          })}
        </fieldset>
        <div class="actions">
          <button type="submit">{next ? t.finder.next : t.finder.showResults}</button>
          <a href={finderHref(next ?? 'result', without(answers, step), t.lang)}>{t.finder.skip}</a>
        </div>
      </form>
      {answered.length > 0 && (
        <section class="answers" aria-labelledby="answers-heading">
          <h2 id="answers-heading">{t.finder.yourAnswers}</h2>
          <dl class="facts">
            {answered.map((s) => (
              <div>
                <dt>{t.finder[s].question}</dt>
                <dd>
                  {options(s, t, taxonomy).find((o) => o.value === answers[s])?.label}{' '}
                  <a href={finderHref(s, answers, t.lang)}>
                    {t.finder.change}
                    <span class="vh">: {t.finder[s].question}</span>
                  </a>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </>
  );
};

export const finderIntroHandler = () => (c: Context<AppEnv>) => {
  const { lang, issues } = readLang(c.req.queries());
  const t = messagesFor(lang);
  if (issues.length > 0) return badRequestPage(c, t, issues);
  return renderPage(c, { t, title: t.finder.title, current: 'finder' }, <Intro t={t} />);
};

export const finderStepHandler = (deps: AppDeps) => (c: Context<AppEnv>) => {
  const queries = c.req.queries();
  const { lang, issues: langIssues } = readLang(queries);
  const t = messagesFor(lang);
  const step = c.req.param('step') ?? '';
  if (!isStep(step)) return notFoundPage(c, t);
  const { answers, issues } = parseAnswers(queries, t, deps.taxonomy);
  if (langIssues.length + issues.length > 0) return badRequestPage(c, t, [...langIssues, ...issues]);
  return renderPage(
    c,
    { t, title: `${t.finder[step].question} (${t.finder.stepOf(STEPS.indexOf(step) + 1, STEPS.length)})`, current: 'finder' },
    <StepPage t={t} taxonomy={deps.taxonomy} step={step} answers={answers} />,
  );
};

/** The end of the finder: a redirect to the search page with the answers as filters (a shareable URL). */
export const finderResultHandler = (deps: AppDeps) => (c: Context<AppEnv>) => {
  const queries = c.req.queries();
  const { lang, issues: langIssues } = readLang(queries);
  const t = messagesFor(lang);
  const { answers, issues } = parseAnswers(queries, t, deps.taxonomy);
  if (langIssues.length + issues.length > 0) return badRequestPage(c, t, [...langIssues, ...issues]);
  for (const [step, answer] of Object.entries(answers)) deps.demand.finder(step, answer);
  return c.redirect(searchHref(answersToSearch(answers, lang)), 303);
};
