/**
 * Sorting a million entities or links by id, in the order of `<` on their
 * ids (UTF-16 code units), stable: the same result as
 * `items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))`.
 *
 * A comparison sort touches two ids, scattered over a heap of a gigabyte or
 * more, about 20 times per item; ids share long prefixes
 * (`document:bank_statement:PAK:PK…`), so each comparison also walks them.
 * This is a most-significant-digit radix sort instead: a range of items that
 * agree so far skips its common prefix, then is ordered by the next 4
 * characters packed into one number (with the item's position in the low
 * bits, so a native Float64Array sort does the work and ties keep their
 * order), and every run that still agrees goes one digit deeper. Each id is
 * read a few times, sequentially; the sorting itself is on numbers.
 */

/** Below this a range is finished by insertion sort. */
const SMALL = 24;
/** Digit base: char code + 1 (0 = past the end), codes ≥ 255 as 256. */
const BASE = 257;
const WIDE = 256;
/** Characters per digit, and digits read from an id each time it is touched. */
const CHARS = 4;
const DIGITS = 3;
/** Ranges up to this size sort on digit · 2^20 + position (< 2^53); larger ones (rare) by comparison. */
const RANGE = 2 ** 20;

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts `items` by id in place (see above) and returns it. */
export function sortById<T extends { id: string }>(items: T[]): T[] {
  const n = items.length;
  if (n <= SMALL) return items.sort((a, b) => compareIds(a.id, b.id));
  const ids: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) ids[i] = items[i]!.id;
  new RadixSort(ids, items).run();
  return items;
}

class RadixSort<T> {
  /** DIGITS digits of every id, read at the depth its range has reached. */
  private readonly digits: Float64Array;
  private readonly keys: Float64Array;
  private readonly tmpDigits: Float64Array;
  private readonly tmpIds: string[];
  private readonly tmpItems: T[];

  constructor(
    private readonly ids: string[],
    private readonly items: T[],
  ) {
    const n = ids.length;
    this.digits = new Float64Array(n * DIGITS);
    this.keys = new Float64Array(Math.min(n, RANGE));
    this.tmpDigits = new Float64Array(Math.min(n, RANGE) * DIGITS);
    this.tmpIds = new Array<string>(Math.min(n, RANGE));
    this.tmpItems = new Array<T>(Math.min(n, RANGE));
  }

  run(): void {
    // Ranges to order: [lo, hi) agree on their first `depth` characters; digit `next` of the buffer is the one at `depth`.
    const stack: number[] = [0, this.ids.length, 0, DIGITS];
    while (stack.length > 0) {
      const next = stack.pop()!;
      const depth = stack.pop()!;
      const hi = stack.pop()!;
      const lo = stack.pop()!;
      if (hi - lo <= SMALL) this.insertion(lo, hi, depth);
      else if (hi - lo > RANGE) this.comparisonSort(lo, hi);
      else this.split(lo, hi, depth, next, stack);
    }
  }

  /** Reads DIGITS digits at `depth` of every id in [lo, hi). */
  private fill(lo: number, hi: number, depth: number): void {
    const { ids, digits } = this;
    for (let i = lo; i < hi; i++) {
      const s = ids[i]!;
      const len = s.length;
      let k = depth;
      for (let d = 0; d < DIGITS; d++) {
        let digit = 0;
        for (const end = k + CHARS; k < end; k++) {
          const c = k < len ? s.charCodeAt(k) : -1;
          digit = digit * BASE + (c < 255 ? c + 1 : WIDE);
        }
        digits[i * DIGITS + d] = digit;
      }
    }
  }

