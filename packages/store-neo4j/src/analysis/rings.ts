/**
 * Reading analysis results back: one ring with its members and brokers (as
 * of the run that last found it), and the latest run's rings for ring
 * tracking (`analyze --from-store` passes them as `previous`, so R-0007
 * stays R-0007).
 */
import type { StoredPreviousAnalysis } from './types.js';
import { STORE_LABELS, STORE_REL_TYPES } from '../cypher/names.js';
import type { CypherQuery, Tx } from '../session.js';
import { entityProjection, entityView, type EntityView, type RawNode } from '../read/entity-view.js';

export interface RingView {
  id: string;
  /** The run that last found this ring. */
  run: string;
  /** Whether that run is the latest one written. */
  latest: boolean;
  score: number;
  /** Number of distinct persons. */
  persons: number;
  personIds: string[];
  memberCount: number;
  explanation: string;
  /** The rest of the ring record (roles, binding identifiers, strongest evidence, associates, score parts). */
  report: Record<string, unknown>;
  members: Array<EntityView & { person: boolean }>;
  brokers: Array<EntityView & { rank: number }>;
}

export function ringQuery(id: string): CypherQuery {
  return {
    text: [
      `MATCH (r:${STORE_LABELS.Ring} {id: $id})`,
      `CALL { MATCH (x:${STORE_LABELS.AnalysisRun}) RETURN x.id AS latestRun ORDER BY x.writtenAt DESC LIMIT 1 }`,
      'RETURN properties(r) AS ring, latestRun,',
      `  COLLECT { MATCH (e:${STORE_LABELS.Entity})-[m:${STORE_REL_TYPES.MEMBER_OF} {run: r.run}]->(r) RETURN {node: ${entityProjection('e')}, person: m.person} ORDER BY e.id } AS members,`,
      `  COLLECT { MATCH (e:${STORE_LABELS.Entity})-[b:${STORE_REL_TYPES.BROKER_FOR} {run: r.run}]->(r) RETURN {node: ${entityProjection('e')}, rank: b.rank} ORDER BY b.rank } AS brokers`,
    ].join('\n'),
    params: { id },
  };
}

export async function readRing(tx: Tx, id: string): Promise<RingView | undefined> {
  const q = ringQuery(id);
  const rec = (await tx.run(q.text, q.params)).records[0];
  if (rec === undefined) return undefined;
  const ring = rec.get('ring') as Record<string, unknown>;
  return {
    id: String(ring.id),
    run: String(ring.run),
    latest: rec.get('latestRun') === ring.run,
    score: Number(ring.score),
    persons: Number(ring.persons ?? 0),
    personIds: (ring.personIds as string[] | undefined) ?? [],
    memberCount: Number(ring.memberCount ?? 0),
    explanation: String(ring.explanation ?? ''),
    report: JSON.parse(String(ring.report ?? '{}')) as Record<string, unknown>,
    members: (rec.get('members') as Array<{ node: RawNode; person: boolean }>).map((m) => ({ ...entityView(m.node), person: m.person === true })),
    brokers: (rec.get('brokers') as Array<{ node: RawNode; rank: number }>).map((b) => ({ ...entityView(b.node), rank: b.rank })),
  };
}

export function previousAnalysisQuery(): CypherQuery {
  return {
    text: [
      `MATCH (run:${STORE_LABELS.AnalysisRun})`,
      'WITH run ORDER BY run.writtenAt DESC LIMIT 1',
      `OPTIONAL MATCH (run)-[:${STORE_REL_TYPES.FOUND}]->(r:${STORE_LABELS.Ring})`,
      'RETURN run.id AS run, run.nextRingNumber AS nextRingNumber, r.id AS ring, r.personIds AS personIds,',
      `  COLLECT { MATCH (e:${STORE_LABELS.Entity})-[:${STORE_REL_TYPES.MEMBER_OF} {run: run.id}]->(r) RETURN e.id ORDER BY e.id } AS members`,
      'ORDER BY ring',
    ].join('\n'),
    params: {},
  };
}

/** The latest run written, in the shape ring tracking takes; undefined when no run was written. */
export async function readPreviousAnalysis(tx: Tx): Promise<StoredPreviousAnalysis | undefined> {
  const q = previousAnalysisQuery();
  const res = await tx.run(q.text, q.params);
  const first = res.records[0];
  if (first === undefined) return undefined;
  const rings = res.records
    .filter((r) => r.get('ring') !== null)
    .map((r) => ({ id: r.get('ring') as string, members: r.get('members') as string[], personIds: (r.get('personIds') as string[] | null) ?? [] }));
  const next = first.get('nextRingNumber') as number | null;
  return { run: { id: first.get('run') as string, ...(next !== null ? { nextRingNumber: next } : {}) }, rings };
}
