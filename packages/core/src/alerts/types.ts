/**
 * Alert rules: the plain data they read and write (a contract: the store
 * persists candidates as they are, the query service serves them, webhook
 * receivers get them).
 *
 *   evaluateAlerts(batch, context, options) → AlertCandidate[]
 *
 * The rules run on one ingested batch (its resolved entities and links)
 * against what the store already holds, reached only through the
 * `AlertContext` interface: which ids are stored, the analysis facts of
 * stored entities (current rings, hub flag, broker scores), which links and
 * records already exist, and the watch list. No I/O here.
 */
import type { EntityKind, Evidence, LinkKind } from '@ringlink/model';

export const ALERT_RULES = ['joined-ring', 'bridged-rings', 'watchlist-hit'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A ring of the latest analysis run, as the store knows it. */
export interface RingRef {
  id: string;
  /** Ring score, 0–100 (see the analysis' ring report). */
  score: number;
}

/** What the latest analysis run wrote back about a stored entity. */
export interface EntityFacts {
  /** Stored entity id. */
  id: string;
  /** Flagged as a hub identifier by the analysis. */
  isHub: boolean;
  /** Broker rank (1 = strongest broker), null when the entity is not a listed broker. */
  brokerRank: number | null;
  /** Normalized betweenness of a listed broker, null otherwise. */
  betweenness: number | null;
  /** Rings of the latest run the entity is a member of. */
  rings: RingRef[];
}

/** Kinds of watch-list entries (what the identifier is). */
export const WATCH_KINDS = ['phone', 'account', 'document', 'cnic', 'passport', 'email'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];

/** A watch-list entry that matches a key. */
export interface WatchMatch {
  /** The normalized watch key (see watch-keys.ts), e.g. `phone:+923001234567`, `cnic:3520212345671`. */
  key: string;
  kind: WatchKind;
  /** The identifier as the analyst typed it. */
  identifier: string;
  note: string | null;
}

/** One link of an explaining path, with the records that attest it. */
export interface AlertHop {
  /** Link id over stored entity ids: `<from>|<TYPE>|<to>`. */
  linkId: string;
  type: LinkKind;
  from: string;
  to: string;
  /** True when the link arrives with this batch (false: already stored). */
  isNew: boolean;
  evidence: Evidence[];
}

export interface AlertPath {
  /** Entity ids along the path, from the alert's entity to the ring side. */
  nodes: string[];
  /** `hops[i]` joins `nodes[i]` and `nodes[i + 1]` (either direction). */
  hops: AlertHop[];
}

/** How the severity was computed (shown to analysts, kept with the alert). */
export interface SeverityParts {
  /** Ring score used (0–100; the higher of two rings for bridged-rings; 0 for a watch-list hit outside rings). */
  ringScore: number;
  /** Broker factor of the member touched, 1/√rank (0 when it is not a listed broker). */
  brokerFactor: number;
  brokerRank: number | null;
  formula: string;
}

/** One alert a batch would raise (before deduplication against stored alerts). */
export interface AlertCandidate {
  /**
   * Deduplication key: `joined-ring|<entity>|<ring>`,
   * `bridged-rings|<entity>|<ring>+<ring>` (ring ids sorted),
   * `watchlist-hit|<entity>|<watch key>`.
   */
  key: string;
  rule: AlertRule;
  /** The entity that joined, the bridging endpoint, or the watch-listed entity (stored id when it is stored). */
  entity: string;
  entityKind: EntityKind;
  /** joined-ring: the ring joined; bridged-rings: both rings; watchlist-hit: the entity's rings (maybe none). */
  rings: RingRef[];
  /** The ring member the new link touches (joined-ring), the other endpoint (bridged-rings); null for watch-list hits. */
  member: string | null;
  severity: Severity;
  /** 0–100. */
  severityScore: number;
  severityParts: SeverityParts;
  /** The shortest explaining path, each hop with its evidence. */
  path: AlertPath;
  /** The batch's links behind the alert (for joined-ring and bridged-rings: the new links; watch-list: links of the new records). */
  links: AlertHop[];
  /** The source records of this batch that caused the alert, each once. */
  records: Evidence[];
  /** Watch-list entries that matched (watchlist-hit only). */
  watch: WatchMatch[];
  /** One sentence for people. */
  summary: string;
}

/** Everything the rules may ask of the store. Implementations batch and chunk as they like. */
export interface AlertContext {
  /** For each key (an entity id or an id a stored entity was known by before a merge): the stored entity id. Unknown keys are absent. */
  resolve(keys: readonly string[]): Promise<Map<string, string>>;
  /** Analysis facts of stored entities, by stored id. Entities without facts may be absent. */
  entityFacts(ids: readonly string[]): Promise<Map<string, EntityFacts>>;
  /** Optional: `resolve` then `entityFacts` of what it resolved, in one round trip; used when present. */
  resolveWithFacts?(keys: readonly string[]): Promise<{ resolved: Map<string, string>; facts: Map<string, EntityFacts> }>;
  /** Which of these link ids (over stored entity ids, `from|TYPE|to`) are already stored. */
  existingLinks(linkIds: readonly string[]): Promise<Set<string>>;
  /** Which of these source records (`recordKey(evidence)`) are already stored. */
  existingRecords(keys: readonly string[]): Promise<Set<string>>;
  /** Watch-list entries by watch key; keys with no entry are absent. */
  watchlistMatches(keys: readonly string[]): Promise<Map<string, WatchMatch[]>>;
  /**
   * A stored link between an identifier member of a ring and a person
   * member of the same ring, with its evidence: the last hop of an
   * explaining path that ends on an identifier. Optional.
   */
  ringTie?(memberId: string, ringId: string): Promise<AlertHop | undefined>;
}

/** The batch the rules look at: what `ingest` resolved (a ResolvedGraph fits). */
export interface AlertBatch {
  entities: ReadonlyArray<{ id: string; kind: EntityKind; props: Record<string, unknown>; evidence: readonly Evidence[]; aliases: readonly string[] }>;
  links: ReadonlyArray<{ id: string; type: LinkKind; from: string; to: string; evidence: readonly Evidence[] }>;
}

/** The key of a source record: `source|recordId|recordSha256` (the store's evidence key). */
export function recordKey(ev: Pick<Evidence, 'source' | 'recordId' | 'recordSha256'>): string {
  return `${ev.source}|${ev.recordId}|${ev.recordSha256}`;
}
