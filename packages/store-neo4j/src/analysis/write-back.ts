/**
 * Analysis write-back: the run, its rings with their members, ring events,
 * broker scores and hub flags, so analysts and alerting read them from the
 * store. Batched and idempotent (MERGE on the run id, the stable ring ids,
 * `run#index` for events); writing the same result twice changes nothing
 * but `writtenAt`.
 *
 *   (:AnalysisRun {id, seed, parameters, software, inputs, graph, hubs, hubIds, hubDetection,
 *                  modularity, communities, betweenness, previousRunId, nextRingNumber,
 *                  ringIds, weakClusters, brokers, timings, createdAt, writtenAt})   nested values as JSON strings
 *   (:AnalysisRun)-[:FOUND]->(:Ring {id, run, score, persons, personIds, memberCount, explanation, report})
 *   (:Entity)-[:MEMBER_OF {run, person}]->(:Ring)
 *   (:Entity)-[:BROKER_FOR {run, rank}]->(:Ring)
 *   (:AnalysisRun)-[:RECORDED]->(:RingEvent {key, run, index, type, rings, details})
 *   (:Entity {brokerRank, betweenness, ringBetweenness, bridging, participation, pagerank,
 *             brokerExplanation, brokerRun, isHub, hubReason, hubRule, hubRun})
 *
 * Broker scores and hub flags describe the latest run written: those left
 * by another run are removed.
 */
import type { AnalysisForStore, RingEventForStore, RingForStore } from './types.js';
import { STORE_LABELS, STORE_REL_TYPES } from '../cypher/names.js';
import { int, type ParamValue } from '../integers.js';
import type { CypherQuery, Db } from '../session.js';
import { chunk } from '../write/rows.js';

export const BROKER_PROPS = ['brokerRank', 'betweenness', 'ringBetweenness', 'bridging', 'participation', 'pagerank', 'brokerExplanation', 'brokerRun'] as const;
export const HUB_PROPS = ['isHub', 'hubReason', 'hubRule', 'hubRun'] as const;

const json = (v: unknown): string => JSON.stringify(v ?? null);

export function runProps(result: AnalysisForStore): Record<string, ParamValue> {
  const r = result.run;
  return {
    seed: int(r.seed),
    parameters: json(r.parameters),
    software: json(r.software),
    inputs: json(r.inputs),
    graph: json(r.graph),
    hubs: json(r.hubs),
    hubIds: r.hubs.map((h) => h.id),
    hubDetection: json(r.hubDetection),
    modularity: r.modularity,
    communities: int(r.communities ?? 0),
    betweenness: json(r.betweenness),
    previousRunId: r.previousRunId ?? null,
    nextRingNumber: r.nextRingNumber === undefined ? null : int(r.nextRingNumber),
    timings: json(r.timings ?? null),
    ringIds: result.rings.map((x) => x.id),
    weakClusters: json(result.weakClusters ?? []),
    // The run's own broker list: broker scores on entities only describe the
    // latest run, and a court export may rest on an older one.
    brokers: json(result.brokers),
  };
}

export function upsertRun(result: AnalysisForStore, now: string): CypherQuery {
  return {
    text: [
      `MERGE (run:${STORE_LABELS.AnalysisRun} {id: $id})`,
      'ON CREATE SET run.createdAt = $now',
      'SET run += $props, run.writtenAt = $now',
    ].join('\n'),
    params: { id: result.run.id, props: runProps(result), now },
  };
}

export interface RingRow {
  id: string;
  props: Record<string, ParamValue>;
}

/** The person ids of a ring, whichever form of the contract it comes in. */
export function ringPersonIds(ring: RingForStore): string[] {
  return ring.personIds ?? (Array.isArray(ring.persons) ? ring.persons : []);
}

export function ringRows(result: AnalysisForStore): RingRow[] {
  return result.rings.map((ring) => {
    const { id, members, persons, personIds: _ids, score, explanation, ...rest } = ring;
    const personIds = ringPersonIds(ring);
    return {
      id,
      props: {
        run: result.run.id,
        score,
        persons: int(Array.isArray(persons) ? persons.length : persons),
        personIds,
        memberCount: int(members.length),
        explanation,
        report: json(rest),
      },
    };
  });
}

export function upsertRings(run: string, rows: readonly RingRow[]): CypherQuery {
  return {
    text: [
      'UNWIND $rows AS row',
      `MERGE (r:${STORE_LABELS.Ring} {id: row.id})`,
      'SET r += row.props',
      'WITH r',
      `MATCH (run:${STORE_LABELS.AnalysisRun} {id: $run})`,
      `MERGE (run)-[:${STORE_REL_TYPES.FOUND}]->(r)`,
      'RETURN count(*) AS written',
    ].join('\n'),
    params: { run, rows },
  };
}

export interface MemberRow {
  ring: string;
  id: string;
  person: boolean;
}

export function memberRows(result: AnalysisForStore): MemberRow[] {
  return result.rings.flatMap((ring) => {
    const persons = new Set(ringPersonIds(ring));
    return ring.members.map((id) => ({ ring: ring.id, id, person: persons.has(id) }));
  });
}

export function upsertMembers(run: string, rows: readonly MemberRow[]): CypherQuery {
  return {
    text: [
      'UNWIND $rows AS row',
      `MATCH (r:${STORE_LABELS.Ring} {id: row.ring})`,
      `MATCH (e:${STORE_LABELS.Entity} {id: row.id})`,
      `MERGE (e)-[m:${STORE_REL_TYPES.MEMBER_OF} {run: $run}]->(r)`,
      'SET m.person = row.person',
      'RETURN count(*) AS written',
    ].join('\n'),
    params: { run, rows },
  };
}

