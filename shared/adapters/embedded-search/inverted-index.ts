/**
 * Vägvisaren's inverted index over document slots (see facet-bitsets.ts): a term dictionary (a map, and the terms
 * in sorted order for prefix ranges; one typo by a bounded scan), per term a posting list of (slot, field, term
 * frequency) in one typed array, per slot and field its length in distinct tokens, and BM25+ scoring as MiniSearch
 * scored (k 1.2, b 0.7, d 0.5, averages per field, its prefix and typo weights). Each slot keeps the (term, field)
 * pairs it holds, sorted, so a removal drops exactly its postings and a hit's matched terms are found by binary search.
 */

/** Fields per document; a posting holds `slot << FIELD_BITS | field`. */
export const FIELD_BITS = 3;
export const MAX_FIELDS = 1 << FIELD_BITS;
const FIELD_MASK = MAX_FIELDS - 1;

const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/**
 * A document's terms: per field how many distinct tokens it holds (`lengths`), and for its first `count` entries a
 * field, a term id (see `termId`) and how often the term occurs there, each (field, term) once.
 */
export type DocumentTerms = {
  lengths: ArrayLike<number>;
  count: number;
  fields: ArrayLike<number>;
  terms: ArrayLike<number>;
  frequencies: ArrayLike<number>;
};
/** The terms a query term stands for (itself, longer terms it prefixes, terms one typo away) and their weights. */
export type Expansion = { terms: Int32Array; weights: Float64Array };
/** Slots in ascending order and a score for each. */
export type Scored = { slots: Int32Array; scores: Float64Array };

/** What a snapshot saves of the index (see embedded-search-snapshot.ts): terms in sorted order, their postings, field lengths. */
export type InvertedIndexData = {
  fieldCount: number;
  /** Sorted; term i's postings are `offsets[i] .. offsets[i + 1]` of `places` (slot << FIELD_BITS | field) and `frequencies`. */
  terms: string[];
  offsets: Uint32Array;
  places: Uint32Array;
  /** Term frequencies, at most 65,535. */
  frequencies: Uint16Array;
  /** Slot × field: distinct tokens; slots 0 … slotCount − 1, every one live. */
  lengths: Uint32Array;
  slotCount: number;
};

export class InvertedIndex {
  private readonly ids = new Map<string, number>();
  private terms: string[] = [];
  /** Per term: its array (shared by the terms a snapshot loaded, until one grows), where its postings start, how long (×2). */
  private postings: Uint32Array[] = [];
  private starts: number[] = [];
  private shared: Uint32Array | undefined;
  private used: number[] = [];
  private docFreq = new Uint32Array(0);
  private lengths = new Uint32Array(0);
  private readonly totals: Float64Array;
  /** Per slot, its (term << FIELD_BITS | field) pairs; undefined for a free slot. */
  private forward: (Uint32Array | undefined)[] = [];
  private liveCount = 0;
  /** See onceScores. */
  private once: Float64Array | undefined;
  private onceValid = false;
  private sortedTerms: string[] = [];
  private unsortedTerms: string[] = [];
  private accumulator = new Float64Array(0);
  /** The slots `score` has touched, a bit each; clear between calls. */
  private marks = new Uint32Array(0);

  constructor(private readonly fieldCount: number) {
    if (fieldCount > MAX_FIELDS) throw new Error(`At most ${MAX_FIELDS} fields.`);
    this.totals = new Float64Array(fieldCount);
  }

  get documentCount(): number {
    return this.liveCount;
  }

  /** One more than the highest slot the index can hold without growing. */
  get slotCapacity(): number {
    return this.accumulator.length;
  }

  termOf(id: number): string {
    return this.terms[id]!;
  }

