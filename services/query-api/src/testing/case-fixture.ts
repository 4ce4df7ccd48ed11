/**
 * A generated case in a real store, for integration tests and the
 * benchmark: the store is cleared, a synthetic case is generated
 * (packages/core writeCase), ingested, written through the store,
 * analysed, and the analysis written back — the way `ringlink serve` loads
 * its sample.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ingest, writeCase, type GenerateOptions, type GroundTruth, type IngestReport } from '@ringlink/core';
import type { ResolvedGraph } from '@ringlink/model';
import { IngestTrace, type Neo4jStore } from '@ringlink/store-neo4j';
import { analyze, type AnalysisResult } from '../core-analysis.js';

export interface LoadedCase {
  dir: string;
  truth: GroundTruth;
  report: IngestReport;
  graph: ResolvedGraph;
  analysis: AnalysisResult;
  /** Removes the generated files (the store keeps the data). */
  cleanup(): Promise<void>;
}

export async function loadGeneratedCase(store: Neo4jStore, options: Partial<GenerateOptions> = {}): Promise<LoadedCase> {
  await store.clear();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ringlink-api-case-'));
  await writeCase(dir, { seed: 5, rings: 4, brokers: 2, ...options });
  const truth = JSON.parse(await readFile(path.join(dir, 'truth.json'), 'utf8')) as GroundTruth;
  const trace = new IngestTrace();
  const { report, graph } = await ingest([dir], { onRecord: trace.onRecord });
  await store.writeGraph(graph, { sourceFiles: report.inputs, trace });
  const analysis = analyze(graph, report.inputs);
  await store.writeAnalysis(analysis);
  return { dir, truth, report, graph, analysis, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
