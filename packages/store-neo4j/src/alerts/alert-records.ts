/**
 * Alerts between JavaScript and Neo4j: a StoredAlert becomes one :Alert
 * node (scalars as properties; lists of ids as list properties, for
 * filtering and deduplication; nested values as JSON strings) and back.
 * Pure, so the mapping is tested without a database.
 */
import type { Evidence } from '@ringlink/model';
import { int, toSafeNumber, type ParamValue } from '../integers.js';
import { evidenceKey } from '../write/rows.js';
import {
  SEVERITY_ORDER,
  type AlertCandidateForStore,
  type AlertHistoryEntry,
  type HopForStore,
  type RaiseMetaForStore,
  type StoredAlert,
} from './types.js';
import { createHash } from 'node:crypto';

/** Most links, records and history entries an alert keeps (newest kept). */
export const ALERT_LIMITS = Object.freeze({ links: 50, records: 100, history: 200, linkIds: 2000, recordKeys: 2000 });

/** `alert-` + 16 hex of SHA-256(key): the same key always gives the same id. */
export function alertIdOf(key: string): string {
  return `alert-${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16)}`;
}

const json = (v: unknown): string => JSON.stringify(v ?? null);
const parse = <T>(v: unknown, fallback: T): T => {
  if (typeof v !== 'string') return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
};

export function alertProps(a: StoredAlert): Record<string, ParamValue> {
  return {
    id: a.id,
    key: a.key,
    rule: a.rule,
    entity: a.entity,
    entityKind: a.entityKind,
    ringIds: a.rings.map((r) => r.id),
    rings: json(a.rings),
    member: a.member,
    severity: a.severity,
    severityRank: int(SEVERITY_ORDER[a.severity]),
    severityScore: a.severityScore,
    severityParts: json(a.severityParts),
    status: a.status,
    assignee: a.assignee,
    dismissReason: a.dismissReason,
    summary: a.summary,
    path: json(a.path),
    links: json(a.links),
    records: json(a.records),
    watch: json(a.watch),
    linkIds: [...new Set(a.links.map((l) => l.linkId))],
    recordKeys: a.records.map(evidenceKey),
    sightings: int(a.sightings),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    firstEventId: int(a.firstEventId),
    lastEventId: int(a.lastEventId),
    source: json(a.source),
    history: json(a.history),
  };
}

/** The id lists kept for deduplication (longer than the links and records kept for display). */
export interface DedupLists {
  linkIds: string[];
  recordKeys: string[];
}

export function alertFromProps(p: Record<string, unknown>): StoredAlert & DedupLists {
  return {
    id: String(p.id),
    key: String(p.key),
    rule: p.rule as StoredAlert['rule'],
    entity: String(p.entity),
    entityKind: String(p.entityKind),
    rings: parse(p.rings, []),
    member: (p.member as string | null | undefined) ?? null,
    severity: p.severity as StoredAlert['severity'],
    severityScore: Number(p.severityScore ?? 0),
    severityParts: parse(p.severityParts, null),
    status: p.status as StoredAlert['status'],
    assignee: (p.assignee as string | null | undefined) ?? null,
    dismissReason: (p.dismissReason as string | null | undefined) ?? null,
    summary: String(p.summary ?? ''),
    path: parse(p.path, { nodes: [], hops: [] }),
    links: parse(p.links, []),
    records: parse(p.records, []),
    watch: parse(p.watch, []),
    sightings: toSafeNumber(p.sightings ?? 1),
    createdAt: String(p.createdAt),
    updatedAt: String(p.updatedAt),
    firstEventId: toSafeNumber(p.firstEventId ?? 0),
    lastEventId: toSafeNumber(p.lastEventId ?? 0),
    source: parse(p.source, { via: 'unknown' }),
    history: parse(p.history, []),
    linkIds: (p.linkIds as string[] | undefined) ?? [],
    recordKeys: (p.recordKeys as string[] | undefined) ?? [],
  };
}

/** Without the dedup lists: the alert as served. */
export function servedAlert(a: StoredAlert & Partial<DedupLists>): StoredAlert {
  const { linkIds: _l, recordKeys: _r, ...rest } = a;
  return rest;
}