export interface BrokerRow {
  id: string;
  rank: ParamValue;
  props: Record<string, ParamValue>;
  rings: string[];
}

export function brokerRows(result: AnalysisForStore): BrokerRow[] {
  return result.brokers.map((b) => ({
    id: b.id,
    rank: int(b.rank),
    rings: b.rings,
    props: {
      brokerRank: int(b.rank),
      betweenness: b.betweenness,
      ringBetweenness: b.ringBetweenness ?? null,
      bridging: int(b.bridging),
      participation: b.participation ?? null,
      pagerank: b.pagerank ?? null,
      brokerExplanation: b.explanation,
      brokerRun: result.run.id,
    },
  }));
}

export function upsertBrokers(run: string, rows: readonly BrokerRow[]): CypherQuery {
  return {
    text: [
      'UNWIND $rows AS row',
      `MATCH (e:${STORE_LABELS.Entity} {id: row.id})`,
      'SET e += row.props',
      'WITH e, row',
      'CALL {',
      '  WITH e, row',
      '  UNWIND row.rings AS ringId',
      `  MATCH (r:${STORE_LABELS.Ring} {id: ringId})`,
      `  MERGE (e)-[b:${STORE_REL_TYPES.BROKER_FOR} {run: $run}]->(r)`,
      '  SET b.rank = row.rank',
      '}',
      'RETURN count(*) AS written',
    ].join('\n'),
    params: { run, rows },
  };
}

export function upsertHubs(run: string, result: AnalysisForStore): CypherQuery {
  return {
    text: [
      'UNWIND $rows AS row',
      `MATCH (e:${STORE_LABELS.Entity} {id: row.id})`,
      'SET e.isHub = true, e.hubReason = row.reason, e.hubRule = row.rule, e.hubRun = $run',
      'RETURN count(*) AS written',
    ].join('\n'),
    params: { run, rows: result.run.hubs.map((h) => ({ id: h.id, reason: h.reason, rule: h.rule })) },
  };
}

/** Removes broker scores and hub flags another run left (indexed on brokerRun / hubRun). */
export function clearStaleMarks(run: string): CypherQuery[] {
  return [
    {
      text: `MATCH (e:${STORE_LABELS.Entity}) WHERE e.brokerRun IS NOT NULL AND e.brokerRun <> $run\nREMOVE ${BROKER_PROPS.map((p) => `e.${p}`).join(', ')}`,
      params: { run },
    },
    {
      text: `MATCH (e:${STORE_LABELS.Entity}) WHERE e.hubRun IS NOT NULL AND e.hubRun <> $run\nREMOVE ${HUB_PROPS.map((p) => `e.${p}`).join(', ')}`,
      params: { run },
    },
  ];
}

export function ringsOfEvent(ev: RingEventForStore): string[] {
  switch (ev.type) {
    case 'new':
      return [ev.id, ...(ev.fromRings ?? [])];
    case 'continued':
    case 'dissolved':
      return [ev.id];
    case 'split':
      return [ev.from, ...ev.into];
    case 'merged':
      return [ev.into, ...ev.from];
  }
}

export function upsertRingEvents(run: string, events: readonly RingEventForStore[]): CypherQuery {
  return {
    text: [
      'UNWIND $rows AS row',
      `MERGE (ev:${STORE_LABELS.RingEvent} {key: row.key})`,
      'SET ev += row',
      'WITH ev',
      `MATCH (run:${STORE_LABELS.AnalysisRun} {id: $run})`,
      `MERGE (run)-[:${STORE_REL_TYPES.RECORDED}]->(ev)`,
      'RETURN count(*) AS written',
    ].join('\n'),
    params: {
      run,
      rows: events.map((ev, i) => ({ key: `${run}#${i}`, run, index: int(i), type: ev.type, rings: [...new Set(ringsOfEvent(ev))], details: json(ev) })),
    },
  };
}

export interface AnalysisWriteSummary {
  run: string;
  rings: number;
  members: number;
  /** Members named by the result that are not in the store (analysis of files never ingested into it). */
  missingMembers: number;
  brokers: number;
  hubs: number;
  ringEvents: number;
}

export async function writeAnalysis(db: Db, result: AnalysisForStore, options: { batchSize: number; now?: string }): Promise<AnalysisWriteSummary> {
  const run = result.run.id;
  const now = options.now ?? new Date().toISOString();
  const one = async (context: string, q: CypherQuery): Promise<number> =>
    db.write(context, async (tx) => {
      const res = await tx.run(q.text, q.params);
      const first = res.records[0];
      return first === undefined ? 0 : (first.get('written') as number);
    });
  await one('writing the analysis run', upsertRun(result, now));
  let rings = 0;
  for (const part of chunk(ringRows(result), options.batchSize)) rings += await one('writing rings', upsertRings(run, part));
  const members = memberRows(result);
  let membersWritten = 0;
  for (const part of chunk(members, options.batchSize)) membersWritten += await one('writing ring members', upsertMembers(run, part));
  let brokers = 0;
  for (const part of chunk(brokerRows(result), options.batchSize)) brokers += await one('writing brokers', upsertBrokers(run, part));
  const hubs = await one('writing hubs', upsertHubs(run, result));
  const events = await one('writing ring events', upsertRingEvents(run, result.ringEvents));
  await db.write('clearing marks of other runs', async (tx) => {
    for (const q of clearStaleMarks(run)) await tx.run(q.text, q.params);
  });
  return { run, rings, members: membersWritten, missingMembers: members.length - membersWritten, brokers, hubs, ringEvents: events };
}
