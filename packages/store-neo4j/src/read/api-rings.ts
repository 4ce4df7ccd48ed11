/**
 * Ring reads for the query service: rings listed by score, size or most
 * recent change (paged), a ring's history (the ring events that name it,
 * with their runs), and the rings an entity belongs to or brokers for.
 *
 * "Current" rings are those the latest analysis run found; rings an older
 * run found and the latest did not (dissolved, merged away) stay readable
 * with `scope: 'all'`. A ring changed in a run when that run recorded an
 * event for it other than a `continued` with nobody joining or leaving.
 *
 * Added for services/query-api.
 */
import { RinglinkError } from '@ringlink/model';
import { STORE_LABELS, STORE_REL_TYPES } from '../cypher/names.js';
import { int, toSafeNumber } from '../integers.js';
import type { CypherQuery, Tx } from '../session.js';

export type RingSort = 'score' | 'size' | 'changed';
export type RingScope = 'current' | 'all';

export interface RingListOptions {
  sort: RingSort;
  scope: RingScope;
  offset: number;
  limit: number;
  /** Only rings scoring at least this (0–100). */
  minScore?: number;
  /** Only rings with at least this many persons. */
  minPersons?: number;
}

export interface RingSummary {
  id: string;
  /** The run that last found the ring. */
  run: string;
  /** Found by the latest run. */
  current: boolean;
  score: number;
  persons: number;
  members: number;
  explanation: string;
  /** When a run last changed the ring (ISO 8601), null when unknown. */
  changedAt: string | null;
}

export interface RingPage {
  items: RingSummary[];
  total: number;
  latestRun: string | null;
}

/** Event details of a `continued` ring that nobody joined or left (core serializes `…,"joined":0,"left":0}`). */
const UNCHANGED = '"joined":0,"left":0';
const CHANGING_EVENT = `(ev.type <> 'continued' OR NOT ev.details CONTAINS '${UNCHANGED}')`;

const LATEST_RUN = [
  `OPTIONAL MATCH (x:${STORE_LABELS.AnalysisRun})`,
  'WITH x ORDER BY x.writtenAt DESC LIMIT 1',
  'WITH x.id AS latestRun',
].join('\n');

const RING_FILTER = '($scope = \'all\' OR r.run = latestRun) AND r.score >= $minScore AND coalesce(r.persons, 0) >= $minPersons';

function filterParams(o: RingListOptions): Record<string, unknown> {
  return { scope: o.scope, minScore: o.minScore ?? 0, minPersons: int(o.minPersons ?? 0) };
}

function checkPage(o: { offset: number; limit: number }): void {
  if (!Number.isSafeInteger(o.offset) || o.offset < 0) throw new RinglinkError('INVALID_ARGUMENT', `store: offset must be a non-negative integer, got ${o.offset}`);
  if (!Number.isSafeInteger(o.limit) || o.limit < 1) throw new RinglinkError('INVALID_ARGUMENT', `store: limit must be a positive integer, got ${o.limit}`);
}

/** Rings sorted in Cypher (score or size), one page. */
export function ringPageQuery(o: RingListOptions): CypherQuery {
  const order = o.sort === 'size' ? 'coalesce(r.persons, 0) DESC, r.score DESC, r.id' : 'r.score DESC, coalesce(r.persons, 0) DESC, r.id';
  return {
    text: [
      LATEST_RUN,
      `MATCH (r:${STORE_LABELS.Ring}) WHERE ${RING_FILTER}`,
      `WITH r, latestRun ORDER BY ${order}`,
      'SKIP $offset LIMIT $limit',
      'RETURN r.id AS id, r.run AS run, r.run = latestRun AS current, r.score AS score, coalesce(r.persons, 0) AS persons,',
      '  r.memberCount AS members, r.explanation AS explanation',
    ].join('\n'),
    params: { ...filterParams(o), offset: int(o.offset), limit: int(o.limit) },
  };
}

