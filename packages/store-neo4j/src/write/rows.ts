/**
 * The resolved graph as parameter rows for the batched writes: one row per
 * source record, entity, alias, link and file. Pure (unit-tested). Values
 * pass through integers.ts on the way; property names never reach Cypher
 * text (they travel inside map parameters), except the model's declared
 * list properties and aggregates, which the query builders name.
 */
import {
  ENTITY_KINDS,
  LINK_KINDS,
  RinglinkError,
  type Entity,
  type EntityKind,
  type Evidence,
  type Link,
  type LinkKind,
  type MergeRecord,
  type RoleLabel,
} from '@ringlink/model';
import type { Integer } from 'neo4j-driver';
import { encodeProps, int, type ParamValue } from '../integers.js';

/** The key of a source record: `source|recordId|recordSha256` (what the resolver deduplicates on). */
export function evidenceKey(ev: Pick<Evidence, 'source' | 'recordId' | 'recordSha256'>): string {
  return `${ev.source}|${ev.recordId}|${ev.recordSha256}`;
}

/**
 * Link kinds whose evidence does not name both ends: POSSIBLY_SAME_AS is
 * made by resolution from each person's first record, not attested by one
 * record that mentions both.
 */
export const LINKS_WITHOUT_SHARED_RECORDS: readonly LinkKind[] = ['POSSIBLY_SAME_AS'];

/** Link kinds whose every record also mentions both ends (and so is evidence of both entities). */
export const IMPLYING_LINK_KINDS: readonly LinkKind[] = (Object.keys(LINK_KINDS) as LinkKind[]).filter((t) => !LINKS_WITHOUT_SHARED_RECORDS.includes(t));

/**
 * Entity evidence implied by links: a record that attests a link (of an
 * implying kind) mentions both its ends, so it is evidence of both. Only the
 * rest of an entity's records need a MENTIONS relationship of their own.
 */
export function impliedEvidence(links: readonly Link[]): Map<string, Set<string>> {
  const implied = new Map<string, Set<string>>();
  const add = (id: string, key: string): void => {
    let set = implied.get(id);
    if (set === undefined) implied.set(id, (set = new Set()));
    set.add(key);
  };
  for (const l of links) {
    if (LINKS_WITHOUT_SHARED_RECORDS.includes(l.type)) continue;
    for (const ev of l.evidence) {
      const key = evidenceKey(ev);
      add(l.from, key);
      add(l.to, key);
    }
  }
  return implied;
}

/** Link properties the store keeps for itself (never user properties). */
export const EVIDENCE_KEYS_PROP = 'evidenceKeys';
export const CONTRIBUTION_SUFFIX = 'ByRecord';
/** Link properties recomputed from the evidence on every write. */
export const DERIVED_LINK_PROPS = ['count', 'firstSeen', 'lastSeen'] as const;

/** The aggregate properties of a link kind that are sums of per-record contributions (`count` is derived). */
export function summedProps(type: LinkKind): string[] {
  const agg = (LINK_KINDS[type] as { aggregate?: readonly string[] }).aggregate ?? [];
  return agg.filter((p) => p !== 'count');
}

export interface SourceRecordRow {
  key: string;
  source: string;
  file: string;
  fileSha256: string;
  row: Integer;
  recordId: string;
  recordSha256: string;
  observedAt: string | null;
}

export function sourceRecordRow(ev: Evidence): SourceRecordRow {
  return {
    key: evidenceKey(ev),
    source: ev.source,
    file: ev.file,
    fileSha256: ev.fileSha256,
    row: int(ev.row),
    recordId: ev.recordId,
    recordSha256: ev.recordSha256,
    observedAt: ev.observedAt,
  };
}

/** Every distinct source record of the graph (entities, links, merges), each once. */
export function sourceRecordRows(entities: readonly Entity[], links: readonly Link[], merges: readonly MergeRecord[]): SourceRecordRow[] {
  const seen = new Set<string>();
  const out: SourceRecordRow[] = [];
  const add = (ev: Evidence): void => {
    const key = evidenceKey(ev);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(sourceRecordRow(ev));
  };
  for (const e of entities) for (const ev of e.evidence) add(ev);
  for (const l of links) for (const ev of l.evidence) add(ev);
  for (const m of merges) add(m.evidence);
  return out;
}

export interface EntityRow {
  id: string;
  props: Record<string, ParamValue>;
  /** Keys of the records that mention the entity and attest none of its links (MENTIONS relationships). */
  keys: string[];
}

export interface EntityGroup {
  kind: EntityKind;
  roles: RoleLabel[];
  rows: EntityRow[];
}

/**
 * Only the kind's declared properties are stored; anything else is a bug
 * upstream and is refused. `implied`: keys of records already evidence of
 * the entity through its links (impliedEvidence), which get no MENTIONS.
 */
