/**
 * The embedded engine's documents by slot (a small integer per document) and, per facet value, profile area and
 * provider, the set of slots holding it as a bitset: filters, disjunctive facet counts and need matching are
 * word-wide bit operations instead of visits to every document.
 */
import { restrictsToOffers, type FacetCounts, type SearchDocument, type SearchQuery } from '#shared/domain/search.ts';
import { FACETS, type Facet } from '#shared/domain/taxonomy.ts';
import { passesOfferFilters } from '#shared/search/offer-match.ts';

export type Bits = Uint32Array;
/** What a document's slot is indexed under besides its facets. */
export type Dimension = Facet | 'profileArea' | 'provider';

const popcount = (word: number): number => {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

export const has = (bits: Bits, slot: number): boolean => ((bits[slot >>> 5]! >>> (slot & 31)) & 1) === 1;

export const countOf = (bits: Bits): number => {
  let total = 0;
  for (let i = 0; i < bits.length; i++) total += popcount(bits[i]!);
  return total;
};

/** The slots in every one of the sets (a new bitset). */
export const intersect = (first: Bits, ...rest: readonly Bits[]): Bits => {
  const out = first.slice();
  for (const bits of rest) for (let i = 0; i < out.length; i++) out[i]! &= bits[i]!;
  return out;
};

/** The positions of the set's words that hold a slot. */
const nonEmptyWords = (bits: Bits): Int32Array => {
  const words = new Int32Array(bits.length);
  let n = 0;
  for (let i = 0; i < bits.length; i++) if (bits[i] !== 0) words[n++] = i;
  return words.subarray(0, n);
};

/** Calls `visit` with each slot in the set, in slot order. */
export const forEachSlot = (bits: Bits, visit: (slot: number) => void): void => {
  for (let i = 0; i < bits.length; i++) {
    let word = bits[i]!;
    while (word !== 0) {
      const low = word & -word;
      visit((i << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
};

const valuesOf = (doc: SearchDocument, dimension: Dimension): readonly string[] => {
  switch (dimension) {
    case 'profileArea': return doc.profileAreas ?? [];
    case 'provider': return doc.providerId === undefined ? [] : [doc.providerId];
    default: return doc.facets[dimension];
  }
};
const DIMENSIONS: readonly Dimension[] = [...FACETS, 'profileArea', 'provider'];

export class DocumentSlots {
  private readonly slotById = new Map<string, number>();
  private readonly bySlot: (SearchDocument | undefined)[] = [];
  private words = 1;
  private live: Bits = new Uint32Array(1);
  private dated: Bits = new Uint32Array(1);
  private offers: Bits = new Uint32Array(1);
  private readonly values = new Map<Dimension, Map<string, Bits>>(DIMENSIONS.map((d) => [d, new Map()]));
  /** Per dimension, a number for each distinct set of values a document holds, and each slot's number. */
  private readonly valueSetIds = new Map<Dimension, Map<string, number>>(DIMENSIONS.map((d) => [d, new Map()]));
  private valueSets = new Map<Dimension, Int32Array>(DIMENSIONS.map((d) => [d, new Int32Array(32)]));

  slotOf(id: string): number | undefined {
    return this.slotById.get(id);
  }

  at(slot: number): SearchDocument | undefined {
    return this.bySlot[slot];
  }

  /** The slots holding a document, ascending. */
  liveSlots(): number[] {
    const slots: number[] = [];
    this.bySlot.forEach((doc, slot) => {
      if (doc) slots.push(slot);
    });
    return slots;
  }

  /** Holds a document; a document already held keeps its slot, a new one takes the next. */
  put(doc: SearchDocument): void {
    const held = this.slotById.get(doc.id);
    if (held !== undefined) this.unmark(held, this.bySlot[held]!);
    const slot = held ?? this.bySlot.length;
    this.slotById.set(doc.id, slot);
    this.bySlot[slot] = doc;
    this.ensure(slot);
    this.mark(slot, doc);
  }

  remove(id: string): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    this.unmark(slot, this.bySlot[slot]!);
    this.bySlot[slot] = undefined;
    this.slotById.delete(id);
  }

  /** A number for the set of values the document in `slot` holds in a dimension: equal numbers, equal sets. */
  valueSet(dimension: Dimension, slot: number): number {
    return this.valueSets.get(dimension)![slot]!;
  }

  /** The slots holding any of the values in a dimension. */
  anyOf(dimension: Dimension, values: readonly string[]): Bits {
    const out = new Uint32Array(this.words);
    for (const value of values) {
      const bits = this.values.get(dimension)!.get(value);
      if (bits) for (let i = 0; i < out.length; i++) out[i]! |= bits[i]!;
    }
    return out;
  }

  /** The documents a query may show whatever its words and facets: valid on its day, of its provider, passing its offer filters. */
  eligible(query: Pick<SearchQuery, 'today' | 'providerId' | 'offer'>): Bits {
    const out = query.providerId === undefined ? this.live.slice() : this.anyOf('provider', [query.providerId]);
    forEachSlot(this.dated, (slot) => {
      if (!isValidOn(this.bySlot[slot]!, query.today)) out[slot >>> 5]! &= ~(1 << (slot & 31));
    });
    if (restrictsToOffers(query.offer)) {
      const passing = new Uint32Array(this.words);
      forEachSlot(this.offers, (slot) => {
        if (passesOfferFilters(this.bySlot[slot]!.offer, query.offer)) passing[slot >>> 5]! |= 1 << (slot & 31);
      });
      for (let i = 0; i < out.length; i++) out[i]! &= passing[i]!;
    }
    return out;
  }

  /**
   * Facet counts over `base` (the eligible candidates), disjunctive: a document counts for a facet's values when it
   * passes every other facet's filter.
   */
  counts(base: Bits, filters: ReadonlyMap<Facet, Bits>): FacetCounts {
    const counts = Object.fromEntries(FACETS.map((f) => [f, {} as Record<string, number>])) as FacetCounts;
    let unfiltered: { within: Bits; words: Int32Array } | undefined;
    for (const facet of FACETS) {
      let scope = filters.has(facet) ? undefined : unfiltered;
      if (!scope) {
        const within = intersect(base, ...[...filters].filter(([f]) => f !== facet).map(([, bits]) => bits));
        scope = { within, words: nonEmptyWords(within) };
        if (!filters.has(facet)) unfiltered = scope;
      }
      const { within, words } = scope;
      for (const [value, bits] of this.values.get(facet)!) {
        let n = 0;
        for (let k = 0; k < words.length; k++) n += popcount(within[words[k]!]! & bits[words[k]!]!);
        if (n > 0) counts[facet][value] = n;
      }
    }
    return counts;
  }

  /** An empty set sized for every slot. */
  none(): Bits {
    return new Uint32Array(this.words);
  }

  private mark(slot: number, doc: SearchDocument): void {
    set(this.live, slot);
    if (doc.validFrom !== undefined || doc.validUntil !== undefined) set(this.dated, slot);
    if (doc.offer) set(this.offers, slot);
    for (const dimension of DIMENSIONS) {
      const key = valuesOf(doc, dimension).join('\n');
      const ids = this.valueSetIds.get(dimension)!;
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      this.valueSets.get(dimension)![slot] = id;
      const byValue = this.values.get(dimension)!;
      for (const value of valuesOf(doc, dimension)) {
        let bits = byValue.get(value);
        if (!bits) byValue.set(value, (bits = new Uint32Array(this.words)));
        set(bits, slot);
      }
    }
  }

  private unmark(slot: number, doc: SearchDocument): void {
    clear(this.live, slot);
    clear(this.dated, slot);
    clear(this.offers, slot);
    for (const dimension of DIMENSIONS) for (const value of valuesOf(doc, dimension)) clear(this.values.get(dimension)!.get(value)!, slot);
  }

  private ensure(slot: number): void {
    if (slot < this.words * 32) return;
    while (slot >= this.words * 32) this.words *= 2;
    const grown = (bits: Bits) => {
      const out = new Uint32Array(this.words);
      out.set(bits);
      return out;
    };
    this.live = grown(this.live);
    this.dated = grown(this.dated);
    this.offers = grown(this.offers);
    for (const byValue of this.values.values()) for (const [value, bits] of byValue) byValue.set(value, grown(bits));
    for (const [dimension, ids] of this.valueSets) {
      const out = new Int32Array(this.words * 32);
      out.set(ids);
      this.valueSets.set(dimension, out);
    }
  }
}

const set = (bits: Bits, slot: number) => {
  bits[slot >>> 5]! |= 1 << (slot & 31);
};
const clear = (bits: Bits, slot: number) => {
  bits[slot >>> 5]! &= ~(1 << (slot & 31));
};

export const isValidOn = (doc: Pick<SearchDocument, 'validFrom' | 'validUntil'>, today: string): boolean =>
  (doc.validFrom === undefined || doc.validFrom <= today) && (doc.validUntil === undefined || today <= doc.validUntil);
