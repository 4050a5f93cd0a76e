/**
 * Scores one query's passes over the inverted index. A pass is a tree (any branch; in a branch every word; in a
 * word any leaf), scored as MiniSearch scored its query trees: a leaf's matches add up, a branch keeps the slots
 * every word matched, and a slot's pass score is its summed score times the number of distinct forms it matched.
 * Each (form, tolerance) is expanded and each (form, tolerance, fields) scored once per query, however many
 * passes and units ask for it; match details are worked out for one slot at a time, for the page's hits only.
 */
import { FIELD_BITS, type Expansion, type InvertedIndex, type Scored } from './inverted-index.ts';

/** A set of fields as bits, one per field of the index. */
export type FieldSet = number;
/** A form of a query word in some fields: the form itself, and with `prefix`/`fuzzy` longer forms and forms one typo away. */
export type Leaf = { form: string; fields: FieldSet; prefix: boolean; fuzzy: boolean; weight: number };
export type Word = readonly Leaf[];
export type Branch = readonly Word[];
export type Pass = readonly Branch[];

/** Slots ascending, their scores and, `width` words each, the bits of the forms they matched. */
type Partial = { slots: Int32Array; scores: Float64Array; forms: Uint32Array; width: number };

export class QueryScorer {
  private readonly expansions = new Map<string, Expansion>();
  private readonly leafExpansions = new Map<Leaf, Expansion>();
  private readonly scored = new Map<string, Scored>();

  /**
   * `fieldWeights`: each field's boost, by the index's field number; `within`: the slots whose scores are read
   * (others are found, with score 0).
   */
  constructor(
    private readonly index: InvertedIndex,
    private readonly fieldWeights: readonly number[],
    private readonly within?: Uint32Array,
  ) {}

  /**
   * A pass's matching slots (ascending) and their scores. Branches of one word (most: a word, a synonym, a part)
   * add their leaves straight into one accumulator over slots; longer branches intersect their words first.
   */
  evaluate(pass: Pass): Scored {
    const bitOf = new Map<string, number>();
    for (const branch of pass) for (const word of branch) for (const leaf of word) if (!bitOf.has(leaf.form)) bitOf.set(leaf.form, bitOf.size);
    const width = Math.max(1, Math.ceil(bitOf.size / 32));
    const { scores, forms, seen } = scratch(this.index.slotCapacity, width);
    let touched = 0;
    let low = Infinity;
    const visit = (slot: number, score: number) => {
      if ((seen[slot >>> 5]! & (1 << (slot & 31))) === 0) {
        seen[slot >>> 5]! |= 1 << (slot & 31);
        touched += 1;
        if (slot < low) low = slot;
      }
      scores[slot]! += score;
    };
    for (const branch of pass) {
      if (branch.length === 1) {
        for (const leaf of branch[0]!) {
          const { slots, scores: leafScores } = this.leafScores(leaf);
          const bit = bitOf.get(leaf.form)!;
          const word = bit >>> 5;
          const mask = 1 << (bit & 31);
          const weight = leaf.weight;
          for (let i = 0; i < slots.length; i++) {
            visit(slots[i]!, leafScores[i]! * weight);
            forms[slots[i]! * width + word]! |= mask;
          }
        }
        continue;
      }
      let all: Partial | undefined;
      for (const word of branch) {
        let any: Partial | undefined;
        for (const leaf of word) {
          const part = weighted(this.leafScores(leaf), leaf.weight, bitOf.get(leaf.form)!, width);
          any = any ? union(any, part) : part;
        }
        const matched = any ?? empty(width);
        all = all ? both(all, matched) : matched;
      }
      if (!all) continue;
      for (let i = 0; i < all.slots.length; i++) {
        visit(all.slots[i]!, all.scores[i]!);
        for (let w = 0; w < width; w++) forms[all.slots[i]! * width + w]! |= all.forms[i * width + w]!;
      }
    }
    const slots = new Int32Array(touched);
    const out = new Float64Array(touched);
    let k = 0;
    for (let w = low >>> 5; k < touched; w++) {
      let bits = seen[w]!;
      seen[w] = 0;
      while (bits !== 0) {
        const lowest = bits & -bits;
        const slot = (w << 5) + 31 - Math.clz32(lowest);
        bits ^= lowest;
        let count = 0;
        for (let f = 0; f < width; f++) {
          count += popcount(forms[slot * width + f]!);
          forms[slot * width + f] = 0;
        }
        slots[k] = slot;
        out[k++] = scores[slot]! * count;
        scores[slot] = 0;
      }
    }
    return { slots, scores: out };
  }

  /**
   * The index terms a slot matched in a pass, each with the fields it matched in: the terms of every branch whose
   * words all match.
   */
  details(pass: Pass, slot: number): Map<number, FieldSet> {
    const found = new Map<number, FieldSet>();
    for (const branch of pass) {
      if (branch.length === 0 || !branch.every((word) => word.some((leaf) => this.holds(leaf, slot)))) continue;
      for (const word of branch) {
        for (const leaf of word) {
          const { terms } = this.expansion(leaf);
          for (let i = 0; i < terms.length; i++) {
            const fields = this.index.fieldsHolding(slot, terms[i]!) & leaf.fields;
            if (fields !== 0) found.set(terms[i]!, (found.get(terms[i]!) ?? 0) | fields);
          }
        }
      }
    }
    return found;
  }