  /** Orders [lo, hi) by the digit at `depth`; pushes the runs that still agree. */
  private split(lo: number, hi: number, depth: number, next: number, stack: number[]): void {
    const { ids, items, digits, keys, tmpDigits, tmpIds, tmpItems } = this;
    const len = hi - lo;
    // While every id of the range has the same digit, go deeper without sorting.
    for (;;) {
      if (next === DIGITS) {
        this.fill(lo, hi, depth);
        next = 0;
      }
      const first = digits[lo * DIGITS + next]!;
      let same = true;
      for (let i = lo + 1; i < hi && same; i++) same = digits[i * DIGITS + next] === first;
      if (!same) break;
      if (ended(first)) return; // equal ids, in their original order
      if (wide(first)) {
        this.comparisonSort(lo, hi);
        return;
      }
      depth += CHARS;
      next++;
    }
    for (let i = lo; i < hi; i++) keys[i - lo] = digits[i * DIGITS + next]! * RANGE + (i - lo);
    const sub = keys.subarray(0, len);
    sub.sort();
    for (let j = 0; j < len; j++) {
      const key = sub[j]!;
      const digit = Math.floor(key / RANGE); // exact: RANGE is a power of two
      const at = lo + (key - digit * RANGE);
      tmpIds[j] = ids[at]!;
      tmpItems[j] = items[at]!;
      for (let d = 0; d < DIGITS; d++) tmpDigits[j * DIGITS + d] = digits[at * DIGITS + d]!;
      sub[j] = digit;
    }
    for (let j = 0; j < len; j++) {
      ids[lo + j] = tmpIds[j]!;
      items[lo + j] = tmpItems[j]!;
    }
    digits.set(tmpDigits.subarray(0, len * DIGITS), lo * DIGITS);
    // Runs of one digit.
    for (let a = 0; a < len; ) {
      const digit = sub[a]!;
      let b = a + 1;
      while (b < len && sub[b] === digit) b++;
      if (b - a > 1) {
        if (wide(digit)) this.comparisonSort(lo + a, lo + b);
        else if (!ended(digit)) stack.push(lo + a, lo + b, depth + CHARS, next + 1);
        // else: the ids of the run are equal and already in their original order.
      }
      a = b;
    }
  }

  /** Insertion sort of [lo, hi), whose ids agree on their first `depth` characters. */
  private insertion(lo: number, hi: number, depth: number): void {
    const { ids, items } = this;
    for (let i = lo + 1; i < hi; i++) {
      const id = ids[i]!;
      const item = items[i]!;
      let j = i - 1;
      while (j >= lo && compareFrom(ids[j]!, id, depth) > 0) {
        ids[j + 1] = ids[j]!;
        items[j + 1] = items[j]!;
        j--;
      }
      ids[j + 1] = id;
      items[j + 1] = item;
    }
  }

  /** Orders [lo, hi) by whole ids, stably (a run that differs in characters above U+00FE, or a huge range). */
  private comparisonSort(lo: number, hi: number): void {
    const { ids, items } = this;
    const order: number[] = [];
    for (let i = lo; i < hi; i++) order.push(i);
    order.sort((x, y) => compareIds(ids[x]!, ids[y]!));
    const sortedIds = order.map((i) => ids[i]!);
    const sortedItems = order.map((i) => items[i]!);
    for (let j = 0; j < sortedIds.length; j++) {
      ids[lo + j] = sortedIds[j]!;
      items[lo + j] = sortedItems[j]!;
    }
  }
}

/** compareIds for ids that agree on their first `depth` characters: compares from there. */
function compareFrom(a: string, b: string, depth: number): number {
  const la = a.length;
  const lb = b.length;
  for (let k = depth; ; k++) {
    if (k >= la) return k >= lb ? 0 : -1;
    if (k >= lb) return 1;
    const d = a.charCodeAt(k) - b.charCodeAt(k);
    if (d !== 0) return d;
  }
}

/** The digit reaches past the end of its ids (so ids equal so far are equal). */
function ended(digit: number): boolean {
  for (let k = 0; k < CHARS; k++, digit = Math.floor(digit / BASE)) if (digit % BASE === 0) return true;
  return false;
}

/** The digit holds a character above U+00FE, which it does not tell apart. */
function wide(digit: number): boolean {
  for (let k = 0; k < CHARS; k++, digit = Math.floor(digit / BASE)) if (digit % BASE === WIDE) return true;
  return false;
}
