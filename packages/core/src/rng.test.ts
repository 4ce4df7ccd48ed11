import { describe, expect, it } from 'vitest';
import { createRng, hashSeed } from './rng.js';

describe('createRng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(sa);
    expect(createRng(2 ** 40 + 1).next()).not.toBe(createRng(1).next());
  });

  it('stays in range', () => {
    const r = createRng(1);
    let bad = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      const n = r.int(-3, 3);
      const f = r.float(2, 5);
      if (!(x >= 0 && x < 1) || !(Number.isInteger(n) && n >= -3 && n <= 3) || !(f >= 2 && f < 5)) bad++;
    }
    expect(bad).toBe(0);
  });

  it('is roughly uniform and reaches both ends of int ranges', () => {
    const r = createRng(7);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[r.int(0, 9)]!++;
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    let hits = 0;
    for (let i = 0; i < 100_000; i++) if (r.chance(0.3)) hits++;
    expect(Math.abs(hits - 30_000)).toBeLessThan(700);
  });

  it('picks, shuffles, samples and weighs', () => {
    const r = createRng(3);
    const arr = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = r.shuffle(arr);
    expect(arr).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(arr);
    const sample = r.sample(arr, 3);
    expect(new Set(sample).size).toBe(3);
    expect(r.sample(arr, 20)).toHaveLength(8);
    expect(arr).toContain(r.pick(arr));
    expect(r.chance(0)).toBe(false);
    expect(r.chance(1)).toBe(true);
    const w = [0, 0, 0];
    for (let i = 0; i < 3000; i++) w[r.weighted([1, 0, 2])]!++;
    expect(w[1]).toBe(0);
    expect(w[2]! / w[0]!).toBeGreaterThan(1.6);
    expect(w[2]! / w[0]!).toBeLessThan(2.4);
  });

  it('forks independent streams without advancing the parent', () => {
    const a = createRng(5);
    const b = createRng(5);
    const f1 = a.fork('x');
    expect(a.next()).toBe(b.next());
    expect(createRng(5).fork('x').next()).toBe(f1.next());
    expect(createRng(5).fork('y').next()).not.toBe(createRng(5).fork('x').next());
  });

  it('rejects what it cannot do', () => {
    const r = createRng(1);
    expect(() => r.pick([])).toThrow(RangeError);
    expect(() => r.int(3, 2)).toThrow(RangeError);
    expect(() => r.int(0.5, 2)).toThrow(RangeError);
    expect(() => r.weighted([0, 0])).toThrow(RangeError);
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
  });

  it('derives distinct seeds from parts', () => {
    expect(hashSeed(1, 'a')).toBe(hashSeed(1, 'a'));
    expect(hashSeed(1, 'a')).not.toBe(hashSeed(1, 'b'));
    expect(hashSeed(1, 2)).not.toBe(hashSeed(2, 1));
    expect(hashSeed('1')).not.toBe(hashSeed(1));
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(hashSeed(9, 'person', i));
    expect(seen.size).toBeGreaterThan(9_990);
  });
});
