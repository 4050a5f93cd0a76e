/** A list of search hits: kind, linked name, summary, highlighted snippet, why it fits, where it applies. */
import { html, raw } from 'hono/html';
import type { SnippetPart } from '#shared/domain/search.ts';
import type { Facet, Taxonomy } from '#shared/domain/taxonomy.ts';
import { localize } from '#shared/domain/text.ts';
import type { ExplainedHit } from '#shared/services/search.ts';
import { commaList, fallbackLang, listFormat, termLabel } from '../format.ts';
import type { Messages } from '../messages/index.ts';
import { entryHref } from '../urls.ts';

/** Snippet parts as text, the matched ones in <mark>; never raw HTML. */
const snippetHtml = (parts: readonly SnippetPart[]) => parts.map((part) => (part.highlighted ? html`<mark>${part.text}</mark>` : part.text));

/** An attribute written only when it has a value, as JSX writes it. */
const optional = (name: string, value: string | undefined) => (value === undefined ? '' : html` ${raw(name)}="${value}"`);

/** The summary, highlighted when the snippet is the summary; plus the snippet when it comes from elsewhere. */
const summaryAndSnippet = (hit: ExplainedHit, lang: Messages['lang']) => {
  const highlighted = hit.snippet.some((p) => p.highlighted);
  const isSummary = hit.snippet.map((p) => p.text).join('') === localize(hit.summary, lang);
  return { summaryParts: highlighted && isSummary ? hit.snippet : undefined, extraSnippet: highlighted && !isSummary };
};

/**
 * The reasons a hit fits, in a visitor's words: the meaningful words it mentions, what it is, offers,
 * whom it is for and where, from the needs it serves and the filters it meets; never field names.
 */
export const whyItFits = (hit: ExplainedHit, t: Messages, taxonomy: Taxonomy): string[] => {
  const r = t.search.reasons;
  const labels = (facet: Facet, values: readonly string[]) => commaList(values.map((v) => termLabel(taxonomy, facet, v, t.lang).toLocaleLowerCase(t.locale)));
  const profileLabels = (values: readonly string[]) =>
    commaList(values.map((v) => (taxonomy.focus.profileAreas.find((p) => p.code === v)?.label[t.lang] ?? v).toLocaleLowerCase(t.locale)));
  const about = (dimension: Facet | 'profileArea', values: readonly string[]): string[] => {
    switch (dimension) {
      case 'kind': return values.map((v) => r.kind[v as keyof typeof r.kind] ?? v);
      case 'stage': return values.map((v) => r.stage[v as keyof typeof r.stage] ?? v);
      case 'focus': return values.map((v) => r.focus[v as keyof typeof r.focus] ?? v);
      case 'supportType': return [r.supportType(labels('supportType', values))];
      case 'area': return [r.area(labels('area', values))];
      case 'profileArea': return [r.profileArea(profileLabels(values))];
      case 'municipality':
        return [hit.wholeCounty ? r.wholeCounty : r.municipality(commaList(values.map((v) => termLabel(taxonomy, 'municipality', v, t.lang))))];
    }
  };
  return [
    ...new Set([
      ...hit.matchedTerms.flatMap((m) => [...(m.fields.length > 0 ? [t.search.matchesWord(m.term)] : []), ...(m.meets ?? []).flatMap((met) => about(met.dimension, met.values))]),
      ...hit.matchedFilters.flatMap((f) => about(f.facet, f.values)),
    ]),
  ];
};

const where = (hit: ExplainedHit, t: Messages, taxonomy: Taxonomy): string =>
  hit.wholeCounty
    ? t.entry.wholeCounty
    : listFormat(hit.facets.municipality.map((code) => termLabel(taxonomy, 'municipality', code, t.lang)), t);

/**
 * Written as one HTML template per hit rather than JSX elements: a results page holds a few hundred
 * of these elements, and the template writes the same HTML for a fraction of the work.
 */
export const HitList = (props: {
  hits: readonly ExplainedHit[];
  t: Messages;
  taxonomy: Taxonomy;
  headingLevel?: 3 | 4;
  showWhy?: boolean;
  idPrefix?: string;
}) => {
  const { t, taxonomy } = props;
  const heading = raw(props.headingLevel === 4 ? 'h4' : 'h3');
  return html`<ol class="hits">${props.hits.map((hit) => {
    const headingId = `${props.idPrefix ?? 'hit'}-${hit.id}`;
    const reasons = props.showWhy ? whyItFits(hit, t, taxonomy) : [];
    const shown = summaryAndSnippet(hit, t.lang);
    const summaryLang = optional('lang', fallbackLang(hit.summary, t.lang));
    const nameLang = fallbackLang(hit.name, t.lang);
    const name = localize(hit.name, t.lang);
    return html`<li class="hit"><article aria-labelledby="${headingId}"><p class="kind-label">${termLabel(taxonomy, 'kind', hit.kind, t.lang)}</p><${heading} id="${headingId}"><a href="${entryHref(hit.id, t.lang)}">${nameLang ? html`<span lang="${nameLang}">${name}</span>` : name}</a></${heading}><p${summaryLang}>${shown.summaryParts ? snippetHtml(shown.summaryParts) : localize(hit.summary, t.lang)}</p>${
      shown.extraSnippet ? html`<p class="snippet"${summaryLang}>${snippetHtml(hit.snippet)}</p>` : ''
    }${
      reasons.length > 0 ? html`<div class="why"><p>${t.search.whyTitle}</p><ul>${reasons.map((reason) => html`<li>${reason}</li>`)}</ul></div>` : ''
    }<p class="meta">${t.entry.municipalities}: ${where(hit, t, taxonomy)}</p></article></li>`;
  })}</ol>`;
};
