/**
 * Analysis write-back on a real Neo4j: a real analyze() result (core's
 * contract) on a graph loaded from the store, written back, read back as
 * rings with members and brokers, idempotent, and usable as the previous
 * run for ring tracking.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { analyze } from '../../../core/src/analysis/index.js';
import { ingest, writeCase } from '../../../core/src/index.js';
import type { Neo4jStore } from '../store.js';
import { dumpStore } from '../testing/store-digest.js';
import { freshStore } from '../testing/test-store.js';
import { IngestTrace } from '../write/ingest-trace.js';
import type { AnalysisForStore } from './types.js';

const uri = inject('neo4jUri');
let dir: string;
let store: Neo4jStore;
let result: ReturnType<typeof analyze>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-store-analysis-'));
  await writeCase(dir, { seed: 9, rings: 4, brokers: 2, applications: 400 });
  store = await freshStore(uri);
  const trace = new IngestTrace();
  const { report, graph } = await ingest([dir], { onRecord: trace.onRecord });
  await store.writeGraph(graph, { trace, sourceFiles: report.inputs });
  result = analyze(await store.loadGraph(), await store.sourceFiles(), { seed: 1 });
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('analysis write-back', () => {
  it('the core result fits the store contract', () => {
    const fits: AnalysisForStore = result; // compile-time check against core's AnalysisResult
    expect(fits.rings.length).toBeGreaterThan(0);
    expect(fits.brokers.length).toBeGreaterThan(0);
  });

  it('writes the run, rings, members, brokers, hubs and events', async () => {
    const summary = await store.writeAnalysis(result);
    expect(summary).toMatchObject({
      run: result.run.id,
      rings: result.rings.length,
      members: result.rings.reduce((n, r) => n + r.members.length, 0),
      missingMembers: 0,
      brokers: result.brokers.length,
      hubs: result.run.hubs.length,
      ringEvents: result.ringEvents.length,
    });
    const stats = await store.stats();
    expect(stats.nodes.AnalysisRun).toBe(1);
    expect(stats.nodes.Ring).toBe(result.rings.length);
  });

  it('reads a ring back with its members and brokers', async () => {
    for (const ring of result.rings) {
      const got = await store.getRing(ring.id);
      expect(got).toMatchObject({ id: ring.id, run: result.run.id, latest: true, score: ring.score, persons: ring.persons, personIds: ring.personIds, explanation: ring.explanation });
      expect(got!.members.map((m) => m.id)).toEqual([...ring.members].sort());
      expect(got!.members.filter((m) => m.person).map((m) => m.id)).toEqual([...ring.personIds].sort());
      const brokers = result.brokers.filter((b) => b.rings.includes(ring.id)).sort((a, b) => a.rank - b.rank);
      expect(got!.brokers.map((b) => [b.id, b.rank])).toEqual(brokers.map((b) => [b.id, b.rank]));
      expect(got!.report).toHaveProperty('scoreParts');
    }
    expect(await store.getRing('R-9999')).toBeUndefined();
  });

  it('marks brokers and hubs on their entities', async () => {
    const top = result.brokers[0]!;
    const e = await store.getEntity(top.id);
    expect(e).toMatchObject({ brokerRank: top.rank, betweenness: top.betweenness, bridging: top.bridging });
    for (const hub of result.run.hubs) expect(await store.getEntity(hub.id)).toMatchObject({ isHub: true, hubReason: hub.reason });
  });

  it('writing the same result again changes nothing but the time it was written', async () => {
    const before = await dumpStore(uri);
    await store.writeAnalysis(result);
    expect((await dumpStore(uri)).digest).toBe(before.digest);
  });

  it('gives ring tracking the latest run, so ring ids stay stable', async () => {
    const previous = await store.previousAnalysis();
    expect(previous?.run.id).toBe(result.run.id);
    expect(previous?.rings.map((r) => r.id).sort()).toEqual(result.rings.map((r) => r.id).sort());
    for (const r of previous!.rings) expect(r.members).toEqual([...result.rings.find((x) => x.id === r.id)!.members].sort());

    const next = analyze(await store.loadGraph(), await store.sourceFiles(), { seed: 1, previous });
    expect(next.run.previousRunId).toBe(result.run.id);
    expect(next.rings.map((r) => r.id).sort()).toEqual(result.rings.map((r) => r.id).sort());
    await store.writeAnalysis(next);
    expect((await store.previousAnalysis())?.run.id).toBe(next.run.id);
    const ring = await store.getRing(next.rings[0]!.id);
    expect(ring).toMatchObject({ run: next.run.id, latest: true });
    expect((await store.stats()).nodes.AnalysisRun).toBe(2);
  });
});
