import { describe, expect, it } from 'vitest';
import { isRinglinkError } from '@ringlink/model';
import { analyze, serializeAnalysisResult, withoutTimings } from './analyze.js';
import { resolveAnalysisOptions } from './defaults.js';
import { plantedGraph } from './planted-graph.js';
import { ringNet, shuffled } from './test-graphs.js';

describe('analyze: hub exclusion', () => {
  const net = ringNet();
  const result = analyze(net.graph, [], { timings: false });

  it('reports the consulate account as a hub, with its reason', () => {
    expect(result.run.hubs.map((h) => h.id)).toEqual([net.consulate]);
    const hub = result.run.hubs[0]!;
    expect(hub.rule).toBe('degree');
    expect(hub.degree).toBe(55);
    expect(hub.reason).toMatch(/55 ≥ hub threshold 30/);
  });

  it('keeps the hub out of every ring, so the rings stay apart and honest applicants stay out', () => {
    expect(result.rings).toHaveLength(3);
    for (const ring of result.rings) expect(ring.members).not.toContain(net.consulate);
    const found = result.rings.map((r) => [...r.personIds].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
    expect(found).toEqual([net.rings.A, net.rings.B, net.rings.C].map((r) => [...r].sort()));
    const inRings = new Set(result.rings.flatMap((r) => r.personIds));
    expect(net.background.filter((p) => inRings.has(p))).toEqual([]);
  });

  it('without hub detection (plain Louvain rings) the consulate pulls honest applicants into a ring', () => {
    const plain = analyze(net.graph, [], { timings: false, hubMinDegree: 1e9, hubStrangerMinPersons: 1e9, minTies: 1, minScore: 0 });
    expect(plain.run.hubs).toEqual([]);
    const glued = plain.rings.find((r) => r.members.includes(net.consulate))!;
    expect(glued.personIds.filter((p) => net.background.includes(p)).length).toBeGreaterThan(3);
  });

  it('treats allow-listed identifiers as hubs whatever their degree', () => {
    const letter = 'document:employment_letter:PAK:ELA0001';
    const r = analyze(net.graph, [], { timings: false, hubAllowList: [{ id: letter, reason: 'seized template' }, 'phone:+920000000000'] });
    const hub = r.run.hubs.find((h) => h.id === letter)!;
    expect(hub.rule).toBe('allow-list');
    expect(hub.reason).toMatch(/seized template/);
    expect(r.run.hubDetection.allowListUnmatched).toEqual(['phone:+920000000000']);
    for (const ring of r.rings) expect(ring.members).not.toContain(letter);
  });

  it('finds an identifier shared by unrelated people below the degree threshold', () => {
    // 12 honest applicants who all wrote the visa centre's address: 12 < 30, but they share nothing else.
    const g = ringNet().graph;
    const centre = 'address:visa application centre';
    g.entities.push({ id: centre, kind: 'Address', roles: [], props: {}, evidence: [], aliases: [] });
    for (const e of g.entities.filter((x) => x.id.startsWith('person:cnic:5')).slice(0, 12)) {
      g.links.push({ id: `${e.id}|LIVES_AT|${centre}`, type: 'LIVES_AT', from: e.id, to: centre, props: {}, evidence: [] });
    }
    const r = analyze(g, [], { timings: false });
    const hub = r.run.hubs.find((h) => h.id === centre)!;
    expect(hub.rule).toBe('strangers');
    expect(hub.reason).toMatch(/only 0 of 12 persons/);
    expect(r.weakClusters).toEqual([]);
  });
});

describe('analyze: brokers on a hand-made network', () => {
  const net = ringNet();
  const result = analyze(net.graph, [], { timings: false });
  const ringIdOf = (persons: string[]): string => result.rings.find((r) => r.personIds.includes(persons[1]!))!.id;

  it('ranks the forger, the mule and the fixer first, each with the rings it connects', () => {
    const top = result.brokers.slice(0, 3);
    expect(top.map((b) => b.id).sort()).toEqual([net.forger, net.mule, net.fixer].sort());
    const rings = (id: string): string[] => result.brokers.find((b) => b.id === id)!.rings;
    expect(rings(net.forger)).toEqual([ringIdOf(net.rings.A), ringIdOf(net.rings.B)].sort());
    expect(rings(net.mule)).toEqual([ringIdOf(net.rings.B), ringIdOf(net.rings.C)].sort());
    expect(rings(net.fixer)).toEqual([ringIdOf(net.rings.A), ringIdOf(net.rings.C)].sort());
    for (const b of top) {
      expect(b.bridging).toBe(2);
      expect(b.explanation).toMatch(/connects 2 rings/);
      expect(b.ringTies.every((t) => t.via.length > 0)).toBe(true);
    }
  });

  it('ranks every node inside one ring below every node connecting rings', () => {
    const firstSingle = result.brokers.findIndex((b) => b.bridging < 2);
    const lastMulti = result.brokers.map((b) => b.bridging >= 2).lastIndexOf(true);
    expect(lastMulti).toBeLessThan(firstSingle);
    // The rings' own agents and agent phones (top of plain betweenness) are not brokers.
    for (const agent of Object.values(net.agents)) {
      const b = result.brokers.find((x) => x.id === agent);
      if (b) expect(b.bridging).toBe(1);
    }
  });

  it('folds identifiers used by one person into that person', () => {
    const mule = result.brokers.find((b) => b.id === net.mule)!;
    expect(mule.includes).toEqual(['account:PK00MULE0000000000000001']);
    // The path runs from the mule's own account to a ring's account and on to a ring member who uses it.
    expect(mule.ringTies[0]!.via[0]).toEqual(['account:PK00MULE0000000000000001', expect.stringMatching(/^account:PK00RING/), expect.stringMatching(/^person:cnic:/)]);
  });

  it('folds the documents a forger supplied into the forger: the letters are not brokers of their own', () => {
    const forger = result.brokers.find((b) => b.id === net.forger)!;
    expect(forger.includes).toEqual(expect.arrayContaining(['document:bank_statement:PAK:FA1', 'document:bank_statement:PAK:FA2', 'document:bank_statement:PAK:FB1', 'document:bank_statement:PAK:FB2']));
    expect(forger.explanation).toContain('Counted together with the identifiers only this person uses or supplied');
    expect(result.brokers.some((b) => b.id.startsWith('document:bank_statement:PAK:F'))).toBe(false);
  });
});

describe('analyze: determinism', () => {
  const { graph } = plantedGraph({ seed: 3, rings: 5, brokers: 3, background: 150 });

  it('gives byte-identical JSON (except run.timings) for the same input and seed', () => {
    const a = analyze(graph, [], { seed: 7 });
    const b = analyze(graph, [], { seed: 7 });
    expect(a.run.timings).toBeDefined();
    expect(serializeAnalysisResult(withoutTimings(a))).toBe(serializeAnalysisResult(withoutTimings(b)));
  });

  it('does not depend on the order of entities and links', () => {
    const a = analyze(graph, [], { seed: 7, timings: false });
    const b = analyze(shuffled(graph), [], { seed: 7, timings: false });
    expect(serializeAnalysisResult(b)).toBe(serializeAnalysisResult(a));
  });

  it('records the seed and gives a different run id for a different seed', () => {
    const a = analyze(graph, [], { seed: 7, timings: false });
    const b = analyze(graph, [], { seed: 8, timings: false });
    expect(a.run.seed).toBe(7);
    expect(a.run.id).not.toBe(b.run.id);
    expect(a.run.id).toMatch(/^run-[0-9a-f]{16}$/);
    expect(a.run.graph.sha256).toBe(b.run.graph.sha256);
  });
});

describe('analyze: ring ids across a grown input', () => {
  it('keeps every ring id when rings grow and background is added', () => {
    const base = plantedGraph({ seed: 5, rings: 5, brokers: 2, background: 120 });
    const grown = plantedGraph({ seed: 5, rings: 5, brokers: 2, background: 200, ringScale: 1.4 });
    const first = analyze(base.graph, [], { timings: false });
    const second = analyze(grown.graph, [], { timings: false, previous: first });
    expect(second.run.previousRunId).toBe(first.run.id);
    // Each planted ring keeps the id it had.
    const idOfPlanted = (res: typeof first, truth: typeof base.truth): Map<string, string> => {
      const m = new Map<string, string>();
      for (const r of res.rings) {
        const label = truth.ringOf.get(r.personIds.find((p) => truth.ringOf.has(p))!)!;
        m.set(label, r.id);
      }
      return m;
    };
    const before = idOfPlanted(first, base.truth);
    const after = idOfPlanted(second, grown.truth);
    expect(before.size).toBe(5);
    expect([...after].sort()).toEqual([...before].sort());
    expect(second.ringEvents.filter((e) => e.type === 'continued')).toHaveLength(5);
    expect(second.ringEvents.filter((e) => e.type !== 'continued')).toEqual([]);
    for (const e of second.ringEvents) if (e.type === 'continued') expect(e.joined).toBeGreaterThan(0);
    expect(second.run.nextRingNumber).toBe(6);
  });
});

describe('analysis options', () => {
  it('rejects unknown options and bad values with messages prefixed "analysis:"', () => {
    const bad = [{ resolutoin: 1 }, { resolution: -1 }, { minPersons: 1.5 }, { betweenness: 'fast' }, { hubAllowList: ['nocolon'] }];
    for (const o of bad) {
      try {
        resolveAnalysisOptions(o as never);
        throw new Error('accepted');
      } catch (err) {
        expect(isRinglinkError(err, 'INVALID_ARGUMENT')).toBe(true);
        expect((err as Error).message).toMatch(/^analysis: /);
      }
    }
  });
});
