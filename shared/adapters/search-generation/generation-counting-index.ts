/**
 * A search index that counts its changes: the generation goes up after every apply() that changed
 * something, once the change is searchable. An answer computed after reading a generation is at
 * least as new as that generation, so a cache keyed by it never serves an answer older than a
 * published change.
 */
import type { IndexOperation, IndexOutcome, SearchIndex } from '#shared/ports/search-index.ts';
import type { SearchQuery, SuggestQuery } from '#shared/domain/search.ts';

export class GenerationCountingIndex implements SearchIndex {
  #generation = 0;

  constructor(private readonly inner: SearchIndex) {}

  /** How many applies have changed the index so far. */
  generation(): number {
    return this.#generation;
  }

  async apply(operations: readonly IndexOperation[]): Promise<IndexOutcome[]> {
    try {
      const outcomes = await this.inner.apply(operations);
      if (outcomes.some((outcome) => outcome.result !== 'stale')) this.#generation += 1;
      return outcomes;
    } catch (error) {
      this.#generation += 1;
      throw error;
    }
  }

  search(query: SearchQuery) {
    return this.inner.search(query);
  }

  suggest(query: SuggestQuery) {
    return this.inner.suggest(query);
  }

  size() {
    return this.inner.size();
  }
}
