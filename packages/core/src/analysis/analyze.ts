/**
 * The analysis entry: resolved graph → rings, ring events, brokers and the
 * run record. A plain function over plain data: no I/O, no clock in the
 * deterministic part (timings go to `run.timings` only).
 *
 *   analyze(graph, inputs, { seed, resolution, minPersons, previous, … }) → AnalysisResult
 *
 * Stages (each its own module): analysis-view (weighted undirected view) →
 * hubs → rings (Louvain, connected split, membership) → ring-report (score,
 * explanation) → ring-tracking (ids and events against `previous`) →
 * brokers (broker graph, betweenness, bridging, PageRank) → run record.
 */
import type { ResolvedGraph } from '@ringlink/model';
import type { InputReport } from '../ingest/report.js';
import { buildAnalysisView } from './analysis-view.js';
import { analyzeBrokers } from './brokers.js';
import { analysisParameters, resolveAnalysisOptions, type AnalysisOptionsInput } from './defaults.js';
import { round6 } from './explain.js';
import { detectHubs } from './hubs.js';
import { ringFacts, ringRecord, weakClusterRecord, type RingFacts } from './ring-report.js';
import { trackRings } from './ring-tracking.js';
import { findRings } from './rings.js';
import { runId, softwareComponents, Stopwatch, viewDigest } from './run-record.js';
import type { AnalysisResult, PreviousAnalysis, RunRecord } from './types.js';

/** Weak clusters listed (highest score first); `run.weakClusters` counts them all. */
const MAX_WEAK_CLUSTERS = 100;

export interface AnalyzeOptions extends AnalysisOptionsInput {
  /** The previous run's result, for ring tracking (ids and events). */
  previous?: PreviousAnalysis;
}

export function analyze(graph: ResolvedGraph, inputs: readonly InputReport[] = [], options: AnalyzeOptions = {}): AnalysisResult {
  const { previous, ...rest } = options;
  const opts = resolveAnalysisOptions(rest);
  const parameters = analysisParameters(opts);
  const clock = new Stopwatch();

  const view = buildAnalysisView(graph, { linkWeights: opts.linkWeights });
  clock.lap('view');
  const hubs = detectHubs(view, opts);
  clock.lap('hubs');
  const detection = findRings(view, hubs.isHub, opts);
  clock.lap('rings');

  // Score every candidate; those below the evidence floor are weak clusters, not rings.
  const facts = ringFacts(view, hubs.isHub, detection, opts.ringScoreScale);
  const byScore = (a: RingFacts, b: RingFacts): number =>
    b.score - a.score || b.distinctPersons - a.distinctPersons || a.members[0]! - b.members[0]!;
  const ordered = facts.filter((f) => f.score >= opts.minScore).sort(byScore);
  const weak = facts.filter((f) => f.score < opts.minScore).sort(byScore);
  const tracked = trackRings(ordered.map((f) => f.persons.map((p) => view.ids[p]!)), previous, opts, ordered.map((f) => f.distinctPersons));
  // Ring index (position in `ordered`) of every node; weak clusters are in no ring.
  const position = new Int32Array(facts.length).fill(-1);
  ordered.forEach((f, i) => { position[f.ring] = i; });
  const ringOf = detection.ringOf.map((r) => (r >= 0 ? position[r]! : -1));
  const rings = ordered.map((f, i) => ringRecord(view, f, tracked.ids[i]!, opts.ringScoreScale));
  const weakClusters = weak.slice(0, MAX_WEAK_CLUSTERS).map((f) => weakClusterRecord(view, f, opts.ringScoreScale, opts.minScore));
  clock.lap('ringReport');

  const brokers = analyzeBrokers(view, hubs.isHub, { ...detection, ringOf }, tracked.ids, {
    seed: opts.seed,
    bridgeMinShare: opts.bridgeMinShare,
    strongTie: opts.strongTie,
    brokerLimit: opts.brokerLimit,
    betweenness: opts.betweenness,
    betweennessExactWork: opts.betweennessExactWork,
    pivotBatch: opts.pivotBatch,
    minPivots: opts.minPivots,
    maxPivots: opts.maxPivots,
    stableRounds: opts.stableRounds,
    errorDelta: opts.errorDelta,
    pagerankDamping: opts.pagerankDamping,
  });
  clock.lap('brokers');

  const digest = viewDigest(view);
  clock.lap('digest');
  const software = { name: 'ringlink' as const, version: opts.softwareVersion, components: softwareComponents() };
  const runInputs = inputs.map((i) => ({ file: i.file, sha256: i.sha256 }));
  const id = runId({ software, parameters, inputs: runInputs, graph: digest, previous: tracked.previousRunId });
  const run: RunRecord = {
    id,
    seed: opts.seed,
    parameters,
    software,
    inputs: runInputs,
    graph: { entities: graph.entities.length, links: graph.links.length, skippedLinks: view.skippedLinks, sha256: digest },
    hubs: hubs.hubs,
    hubDetection: hubs.record,
    modularity: round6(detection.modularity),
    communities: detection.communityCount,
    weakClusters: weak.length,
    betweenness: brokers.betweenness,
    previousRunId: tracked.previousRunId,
    nextRingNumber: tracked.nextRingNumber,
  };
  if (opts.timings) run.timings = { ...clock.laps, total: clock.total() };

  return {
    run,
    inputs: inputs.map((i) => ({ file: i.file, source: i.source, sha256: i.sha256, rows: i.rows, ingested: i.ingested, quarantined: i.quarantined })),
    rings,
    ringEvents: tracked.events,
    brokers: brokers.brokers,
    weakClusters,
  };
}

/** The result as written by `ringlink analyze --out`: 2-space JSON with a trailing newline. */
export function serializeAnalysisResult(result: AnalysisResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** The deterministic part of a result: everything except `run.timings`. */
export function withoutTimings(result: AnalysisResult): AnalysisResult {
  const { timings: _t, ...run } = result.run;
  return { ...result, run };
}
