/**
 * Writing ingested graphs to a real Neo4j: idempotent re-ingest, exact
 * round trip (loadGraph gives back what was written), evidence traceable to
 * its source rows, and incremental ingest (file by file, and overlapping
 * file sets) ending where a single ingest of everything ends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Link, ResolvedGraph } from '@ringlink/model';
import { ingest, writeCase, type IngestReport } from '../../../core/src/index.js';
import type { Neo4jStore } from '../store.js';
import { dumpStore } from '../testing/store-digest.js';
import { freshStore } from '../testing/test-store.js';
import { IngestTrace } from './ingest-trace.js';
import type { WriteSummary } from './write-graph.js';

const uri = inject('neo4jUri');
let dir: string;
let store: Neo4jStore;

async function ingestInto(target: Neo4jStore, paths: string[], batchSize = 400): Promise<{ report: IngestReport; graph: ResolvedGraph; summary: WriteSummary }> {
  const trace = new IngestTrace();
  const { report, graph } = await ingest(paths, { onRecord: trace.onRecord });
  const summary = await target.writeGraph(graph, { trace, sourceFiles: report.inputs, batchSize, ingestedAt: '2026-01-01T00:00:00.000Z' });
  return { report, graph, summary };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

const byId = (links: readonly Link[]): Map<string, Link> => new Map(links.map((l) => [l.id, l]));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-store-write-'));
  await writeCase(dir, { seed: 5, rings: 3, applications: 300 });
  store = await freshStore(uri);
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('writing an ingested case', () => {
  let graph: ResolvedGraph;
  let report: IngestReport;

  it('stores every entity, link and record, and loads back exactly what the resolver gave', async () => {
    const written = await ingestInto(store, [dir]);
    ({ graph, report } = written);
    expect(written.summary.linksChanged).toBe(graph.links.length); // all new, counted across concurrent batches
    const stats = await store.stats();
    expect(stats.nodes.Entity).toBe(graph.entities.length);
    expect(stats.nodes.SourceFile).toBe(report.inputs.length);
    const linkCount = Object.entries(stats.relationships)
      .filter(([t]) => !['MENTIONS', 'ALIAS_OF'].includes(t))
      .reduce((n, [, c]) => n + c, 0);
    expect(linkCount).toBe(graph.links.length);

    const loaded = await store.loadGraph({ pageSize: 250 });
    expect(canonical(loaded.entities)).toEqual(canonical(graph.entities));
    expect(canonical(loaded.links)).toEqual(canonical(graph.links));
    const order = (m: ResolvedGraph['merges']) => canonical([...m].sort((a, b) => (a.merged < b.merged ? -1 : 1)));
    expect(order(loaded.merges)).toEqual(order(graph.merges));
  });

  it('changes nothing when the same files are ingested again', async () => {
    const before = await dumpStore(uri, { exclude: [] });
    const statsBefore = await store.stats();
    const trace = new IngestTrace();
    const again = await ingest([dir], { onRecord: trace.onRecord });
    const summary = await store.writeGraph(again.graph, { trace, sourceFiles: again.report.inputs, batchSize: 400, ingestedAt: '2027-01-01T00:00:00.000Z' });
    expect(summary.linksChanged).toBe(0);
    expect(summary.storeMerges).toEqual([]);
    expect(await store.stats()).toEqual(statsBefore);
    const after = await dumpStore(uri, { exclude: [] }); // ingestedAt included: the first one stays
    expect(after.digest).toBe(before.digest);

    const paid = (await store.loadGraph()).links.filter((l) => l.type === 'PAID');
    const expected = byId(graph.links);
    expect(paid.length).toBeGreaterThan(0);
    for (const l of paid) {
      expect(l.props.amount).toBe(expected.get(l.id)!.props.amount);
      expect(l.evidence).toEqual(expected.get(l.id)!.evidence);
    }
  });

  it('traces a link to the rows that prove it (file digest, row, record id)', async () => {
    const link = [...graph.links].sort((a, b) => b.evidence.length - a.evidence.length).find((l) => l.type === 'PAID')!;
    const got = await store.linkEvidence(link.id);
    expect(got).toBeDefined();
    expect(got!.link.id).toBe(link.id);
    expect(got!.evidence).toEqual(link.evidence);
    const files = new Map(report.inputs.map((i) => [i.file, i.sha256]));
    for (const ev of got!.evidence) {
      expect(ev.fileSha256).toBe(files.get(ev.file));
      expect(ev.row).toBeGreaterThan(0);
      expect(ev.recordId).toMatch(/^TXN-/);
      expect(ev.recordSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const byParts = await store.linkEvidence({ from: link.from, type: link.type, to: link.to });
    expect(byParts!.evidence).toEqual(link.evidence);
  });
});

describe('incremental ingest', () => {
  it('file by file ends where one ingest of every file ends', async () => {
    const single = await dumpStore(uri);
    await store.clear();
    for (const f of ['applications.csv', 'documents.csv', 'calls.csv', 'transactions.csv']) await ingestInto(store, [path.join(dir, f)]);
    const stepwise = await dumpStore(uri);
    expect(stepwise.relationships.length).toBe(single.relationships.length);
    expect(stepwise.nodes.length).toBe(single.nodes.length);
    expect(stepwise.digest).toBe(single.digest);
  });

  it('overlapping file sets never count a record twice', async () => {
    await store.clear();
    await ingestInto(store, [path.join(dir, 'transactions.csv'), path.join(dir, 'calls.csv')]);
    await ingestInto(store, [dir]); // transactions and calls again, with the rest
    await ingestInto(store, [path.join(dir, 'transactions.csv')]);
    const { graph } = await ingest([dir]);
    const expected = byId(graph.links);
    const loaded = await store.loadGraph();
    const sums = loaded.links.filter((l) => l.type === 'PAID' || l.type === 'CALLED');
    expect(sums.length).toBe(graph.links.filter((l) => l.type === 'PAID' || l.type === 'CALLED').length);
    for (const l of sums) {
      const e = expected.get(l.id)!;
      expect(l.props.count).toBe(e.props.count);
      expect(l.props.amount).toBe(e.props.amount);
      expect(l.props.durationS).toBe(e.props.durationS);
      expect(l.evidence).toEqual(e.evidence);
    }
  });
});
