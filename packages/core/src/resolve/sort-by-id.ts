/**
 * Sorting a million entities or links by id, in the order of `<` on their
 * ids (UTF-16 code units), stable: the same result as
 * `items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))`.
 *
 * A comparison sort reads two ids about 20 times per item, and ids are
 * scattered over a heap of a gigabyte or more (each read a cache and TLB
 * miss) and share long prefixes (`document:bank_statement:PAK:PK…`). This
 * is a most-significant-digit radix sort instead: an id is read a few
 * characters at a time into a buffer of numbers (the first time when it is
 * added, while it is still in the cache), and ranges of items are ordered
 * by one digit (4 characters packed into a number, with the item's position
 * in the low bits, so a native Float64Array sort does the work and ties
 * keep their order); every run that still agrees goes one digit deeper. The
 * ids themselves are read again only when the buffered digits run out.
 */

/** Below this a range is finished by insertion sort (on buffered digits first). */
const SMALL = 16;
/** A character in a digit: char code + 1 (0 = past the end), codes ≥ 254 as 255 ("wide"). */
const WIDE = 255;
/** Characters per digit, and digits buffered per id each time it is read. */
const CHARS = 4;
const DIGITS = 4;
/** Ranges up to this size sort on digit · 2^21 + position (digits < 2^32, so < 2^53) in a Float64Array; larger ones by counting sort. */
const RANGE = 2 ** 21;

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts `items` by id in place (see above) and returns it. */
export function sortById<T extends { id: string }>(items: T[]): T[] {
  if (items.length <= SMALL) return items.sort((a, b) => compareIds(a.id, b.id));
  const sorter = new IdSorter<T>();
  for (const item of items) sorter.push(item, item.id);
  const sorted = sorter.sort();
  for (let i = 0; i < sorted.length; i++) items[i] = sorted[i]!;
  return items;
}

/** Collects items with their ids (best while the ids are fresh), then sorts them by id. */
export class IdSorter<T> {
  private ids: string[] = [];
  private items: T[] = [];
  /** DIGITS digits of every id, from the depth its range has reached. */
  private digits = new Uint32Array(1024 * DIGITS);
  private bar = false;

  push(item: T, id: string): void {
    const i = this.ids.length;
    this.ids.push(id);
    this.items.push(item);
    if ((i + 1) * DIGITS > this.digits.length) {
      const grown = new Uint32Array(this.digits.length * 2);
      grown.set(this.digits);
      this.digits = grown;
    }
    readDigits(this.digits, i, id, 0);
    if (!this.bar && id.includes('|')) this.bar = true;
  }

  get size(): number {
    return this.items.length;
  }

  /** Some id pushed so far contains `|`. */
  get anyBar(): boolean {
    return this.bar;
  }

  /** Replaces the item pushed `index`-th by one with the same id. */
  replace(index: number, item: T): void {
    this.items[index] = item;
  }

  /** The items in order of their ids (stable). The sorter is spent. */
  sort(): T[] {
    return this.sortWithIds().items;
  }

  /** The items in order of their ids (stable), with the ids in that order. The sorter is spent. */
  sortWithIds(): { items: T[]; ids: string[] } {
    const { items, ids } = this;
    new RadixSort(ids, items, this.digits).run();
    this.ids = [];
    this.items = [];
    this.digits = new Uint32Array(0);
    return { items, ids };
  }
}

const BAR = 0x7c; // '|'

/**
 * For ids sorted by `<` (none containing `|`), the rank of each in the order
 * of `id + '|'`: the order of link ids `from|TYPE|to` by their `from`. It
 * differs from the order of the ids only where one id is a prefix of
 * another: `address:h 1|…` comes after `address:h 1 x|…` (space < `|`) but
 * before `address:h 1~|…`. The ids that extend an id follow it directly in
 * sorted order, so one pass with a stack of the ids that prefix the current
 * one places each: an id is ranked once the first extension that sorts
 * after it arrives (its next character is above `|`), or when its
 * extensions end.
 */
export function barRanks(sortedIds: readonly string[]): Int32Array {
  const n = sortedIds.length;
  const rank = new Int32Array(n);
  const pending = new Uint8Array(n);
  const stack: number[] = [];
  let next = 0;
  for (let i = 0; i < n; i++) {
    const s = sortedIds[i]!;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const t = sortedIds[top]!;
      if (s.length > t.length && s.startsWith(t)) break;
      stack.pop();
      if (pending[top] === 1) {
        rank[top] = next++;
        pending[top] = 0;
      }
    }
    // Every id on the stack prefixes s; those whose next character in s is above `|` sort before s (outermost first).
    for (const p of stack) {
      if (pending[p] === 1 && s.charCodeAt(sortedIds[p]!.length) > BAR) {
        rank[p] = next++;
        pending[p] = 0;
      }
    }
    stack.push(i);
    pending[i] = 1;
  }
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (pending[top] === 1) rank[top] = next++;
  }
  return rank;
}

