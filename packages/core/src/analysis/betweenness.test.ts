import { describe, expect, it } from 'vitest';
import { betweenness, type CsrGraph } from './betweenness.js';
import { pagerank } from './pagerank.js';

/** CSR of an undirected edge list over nodes 0..n−1. */
function csr(n: number, edges: ReadonlyArray<readonly [number, number]>): CsrGraph & { weights: Float64Array } {
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) { adj[a]!.push(b); adj[b]!.push(a); }
  const offsets = new Int32Array(n + 1);
  adj.forEach((l, i) => { l.sort((x, y) => x - y); offsets[i + 1] = offsets[i]! + l.length; });
  const targets = Int32Array.from(adj.flat());
  return { n, offsets, targets, weights: new Float64Array(targets.length).fill(1) };
}

const KARATE =
  '1-2 1-3 1-4 1-5 1-6 1-7 1-8 1-9 1-11 1-12 1-13 1-14 1-18 1-20 1-22 1-32 2-3 2-4 2-8 2-14 2-18 2-20 2-22 2-31 3-4 3-8 3-9 3-10 3-14 3-28 3-29 3-33 4-8 4-13 4-14 5-7 5-11 6-7 6-11 6-17 7-17 9-31 9-33 9-34 10-34 14-34 15-33 15-34 16-33 16-34 19-33 19-34 20-34 21-33 21-34 23-33 23-34 24-26 24-28 24-30 24-33 24-34 25-26 25-28 25-32 26-32 27-30 27-34 28-34 29-32 29-34 30-33 30-34 31-33 31-34 32-33 32-34 33-34'
    .split(' ')
    .map((e) => e.split('-').map((x) => Number(x) - 1) as [number, number]);
const karate = csr(34, KARATE);

const base = { exactWork: Infinity, pivotBatch: 8, minPivots: 8, maxPivots: 1e9, stableRounds: 1e9, delta: 0.05, seed: 1, topK: 5 };

describe('betweenness', () => {
  it('matches the published karate-club values (networkx, normalized)', () => {
    const r = betweenness(karate, { ...base, mode: 'exact' });
    expect(r.normalized[0]).toBeCloseTo(0.4376352813852815, 12);
    expect(r.normalized[33]).toBeCloseTo(0.30407497594997596, 12);
    expect(r.normalized[32]).toBeCloseTo(0.14524711399711404, 12);
    expect(r.epsilon).toBe(0);
  });

  it('does not overflow path counts on a 30×30 grid (graphology-metrics gives 4.45e8 here)', () => {
    const edges: Array<[number, number]> = [];
    for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) {
      if (i < 29) edges.push([i * 30 + j, (i + 1) * 30 + j]);
      if (j < 29) edges.push([i * 30 + j, i * 30 + j + 1]);
    }
    const r = betweenness(csr(900, edges), { ...base, mode: 'exact' });
    expect(Math.max(...r.raw)).toBeCloseTo(18980.524324323203, 6); // networkx, unnormalized
  });

  it('samples sources with an error bound that holds, and is exact when every source is used', () => {
    const exact = betweenness(karate, { ...base, mode: 'exact' });
    const all = betweenness(karate, { ...base, mode: 'sampled', minPivots: 1, maxPivots: 34 });
    for (let v = 0; v < 34; v++) expect(all.normalized[v]).toBeCloseTo(exact.normalized[v]!, 10);
    const some = betweenness(karate, { ...base, mode: 'sampled', minPivots: 1, maxPivots: 16, pivotBatch: 16 });
    expect(some.pivots).toBe(16);
    expect(some.epsilon).toBeGreaterThan(0);
    for (let v = 0; v < 34; v++) expect(Math.abs(some.normalized[v]! - exact.normalized[v]!)).toBeLessThanOrEqual(some.epsilon);
    // Same seed, same estimate.
    const again = betweenness(karate, { ...base, mode: 'sampled', minPivots: 1, maxPivots: 16, pivotBatch: 16 });
    expect([...again.normalized]).toEqual([...some.normalized]);
  });

  it('measures the share of shortest paths between members of different groups through a node', () => {
    // Two triangles {0,1,2} and {4,5,6} joined through 3: 2–3–4.
    const g = csr(7, [[0, 1], [1, 2], [0, 2], [2, 3], [3, 4], [4, 5], [5, 6], [4, 6]]);
    const group = Int32Array.from([0, 0, 0, -1, 1, 1, 1]);
    const member = Uint8Array.from([1, 1, 1, 0, 1, 1, 1]);
    const r = betweenness(g, { ...base, mode: 'exact', group, member });
    expect(r.groupPairs).toBe(18); // 3 × 3 pairs, both directions
    expect(r.groupShare[3]).toBe(1);
    expect(r.groupShare[2]).toBeCloseTo(12 / 18, 12); // pairs with 0 or 1 at one end, both directions
    expect(r.groupShare[0]).toBe(0);
  });

  it('skips components without grouped nodes when asked', () => {
    const g = csr(6, [[0, 1], [1, 2], [3, 4], [4, 5]]);
    const group = Int32Array.from([0, 0, 0, -1, -1, -1]);
    const r = betweenness(g, { ...base, mode: 'exact', group, member: Uint8Array.from([1, 1, 1, 0, 0, 0]), onlyGrouped: true });
    expect(r.skippedComponents).toBe(1);
    expect(r.raw[1]).toBe(1);
    expect(r.raw[4]).toBe(0);
    expect([...r.computed]).toEqual([1, 1, 1, 0, 0, 0]);
  });
});

describe('pagerank', () => {
  it('matches the karate-club values and sums to one', () => {
    const { scores } = pagerank(karate);
    expect(scores[33]).toBeCloseTo(0.10091918233262571, 8);
    expect(scores[0]).toBeCloseTo(0.09699728538829472, 8);
    expect(scores.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
  });

  it('can be restricted to some components', () => {
    const g = csr(5, [[0, 1], [1, 2], [3, 4]]);
    const { scores } = pagerank(g, {}, Uint8Array.from([1, 1, 1, 0, 0]));
    expect(scores[3]).toBe(0);
    expect(scores[0]! + scores[1]! + scores[2]!).toBeCloseTo(1, 10);
    expect(scores[1]!).toBeGreaterThan(scores[0]!);
  });
});
