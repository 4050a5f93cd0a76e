/**
 * The offer search page (/establish): a GET form of offer filters (no script needed), the problems with
 * any unreadable filter linked to its control, the count in a status region, the results with their
 * facts, the empty state naming the filter to loosen, the overview map and its table.
 */
import type { Context } from 'hono';
import { OFFER_AVAILABILITIES, OFFER_TYPES, type Entry } from '#shared/domain/entry.ts';
import { SEARCH_SORTS } from '#shared/domain/search.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { localize } from '#shared/domain/text.ts';
import { LocalText } from '../components/local-text.tsx';
import { Pagination } from '../components/pagination.tsx';
import { fallbackLang } from '../format.ts';
import { renderPage } from '../layout.tsx';
import type { Messages } from '../messages/index.ts';
import { entryHref, pageHref } from '../urls.ts';
import { m2, mw, offerDistance, yesNo, type DistanceFrom } from './offer-format.ts';
import { OrganisationChannels } from './offer-contact.tsx';
import { OfferMap } from './offer-map.tsx';
import { OFFER_PAGE_SIZE, OFFER_SEARCH_PATH, offerSearchHref, type OfferHit, type OfferParamIssue, type OfferSearchState } from './offer-search.ts';

export const RADII = [5, 10, 20, 30, 50, 75, 100] as const;

export type Loosening = { label: string; href: string; count: number };

export type OfferSearchModel = {
  t: Messages;
  taxonomy: Taxonomy;
  state: OfferSearchState;
  hits: readonly OfferHit[];
  issues: readonly OfferParamIssue[];
  loosenings?: readonly Loosening[] | undefined;
  /** For an empty result: the region's investment promotion and the search's criteria in words. */
  enquiry?: { promotion: Entry | undefined; criteria: string } | undefined;
};

/** The id of the control a parameter comes from, for the problem links. */
const controlId = (name: string): string =>
  ({ offerType: 'o-type', availability: 'o-availability', minArea: 'o-minArea', maxArea: 'o-maxArea', minPower: 'o-minPower', railSiding: 'o-railSiding', near: 'o-near', nearMunicipality: 'o-nearMunicipality', radius: 'o-radius', sort: 'o-sort', municipality: 'o-municipality', q: 'o-q' })[name] ?? 'offer-filters';

const Problems = (props: { t: Messages; issues: readonly OfferParamIssue[] }) => {
  const { t } = props;
  const names = [...new Set(props.issues.map((i) => i.name))];
  if (names.length === 0) return null;
  return (
    <div class="errors" role="alert" aria-labelledby="param-problems" tabindex={-1}>
      <h2 id="param-problems">{t.offers.paramProblemsHeading}</h2>
      <ul>
        {names.map((name) => (
          <li>
            <a href={`#${controlId(name)}`}>{t.offers.paramProblem[name] ?? name}</a>
          </li>
        ))}
      </ul>
    </div>
  );
};

