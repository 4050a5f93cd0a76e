/** The Hono environment of the API: the dependencies it is built with and per-request values on `c.var`. */
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { CatalogueService } from '#shared/services/catalogue.ts';
import type { SearchService } from '#shared/services/search.ts';
import type { Logger } from './middleware/request-log.ts';

/** Everything the app needs from a composition root. */
export type AppDeps = {
  catalogue: CatalogueService;
  search: SearchService;
  taxonomy: Taxonomy;
  clock: Clock;
  logger: Logger;
};

export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
  };
};