  idOf(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** Holds a document's terms in `slot` (a free one: `remove` it first). */
  add(slot: number, document: DocumentTerms): void {
    this.ensureSlot(slot);
    for (let field = 0; field < this.fieldCount; field++) {
      const length = document.lengths[field] ?? 0;
      this.lengths[slot * this.fieldCount + field] = length;
      this.totals[field]! += length;
    }
    const pairs = new Uint32Array(document.count);
    for (let i = 0; i < document.count; i++) {
      const id = document.terms[i]!;
      const field = document.fields[i]!;
      this.append(id, (slot << FIELD_BITS) | field, document.frequencies[i]!);
      this.docFreq[id * MAX_FIELDS + field]! += 1;
      pairs[i] = id * MAX_FIELDS + field;
    }
    this.forward[slot] = pairs.sort();
    this.liveCount += 1;
    this.onceValid = false;
  }

  /** Frees a slot: its postings leave their terms' lists. */
  remove(slot: number): void {
    const pairs = this.forward[slot];
    if (!pairs) return;
    const terms = new Set<number>();
    for (const pair of pairs) {
      const term = Math.floor(pair / MAX_FIELDS);
      this.docFreq[pair]! -= 1;
      terms.add(term);
    }
    for (const term of terms) {
      const list = this.postings[term]!;
      const start = this.starts[term]!;
      const end = start + this.used[term]!;
      let kept = start;
      for (let i = start; i < end; i += 2) {
        if (list[i]! >>> FIELD_BITS === slot) continue;
        list[kept] = list[i]!;
        list[kept + 1] = list[i + 1]!;
        kept += 2;
      }
      this.used[term] = kept - start;
    }
    for (let field = 0; field < this.fieldCount; field++) {
      this.totals[field]! -= this.lengths[slot * this.fieldCount + field]!;
      this.lengths[slot * this.fieldCount + field] = 0;
    }
    this.forward[slot] = undefined;
    this.liveCount -= 1;
    this.onceValid = false;
  }

  /**
   * The index terms a query term stands for: itself (weight 1); with `prefix`, the longer terms it starts
   * (weighted down with their extra length); with `fuzzy`, the terms one edit away that it does not prefix.
   */
  expand(term: string, prefix: boolean, fuzzy: boolean): Expansion {
    const terms: number[] = [];
    const weights: number[] = [];
    const exact = this.ids.get(term);
    if (exact !== undefined) {
      terms.push(exact);
      weights.push(1);
    }
    const prefixed = new Set<string>();
    if (prefix) {
      for (const longer of this.startingWith(term)) {
        if (longer.length === term.length) continue;
        prefixed.add(longer);
        terms.push(this.ids.get(longer)!);
        weights.push((PREFIX_WEIGHT * longer.length) / (longer.length + 0.3 * (longer.length - term.length)));
      }
    }
    if (fuzzy) {
      for (const other of this.terms) {
        if (Math.abs(other.length - term.length) > 1 || other === term || prefixed.has(other) || !oneEditApart(term, other)) continue;
        terms.push(this.ids.get(other)!);
        weights.push((FUZZY_WEIGHT * other.length) / (other.length + 1));
      }
    }
    return { terms: Int32Array.from(terms), weights: Float64Array.from(weights) };
  }

  /**
   * The slots holding any of the expansion's terms in a field with a boost (0: not searched), each scored
   * Σ weight × boost × BM25+(term, field); with `within`, slots outside it are found but score 0.
   */
  score(expansion: Expansion, boosts: Float64Array, within?: Uint32Array): Scored {
    const acc = this.accumulator;
    const marks = this.marks;
    let touched = 0;
    let low = Infinity;
    const n = this.liveCount;
    const fields = this.fieldCount;
    const averages = this.averages();
    const once = this.onceScores(averages);
    const lengths = this.lengths;
    const idf = new Float64Array(MAX_FIELDS);
    for (let t = 0; t < expansion.terms.length; t++) {
      const term = expansion.terms[t]!;
      const weight = expansion.weights[t]!;
      for (let f = 0; f < fields; f++) {
        const df = this.docFreq[term * MAX_FIELDS + f]!;
        idf[f] = boosts[f] === 0 || df === 0 ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5)) * weight * boosts[f]!;
      }
      const list = this.postings[term]!;
      const start = this.starts[term]!;
      const end = start + this.used[term]!;
      for (let i = start; i < end; i += 2) {
        const packed = list[i]!;
        const field = packed & FIELD_MASK;
        const factor = idf[field]!;
        if (factor === 0) continue;
        const slot = packed >>> FIELD_BITS;
        const bit = 1 << (slot & 31);
        if ((marks[slot >>> 5]! & bit) === 0) {
          marks[slot >>> 5]! |= bit;
          touched += 1;
          if (slot < low) low = slot;
        }
        if (within !== undefined && (within[slot >>> 5]! & bit) === 0) continue;
        const tf = list[i + 1]!;
        if (tf === 1) acc[slot]! += factor * once[slot * fields + field]!;
        else acc[slot]! += factor * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * lengths[slot * fields + field]!) / averages[field]!)));
      }
    }
    const slots = new Int32Array(touched);
    const scores = new Float64Array(touched);
    let k = 0;
    for (let w = low >>> 5; k < touched; w++) {
      let word = marks[w]!;
      marks[w] = 0;
      while (word !== 0) {
        const bit = word & -word;
        const slot = (w << 5) + 31 - Math.clz32(bit);
        slots[k] = slot;
        scores[k++] = acc[slot]!;
        acc[slot] = 0;
        word ^= bit;
      }
    }
    return { slots, scores };
  }

  private averages(): Float64Array {
    const n = this.liveCount;
    const averages = new Float64Array(this.fieldCount);
    for (let f = 0; f < this.fieldCount; f++) averages[f] = n === 0 ? 0 : this.totals[f]! / n;
    return averages;
  }

  /**
   * Per slot and field, the BM25+ term part of a term found once there (most are): worked out again after the
   * documents change, as lengths and averages move.
   */
  private onceScores(averages: Float64Array): Float64Array {
    if (this.once && this.onceValid) return this.once;
    const fields = this.fieldCount;
    const lengths = this.lengths;
    const once = this.once && this.once.length === lengths.length ? this.once : new Float64Array(lengths.length);
    for (let i = 0; i < lengths.length; i++) once[i] = D + (1 * (K + 1)) / (1 + K * (1 - B + (B * lengths[i]!) / averages[i % fields]!));
    this.once = once;
    this.onceValid = true;
    return once;
  }

  /** The fields (a bit per field) in which a slot holds a term. */
  fieldsHolding(slot: number, term: number): number {
    const pairs = this.forward[slot];
    if (!pairs) return 0;
    const from = term * MAX_FIELDS;
    let low = 0;
    let high = pairs.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (pairs[mid]! < from) low = mid + 1;
      else high = mid;
    }
    let fields = 0;
    for (let i = low; i < pairs.length && pairs[i]! < from + MAX_FIELDS; i++) fields |= 1 << (pairs[i]! & FIELD_MASK);
    return fields;
  }

  /** The index as a snapshot saves it, its live slots renumbered 0 … n − 1 in the order `slotOrder` gives. */
  data(slotOrder: readonly number[]): InvertedIndexData {
    const renumbered = new Int32Array(this.forward.length).fill(-1);
    slotOrder.forEach((slot, i) => (renumbered[slot] = i));
    const order = this.terms.map((_, id) => id).sort((a, b) => (this.terms[a]! < this.terms[b]! ? -1 : 1));
    const offsets = new Uint32Array(order.length + 1);
    let total = 0;
    order.forEach((id, i) => {
      offsets[i] = total;
      total += this.used[id]! / 2;
    });
    offsets[order.length] = total;
    const places = new Uint32Array(total);
    const frequencies = new Uint16Array(total);
    let at = 0;
    for (const id of order) {
      const list = this.postings[id]!;
      for (let i = this.starts[id]!; i < this.starts[id]! + this.used[id]!; i += 2) {
        places[at] = (renumbered[list[i]! >>> FIELD_BITS]! << FIELD_BITS) | (list[i]! & FIELD_MASK);
        frequencies[at++] = Math.min(list[i + 1]!, 0xffff);
      }
    }
    const lengths = new Uint32Array(slotOrder.length * this.fieldCount);
    slotOrder.forEach((slot, i) => lengths.set(this.lengths.subarray(slot * this.fieldCount, (slot + 1) * this.fieldCount), i * this.fieldCount));
    return { fieldCount: this.fieldCount, terms: order.map((id) => this.terms[id]!), offsets, places, frequencies, lengths, slotCount: slotOrder.length };
  }

  /** An index holding what `data` saved; each term's postings are a view of one array until a change grows them. */
  static restore(data: InvertedIndexData): InvertedIndex {
    const index = new InvertedIndex(data.fieldCount);
    const fields = data.fieldCount;
    const termCount = data.terms.length;
    const { offsets, places, frequencies, slotCount } = data;
    index.ensureSlot(Math.max(0, slotCount - 1));
    index.lengths.set(data.lengths);
    for (let slot = 0; slot < slotCount; slot++) for (let f = 0; f < fields; f++) index.totals[f]! += data.lengths[slot * fields + f]!;
    index.liveCount = slotCount;
    index.growTerms(termCount);
    const postings = new Uint32Array(places.length * 2);
    const perSlot = new Uint32Array(slotCount + 1);
    for (let i = 0; i < places.length; i++) {
      const packed = places[i]!;
      if (packed >>> FIELD_BITS >= slotCount) throw new RangeError(`A posting for slot ${packed >>> FIELD_BITS} of ${slotCount}.`);
      postings[2 * i] = packed;
      postings[2 * i + 1] = frequencies[i]!;
      perSlot[(packed >>> FIELD_BITS) + 1]! += 1;
    }
    index.terms = data.terms.slice();
    index.shared = postings;
    index.postings = new Array<Uint32Array>(termCount).fill(postings);
    index.starts = new Array<number>(termCount);
    index.used = new Array<number>(termCount);
    for (let id = 0; id < termCount; id++) {
      index.ids.set(data.terms[id]!, id);
      index.starts[id] = 2 * offsets[id]!;
      index.used[id] = 2 * (offsets[id + 1]! - offsets[id]!);
      for (let i = offsets[id]!; i < offsets[id + 1]!; i++) index.docFreq[id * MAX_FIELDS + (places[i]! & FIELD_MASK)]! += 1;
    }
    for (let slot = 0; slot < slotCount; slot++) perSlot[slot + 1]! += perSlot[slot]!;
    const pairs = new Uint32Array(perSlot[slotCount]!);
    const fill = perSlot.slice(0, slotCount);
    for (let id = 0; id < termCount; id++) {
      for (let i = offsets[id]!; i < offsets[id + 1]!; i++) pairs[fill[places[i]! >>> FIELD_BITS]!++] = id * MAX_FIELDS + (places[i]! & FIELD_MASK);
    }
    for (let slot = 0; slot < slotCount; slot++) index.forward[slot] = pairs.subarray(perSlot[slot]!, perSlot[slot + 1]!);
    index.sortedTerms = data.terms;
    return index;
  }

  /** A term's id, a new one for a term not seen before. */
  termId(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      this.postings.push(new Uint32Array(2));
      this.starts.push(0);
      this.used.push(0);
      this.unsortedTerms.push(term);
      this.growTerms(id + 1);
    }
    return id;
  }

  private growTerms(count: number): void {
    if (count * MAX_FIELDS <= this.docFreq.length) return;
    const grown = new Uint32Array(Math.max(count, this.docFreq.length / MAX_FIELDS * 2, 64) * MAX_FIELDS);
    grown.set(this.docFreq);
    this.docFreq = grown;
  }

  private append(term: number, packed: number, frequency: number): void {
    let list = this.postings[term]!;
    const start = this.starts[term]!;
    const end = this.used[term]!;
    if (list === this.shared || end + 2 > list.length) {
      const grown = new Uint32Array(Math.max(4, end * 2));
      grown.set(list.subarray(start, start + end));
      this.postings[term] = list = grown;
      this.starts[term] = 0;
    }
    list[end] = packed;
    list[end + 1] = frequency;
    this.used[term] = end + 2;
  }

  private ensureSlot(slot: number): void {
    if (slot < this.accumulator.length) return;
    const capacity = Math.max(64, this.accumulator.length * 2, slot + 1);
    const lengths = new Uint32Array(capacity * this.fieldCount);
    lengths.set(this.lengths);
    this.lengths = lengths;
    this.accumulator = new Float64Array(capacity);
    this.marks = new Uint32Array(Math.ceil(capacity / 32));
  }

  /** The terms starting with `prefix`, in sorted order. */
  private *startingWith(prefix: string): Generator<string> {
    if (this.unsortedTerms.length > 0) {
      this.sortedTerms = mergeSorted(this.sortedTerms, this.unsortedTerms.sort());
      this.unsortedTerms = [];
    }
    const sorted = this.sortedTerms;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (sorted[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < sorted.length && sorted[i]!.startsWith(prefix); i++) yield sorted[i]!;
  }
}

const mergeSorted = (a: readonly string[], b: readonly string[]): string[] => {
  const out: string[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
};

/** True when one letter left out, added or changed turns `a` into `b` (Levenshtein distance 1). */
const oneEditApart = (a: string, b: string): boolean => {
  if (a.length > b.length) return oneEditApart(b, a);
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (i === a.length) return false;
    return a.slice(i + 1) === b.slice(i + 1);
  }
  return a.slice(i) === b.slice(i + 1);
};
