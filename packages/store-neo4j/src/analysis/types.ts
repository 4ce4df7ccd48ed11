/**
 * The parts of the analysis result contract (packages/core/src/analysis,
 * `AnalysisResult`) the store reads, as structural types: core's result
 * and previous-run types fit them (checked by analysis.int.test.ts, which
 * writes a real analyze() result), and the store depends on the contract,
 * not on core's code. Fields not named here are kept too: a ring's other
 * fields go to `Ring.report` as JSON, an event's to `RingEvent.details`.
 */
export interface HubForStore {
  id: string;
  rule: string;
  reason: string;
}

export interface RunForStore {
  id: string;
  seed: number;
  parameters: unknown;
  software: unknown;
  inputs: unknown;
  graph?: unknown;
  hubs: HubForStore[];
  hubDetection?: unknown;
  modularity: number;
  communities?: number;
  betweenness?: unknown;
  previousRunId?: string | null;
  nextRingNumber?: number;
  timings?: Record<string, number>;
}

export interface RingForStore {
  id: string;
  /** Every entity of the ring. */
  members: string[];
  /** Number of distinct persons (or, in the first form of the contract, their ids). */
  persons: number | string[];
  /** The person entities among the members. */
  personIds?: string[];
  score: number;
  explanation: string;
}

export type RingEventForStore =
  | { type: 'new'; id: string; fromRings?: string[] }
  | { type: 'continued' | 'dissolved'; id: string }
  | { type: 'split'; from: string; into: string[] }
  | { type: 'merged'; into: string; from: string[] };

export interface BrokerForStore {
  id: string;
  rank: number;
  betweenness: number;
  ringBetweenness?: number;
  bridging: number;
  rings: string[];
  participation?: number;
  pagerank?: number;
  explanation: string;
}

/** What the store writes back of an analysis result. */
export interface AnalysisForStore {
  run: RunForStore;
  rings: RingForStore[];
  ringEvents: RingEventForStore[];
  brokers: BrokerForStore[];
  /** Communities below the score threshold (kept on the run as JSON). */
  weakClusters?: unknown[];
}

/** The latest stored run in the shape ring tracking takes (core's PreviousAnalysis). */
export interface StoredPreviousAnalysis {
  run: { id: string; nextRingNumber?: number };
  rings: Array<{ id: string; members: string[]; personIds: string[] }>;
}
