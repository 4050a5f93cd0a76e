/** The start and search page: query box, facet filters with counts, results with reasons, pagination. */
import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import { FACETS, type Facet, type Taxonomy } from '#shared/domain/taxonomy.ts';
import type { FacetValue, SearchResponse } from '#shared/services/search.ts';
import { HitList } from '../components/hit-list.tsx';
import { Pagination } from '../components/pagination.tsx';
import { compareLabels, termLabel } from '../format.ts';
import { renderPage } from '../layout.tsx';
import type { Messages } from '../messages/index.ts';
import { pageHref, searchHref, selectedCount, type SearchState } from '../urls.ts';
import type { EmptyHelp } from './search.handler.ts';

export type SearchPageModel = {
  t: Messages;
  taxonomy: Taxonomy;
  state: SearchState;
  response: SearchResponse;
  help?: EmptyHelp | undefined;
};

/** Municipalities read best alphabetically; other facets keep the taxonomy's order. */
const ordered = (facet: Facet, values: readonly FacetValue[], t: Messages) =>
  facet === 'municipality' ? [...values].sort((a, b) => compareLabels(a.label[t.lang], b.label[t.lang], t)) : values;

/** One value's checkbox, as an HTML template: the panel holds a few dozen of them on every page. */
const facetOption = (facet: Facet, value: FacetValue, t: Messages) => {
  const id = `f-${facet}-${value.value}`;
  return html`<li><input type="checkbox" id="${id}" name="${facet}" value="${value.value}"${value.selected ? raw(' checked=""') : ''}/><label for="${id}">${value.label[t.lang]} <span class="count">(${value.count})</span></label></li>`;
};

const Facets = (props: { t: Messages; response: SearchResponse; selected: number }) => {
  const { t, response } = props;
  return (
    <section class="filters-panel" aria-labelledby="filters-heading">
      <h2 id="filters-heading">{t.search.filtersHeading}</h2>
      <details class="filters" open>
        <summary>{t.search.filtersToggle(props.selected)}</summary>
        {FACETS.map((facet) => (
          <fieldset>
            <legend>{t.search.facetLegend[facet]}</legend>
            <ul class="checks">{ordered(facet, response.facets[facet], t).map((value) => facetOption(facet, value, t))}</ul>
          </fieldset>
        ))}
        <button type="submit" class="secondary">
          {t.search.applyFilters}
        </button>
      </details>
    </section>
  );
};

const SelectedFilters = (props: { t: Messages; taxonomy: Taxonomy; state: SearchState }) => {
  const { t, taxonomy, state } = props;
  const chips = FACETS.flatMap((facet) =>
    state.filters[facet].map((value) => ({
      label: `${t.search.facetLegend[facet]}: ${termLabel(taxonomy, facet, value, t.lang)}`,
      href: searchHref({ ...state, page: 1, filters: { ...state.filters, [facet]: state.filters[facet].filter((v) => v !== value) } }, 'results'),
    })),
  );
  if (chips.length === 0 && !state.q) return null;
  return (
    <ul class="chips">
      {chips.length > 0 && <li>{t.search.selectedFilters}</li>}
      {chips.map((chip) => (
        <li>
          <a href={chip.href}>
            <span class="vh">{t.search.removeFilter} </span>
            {chip.label} <span aria-hidden="true">✕</span>
          </a>
        </li>
      ))}
      <li class="clear">
        <a href={pageHref('/', t.lang)}>{t.search.clearAll}</a>
      </li>
    </ul>
  );
};

const Interpreted = (props: { t: Messages; taxonomy: Taxonomy; read: NonNullable<SearchResponse['reading']>['filters'] }) => {
  const { t, taxonomy } = props;
  return (
    <div class="notice">
      <p>{t.search.interpretedIntro}</p>
      <ul>
        {props.read.map((r) => (
          <li>{t.search.interpretedAs(r.words, `${t.search.facetLegend[r.facet]}: ${termLabel(taxonomy, r.facet, r.value, t.lang)}`)}</li>
        ))}
      </ul>
    </div>
  );
};

