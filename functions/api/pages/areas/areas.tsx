/** The strategic areas: an overview (GET /areas) and one page per area with its entries (GET /areas/:code). */
import type { Context } from 'hono';
import { SearchQuery } from '#shared/domain/search.ts';
import { swedishDate } from '#shared/ports/clock.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import { HitList } from '../components/hit-list.tsx';
import { Pagination } from '../components/pagination.tsx';
import { badRequestPage, notFoundPage } from '../errors.tsx';
import { renderPage } from '../layout.tsx';
import { messagesFor } from '../messages/index.ts';
import { readLang, readPage } from '../params.ts';
import { areaHref, noFilters, pageHref, searchHref } from '../urls.ts';
import { PAGE_SIZE } from '../search/search.handler.ts';

const search = (deps: AppDeps, lang: 'sv' | 'en', area: string[], page = 1) =>
  deps.search.search(
    SearchQuery.parse({ q: '', filters: { ...noFilters(), area }, page, pageSize: PAGE_SIZE, language: lang, today: swedishDate(deps.clock.now()) }),
  );

export const areasIndexHandler = (deps: AppDeps) => async (c: Context<AppEnv>) => {
  const { lang, issues } = readLang(c.req.queries());
  const t = messagesFor(lang);
  if (issues.length > 0) return badRequestPage(c, t, issues);
  const counts = (await search(deps, lang, [], 1)).facets.area;
  return renderPage(
    c,
    { t, title: t.areas.title, current: 'areas' },
    <>
      <h1>{t.areas.title}</h1>
      <p class="lead">{t.areas.intro}</p>
      <ul class="cards">
        {deps.taxonomy.areas.map((area) => (
          <li class="card">
            <h2>
              <a href={areaHref(area.code, lang)}>{area.label[lang]}</a>
            </h2>
            {area.description && <p>{area.description[lang]}</p>}
            <p class="meta">{t.areas.entries(counts.find((f) => f.value === area.code)?.count ?? 0)}</p>
          </li>
        ))}
      </ul>
    </>,
  );
};

export const areaPageHandler = (deps: AppDeps) => async (c: Context<AppEnv>) => {
  const queries = c.req.queries();
  const { lang, issues: langIssues } = readLang(queries);
  const { page, issues: pageIssues } = readPage(queries);
  const t = messagesFor(lang);
  const area = deps.taxonomy.areas.find((a) => a.code === c.req.param('code'));
  if (!area) return notFoundPage(c, t);
  if (langIssues.length + pageIssues.length > 0) return badRequestPage(c, t, [...langIssues, ...pageIssues]);
  const result = await search(deps, lang, [area.code], page);
  const label = area.label[lang];
  const areaSearch = { lang, filters: { ...noFilters(), area: [area.code] } };
  return renderPage(
    c,
    { t, title: label, current: 'areas' },
    <>
      <p class="back">
        <a href={pageHref('/areas', lang)}>← {t.areas.title}</a>
      </p>
      <h1>{label}</h1>
      {area.description && <p class="lead">{area.description[lang]}</p>}
      <p>
        <a class="button" href={searchHref(areaSearch)}>
          {t.areas.searchInArea(label)}
        </a>
      </p>
      <h2>{t.areas.byKind}</h2>
      <ul>
        {result.facets.kind
          .filter((k) => k.count > 0)
          .map((k) => (
            <li>
              <a href={searchHref({ ...areaSearch, filters: { ...areaSearch.filters, kind: [k.value] } })}>
                {t.kindPlural[k.value as keyof typeof t.kindPlural] ?? k.label[lang]}
              </a>{' '}
              ({k.count})
            </li>
          ))}
      </ul>
      <h2 id="area-entries">
        {t.areas.listHeading} ({result.total})
      </h2>
      {result.hits.length > 0 ? (
        <HitList hits={result.hits} t={t} taxonomy={deps.taxonomy} />
      ) : (
        <p>
          {t.search.pageOutOfRange(Math.max(result.pageCount, 1))} <a href={areaHref(area.code, lang)}>{t.search.firstPage}</a>
        </p>
      )}
      <Pagination t={t} page={result.page} pageCount={result.pageCount} href={(p) => areaHref(area.code, lang, p)} />
    </>,
  );
};
