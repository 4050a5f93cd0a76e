/** The decompounding lexicon of a catalogue: words of the taxonomy's labels and of every entry's texts. */
import type { Entry } from '#shared/domain/entry.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import type { EntryRepository } from '#shared/ports/entry-repository.ts';
import { buildLexicon } from '#shared/search/lexicon.ts';

/** The taxonomy's labels, descriptions, municipalities and central towns: words of the lexicon whatever the catalogue holds. */
export function* taxonomyTexts(taxonomy: Taxonomy): Iterable<string> {
  const terms = [...taxonomy.areas, ...taxonomy.stages, ...taxonomy.kinds, ...taxonomy.supportTypes, ...taxonomy.focus.levels, ...taxonomy.focus.profileAreas];
  for (const term of terms) yield* [term.label.sv, term.description?.sv ?? ''];
  for (const municipality of taxonomy.municipalities) yield* [municipality.name, municipality.centralTown];
}

function* entryTexts(entry: Entry): Iterable<string> {
  yield* [entry.name.sv, entry.summary.sv, entry.description.sv, ...entry.sectors];
}

/** Reads the whole store once and builds the lexicon from it and the taxonomy. */
export const catalogueLexicon = async (repository: EntryRepository, taxonomy: Taxonomy): Promise<string[]> => {
  const texts: string[] = [...taxonomyTexts(taxonomy)];
  for await (const page of repository.scan()) for (const entry of page) texts.push(...entryTexts(entry));
  return buildLexicon(texts);
};