const Empty = (props: { t: Messages; taxonomy: Taxonomy; help: EmptyHelp }) => {
  const { t, help } = props;
  return (
    <>
      <div class="empty">
        <h3>{t.search.emptyHeading}</h3>
        {help.suggestions.length > 0 ? (
          <>
            <p>{t.search.emptyLead}</p>
            <ul>
              {help.suggestions.map((s) => (
                <li>
                  <a href={s.href}>{s.label}</a> ({t.search.wouldGive(s.count)})
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>
            {t.search.noSuggestion} <a href={pageHref('/', t.lang)}>{t.search.clearAll}</a>
          </p>
        )}
      </div>
      {help.routers.length > 0 && (
        <section aria-labelledby="routers-heading">
          <h3 id="routers-heading">{help.routerAreas ? t.search.routersHeadingArea(help.routerAreas) : t.search.routersHeading}</h3>
          <p>{t.search.routersLead}</p>
          <HitList hits={help.routers} t={t} taxonomy={props.taxonomy} headingLevel={4} idPrefix="router" />
        </section>
      )}
    </>
  );
};

export const renderSearchPage = (c: Context, model: SearchPageModel) => {
  const { t, taxonomy, state, response } = model;
  const selected = selectedCount(state.filters);
  const searched = selected > 0 || state.q !== '';
  const outOfRange = response.total > 0 && response.hits.length === 0;
  const from = (response.page - 1) * response.pageSize + 1;
  const to = from + response.hits.length - 1;
  const interpreted = response.reading?.filters ?? [];
  return renderPage(
    c,
    { t, title: searched ? t.search.resultsTitle(response.total) : t.search.title, current: 'search' },
    <>
      <h1>{t.search.heading}</h1>
      <p class="lead">{t.search.intro}</p>
      <p class="finder-prompt">
        {t.search.finderPrompt} <a href={pageHref('/finder', t.lang)}>{t.search.finderLink}</a>
      </p>
      <p class="finder-prompt">
        {t.offers.startPrompt} <a href={pageHref('/establish', t.lang)}>{t.offers.nav}</a>
      </p>
      <form method="get" action="/#results" class="search-form">
        {t.lang === 'en' && <input type="hidden" name="lang" value="en" />}
        <div role="search" class="query">
          <label class="query-label" for="q">
            {t.search.queryLabel}
          </label>
          <p class="hint" id="q-hint">
            {t.search.queryHint}
          </p>
          <div class="query-input">
            <input type="search" id="q" name="q" value={state.q} maxlength={200} aria-describedby="q-hint" autocomplete="off" />
            <button type="submit">{t.search.submit}</button>
          </div>
        </div>
        <div class="search-layout">
          <Facets t={t} response={response} selected={selected} />
          <section id="results" class="results" aria-labelledby="results-heading" tabindex={-1}>
            <h2 id="results-heading">{t.search.resultsHeading}</h2>
            <p role="status" class="result-count">
              {t.search.count(response.total)}
              {response.hits.length > 0 && <span class="count"> {t.search.range(from, to, response.total)}</span>}
            </p>
            <SelectedFilters t={t} taxonomy={taxonomy} state={state} />
            {interpreted.length > 0 && <Interpreted t={t} taxonomy={taxonomy} read={interpreted} />}
            {interpreted.length === 0 && response.relaxed && response.total > 0 && <p class="notice">{t.search.relaxedNotice}</p>}
            {response.hits.length > 0 && <HitList hits={response.hits} t={t} taxonomy={taxonomy} showWhy={searched} />}
            {outOfRange && (
              <p>
                {t.search.pageOutOfRange(response.pageCount)} <a href={searchHref({ ...state, page: 1 }, 'results')}>{t.search.firstPage}</a>
              </p>
            )}
            {model.help && <Empty t={t} taxonomy={taxonomy} help={model.help} />}
            <Pagination t={t} page={response.page} pageCount={response.pageCount} href={(page) => searchHref({ ...state, page }, 'results')} />
          </section>
        </div>
      </form>
    </>,
  );
};
