import { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { describeSearchIndexContract } from './search-index.contract.ts';

describeSearchIndexContract('embedded engine', async (resources) => new EmbeddedSearchIndex(resources));
