/** The seeded demonstration catalogue in an embedded index, as `npm start` builds it, without a store. */
import { toSearchDocument } from '#shared/domain/search.ts';
import { EmbeddedSearchIndex } from '#shared/adapters/embedded-search/embedded-search-index.ts';
import { buildLexicon } from '#shared/search/lexicon.ts';
import { loadSynonyms } from '#shared/search/synonyms.ts';
import { loadQueryVocabulary } from '#shared/search/understanding.ts';
import { seedRecords } from '#shared/seed/regions.ts';
import { seedEntries } from '#shared/services/seed-catalogue.ts';
import { toIndexOperation } from '#shared/services/indexer.ts';
import { NOW, taxonomy, TODAY } from './builders.ts';

export const seededEntries = () => seedEntries(seedRecords('orebro-lan'), taxonomy, NOW);

export const seededIndex = async () => {
  const entries = seededEntries();
  const texts = [
    ...[...taxonomy.areas, ...taxonomy.supportTypes, ...taxonomy.focus.profileAreas].flatMap((t) => [t.label.sv, t.description?.sv ?? '']),
    ...taxonomy.municipalities.flatMap((m) => [m.name, m.centralTown]),
    ...entries.flatMap((e) => [e.name.sv, e.summary.sv, e.description.sv, ...e.sectors]),
  ];
  const index = new EmbeddedSearchIndex({ lexicon: buildLexicon(texts), synonyms: loadSynonyms('orebro-lan'), understanding: loadQueryVocabulary('orebro-lan') });
  await index.apply(entries.map((entry) => toIndexOperation({ type: 'upserted', entry }, taxonomy, TODAY)));
  return { index, entries, documents: entries.map((e) => toSearchDocument(e, taxonomy)) };
};