  /** Whether a slot holds any of a leaf's terms in its fields. */
  private holds(leaf: Leaf, slot: number): boolean {
    const { terms } = this.expansion(leaf);
    for (let i = 0; i < terms.length; i++) if ((this.index.fieldsHolding(slot, terms[i]!) & leaf.fields) !== 0) return true;
    return false;
  }

  /** A leaf's expansion, looked up by the leaf itself after the first time (no key to build). */
  private expansion(leaf: Leaf): Expansion {
    let expansion = this.leafExpansions.get(leaf);
    if (expansion) return expansion;
    const key = `${leaf.prefix ? 1 : 0}${leaf.fuzzy ? 1 : 0}${leaf.form}`;
    expansion = this.expansions.get(key);
    if (!expansion) this.expansions.set(key, (expansion = this.index.expand(leaf.form, leaf.prefix, leaf.fuzzy)));
    this.leafExpansions.set(leaf, expansion);
    return expansion;
  }

  private leafScores(leaf: Leaf): Scored {
    const key = `${leaf.fields}:${leaf.prefix ? 1 : 0}${leaf.fuzzy ? 1 : 0}${leaf.form}`;
    let scored = this.scored.get(key);
    if (!scored) {
      const boosts = new Float64Array(1 << FIELD_BITS);
      this.fieldWeights.forEach((weight, field) => {
        if (leaf.fields & (1 << field)) boosts[field] = weight;
      });
      this.scored.set(key, (scored = this.index.score(this.expansion(leaf), boosts, this.within)));
    }
    return scored;
  }
}

/** One accumulator for every pass (a pass runs synchronously to its end, which clears what it touched). */
let shared = { scores: new Float64Array(0), forms: new Uint32Array(0), seen: new Uint32Array(0) };
const scratch = (capacity: number, width: number) => {
  if (shared.scores.length < capacity || shared.forms.length < capacity * width) {
    shared = { scores: new Float64Array(capacity), forms: new Uint32Array(capacity * width), seen: new Uint32Array(Math.ceil(capacity / 32)) };
  }
  return shared;
};

const popcount = (word: number): number => {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

const empty = (width: number): Partial => ({ slots: new Int32Array(0), scores: new Float64Array(0), forms: new Uint32Array(0), width });

const weighted = ({ slots, scores }: Scored, weight: number, bit: number, width: number): Partial => {
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = scores[i]! * weight;
  const forms = new Uint32Array(slots.length * width);
  const word = bit >>> 5;
  const mask = 1 << (bit & 31);
  for (let i = 0; i < slots.length; i++) forms[i * width + word] = mask;
  return { slots, scores: out, forms, width };
};

/** Arrays for up to `capacity` slots of a merge's result. */
const room = (capacity: number, width: number): Partial => ({
  slots: new Int32Array(capacity),
  scores: new Float64Array(capacity),
  forms: new Uint32Array(capacity * width),
  width,
});

/** The slots in either, scores added and forms joined. */
const union = (a: Partial, b: Partial): Partial => {
  const width = a.width;
  const { slots, scores, forms } = room(a.slots.length + b.slots.length, width);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.slots.length || j < b.slots.length) {
    const sa = i < a.slots.length ? a.slots[i]! : Infinity;
    const sb = j < b.slots.length ? b.slots[j]! : Infinity;
    if (sa <= sb) {
      slots[k] = sa;
      scores[k] = a.scores[i]!;
      for (let w = 0; w < width; w++) forms[k * width + w] = a.forms[i * width + w]!;
      i++;
      if (sa === sb) {
        scores[k]! += b.scores[j]!;
        for (let w = 0; w < width; w++) forms[k * width + w]! |= b.forms[j * width + w]!;
        j++;
      }
    } else {
      slots[k] = sb;
      scores[k] = b.scores[j]!;
      for (let w = 0; w < width; w++) forms[k * width + w] = b.forms[j * width + w]!;
      j++;
    }
    k++;
  }
  return { slots: slots.subarray(0, k), scores: scores.subarray(0, k), forms: forms.subarray(0, k * width), width };
};

/** The slots in both, scores added and forms joined. */
const both = (a: Partial, b: Partial): Partial => {
  const width = a.width;
  const { slots, scores, forms } = room(Math.min(a.slots.length, b.slots.length), width);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.slots.length && j < b.slots.length) {
    const sa = a.slots[i]!;
    const sb = b.slots[j]!;
    if (sa < sb) i++;
    else if (sb < sa) j++;
    else {
      slots[k] = sa;
      scores[k] = a.scores[i]! + b.scores[j]!;
      for (let w = 0; w < width; w++) forms[k * width + w] = a.forms[i * width + w]! | b.forms[j * width + w]!;
      i++;
      j++;
      k++;
    }
  }
  return { slots: slots.subarray(0, k), scores: scores.subarray(0, k), forms: forms.subarray(0, k * width), width };
};
