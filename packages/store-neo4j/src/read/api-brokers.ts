/**
 * Brokers for the query service: the entities the latest analysis run
 * ranked as brokers (their scores are written on the entity, see
 * analysis/write-back.ts), in rank order, each with the rings it connects.
 * Uses the `brokerRun` index.
 *
 * Added for services/query-api.
 */
import { RinglinkError } from '@ringlink/model';
import { STORE_LABELS, STORE_REL_TYPES } from '../cypher/names.js';
import { int, toSafeNumber } from '../integers.js';
import type { CypherQuery, Tx } from '../session.js';
import { entityProjection, entityView, type EntityView, type RawNode } from './entity-view.js';

export interface BrokerSummary {
  entity: EntityView;
  rank: number;
  run: string;
  explanation: string;
  ringBetweenness: number | null;
  participation: number | null;
  /** Rings it connects, by id. */
  rings: string[];
}

export interface BrokerPage {
  items: BrokerSummary[];
  total: number;
}

export function brokerPageQuery(offset: number, limit: number, ring: string | null): CypherQuery {
  return {
    text: [
      `MATCH (e:${STORE_LABELS.Entity}) WHERE e.brokerRun IS NOT NULL`,
      `  AND ($ring IS NULL OR EXISTS { (e)-[b:${STORE_REL_TYPES.BROKER_FOR}]->(:${STORE_LABELS.Ring} {id: $ring}) WHERE b.run = e.brokerRun })`,
      'WITH e ORDER BY e.brokerRank, e.id',
      'SKIP $offset LIMIT $limit',
      `RETURN ${entityProjection('e')} AS node, e.brokerRank AS rank, e.brokerRun AS run, e.brokerExplanation AS explanation,`,
      '  e.ringBetweenness AS ringBetweenness, e.participation AS participation,',
      `  COLLECT { MATCH (e)-[b:${STORE_REL_TYPES.BROKER_FOR}]->(r:${STORE_LABELS.Ring}) WHERE b.run = e.brokerRun RETURN r.id ORDER BY r.id } AS rings`,
    ].join('\n'),
    params: { offset: int(offset), limit: int(limit), ring },
  };
}

export function brokerCountQuery(ring: string | null): CypherQuery {
  return {
    text: [
      `MATCH (e:${STORE_LABELS.Entity}) WHERE e.brokerRun IS NOT NULL`,
      `  AND ($ring IS NULL OR EXISTS { (e)-[b:${STORE_REL_TYPES.BROKER_FOR}]->(:${STORE_LABELS.Ring} {id: $ring}) WHERE b.run = e.brokerRun })`,
      'RETURN count(e) AS total',
    ].join('\n'),
    params: { ring },
  };
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Brokers by rank; with `ring`, only those connecting that ring. */
export async function listBrokers(tx: Tx, options: { offset: number; limit: number; ring?: string }): Promise<BrokerPage> {
  const { offset, limit } = options;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RinglinkError('INVALID_ARGUMENT', `store: offset must be a non-negative integer, got ${offset}`);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RinglinkError('INVALID_ARGUMENT', `store: limit must be a positive integer, got ${limit}`);
  const ring = options.ring ?? null;
  const c = brokerCountQuery(ring);
  const total = toSafeNumber((await tx.run(c.text, c.params)).records[0]?.get('total') ?? 0);
  const q = brokerPageQuery(offset, limit, ring);
  const res = await tx.run(q.text, q.params);
  return {
    total,
    items: res.records.map((r) => ({
      entity: entityView(r.get('node') as RawNode),
      rank: toSafeNumber(r.get('rank')),
      run: String(r.get('run')),
      explanation: String(r.get('explanation') ?? ''),
      ringBetweenness: num(r.get('ringBetweenness')),
      participation: num(r.get('participation')),
      rings: r.get('rings') as string[],
    })),
  };
}
