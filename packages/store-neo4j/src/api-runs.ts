/**
 * Analysis runs for the query service: the runs written back (newest
 * first, paged) and one run in full — parameters, seed, software, input
 * digests, hubs, betweenness method — the record a court is given to
 * repeat the run, plus its ring events.
 *
 * Added for services/query-api.
 */
import { RinglinkError } from '@ringlink/model';
import { STORE_LABELS, STORE_REL_TYPES } from './cypher/names.js';
import { int, toSafeNumber } from './integers.js';
import type { CypherQuery, Tx } from './session.js';

export interface RunSummary {
  id: string;
  createdAt: string | null;
  writtenAt: string | null;
  seed: number;
  modularity: number | null;
  communities: number | null;
  rings: number;
  hubs: number;
  previousRunId: string | null;
}

export interface RunDetail extends RunSummary {
  parameters: unknown;
  software: unknown;
  inputs: unknown;
  graph: unknown;
  hubDetection: unknown;
  hubList: unknown;
  betweenness: unknown;
  timings: unknown;
  nextRingNumber: number | null;
  ringIds: string[];
  events: Array<{ index: number; type: string; rings: string[]; details: unknown }>;
}

const SUMMARY = [
  'run.id AS id, run.createdAt AS createdAt, run.writtenAt AS writtenAt, run.seed AS seed, run.modularity AS modularity,',
  '  run.communities AS communities, size(coalesce(run.ringIds, [])) AS rings, size(coalesce(run.hubIds, [])) AS hubs,',
  '  run.previousRunId AS previousRunId',
].join('\n');

export function runPageQuery(offset: number, limit: number): CypherQuery {
  return {
    text: [
      `MATCH (run:${STORE_LABELS.AnalysisRun})`,
      'WITH run ORDER BY run.writtenAt DESC, run.id',
      'SKIP $offset LIMIT $limit',
      `RETURN ${SUMMARY}`,
    ].join('\n'),
    params: { offset: int(offset), limit: int(limit) },
  };
}

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

const numOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function summaryOf(r: { get(key: string): unknown }): RunSummary {
  return {
    id: String(r.get('id')),
    createdAt: (r.get('createdAt') as string | null) ?? null,
    writtenAt: (r.get('writtenAt') as string | null) ?? null,
    seed: toSafeNumber(r.get('seed') ?? 0),
    modularity: numOrNull(r.get('modularity')),
    communities: numOrNull(r.get('communities')),
    rings: toSafeNumber(r.get('rings')),
    hubs: toSafeNumber(r.get('hubs')),
    previousRunId: (r.get('previousRunId') as string | null) ?? null,
  };
}

export async function listRuns(tx: Tx, options: { offset: number; limit: number }): Promise<{ items: RunSummary[]; total: number }> {
  const { offset, limit } = options;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RinglinkError('INVALID_ARGUMENT', `store: offset must be a non-negative integer, got ${offset}`);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RinglinkError('INVALID_ARGUMENT', `store: limit must be a positive integer, got ${limit}`);
  const total = toSafeNumber((await tx.run(`MATCH (run:${STORE_LABELS.AnalysisRun}) RETURN count(run) AS n`)).records[0]?.get('n') ?? 0);
  const q = runPageQuery(offset, limit);
  const res = await tx.run(q.text, q.params);
  return { total, items: res.records.map(summaryOf) };
}

export function runQuery(id: string): CypherQuery {
  return {
    text: [
      `MATCH (run:${STORE_LABELS.AnalysisRun} {id: $id})`,
      `RETURN ${SUMMARY},`,
      '  properties(run) AS props,',
      `  COLLECT { MATCH (run)-[:${STORE_REL_TYPES.RECORDED}]->(ev:${STORE_LABELS.RingEvent}) RETURN {index: ev.index, type: ev.type, rings: ev.rings, details: ev.details} ORDER BY ev.index } AS events`,
    ].join('\n'),
    params: { id },
  };
}

export async function getRun(tx: Tx, id: string): Promise<RunDetail | undefined> {
  const q = runQuery(id);
  const rec = (await tx.run(q.text, q.params)).records[0];
  if (rec === undefined) return undefined;
  const p = rec.get('props') as Record<string, unknown>;
  return {
    ...summaryOf(rec),
    parameters: parseJson(p.parameters),
    software: parseJson(p.software),
    inputs: parseJson(p.inputs),
    graph: parseJson(p.graph),
    hubDetection: parseJson(p.hubDetection),
    hubList: parseJson(p.hubs),
    betweenness: parseJson(p.betweenness),
    timings: parseJson(p.timings),
    nextRingNumber: numOrNull(p.nextRingNumber),
    ringIds: (p.ringIds as string[] | undefined) ?? [],
    events: (rec.get('events') as Array<{ index: unknown; type: string; rings: string[] | null; details: unknown }>).map((e) => ({
      index: toSafeNumber(e.index),
      type: e.type,
      rings: e.rings ?? [],
      details: parseJson(e.details),
    })),
  };
}