const Filters = (props: { t: Messages; taxonomy: Taxonomy; state: OfferSearchState; issues: readonly OfferParamIssue[] }) => {
  const { t, taxonomy, state } = props;
  const { offer, sort, nearMunicipality } = state.query;
  const invalid = (name: string) => (props.issues.some((i) => i.name === name) ? ('true' as const) : undefined);
  const municipalities = [...taxonomy.municipalities].sort((a, b) => a.name.localeCompare(b.name, t.locale));
  const number = (value: number | undefined) => (value === undefined ? '' : String(value));
  return (
    <section class="filters-panel" aria-labelledby="filters-heading" id="offer-filters">
      <h2 id="filters-heading">{t.offers.filtersHeading}</h2>
      <div class="field">
        <label for="o-q">{t.offers.queryLabel}</label>
        <input type="search" id="o-q" name="q" value={state.q} maxlength={200} autocomplete="off" aria-invalid={invalid('q')} />
      </div>
      <fieldset id="o-type" tabindex={-1}>
        <legend>{t.offers.typeLegend}</legend>
        <ul class="checks">
          {OFFER_TYPES.map((type) => (
            <li>
              <input type="checkbox" id={`o-type-${type}`} name="offerType" value={type} checked={offer.type.includes(type)} />
              <label for={`o-type-${type}`}>{t.offers.typeValues[type]}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div class="field">
        <label for="o-municipality">{t.offers.municipalityLabel}</label>
        <select id="o-municipality" name="municipality" aria-invalid={invalid('municipality')}>
          <option value="" selected={!state.municipality}>
            {t.offers.anyMunicipality}
          </option>
          {municipalities.map((m) => (
            <option value={m.code} selected={state.municipality === m.code}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset aria-describedby="o-area-hint">
        <legend>{t.offers.areaLegend}</legend>
        <p class="hint" id="o-area-hint">
          {t.offers.areaHint}
        </p>
        <div class="field-row">
          <div class="field">
            <label for="o-minArea">{t.offers.minArea}</label>
            <input type="text" inputmode="numeric" id="o-minArea" name="minArea" value={number(offer.minAreaM2)} class="input-medium" autocomplete="off" aria-invalid={invalid('minArea')} />
          </div>
          <div class="field">
            <label for="o-maxArea">{t.offers.maxArea}</label>
            <input type="text" inputmode="numeric" id="o-maxArea" name="maxArea" value={number(offer.maxAreaM2)} class="input-medium" autocomplete="off" aria-invalid={invalid('maxArea')} />
          </div>
        </div>
      </fieldset>
      <div class="field">
        <label for="o-minPower">{t.offers.minPower}</label>
        <p class="hint" id="o-minPower-hint">
          {t.offers.powerHint}
        </p>
        <input type="text" inputmode="decimal" id="o-minPower" name="minPower" value={number(offer.minPowerMW)} class="input-medium" autocomplete="off" aria-describedby="o-minPower-hint" aria-invalid={invalid('minPower')} />
      </div>
      <fieldset>
        <legend>{t.offers.railSiding}</legend>
        <ul class="checks">
          {(
            [
              ['', t.offers.railSidingAny, offer.railSiding === undefined],
              ['true', t.offers.railSidingFilter, offer.railSiding === true],
              ['false', t.offers.railSidingWithout, offer.railSiding === false],
            ] as const
          ).map(([value, label, checked]) => (
            <li>
              <input type="radio" id={value === '' ? 'o-railSiding-any' : value === 'true' ? 'o-railSiding' : 'o-railSiding-false'} name="railSiding" value={value} checked={checked} />
              <label for={value === '' ? 'o-railSiding-any' : value === 'true' ? 'o-railSiding' : 'o-railSiding-false'}>{label}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset id="o-availability" tabindex={-1}>
        <legend>{t.offers.availabilityLegend}</legend>
        <ul class="checks">
          {OFFER_AVAILABILITIES.map((a) => (
            <li>
              <input type="checkbox" id={`o-availability-${a}`} name="availability" value={a} checked={offer.availability.includes(a)} />
              <label for={`o-availability-${a}`}>{t.offers.availabilityValues[a]}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset aria-describedby="o-distance-hint">
        <legend>{t.offers.distanceLegend}</legend>
        <p class="hint" id="o-distance-hint">
          {t.offers.distanceHint}
        </p>
        {offer.near && !nearMunicipality && <input type="hidden" name="near" value={`${offer.near.lat},${offer.near.lon}`} />}
        <div class="field-row">
          <div class="field">
            <label for="o-radius">{t.offers.radius}</label>
            <select id="o-radius" name="radius" aria-invalid={invalid('radius')}>
              <option value="" selected={offer.radiusKm === undefined}>
                {t.offers.anyDistance}
              </option>
              {[...new Set([...RADII, ...(offer.radiusKm !== undefined ? [offer.radiusKm] : [])])]
                .sort((a, b) => a - b)
                .map((r) => (
                  <option value={String(r)} selected={offer.radiusKm === r}>
                    {t.offers.radiusOption(r)}
                  </option>
                ))}
            </select>
          </div>
          <div class="field">
            <label for="o-nearMunicipality">{t.offers.nearMunicipality}</label>
            <select id="o-nearMunicipality" name="nearMunicipality" aria-invalid={invalid('nearMunicipality')}>
              <option value="" selected={!nearMunicipality}>
                {t.offers.noPoint}
              </option>
              {municipalities.map((m) => (
                <option value={m.code} selected={nearMunicipality === m.code}>
                  {m.centralTown === m.name ? m.name : `${m.centralTown} (${m.name})`}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
      <div class="field">
        <label for="o-sort">{t.offers.sortLabel}</label>
        <p class="hint" id="o-sort-hint">
          {t.offers.sortHint}
        </p>
        <select id="o-sort" name="sort" aria-describedby="o-sort-hint" aria-invalid={invalid('sort')}>
          {SEARCH_SORTS.map((s) => (
            <option value={s} selected={sort === s}>
              {t.offers.sortValues[s]}
            </option>
          ))}
        </select>
      </div>
      <p class="actions">
        <button type="submit">{t.offers.submit}</button> <a href={pageHref(OFFER_SEARCH_PATH, t.lang)}>{t.offers.clearAll}</a>
      </p>
    </section>
  );
};

const OfferFact = (props: { label: string; value: string }) => (
  <div>
    <dt>{props.label}</dt>
    <dd>{props.value}</dd>
  </div>
);

const HitItem = (props: { t: Messages; taxonomy: Taxonomy; hit: OfferHit; from: DistanceFrom }) => {
  const { t, taxonomy, hit } = props;
  const o = hit.offer;
  const municipality = taxonomy.municipalities.find((m) => m.code === o.municipality)?.name ?? o.municipality;
  const id = `offer-${hit.id}`;
  return (
    <li class="hit offer-hit">
      <article aria-labelledby={id}>
        <h3 id={id}>
          <a href={entryHref(hit.id, t.lang)} lang={fallbackLang(hit.name, t.lang)}>
            {localize(hit.name, t.lang)}
          </a>
        </h3>
        <p>
          <LocalText text={hit.summary} lang={t.lang} />
        </p>
        <dl class="offer-facts-inline">
          <OfferFact label={t.offers.hitPlace} value={`${o.placeName}, ${municipality}`} />
          <OfferFact label={t.offers.hitType} value={t.offers.typeValues[o.type]} />
          <OfferFact label={t.offers.hitArea} value={o.areaM2 !== undefined ? m2(o.areaM2, t) : t.offers.notStated} />
          <OfferFact label={t.offers.hitPower} value={o.powerMW !== undefined ? mw(o.powerMW, t) : t.offers.notStated} />
          <OfferFact label={t.offers.railSiding} value={yesNo(o.railSiding, t)} />
          <OfferFact label={t.offers.hitAvailability} value={o.availability ? t.offers.availabilityValues[o.availability] : t.offers.notStated} />
          {hit.distanceKm !== undefined && (
            <OfferFact
              label={t.offers.hitDistance}
              value={offerDistance({ ...hit, distanceKm: hit.distanceKm }, t, (code) => taxonomy.municipalities.find((m) => m.code === code)?.name ?? code, props.from)}
            />
          )}
        </dl>
      </article>
    </li>
  );
};

/** The empty result's door: the search written out as a short enquiry to the region's investment promotion, and how to reach it. */
const Enquiry = (props: { t: Messages; promotion: Entry | undefined; criteria: string }) => {
  const { t, promotion } = props;
  if (!promotion) return <p>{t.offers.contactPrompt}</p>;
  const name = localize(promotion.name, t.lang);
  const body = t.offers.enquiry.body(props.criteria);
  return (
    <section class="enquiry" aria-labelledby="enquiry-heading">
      <h4 id="enquiry-heading">{t.offers.enquiry.heading}</h4>
      <p>{t.offers.enquiry.lead(name)}</p>
      <div class="field">
        <label for="enquiry-text">{t.offers.enquiry.textLabel}</label>
        <textarea id="enquiry-text" readonly rows={4}>
          {body}
        </textarea>
      </div>
      <OrganisationChannels organisation={promotion} t={t} mailto={{ subject: t.offers.enquiry.subject, body }} />
    </section>
  );
};

const Empty = (props: { t: Messages; loosenings: readonly Loosening[]; enquiry?: OfferSearchModel['enquiry'] }) => {
  const { t } = props;
  return (
    <div class="empty">
      <h3>{t.offers.emptyHeading}</h3>
      {props.loosenings.length > 0 ? (
        <>
          <p>{t.offers.emptyLead}</p>
          <ul>
            {props.loosenings.map((l) => (
              <li>
                <a href={l.href}>{l.label}</a> ({t.offers.wouldGive(l.count)})
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          {t.offers.noSuggestion} <a href={pageHref(OFFER_SEARCH_PATH, t.lang)}>{t.offers.clearAll}</a>
        </p>
      )}
      {props.enquiry ? <Enquiry t={t} promotion={props.enquiry.promotion} criteria={props.enquiry.criteria} /> : <p>{t.offers.contactPrompt}</p>}
    </div>
  );
};

export const renderOfferSearch = (c: Context, model: OfferSearchModel) => {
  const { t, taxonomy, state, hits } = model;
  const pageCount = Math.max(1, Math.ceil(hits.length / OFFER_PAGE_SIZE));
  const page = Math.min(state.page, pageCount);
  const shown = hits.slice((page - 1) * OFFER_PAGE_SIZE, page * OFFER_PAGE_SIZE);
  const from = (page - 1) * OFFER_PAGE_SIZE + 1;
  const nearTown = state.query.nearMunicipality ? taxonomy.municipalities.find((m) => m.code === state.query.nearMunicipality) : undefined;
  const measuredFrom: DistanceFrom = nearTown ? { town: nearTown.centralTown, municipality: nearTown.code } : undefined;
  return renderPage(
    c,
    { t, title: model.issues.length > 0 ? t.offers.title : t.offers.resultsTitle(hits.length), status: model.issues.length > 0 ? 400 : 200, current: 'establish' },
    <>
      <h1>{t.offers.heading}</h1>
      <p class="lead">{t.offers.intro}</p>
      <Problems t={t} issues={model.issues} />
      <form method="get" action={`${OFFER_SEARCH_PATH}#results`} class="search-form offer-search">
        {t.lang === 'en' && <input type="hidden" name="lang" value="en" />}
        <div class="search-layout">
          <Filters t={t} taxonomy={taxonomy} state={state} issues={model.issues} />
          <section id="results" class="results" aria-labelledby="results-heading" tabindex={-1}>
            <h2 id="results-heading">{t.offers.resultsHeading}</h2>
            <p role="status" class="result-count">
              {t.offers.count(hits.length)}
              {shown.length > 0 && pageCount > 1 && <span class="count"> {t.offers.range(from, from + shown.length - 1, hits.length)}</span>}
            </p>
            {shown.length > 0 && (
              <ol class="hits">
                {shown.map((hit) => (
                  <HitItem t={t} taxonomy={taxonomy} hit={hit} from={measuredFrom} />
                ))}
              </ol>
            )}
            {hits.length === 0 && model.loosenings && <Empty t={t} loosenings={model.loosenings} enquiry={model.enquiry} />}
            <Pagination t={t} page={page} pageCount={pageCount} href={(p) => offerSearchHref({ ...state, page: p }, 'results')} />
          </section>
        </div>
      </form>
      <OfferMap t={t} taxonomy={taxonomy} state={state} hits={hits} />
    </>,
  );
};