/** Every ring of the selection, unsorted, with no details (for the `changed` order, sorted in JS). */
export function ringKeysQuery(o: RingListOptions): CypherQuery {
  return {
    text: [LATEST_RUN, `MATCH (r:${STORE_LABELS.Ring}) WHERE ${RING_FILTER}`, 'RETURN r.id AS id, r.score AS score'].join('\n'),
    params: filterParams(o),
  };
}

export function ringCountQuery(o: RingListOptions): CypherQuery {
  return {
    text: [LATEST_RUN, `MATCH (r:${STORE_LABELS.Ring}) WHERE ${RING_FILTER}`, 'RETURN count(r) AS total, latestRun'].join('\n'),
    params: filterParams(o),
  };
}

/** When each ring last changed: one pass over the events, grouped by ring. */
export function ringChangesQuery(ids: readonly string[] | null): CypherQuery {
  return {
    text: [
      `MATCH (run:${STORE_LABELS.AnalysisRun})-[:${STORE_REL_TYPES.RECORDED}]->(ev:${STORE_LABELS.RingEvent})`,
      `WHERE ${CHANGING_EVENT}`,
      'UNWIND ev.rings AS ringId',
      'WITH ringId, run WHERE $ids IS NULL OR ringId IN $ids',
      'RETURN ringId, max(run.writtenAt) AS changedAt',
    ].join('\n'),
    params: { ids },
  };
}

export function ringDetailsQuery(ids: readonly string[]): CypherQuery {
  return {
    text: [
      LATEST_RUN,
      'UNWIND range(0, size($ids) - 1) AS i',
      `MATCH (r:${STORE_LABELS.Ring} {id: $ids[i]})`,
      'RETURN r.id AS id, r.run AS run, r.run = latestRun AS current, r.score AS score, coalesce(r.persons, 0) AS persons,',
      '  r.memberCount AS members, r.explanation AS explanation',
      'ORDER BY i',
    ].join('\n'),
    params: { ids },
  };
}

async function changes(tx: Tx, ids: readonly string[] | null): Promise<Map<string, string>> {
  const q = ringChangesQuery(ids);
  const res = await tx.run(q.text, q.params);
  return new Map(res.records.map((r) => [r.get('ringId') as string, r.get('changedAt') as string]));
}

function summary(r: { get(key: string): unknown }, changedAt: ReadonlyMap<string, string>): RingSummary {
  const id = r.get('id') as string;
  return {
    id,
    run: String(r.get('run')),
    current: r.get('current') === true,
    score: Number(r.get('score')),
    persons: toSafeNumber(r.get('persons')),
    members: r.get('members') === null ? 0 : toSafeNumber(r.get('members')),
    explanation: String(r.get('explanation') ?? ''),
    changedAt: changedAt.get(id) ?? null,
  };
}

