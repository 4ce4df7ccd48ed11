import { describe, expect, it } from 'vitest';
import { buildAnalysisView } from './analysis-view.js';
import { ANALYSIS_DEFAULTS } from './defaults.js';
import { detectHubs } from './hubs.js';
import { plantedGraph } from './planted-graph.js';
import { cutVertexBrokers, findRings, splitConnected } from './rings.js';
import { GraphBuilder, ringNet } from './test-graphs.js';

describe('splitConnected', () => {
  it('splits a community whose members are not connected within it', () => {
    // Path a – b – c – d; a and c share community 0 but only b (community 1) joins them.
    const b = new GraphBuilder();
    b.link('ASSOCIATE_OF', 'person:cnic:a', 'person:cnic:b').link('ASSOCIATE_OF', 'person:cnic:b', 'person:cnic:c').link('ASSOCIATE_OF', 'person:cnic:c', 'person:cnic:d');
    const view = buildAnalysisView(b.build());
    const { labels, parts, split } = splitConnected(view, Int32Array.from([0, 1, 0, 0]), Uint8Array.from([1, 1, 1, 1]));
    expect(split).toBe(1);
    expect(parts).toBe(3);
    expect(labels[0]).not.toBe(labels[2]);
    expect(labels[2]).toBe(labels[3]);
  });
});

describe('findRings', () => {
  const opts = { ...ANALYSIS_DEFAULTS };

  it('returns rings that are connected, disjoint and hold at least minPersons persons', () => {
    const { graph } = plantedGraph({ seed: 2, rings: 8, brokers: 4, background: 300, linkNoise: 0.2 });
    const view = buildAnalysisView(graph);
    const hubs = detectHubs(view, opts);
    const d = findRings(view, hubs.isHub, opts);
    expect(d.rings.length).toBeGreaterThan(4);
    const seen = new Set<number>();
    for (const ring of d.rings) {
      expect(ring.distinctPersons).toBeGreaterThanOrEqual(3);
      for (const u of ring.members) { expect(seen.has(u)).toBe(false); seen.add(u); expect(hubs.isHub[u]).toBe(0); }
      // Connected: BFS inside the ring reaches every member.
      const inRing = new Set(ring.members);
      const reached = new Set([ring.members[0]!]);
      const queue = [ring.members[0]!];
      while (queue.length) {
        const u = queue.pop()!;
        for (let p = view.offsets[u]!; p < view.offsets[u + 1]!; p++) {
          const v = view.neighbors[p]!;
          if (inRing.has(v) && !reached.has(v)) { reached.add(v); queue.push(v); }
        }
      }
      expect(reached.size).toBe(ring.members.length);
    }
  });

  it('keeps a person tied to a ring by one shared identifier out, as an associate', () => {
    const net = ringNet();
    const g = net.graph;
    // An honest applicant whose phone number an applicant of ring A also gave.
    const honest = net.background[0]!;
    const phone = g.links.find((l) => l.from === honest && l.type === 'USES_PHONE')!.to;
    g.links.push({ id: `${net.rings.A[4]}|USES_PHONE|${phone}`, type: 'USES_PHONE', from: net.rings.A[4]!, to: phone, props: {}, evidence: [] });
    const view = buildAnalysisView(g);
    const hubs = detectHubs(view, opts);
    const d = findRings(view, hubs.isHub, opts);
    const ringA = d.rings.find((r) => r.persons.includes(view.index.get(net.rings.A[0]!)!))!;
    expect(ringA.persons.map((u) => view.ids[u])).not.toContain(honest);
    expect(ringA.associates.map((u) => view.ids[u])).toContain(honest);
  });

  it('counts record-only persons with the name of another member once', () => {
    const b = new GraphBuilder();
    const agent = b.entity('person:cnic:1000000000001', { name: 'Agent', nameKey: 'agent x' }, ['Agent']);
    const dup1 = b.entity('person:record:applications:APP-1:agent', { name: 'Agent', nameKey: 'agent x' }, ['Agent']);
    const dup2 = b.entity('person:record:applications:APP-2:agent', { name: 'Agent', nameKey: 'agent x' }, ['Agent']);
    const phone = 'phone:+923000000001';
    const agency = 'organization:agency x';
    for (const a of [agent, dup1, dup2]) b.link('USES_PHONE', a, phone).link('WORKS_FOR', a, agency);
    const view = buildAnalysisView(b.build());
    const d = findRings(view, new Uint8Array(view.nodeCount), opts);
    expect(d.rings).toEqual([]); // three records of one man are not three persons
  });
});

describe('cutVertexBrokers', () => {
  it('finds the one person joining two groups that are each big enough to be a ring', () => {
    // Two cliques of four, joined only through x (tied to two persons in each).
    const b = new GraphBuilder();
    const group = (g: string): string[] => [1, 2, 3, 4].map((i) => b.person(`${g}00000000000${i}`));
    const a = group('1');
    const c = group('2');
    for (const g of [a, c]) for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) b.link('ASSOCIATE_OF', g[i]!, g[j]!);
    const x = b.person('3000000000000');
    for (const p of [a[0]!, a[1]!, c[0]!, c[1]!]) b.link('ASSOCIATE_OF', x, p);
    const view = buildAnalysisView(b.build());
    const all = Array.from({ length: view.nodeCount }, (_, i) => i);
    const ringOf = new Int32Array(view.nodeCount).fill(0);
    const identity = Int32Array.from(all);
    const ring = { members: all, persons: all, distinctPersons: 9, associates: [] };
    const found = cutVertexBrokers(view, new Uint8Array(view.nodeCount), ringOf, [ring], identity, 3);
    expect(found.map((u) => view.ids[u])).toEqual([x]);
    // With minPersons 5 neither side is big enough.
    expect(cutVertexBrokers(view, new Uint8Array(view.nodeCount), ringOf, [ring], identity, 5)).toEqual([]);
    // And findRings gives two rings without x.
    const d = findRings(view, new Uint8Array(view.nodeCount), { ...ANALYSIS_DEFAULTS, minTies: 1 });
    expect(d.rings.map((r) => r.persons.map((u) => view.ids[u]).sort())).toEqual([a, c]);
  });
});
