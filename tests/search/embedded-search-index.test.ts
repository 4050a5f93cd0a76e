import { describe, expect, it } from 'vitest';
import { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { aDocument, aQuery } from '../support/builders.ts';
import { describeSearchIndexContract } from './search-index.contract.ts';

describeSearchIndexContract('embedded engine', async (resources) => new EmbeddedSearchIndex(resources));

describe('embedded engine › browsing without words', () => {
  it('shows a replaced entry as it now reads, in each language, after it was shown as it read before', async () => {
    const index = new EmbeddedSearchIndex();
    const before = aDocument({ id: 'browsed', version: 1, summary: { sv: 'Rådgivning för nya företag.', en: 'Advice for new companies.' } });
    await index.apply([{ type: 'upsert', document: before }]);
    const shown = await index.search(aQuery({ q: '' }));
    expect(shown.hits[0]?.snippet.map((part) => part.text).join('')).toBe('Rådgivning för nya företag.');

    const after = aDocument({ id: 'browsed', version: 2, summary: { sv: 'Lån till växande företag.', en: 'Loans for growing companies.' } });
    await index.apply([{ type: 'upsert', document: after }]);

    const sv = await index.search(aQuery({ q: '' }));
    const en = await index.search(aQuery({ q: '', language: 'en' }));
    expect(sv.hits.map((hit) => [hit.id, hit.summary.sv, hit.snippet.map((part) => part.text).join('')])).toEqual([['browsed', 'Lån till växande företag.', 'Lån till växande företag.']]);
    expect(en.hits[0]?.snippet.map((part) => part.text).join('')).toBe('Loans for growing companies.');
  });
});