/** Reads the DIGITS digits of `id` at `depth` into slot `i` of `digits`; true if one holds a wide character. */
function readDigits(digits: Uint32Array, i: number, id: string, depth: number): boolean {
  const len = id.length;
  let k = depth;
  let anyWide = false;
  for (let d = 0; d < DIGITS; d++) {
    let digit = 0;
    for (const end = k + CHARS; k < end; k++) {
      const c = k < len ? id.charCodeAt(k) : -1;
      if (c >= WIDE - 1) anyWide = true;
      digit = digit * 256 + (c < WIDE - 1 ? c + 1 : WIDE);
    }
    digits[i * DIGITS + d] = digit;
  }
  return anyWide;
}

class RadixSort<T> {
  private readonly keys: Float64Array;
  private readonly tmpDigits: Uint32Array;
  private readonly tmpIds: string[];
  private readonly tmpItems: T[];
  private readonly saved = new Uint32Array(DIGITS);
  /** Some id has a character above U+00FE (digits do not tell those apart): check for them. */
  private anyWide: boolean;

  constructor(
    private readonly ids: string[],
    private readonly items: T[],
    private readonly digits: Uint32Array,
  ) {
    const n = ids.length;
    this.keys = new Float64Array(n);
    this.tmpDigits = new Uint32Array(n * DIGITS);
    // Copies, not `new Array(n)`: a large one starts as a slow dictionary array.
    this.tmpIds = ids.slice();
    this.tmpItems = items.slice();
    this.anyWide = false;
    for (let i = 0; i < n * DIGITS && !this.anyWide; i++) this.anyWide = wide(digits[i]!);
  }

  run(): void {
    // Ranges to order: [lo, hi) agree on their first `depth` characters; buffered digit `next` is the one at `depth`.
    const stack: number[] = [0, this.ids.length, 0, 0];
    while (stack.length > 0) {
      const next = stack.pop()!;
      const depth = stack.pop()!;
      const hi = stack.pop()!;
      const lo = stack.pop()!;
      if (hi - lo <= SMALL) this.insertion(lo, hi, depth, next);
      else this.split(lo, hi, depth, next, stack);
    }
  }

  /** Reads DIGITS digits at `depth` of every id in [lo, hi). */
  private fill(lo: number, hi: number, depth: number): void {
    const { ids, digits } = this;
    for (let i = lo; i < hi; i++) if (readDigits(digits, i, ids[i]!, depth)) this.anyWide = true;
  }

  /** Orders [lo, hi), whose ids agree on their first `depth` characters, by the digit there; pushes the runs that still agree. */
  private split(lo: number, hi: number, depth: number, next: number, stack: number[]): void {
    const { digits, keys } = this;
    // While every id of the range has the same digit, go deeper without sorting.
    for (;;) {
      if (next === DIGITS) {
        this.fill(lo, hi, depth);
        next = 0;
      }
      const first = digits[lo * DIGITS + next]!;
      if (!allSame(digits, lo, hi, next, first)) break;
      if (this.anyWide && wide(first)) {
        this.comparisonSort(lo, hi);
        return;
      }
      if (ended(first)) return; // equal ids, in their original order
      depth += CHARS;
      next++;
    }
    // keys[lo..hi): positions in digit order, then the digits in that order.
    if (hi - lo <= RANGE) orderByKey(digits, keys, lo, hi, next);
    else orderByCounting(digits, keys, lo, hi, next);
    permute(this.ids, this.items, digits, keys, this.tmpIds, this.tmpItems, this.tmpDigits, lo, hi, next);
    // Runs of one digit.
    for (let a = lo; a < hi; ) {
      const digit = keys[a]!;
      let b = a + 1;
      while (b < hi && keys[b] === digit) b++;
      if (b - a > 1) {
        if (this.anyWide && wide(digit)) this.comparisonSort(a, b);
        else if (!ended(digit)) stack.push(a, b, depth + CHARS, next + 1);
        // else: the ids of the run are equal and already in their original order.
      }
      a = b;
    }
  }

  /**
   * Compares item i with an item given by its id and buffered digits, in a
   * range that agrees up to `depth`, where buffered digit `next` starts: on
   * the buffered digits, then on the ids.
   */
  private compareWith(i: number, id: string, other: Uint32Array, otherAt: number, depth: number, next: number): number {
    const digits = this.digits;
    for (let d = next; d < DIGITS; d++) {
      const a = digits[i * DIGITS + d]!;
      const b = other[otherAt + d]!;
      if (this.anyWide && (wide(a) || wide(b))) return compareFrom(this.ids[i]!, id, depth);
      if (a !== b) return a - b;
      if (ended(a)) return 0;
      depth += CHARS;
    }
    return compareFrom(this.ids[i]!, id, depth);
  }