export async function listRings(tx: Tx, o: RingListOptions): Promise<RingPage> {
  checkPage(o);
  const countQ = ringCountQuery(o);
  const countRec = (await tx.run(countQ.text, countQ.params)).records[0];
  const total = countRec === undefined ? 0 : toSafeNumber(countRec.get('total'));
  const latestRun = (countRec?.get('latestRun') as string | null | undefined) ?? null;
  if (o.sort !== 'changed') {
    const q = ringPageQuery(o);
    const rows = (await tx.run(q.text, q.params)).records;
    const changed = await changes(tx, rows.map((r) => r.get('id') as string));
    return { items: rows.map((r) => summary(r, changed)), total, latestRun };
  }
  const keysQ = ringKeysQuery(o);
  const keys = (await tx.run(keysQ.text, keysQ.params)).records.map((r) => ({ id: r.get('id') as string, score: Number(r.get('score')) }));
  const changed = await changes(tx, null);
  keys.sort((a, b) => {
    const ca = changed.get(a.id) ?? '';
    const cb = changed.get(b.id) ?? '';
    if (ca !== cb) return ca < cb ? 1 : -1;
    if (a.score !== b.score) return b.score - a.score;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const page = keys.slice(o.offset, o.offset + o.limit).map((k) => k.id);
  if (page.length === 0) return { items: [], total, latestRun };
  const q = ringDetailsQuery(page);
  const rows = (await tx.run(q.text, q.params)).records;
  return { items: rows.map((r) => summary(r, changed)), total, latestRun };
}

export interface RingHistoryEvent {
  run: string;
  /** When the run was written (ISO 8601). */
  at: string | null;
  index: number;
  type: string;
  /** Every ring the event names. */
  rings: string[];
  /** The event as analysis recorded it. */
  details: Record<string, unknown>;
}

export function ringHistoryQuery(id: string, limit: number): CypherQuery {
  return {
    text: [
      `MATCH (run:${STORE_LABELS.AnalysisRun})-[:${STORE_REL_TYPES.RECORDED}]->(ev:${STORE_LABELS.RingEvent})`,
      'WHERE $id IN ev.rings',
      'RETURN run.id AS run, run.writtenAt AS at, ev.index AS index, ev.type AS type, ev.rings AS rings, ev.details AS details',
      'ORDER BY at DESC, index',
      'LIMIT $limit',
    ].join('\n'),
    params: { id, limit: int(limit) },
  };
}

/** Events naming the ring, newest run first. */
export async function ringHistory(tx: Tx, id: string, limit = 100): Promise<RingHistoryEvent[]> {
  const q = ringHistoryQuery(id, limit);
  const res = await tx.run(q.text, q.params);
  return res.records.map((r) => {
    let details: Record<string, unknown> = {};
    try {
      details = JSON.parse(String(r.get('details') ?? '{}')) as Record<string, unknown>;
    } catch {
      details = {};
    }
    return {
      run: String(r.get('run')),
      at: (r.get('at') as string | null) ?? null,
      index: toSafeNumber(r.get('index')),
      type: String(r.get('type')),
      rings: (r.get('rings') as string[] | null) ?? [],
      details,
    };
  });
}

export interface EntityRings {
  /** Rings the entity belongs to (as of the run that last found each ring). */
  memberOf: Array<{ id: string; run: string; current: boolean; score: number; person: boolean }>;
  /** Rings the entity connects as a broker (latest broker run). */
  brokerFor: Array<{ id: string; run: string; rank: number }>;
}

export function entityRingsQuery(id: string): CypherQuery {
  return {
    text: [
      LATEST_RUN,
      `MATCH (e:${STORE_LABELS.Entity} {id: $id})`,
      'RETURN',
      `  COLLECT { MATCH (e)-[m:${STORE_REL_TYPES.MEMBER_OF}]->(r:${STORE_LABELS.Ring}) WHERE m.run = r.run`,
      '    RETURN {id: r.id, run: r.run, current: r.run = latestRun, score: r.score, person: coalesce(m.person, false)} ORDER BY r.score DESC, r.id } AS memberOf,',
      `  COLLECT { MATCH (e)-[b:${STORE_REL_TYPES.BROKER_FOR}]->(r:${STORE_LABELS.Ring}) WHERE b.run = e.brokerRun`,
      '    RETURN {id: r.id, run: b.run, rank: b.rank} ORDER BY r.id } AS brokerFor',
    ].join('\n'),
    params: { id },
  };
}

export async function entityRings(tx: Tx, id: string): Promise<EntityRings> {
  const q = entityRingsQuery(id);
  const rec = (await tx.run(q.text, q.params)).records[0];
  if (rec === undefined) return { memberOf: [], brokerFor: [] };
  return {
    memberOf: (rec.get('memberOf') as Array<{ id: string; run: string; current: boolean; score: number; person: boolean }>).map((m) => ({
      id: m.id,
      run: m.run,
      current: m.current === true,
      score: Number(m.score),
      person: m.person === true,
    })),
    brokerFor: (rec.get('brokerFor') as Array<{ id: string; run: string; rank: unknown }>).map((b) => ({ id: b.id, run: b.run, rank: toSafeNumber(b.rank) })),
  };
}