export function newAlert(c: AlertCandidateForStore, meta: RaiseMetaForStore, now: string, eventId: number): StoredAlert & DedupLists {
  const history: AlertHistoryEntry[] = [{ at: now, action: 'raised', by: meta.actor ?? meta.via, detail: c.summary, eventId }];
  return {
    id: alertIdOf(c.key),
    key: c.key,
    rule: c.rule,
    entity: c.entity,
    entityKind: c.entityKind,
    rings: c.rings,
    member: c.member,
    severity: c.severity,
    severityScore: c.severityScore,
    severityParts: c.severityParts,
    status: 'open',
    assignee: null,
    dismissReason: null,
    summary: c.summary,
    path: c.path,
    links: c.links.slice(0, ALERT_LIMITS.links),
    records: c.records.slice(0, ALERT_LIMITS.records),
    watch: c.watch,
    sightings: 1,
    createdAt: now,
    updatedAt: now,
    firstEventId: eventId,
    lastEventId: eventId,
    source: sourceOf(meta),
    history,
    linkIds: [...new Set(c.links.map((l) => l.linkId))],
    recordKeys: [...new Set(c.records.map(evidenceKey))],
  };
}

export function sourceOf(meta: RaiseMetaForStore): RaiseMetaForStore {
  return {
    via: meta.via,
    ...(meta.actor !== undefined ? { actor: meta.actor } : {}),
    ...(meta.requestId !== undefined ? { requestId: meta.requestId } : {}),
    ...(meta.files !== undefined ? { files: meta.files.slice(0, 20) } : {}),
  };
}

/** What a candidate adds to a stored alert: links and records it does not hold yet. */
export function freshEvidence(stored: DedupLists, c: AlertCandidateForStore): { links: HopForStore[]; records: Evidence[] } {
  const links = new Set(stored.linkIds);
  const records = new Set(stored.recordKeys);
  return {
    links: c.links.filter((l) => !links.has(l.linkId)),
    records: c.records.filter((r) => !records.has(evidenceKey(r))),
  };
}

/** The stored alert with a candidate's fresh evidence attached (the caller checked there is some). */
export function withEvidence(
  stored: StoredAlert & DedupLists,
  c: AlertCandidateForStore,
  fresh: { links: HopForStore[]; records: Evidence[] },
  meta: RaiseMetaForStore,
  now: string,
  eventId: number,
): StoredAlert & DedupLists {
  const higher = c.severityScore > stored.severityScore;
  const detail = `${fresh.links.length} new link${fresh.links.length === 1 ? '' : 's'}, ${fresh.records.length} new record${fresh.records.length === 1 ? '' : 's'}` +
    (fresh.records[0] ? ` (${fresh.records[0].source} ${fresh.records[0].recordId})` : '');
  return {
    ...stored,
    // Ring scores as the latest evidence saw them; severity never goes down by itself.
    rings: c.rings,
    severity: higher ? c.severity : stored.severity,
    severityScore: higher ? c.severityScore : stored.severityScore,
    severityParts: higher ? c.severityParts : stored.severityParts,
    links: [...stored.links, ...fresh.links].slice(-ALERT_LIMITS.links),
    records: [...stored.records, ...fresh.records].slice(-ALERT_LIMITS.records),
    watch: mergeWatch(stored.watch, c.watch),
    sightings: stored.sightings + 1,
    updatedAt: now,
    lastEventId: eventId,
    history: [...stored.history, { at: now, action: 'evidence', by: meta.actor ?? meta.via, detail, eventId }].slice(-ALERT_LIMITS.history),
    linkIds: [...stored.linkIds, ...fresh.links.map((l) => l.linkId)].slice(-ALERT_LIMITS.linkIds),
    recordKeys: [...stored.recordKeys, ...fresh.records.map(evidenceKey)].slice(-ALERT_LIMITS.recordKeys),
  };
}

function mergeWatch(a: StoredAlert['watch'], b: StoredAlert['watch']): StoredAlert['watch'] {
  const out = [...a];
  for (const w of b) if (!out.some((x) => x.key === w.key && x.identifier === w.identifier)) out.push(w);
  return out;
}

/** Candidates with the same key merged into one (callers may concatenate batches). */
export function mergeCandidates(candidates: readonly AlertCandidateForStore[]): AlertCandidateForStore[] {
  const byKey = new Map<string, AlertCandidateForStore>();
  for (const c of candidates) {
    const had = byKey.get(c.key);
    if (had === undefined) {
      byKey.set(c.key, { ...c, links: [...c.links], records: [...c.records], watch: [...c.watch] });
      continue;
    }
    const linkIds = new Set(had.links.map((l) => l.linkId));
    for (const l of c.links) if (!linkIds.has(l.linkId)) had.links.push(l);
    const keys = new Set(had.records.map(evidenceKey));
    for (const r of c.records) if (!keys.has(evidenceKey(r))) had.records.push(r);
    had.watch = mergeWatch(had.watch, c.watch);
    if (c.severityScore > had.severityScore) Object.assign(had, { severity: c.severity, severityScore: c.severityScore, severityParts: c.severityParts });
  }
  return [...byKey.values()];
}
