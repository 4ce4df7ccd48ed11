/**
 * The query service's response shapes, as the web view reads them. They
 * mirror services/query-api/src/schemas/*.ts (the zod schemas are the
 * contract; test/web-view-contract.test.ts checks at type level that every
 * response the service can send is assignable to these). Kept here, not
 * imported, so that no Node or zod code reaches the browser bundle.
 */

export type PropertyValue = string | number | boolean | string[];

export interface BrokerScores {
  rank: number;
  betweenness: number | null;
  bridging: number | null;
  pagerank: number | null;
}

export interface Entity {
  id: string;
  kind: string;
  roles: string[];
  props: Record<string, PropertyValue>;
  isHub: boolean;
  hubReason?: string | undefined;
  broker?: BrokerScores | undefined;
}

export interface SearchHit extends Entity {
  matchedBy: string;
  matched: string;
}

export interface Page<T> {
  items: T[];
  limit: number;
  total: number | null;
  next: string | null;
}

export interface Evidence {
  source: string;
  file: string;
  fileSha256: string;
  row: number;
  recordId: string;
  recordSha256: string;
  observedAt: string | null;
}

export interface Link {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Record<string, PropertyValue>;
  evidenceCount: number;
}

export interface RingMembership {
  id: string;
  run: string;
  current: boolean;
  score: number;
  person: boolean;
}

export interface EntityDetail extends Entity {
  aliases: string[];
  requestedId?: string | undefined;
  evidenceCount: number;
  degree: { total: number; byLinkKind: Record<string, number> };
  rings: { memberOf: RingMembership[]; brokerFor: Array<{ id: string; run: string; rank: number }> };
}

export interface Neighborhood {
  center: Entity;
  depth: number;
  nodes: Array<Entity & { depth: number }>;
  links: Link[];
  truncated: Array<{ id: string; shown: number; more: number }>;
  omittedNodes: number;
}

export interface Hop extends Link {
  evidence: Evidence[];
}

export interface Path {
  length: number;
  nodes: Entity[];
  hops: Hop[];
}

export interface Paths {
  from: string;
  to: string;
  includeHubs: boolean;
  maxDepth: number;
  paths: Path[];
}

export interface LinkEvidence extends Page<Evidence> {
  link: Link;
  from: Entity;
  to: Entity;
}

export interface RingSummary {
  id: string;
  run: string;
  current: boolean;
  score: number;
  persons: number;
  members: number;
  explanation: string;
  changedAt: string | null;
}

export interface RingHistoryEvent {
  run: string;
  at: string | null;
  type: string;
  rings: string[];
  details: Record<string, unknown>;
}

export interface RingDetail extends RingSummary {
  latestRun: string | null;
  membersByRole: Record<string, Entity[]>;
  identifiers: Record<string, Entity[]>;
  roles: Record<string, number>;
  bindingIdentifiers: Array<{ id: string; kind: string; persons: number; status?: string | undefined }>;
  strongestEvidence: Array<{
    link: string;
    type: string;
    from: string;
    to: string;
    records: number;
    sources: Array<{ file: string; row: number; recordId: string }>;
  }>;
  associates: string[];
  scoreParts: Record<string, unknown>;
  brokers: Array<Entity & { rank: number }>;
  history: RingHistoryEvent[];
}

/** A problem document (application/problem+json). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
}

/** One hop of an alert's explaining path (packages/core alerts). */
export interface AlertHop {
  linkId: string;
  type: string;
  from: string;
  to: string;
  isNew: boolean;
  evidence: Evidence[];
}

/** An alert as the store keeps it and the stream sends it (tolerant: fields may be added). */
export interface Alert {
  id: string;
  rule: string;
  entity: string;
  entityKind?: string;
  rings: Array<{ id: string; score: number }>;
  member?: string | null;
  severity: string;
  severityScore?: number;
  status?: string;
  summary: string;
  path?: { nodes: string[]; hops: AlertHop[] };
  records?: Evidence[];
  createdAt?: string;
  updatedAt?: string;
}

/** One SSE event of GET /alerts/stream: `id: <eventId>`, `event: <type>`, `data: <AlertEvent>`. */
export interface AlertEvent {
  eventId: number;
  type: string;
  at: string;
  alertId: string;
  alert: Alert;
}
