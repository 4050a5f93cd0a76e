/** The entry page (GET /entries/:id): one published entry, its provider, and the provider's other entries. */
import type { Context } from 'hono';
import { EntryId, type Entry } from '#shared/domain/entry.ts';
import { NotFoundError } from '#shared/domain/errors.ts';
import { MAX_PAGE_SIZE, SearchQuery } from '#shared/domain/search.ts';
import { swedishDate } from '#shared/ports/clock.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import { badRequestPage, notFoundPage } from '../errors.tsx';
import { messagesFor } from '../messages/index.ts';
import { noFilters } from '../urls.ts';
import { readLang } from '../params.ts';
import { investmentPromotion } from '../offers/offer-contact.tsx';
import { renderEntryPage } from './entry.view.tsx';

const orNotFound = <T>(promise: Promise<T>): Promise<T | undefined> =>
  promise.catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });

export const entryPageHandler = (deps: AppDeps) => async (c: Context<AppEnv>) => {
  const { lang, issues } = readLang(c.req.queries());
  const t = messagesFor(lang);
  if (issues.length > 0) return badRequestPage(c, t, issues);
  const id = EntryId.safeParse(c.req.param('id'));
  if (!id.success) return notFoundPage(c, t, t.errors.entryNotFoundLead);
  const entry = await orNotFound(deps.catalogue.getPublished(id.data));
  if (!entry) return notFoundPage(c, t, t.errors.entryNotFoundLead);
  deps.demand.opened(entry.id);

  const provider: Entry | undefined = entry.providerId ? await orNotFound(deps.catalogue.getPublished(entry.providerId)) : undefined;
  const family = entry.kind === 'actor' ? entry.id : provider?.id;
  const related = family
    ? await deps.search.search(
        SearchQuery.parse({
          q: '',
          filters: noFilters(),
          pageSize: MAX_PAGE_SIZE,
          language: lang,
          providerId: family,
          today: swedishDate(deps.clock.now()),
        }),
      )
    : undefined;
  const promotion = entry.kind === 'establishment-offer' && !provider && !entry.website && entry.contact.length === 0 ? await investmentPromotion(deps) : undefined;
  return renderEntryPage(c, {
    promotion,
    t,
    taxonomy: deps.taxonomy,
    entry,
    provider,
    related: (related?.hits ?? []).filter((hit) => hit.id !== entry.id),
  });
};