export function entityRow(e: Entity, implied?: ReadonlySet<string>): EntityRow {
  const declared = ENTITY_KINDS[e.kind].properties as Record<string, string>;
  const unknown = Object.keys(e.props).filter((k) => declared[k] === undefined);
  if (unknown.length > 0) {
    throw new RinglinkError('INVALID_ARGUMENT', `store: entity ${e.id} has properties its kind ${e.kind} does not declare: ${unknown.join(', ')}`, {
      details: { id: e.id, unknown },
    });
  }
  const keys = e.evidence.map(evidenceKey);
  return { id: e.id, props: { ...encodeProps(e.props), kind: e.kind }, keys: implied ? keys.filter((k) => !implied.has(k)) : keys };
}

/** Entities grouped by kind and role set (labels are part of the query text, so one query per group). */
export function entityGroups(entities: readonly Entity[], implied?: ReadonlyMap<string, ReadonlySet<string>>): EntityGroup[] {
  const groups = new Map<string, EntityGroup>();
  for (const e of entities) {
    const roles = [...new Set(e.roles)].sort() as RoleLabel[];
    const key = `${e.kind}:${roles.join(',')}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { kind: e.kind, roles, rows: [] }));
    g.rows.push(entityRow(e, implied?.get(e.id)));
  }
  return [...groups.values()].sort((a, b) => (`${a.kind}:${a.roles.join(',')}` < `${b.kind}:${b.roles.join(',')}` ? -1 : 1));
}

export interface AliasRow {
  /** The id the entity was known by. */
  id: string;
  /** The entity it now resolves to. */
  target: string;
  /** Set when the alias is the record of a merge. */
  reason: string | null;
  evidenceKey: string | null;
}

export function aliasRows(entities: readonly Entity[], merges: readonly MergeRecord[]): AliasRow[] {
  const byId = new Map<string, AliasRow>();
  for (const e of entities) {
    for (const a of e.aliases) if (a !== e.id) byId.set(a, { id: a, target: e.id, reason: null, evidenceKey: null });
  }
  for (const m of merges) {
    if (m.merged === m.survivor) continue;
    const existing = byId.get(m.merged);
    if (existing !== undefined && existing.reason !== null) continue; // the first merge record wins
    byId.set(m.merged, { id: m.merged, target: m.survivor, reason: m.reason, evidenceKey: evidenceKey(m.evidence) });
  }
  return [...byId.values()];
}

/**
 * Per-record contributions to a link's summed aggregates, keyed by link id
 * then record key (see IngestTrace). Without them a link's sum is
 * attributed to its first record, which is exact for a link written once
 * and for every re-write of the same link.
 */
export type Contributions = ReadonlyMap<string, ReadonlyMap<string, Readonly<Record<string, number>>>>;

export interface LinkRow {
  from: string;
  to: string;
  props: Record<string, ParamValue>;
  keys: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  /** Per summed aggregate: one contribution per key (null when the record gave none). */
  agg: Record<string, Array<number | null>>;
  /** Per summed aggregate: whether the link has it at all. */
  aggPresent: Record<string, boolean>;
}

export function linkRow(l: Link, contributions?: Contributions): LinkRow {
  const summed = summedProps(l.type);
  const skip = new Set<string>([...DERIVED_LINK_PROPS, ...summed]);
  for (const k of Object.keys(l.props)) {
    if (k === EVIDENCE_KEYS_PROP || k.endsWith(CONTRIBUTION_SUFFIX)) {
      throw new RinglinkError('INVALID_ARGUMENT', `store: link ${l.id} has a property "${k}", a name the store reserves`);
    }
  }
  // Keys sorted (with their evidence), so a relationship's list is the same whatever order files came in.
  const evidence = [...l.evidence].map((ev) => ({ ev, key: evidenceKey(ev) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const keys = evidence.map((x) => x.key);
  const agg: Record<string, Array<number | null>> = {};
  const aggPresent: Record<string, boolean> = {};
  const perRecord = contributions?.get(l.id);
  for (const p of summed) {
    const total = l.props[p];
    aggPresent[p] = typeof total === 'number';
    if (perRecord !== undefined) {
      agg[p] = keys.map((k) => perRecord.get(k)?.[p] ?? null);
    } else {
      agg[p] = keys.map((_, i) => (i === 0 && typeof total === 'number' ? total : null));
    }
  }
  const times = evidence.map((x) => x.ev.observedAt).filter((t): t is string => t !== null).sort();
  return {
    from: l.from,
    to: l.to,
    props: encodeProps(l.props, skip),
    keys,
    firstSeen: times[0] ?? null,
    lastSeen: times[times.length - 1] ?? null,
    agg,
    aggPresent,
  };
}

export interface SourceFileInput {
  file: string;
  source: string;
  sha256: string;
  rows: number;
  ingested: number;
  quarantined: number;
}

export interface SourceFileRow {
  sha256: string;
  name: string;
  source: string;
  rows: Integer;
  ingested: Integer;
  quarantined: Integer;
  ingestedAt: string;
}

export function sourceFileRow(f: SourceFileInput, ingestedAt: string): SourceFileRow {
  return {
    sha256: f.sha256,
    name: f.file,
    source: f.source,
    rows: int(f.rows),
    ingested: int(f.ingested),
    quarantined: int(f.quarantined),
    ingestedAt,
  };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
