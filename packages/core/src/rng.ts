/**
 * Seeded pseudo-random numbers for everything in ringlink that must be
 * reproducible: the synthetic-case generator, Louvain's node order, sampled
 * betweenness pivots. Never use Math.random where a result can reach a court.
 *
 * Generator: sfc32 ("Small Fast Chaotic", Chris Doty-Humphrey, PractRand
 * suite, 2010s), 128-bit state, period at least 2^32 and in practice about
 * 2^127; passes PractRand and BigCrush. The 32-bit seed is expanded into the
 * four state words with splitmix32 (a 32-bit variant of Steele, Lea & Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014) and the
 * first 12 outputs are discarded, so nearby seeds give unrelated streams.
 *
 * Methods live on a prototype (creating a generator is cheap); to pass one
 * where a `() => number` is expected (graphology's `rng` option), pass
 * `() => rng.next()` or `rng.next.bind(rng)`.
 */

export interface Rng {
  /** A float in [0, 1), 32 bits of randomness. */
  next(): number;
  /** An integer in [min, max], both inclusive. Throws a RangeError when max < min or a bound is not an integer. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** One element, uniformly. Throws a RangeError on an empty array. */
  pick<T>(arr: readonly T[]): T;
  /** True with probability p (p ≤ 0 never, p ≥ 1 always). */
  chance(p: number): boolean;
  /** A shuffled copy (Fisher–Yates); the input is not modified. */
  shuffle<T>(arr: readonly T[]): T[];
  /** Shuffles the array in place (Fisher–Yates) and returns it. */
  shuffleInPlace<T>(arr: T[]): T[];
  /** An index drawn with probability proportional to its weight (weights ≥ 0, at least one > 0). */
  weighted(weights: readonly number[]): number;
  /** `k` distinct elements in random order (k is capped at arr.length). */
  sample<T>(arr: readonly T[], k: number): T[];
  /** An independent generator derived from this one's seed and a label; does not advance this one. */
  fork(label: string | number): Rng;
}

/** Turns any finite number into a 32-bit unsigned seed, keeping the high bits of large integers. */
function seed32(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`rng: seed must be a finite number, got ${seed}`);
  const int = Math.trunc(seed);
  const lo = int >>> 0;
  const hi = Math.floor(int / 4294967296) >>> 0;
  return hi === 0 ? lo : hashSeed(lo, hi);
}

/**
 * A 32-bit seed derived from any mix of numbers and strings (FNV-1a style over the
 * parts, then a murmur3 finalizer). Use it to give each sub-task its own
 * stream: `createRng(hashSeed(seed, 'person', 42))`.
 */
export function hashSeed(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    if (typeof part === 'number') {
      // Numbers: a type tag, then the low and high 32 bits of the integer part (fractions are folded in too).
      const int = Math.trunc(part);
      h = Math.imul(h ^ 0x23, 0x01000193);
      h = Math.imul(h ^ (int >>> 0), 0x01000193);
      h = Math.imul(h ^ (Math.floor(int / 4294967296) >>> 0), 0x01000193);
      if (int !== part) h = Math.imul(h ^ (Math.round((part - int) * 4294967296) >>> 0), 0x01000193);
      h ^= h >>> 15;
    } else {
      h = Math.imul(h ^ 0x24, 0x01000193);
      for (let i = 0; i < part.length; i++) {
        h ^= part.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
      }
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * sfc32 state and the Rng methods. A class (methods on the prototype) so
 * that creating a generator allocates one small object: the generator makes
 * one per derived party, millions of times in a large case.
 */
class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(private readonly seed: number) {
    // splitmix32 expansion of the seed into sfc32's state.
    let sm = seed;
    const words: number[] = [];
    for (let i = 0; i < 3; i++) {
      sm = (sm + 0x9e3779b9) | 0;
      let z = sm;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      words.push((z ^ (z >>> 16)) >>> 0);
    }
    this.a = words[0]!;
    this.b = words[1]!;
    this.c = words[2]!;
    for (let i = 0; i < 12; i++) this.next32();
  }

  private next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.next32() / 4294967296;
  }

  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max)) throw new RangeError(`rng: int bounds must be integers, got ${min}..${max}`);
    if (max < min) throw new RangeError(`rng: int range is empty, got ${min}..${max}`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(arr: readonly T[]): T {
    if (arr.length === 0) throw new RangeError('rng: cannot pick from an empty array');
    return arr[Math.floor(this.next() * arr.length)]!;
  }

  chance(p: number): boolean {
    return p <= 0 ? false : p >= 1 ? true : this.next() < p;
  }

  shuffle<T>(arr: readonly T[]): T[] {
    return this.shuffleInPlace(arr.slice());
  }

  shuffleInPlace<T>(arr: T[]): T[] {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = arr[i]!;
      arr[i] = arr[j]!;
      arr[j] = tmp;
    }
    return arr;
  }

  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0)) throw new RangeError(`rng: weights must be ≥ 0, got ${w}`);
      total += w;
    }
    if (total <= 0) throw new RangeError('rng: at least one weight must be > 0');
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    // Rounding left x ≥ 0: the last index with a positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
    return 0;
  }

  sample<T>(arr: readonly T[], k: number): T[] {
    // Partial Fisher–Yates: O(k) swaps on a copy.
    const n = Math.max(0, Math.min(Math.floor(k), arr.length));
    const copy = arr.slice();
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i]!;
      copy[i] = copy[j]!;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }

  fork(label: string | number): Rng {
    return new Sfc32(hashSeed(this.seed, label));
  }
}

/** A seeded generator; the same seed always gives the same sequence. */
export function createRng(seed: number): Rng {
  return new Sfc32(seed32(seed));
}
