/**
 * The analysis result (a contract: `ringlink analyze --out` writes it, the
 * store, the export and tools outside the project read it):
 *
 *   { run: { id, seed, parameters, software, inputs, hubs, timings, modularity, … },
 *     inputs: [{ file, source, sha256, rows, ingested, quarantined }],
 *     rings: [{ id, members, persons, score, explanation, … }],
 *     ringEvents: [{ type: new | continued | split | merged | dissolved, … }],
 *     brokers: [{ id, rank, betweenness, bridging, rings, explanation, … }] }
 *
 * Same inputs, options and seed give the same JSON byte for byte, except
 * `run.timings` (wall-clock times, the only non-deterministic part).
 * Plain data only: everything here serializes to JSON as it is.
 */
import type { EntityKind, LinkKind } from '@ringlink/model';
import type { InputReport } from '../ingest/report.js';
import type { AnalysisParameters } from './defaults.js';

/** A hub identifier: kept in the graph and the store, left out of ring detection and broker scores. */
export interface HubRecord {
  id: string;
  kind: EntityKind;
  /** Distinct neighbours in the analysis view. */
  degree: number;
  /** Distinct persons among them. */
  persons: number;
  rule: 'degree' | 'allow-list' | 'strangers';
  /** Plain-language reason. */
  reason: string;
}

export interface HubDetectionRecord {
  /** Degree at or above which an eligible entity is a hub. */
  threshold: number;
  /** The quantile of shared-identifier degrees the threshold is relative to. */
  referenceDegree: number;
  eligibleKinds: EntityKind[];
  /** Allow-list ids that are not in the graph (nothing to exclude). */
  allowListUnmatched: string[];
  rule: string;
}

export interface BetweennessRecord {
  /** exact: every source; sampled: some components by source sampling; the union is `mixed`. */
  mode: 'exact' | 'sampled' | 'mixed' | 'none';
  /** Nodes and edges of the broker graph (hubs removed, own identifiers folded into their person). */
  nodes: number;
  edges: number;
  components: number;
  /** Components without ring members, not scored. */
  skippedComponents: number;
  exactComponents: number;
  sampledComponents: number;
  /** Sources used in sampled components (sum), out of the nodes they hold. */
  pivots: number;
  pivotPopulation: number;
  /**
   * Worst additive error of `betweenness` (same normalization) over all
   * nodes of sampled components, holding jointly with probability 1 − delta
   * (Hoeffding + union bound, see betweenness.ts). 0 when everything is exact.
   */
  epsilon: number;
  delta: number;
  /** Why a component was sampled, and when sampling stopped. */
  note: string;
}

export interface RunRecord {
  /** `run-` + the first 16 hex of SHA-256 over software, parameters, seed and input digests. */
  id: string;
  seed: number;
  parameters: AnalysisParameters;
  software: { name: 'ringlink'; version: string; components: Record<string, string> };
  /** Digests of the inputs the graph was built from. */
  inputs: Array<{ file: string; sha256: string }>;
  /** Digest of the analysed graph itself (entity ids, link ids, evidence counts), for hand-made graphs with no inputs. */
  graph: { entities: number; links: number; /** Links whose endpoint ids have no known kind prefix. */ skippedLinks: number; sha256: string };
  hubs: HubRecord[];
  hubDetection: HubDetectionRecord;
  /** Modularity (Newman–Girvan, weighted, at `parameters.resolution`) of the final communities on the hub-free view. */
  modularity: number;
  communities: number;
  /** Communities with enough persons but a score below `minScore` (the first 100 are listed in `weakClusters`). */
  weakClusters: number;
  betweenness: BetweennessRecord;
  previousRunId: string | null;
  /** The number the next new ring will get; ring ids are never reused. */
  nextRingNumber: number;
  /** Wall-clock milliseconds per stage. NOT deterministic: excluded from the byte-for-byte guarantee. */
  timings?: Record<string, number>;
}

export interface BindingIdentifier {
  id: string;
  kind: EntityKind;
  /** Ring persons who use it. */
  persons: number;
  /** Document status when it is a document (forged, suspect, genuine). */
  status?: string;
}

