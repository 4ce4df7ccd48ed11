/**
 * The plain data that flows from ingest to resolve to graph to store.
 * No classes, no methods: everything here serializes to JSON as it is.
 */
import type { EntityKind, RoleLabel } from './entity-kinds.js';
import type { LinkKind } from './link-kinds.js';

export type PropertyValue = string | number | boolean | string[];
export type Properties = Record<string, PropertyValue>;

/** One source record that attests an entity or a link. */
export interface Evidence {
  /** Source (mapping spec) name, e.g. `applications`. */
  source: string;
  /** File name as ingested (base name). */
  file: string;
  /** SHA-256 of the whole input file, hex. */
  fileSha256: string;
  /** 1-based record number within the file (the header row is not counted). */
  row: number;
  /** The record's own id (application_id, txn_id, …), or `row-<n>` when it has none. */
  recordId: string;
  /** SHA-256 of the record's raw fields (canonical JSON), hex. */
  recordSha256: string;
  /** When the record says the fact was observed (ISO 8601), or null. */
  observedAt: string | null;
}

export interface Entity {
  /** Deterministic id, see ids.ts. */
  id: string;
  kind: EntityKind;
  roles: RoleLabel[];
  props: Properties;
  /** Records that mention this entity, each once. */
  evidence: Evidence[];
  /** Ids this entity was known by before merges; lookups by them resolve here. */
  aliases: string[];
}

export interface Link {
  /** Deterministic id: `<from>|<TYPE>|<to>` (endpoints sorted for undirected kinds). */
  id: string;
  type: LinkKind;
  from: string;
  to: string;
  props: Properties;
  /** Records that attest this link, each once. */
  evidence: Evidence[];
}

/** Two person records found to be one person, and the record that proved it. */
export interface MergeRecord {
  survivor: string;
  merged: string;
  reason: string;
  evidence: Evidence;
}

export interface ResolvedGraph {
  entities: Entity[];
  links: Link[];
  merges: MergeRecord[];
}

export type IssueAction = 'quarantined' | 'field_dropped';

/** A problem with one input row, as reported to the operator. */
export interface IngestIssue {
  file: string;
  row: number;
  field: string | null;
  code: string;
  message: string;
  action: IssueAction;
}