  /** Stable insertion sort of a small range (moving ids, items and their digits together). */
  private insertion(lo: number, hi: number, depth: number, next: number): void {
    const { ids, items, digits, saved } = this;
    for (let i = lo + 1; i < hi; i++) {
      let j = i - 1;
      const id = ids[i]!;
      if (this.compareWith(j, id, digits, i * DIGITS, depth, next) <= 0) continue;
      const item = items[i]!;
      for (let d = 0; d < DIGITS; d++) saved[d] = digits[i * DIGITS + d]!;
      // Shift the greater items up one slot.
      do {
        ids[j + 1] = ids[j]!;
        items[j + 1] = items[j]!;
        for (let d = 0; d < DIGITS; d++) digits[(j + 1) * DIGITS + d] = digits[j * DIGITS + d]!;
        j--;
      } while (j >= lo && this.compareWith(j, id, saved, 0, depth, next) > 0);
      ids[j + 1] = id;
      items[j + 1] = item;
      for (let d = 0; d < DIGITS; d++) digits[(j + 1) * DIGITS + d] = saved[d]!;
    }
  }

  /** Orders [lo, hi) by whole ids, stably (a run that differs in characters above U+00FE). The range is then finished. */
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

function allSame(digits: Uint32Array, lo: number, hi: number, next: number, first: number): boolean {
  for (let i = lo + 1; i < hi; i++) if (digits[i * DIGITS + next] !== first) return false;
  return true;
}

/** keys[lo..hi) := the positions lo..hi-1 ordered by digit `next`, stably: a Float64Array sort of digit · RANGE + offset. */
function orderByKey(digits: Uint32Array, keys: Float64Array, lo: number, hi: number, next: number): void {
  for (let i = lo; i < hi; i++) keys[i] = digits[i * DIGITS + next]! * RANGE + (i - lo);
  keys.subarray(lo, hi).sort();
  for (let j = lo; j < hi; j++) {
    const key = keys[j]!;
    keys[j] = lo + (key - Math.floor(key / RANGE) * RANGE); // exact: RANGE is a power of two, key < 2^53
  }
}

/**
 * keys[lo..hi) := the positions lo..hi-1 ordered by digit `next`, stably:
 * least-significant-digit counting sort on 11-bit slices of the digit
 * (< 2^32), for ranges too large to carry their offset in a Float64Array key.
 */
function orderByCounting(digits: Uint32Array, keys: Float64Array, lo: number, hi: number, next: number): void {
  const len = hi - lo;
  let order = new Int32Array(len);
  let other = new Int32Array(len);
  for (let j = 0; j < len; j++) order[j] = lo + j;
  const counts = new Int32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    counts.fill(0);
    for (let j = 0; j < len; j++) counts[(digits[order[j]! * DIGITS + next]! >>> shift) & 2047]!++;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let j = 0; j < len; j++) {
      const at = order[j]!;
      other[counts[(digits[at * DIGITS + next]! >>> shift) & 2047]!++] = at;
    }
    [order, other] = [other, order];
  }
  for (let j = 0; j < len; j++) keys[lo + j] = order[j]!;
}

/**
 * Moves ids, items and buffered digits of [lo, hi) into the order of the
 * positions in keys[lo..hi), and leaves in keys[lo..hi) the digit `next` of
 * each, in that order.
 */
function permute<T>(
  ids: string[],
  items: T[],
  digits: Uint32Array,
  keys: Float64Array,
  tmpIds: string[],
  tmpItems: T[],
  tmpDigits: Uint32Array,
  lo: number,
  hi: number,
  next: number,
): void {
  for (let j = lo; j < hi; j++) {
    const at = keys[j]!;
    tmpIds[j] = ids[at]!;
    tmpItems[j] = items[at]!;
    for (let d = 0; d < DIGITS; d++) tmpDigits[j * DIGITS + d] = digits[at * DIGITS + d]!;
  }
  for (let j = lo; j < hi; j++) {
    ids[j] = tmpIds[j]!;
    items[j] = tmpItems[j]!;
  }
  digits.set(tmpDigits.subarray(lo * DIGITS, hi * DIGITS), lo * DIGITS);
  for (let j = lo; j < hi; j++) keys[j] = digits[j * DIGITS + next]!;
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

/** The digit reaches past the end of its ids (so ids equal so far are equal): its last character is. */
function ended(digit: number): boolean {
  return (digit & 255) === 0;
}

/** The digit holds a character above U+00FD, which it does not tell apart. */
function wide(digit: number): boolean {
  return ((digit >>> 24) & 255) === WIDE || ((digit >>> 16) & 255) === WIDE || ((digit >>> 8) & 255) === WIDE || (digit & 255) === WIDE;
}