export interface EvidenceRef {
  link: string;
  type: LinkKind;
  from: string;
  to: string;
  /** Records that attest the link. */
  records: number;
  /** Up to three of them. */
  sources: Array<{ file: string; row: number; recordId: string }>;
}

export interface RingScoreParts {
  /** Evidence points: Σ over binding identifiers of link weight × (persons − 1) × status factor, plus direct person ties. */
  points: number;
  /** Share of the members' link weight that stays inside the ring (0..1). */
  cohesion: number;
  forgedDocuments: number;
  sharedAccounts: number;
  formula: string;
}

export interface RingRecord {
  id: string;
  /** Every entity of the ring, persons and identifiers, sorted. */
  members: string[];
  /** Distinct persons (record-only persons with another member's name counted once). */
  persons: number;
  /** The person entities among the members, sorted. */
  personIds: string[];
  /** 0–100, see `scoreParts.formula`. */
  score: number;
  explanation: string;
  roles: Record<string, number>;
  bindingIdentifiers: BindingIdentifier[];
  strongestEvidence: EvidenceRef[];
  /** Persons in no ring linked to a member directly or through a shared identifier (the first 100 in id order). */
  associates: string[];
  associatesTotal: number;
  scoreParts: RingScoreParts;
}

/** A community with enough persons but too little evidence (score below `minScore`): listed for analysts, no ring id. */
export interface WeakClusterRecord {
  members: string[];
  persons: number;
  personIds: string[];
  score: number;
  explanation: string;
}

export type RingEvent =
  | { type: 'new'; id: string; persons: number; fromRings: string[] }
  | { type: 'continued'; id: string; persons: number; kept: number; joined: number; left: number }
  | { type: 'split'; from: string; into: string[]; shares: number[] }
  | { type: 'merged'; into: string; from: string[]; shares: number[] }
  | { type: 'dissolved'; id: string; persons: number; remainingInRings: number };

export interface RingTie {
  ring: string;
  /** Ring entities the broker reaches directly or through one entity that is in no ring. */
  ties: number;
  /** Summed link weight of those ties (strong from `parameters.strongTie`). */
  weight: number;
  /** Up to three concrete paths, entity ids from the broker's side to the ring's. */
  via: string[][];
}

export interface BrokerRecord {
  id: string;
  kind: EntityKind;
  rank: number;
  /** 2: connects two or more rings with strong ties; 1: connects rings through weak ties only; 0: connects none. */
  tier: 0 | 1 | 2;
  /** Normalized shortest-path betweenness on the broker graph (hub-free, own identifiers folded in). */
  betweenness: number;
  /** Share of the shortest connections between persons of different rings that pass through this node. */
  ringBetweenness: number;
  /** Rings this node connects (number). */
  bridging: number;
  /** The rings it connects. */
  rings: string[];
  /** Guimerà–Amaral participation coefficient over the communities of its neighbours. */
  participation: number;
  pagerank: number;
  degree: number;
  /** Gould–Fernandez brokerage counts (undirected form; see brokers.ts). */
  brokerageRoles: { coordinator: number; consultant: number; gatekeeperRepresentative: number; liaison: number };
  ringTies: RingTie[];
  /** Entities folded into this node for the broker graph (its own phones, accounts, …). */
  includes: string[];
  explanation: string;
}

export interface AnalysisResult {
  run: RunRecord;
  inputs: InputReport[];
  rings: RingRecord[];
  ringEvents: RingEvent[];
  brokers: BrokerRecord[];
  /** Communities with enough persons whose evidence score is below `parameters.minScore`. */
  weakClusters: WeakClusterRecord[];
}

/** What ring tracking needs from a previous result (a parsed AnalysisResult is enough). */
export interface PreviousAnalysis {
  run?: { id?: string; nextRingNumber?: number };
  rings: Array<{ id: string; members: string[]; personIds?: string[] }>;
  ringEvents?: Array<{ type: string; id?: string; into?: string | string[]; from?: string | string[] }>;
}
