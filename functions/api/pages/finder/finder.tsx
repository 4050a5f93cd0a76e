/**
 * The guided finder ("Hitta rätt stöd"): one question per page — stage, need, municipality, sector —
 * each skippable, answers carried in the URL, ending on a result page that says what was answered
 * (each answer with "Ändra") and lists support ranked by fit with every answer.
 */
import type { Context } from 'hono';
import { STAGES } from '#shared/domain/entry.ts';
import { SearchQuery } from '#shared/domain/search.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { swedishDate } from '#shared/ports/clock.ts';
import type { SearchResponse } from '#shared/services/search.ts';
import { HitList } from '../components/hit-list.tsx';
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

/**
 * The search the answers stand for on the search page: the need and the municipality (county-wide
 * support included) as filters, and the stage; "other" sector keeps breadth support.
 */
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

/** How many results the finder lists; the search page has the rest. */
export const FINDER_RESULTS = 20;

/**
 * The finder's own search: the need and the municipality filter (a wrong need or place does not help);
 * the stage, the profile area and the municipality as its own door rank, so entries matching more
 * answers come first, the municipality's own before county-wide ones.
 */
export const answersToQuery = (answers: Answers, lang: SearchState['lang'], today: string): SearchQuery => {
  const { filters } = answersToSearch(answers, lang);
  const profileArea = answers.sector && answers.sector !== OTHER_SECTOR ? [answers.sector] : undefined;
  return SearchQuery.parse({
    q: '',
    filters: { ...filters, stage: [] },
    pageSize: FINDER_RESULTS,
    language: lang,
    today,
    prefer: {
      ...(answers.stage ? { stage: [answers.stage] } : {}),
      ...(profileArea ? { profileArea } : {}),
      ...(answers.municipality ? { municipality: [answers.municipality] } : {}),
    },
  });
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

/** An answer in a word or two: the stage, the need's short name, the municipality, the profile area or "other". */
const shortAnswer = (step: Step, value: string, t: Messages, taxonomy: Taxonomy): string => {
  switch (step) {
    case 'stage': return taxonomy.stages.find((s) => s.code === value)?.label[t.lang] ?? value;
    case 'need': return t.finder.needShort[value as NeedCode];
    case 'municipality': return taxonomy.municipalities.find((m) => m.code === value)?.name ?? value;
    case 'sector': return value === OTHER_SECTOR ? t.finder.sector.other : (taxonomy.focus.profileAreas.find((p) => p.code === value)?.label[t.lang] ?? value);
  }
};

const Result = (props: { t: Messages; taxonomy: Taxonomy; answers: Answers; response: SearchResponse }) => {
  const { t, taxonomy, answers, response } = props;
  const answered = STEPS.filter((s) => answers[s] !== undefined);
  return (
    <>
      <p class="back">
        <a href={finderHref('sector', answers, t.lang)}>← {t.finder.back}</a>
      </p>
      <h1>{t.finder.resultTitle}</h1>
      <section class="answers" aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t.finder.answersHeading}</h2>
        {answered.length === 0 ? (
          <p>{t.finder.noAnswers}</p>
        ) : (
          <p class="answer-summary">{answered.map((s) => shortAnswer(s, answers[s]!, t, taxonomy)).join(' · ')}</p>
        )}
        <dl class="facts">
          {STEPS.map((s) => (
            <div>
              <dt>{t.finder.answerLabel[s]}</dt>
              <dd>
                {answers[s] !== undefined ? shortAnswer(s, answers[s]!, t, taxonomy) : '–'}{' '}
                <a href={finderHref(s, answers, t.lang)}>
                  {t.finder.change}
                  <span class="vh">: {t.finder[s].question}</span>
                </a>
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section id="results" class="results" aria-labelledby="results-heading">
        <h2 id="results-heading">{t.search.resultsHeading}</h2>
        <p class="lead">{t.finder.resultLead}</p>
        <p role="status" class="result-count">
          {t.finder.resultCount(response.total)}
        </p>
        {response.hits.length > 0 ? <HitList hits={response.hits} t={t} taxonomy={taxonomy} showWhy={true} /> : <p>{t.finder.noResults}</p>}
        <p>
          <a href={searchHref(answersToSearch(answers, t.lang), 'results')}>{t.finder.onSearchPage}</a>
        </p>
      </section>
    </>
  );
};

/**
 * The end of the finder, a shareable URL: what was answered, each answer with "Ändra", and support
 * ranked by fit with every answer (see answersToQuery), each hit with why it fits.
 */
export const finderResultHandler = (deps: AppDeps) => async (c: Context<AppEnv>) => {
  const queries = c.req.queries();
  const { lang, issues: langIssues } = readLang(queries);
  const t = messagesFor(lang);
  const { answers, issues } = parseAnswers(queries, t, deps.taxonomy);
  if (langIssues.length + issues.length > 0) return badRequestPage(c, t, [...langIssues, ...issues]);
  for (const [step, answer] of Object.entries(answers)) deps.demand.finder(step, answer);
  const response = await deps.search.search(answersToQuery(answers, lang, swedishDate(deps.clock.now())));
  const explained: SearchResponse = { ...response, hits: response.hits.map((hit) => withAnswersMet(hit, answers)) };
  return renderPage(c, { t, title: t.finder.resultTitle, current: 'finder' }, <Result t={t} taxonomy={deps.taxonomy} answers={answers} response={explained} />);
};

type Hit = SearchResponse['hits'][number];

/** A hit with the ranking answers it meets (stage, profile area) among its reasons, beside the filters it meets. */
const withAnswersMet = (hit: Hit, answers: Answers): Hit => {
  const stage = answers.stage && hit.facets.stage.includes(answers.stage) ? [{ facet: 'stage' as const, values: [answers.stage] }] : [];
  const profileArea = answers.sector && hit.profileAreas?.includes(answers.sector) ? [{ dimension: 'profileArea' as const, values: [answers.sector] }] : [];
  return {
    ...hit,
    matchedFilters: [...stage, ...hit.matchedFilters],
    matchedTerms: profileArea.length > 0 ? [...hit.matchedTerms, { term: '', fields: [], meets: profileArea }] : hit.matchedTerms,
  };
};
