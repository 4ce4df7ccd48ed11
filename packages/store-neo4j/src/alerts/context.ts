/**
 * What the alert rules read from the store (core's AlertContext), as
 * batched, parameterized read queries on indexed keys: ids and aliases,
 * the latest analysis run's facts (current ring memberships with ring
 * scores, hub flags, broker scores), existing relationships and source
 * records, the watch list, and the tie from an identifier member of a ring
 * to a ring person (the last hop of an explaining path).
 *
 * "Current" rings are those of the latest analysis run written (the same
 * rule as the ring reads): a membership counts when its MEMBER_OF carries
 * that run's id.
 */
import { LINK_KINDS, linkId, type Evidence, type LinkKind } from '@ringlink/model';
import { STORE_LABELS, STORE_REL_TYPES, linkTypeAlternation } from '../cypher/names.js';
import { toSafeNumber } from '../integers.js';
import { parseLinkId, readEvidence, sortedEvidence } from '../read/evidence.js';
import type { CypherQuery, Db, Tx } from '../session.js';
import { EVIDENCE_KEYS_PROP, chunk } from '../write/rows.js';
import { ALERT_LABELS } from './schema.js';
import type { HopForStore, RingRefForStore, WatchMatchForStore } from './types.js';

export interface EntityFactsForStore {
  id: string;
  isHub: boolean;
  brokerRank: number | null;
  betweenness: number | null;
  rings: RingRefForStore[];
}

/** `latestRun`: id of the analysis run written last (null when none). */
export const LATEST_RUN_CALL = [
  'CALL {',
  `  OPTIONAL MATCH (x:${STORE_LABELS.AnalysisRun})`,
  '  WITH x ORDER BY x.writtenAt DESC LIMIT 1',
  '  RETURN x.id AS latestRun',
  '}',
].join('\n');

export function resolveKeysQuery(keys: readonly string[]): CypherQuery {
  return {
    text: [
      'UNWIND $keys AS k',
      `OPTIONAL MATCH (e:${STORE_LABELS.Entity} {id: k})`,
      `OPTIONAL MATCH (:${STORE_LABELS.Alias} {id: k})-[:${STORE_REL_TYPES.ALIAS_OF}]->(q:${STORE_LABELS.Entity})`,
      'WITH k, coalesce(e.id, q.id) AS id',
      'WHERE id IS NOT NULL',
      'RETURN k AS key, id',
    ].join('\n'),
    params: { keys: [...keys] },
  };
}

export function entityFactsQuery(ids: readonly string[]): CypherQuery {
  return {
    text: [
      LATEST_RUN_CALL,
      'UNWIND $ids AS id',
      `MATCH (e:${STORE_LABELS.Entity} {id: id})`,
      'WITH e, latestRun,',
      `  COLLECT { MATCH (e)-[m:${STORE_REL_TYPES.MEMBER_OF}]->(r:${STORE_LABELS.Ring}) WHERE m.run = latestRun AND r.run = latestRun RETURN {id: r.id, score: r.score} } AS rings`,
      'WHERE size(rings) > 0 OR e.isHub = true OR e.brokerRank IS NOT NULL',
      'RETURN e.id AS id, coalesce(e.isHub, false) AS isHub, e.brokerRank AS brokerRank, e.betweenness AS betweenness, rings',
    ].join('\n'),
    params: { ids: [...ids] },
  };
}

/** `resolveKeysQuery` and `entityFactsQuery` in one: each key's stored id with that entity's facts. */
export function resolveWithFactsQuery(keys: readonly string[]): CypherQuery {
  return {
    text: [
      LATEST_RUN_CALL,
      'UNWIND $keys AS k',
      `OPTIONAL MATCH (e:${STORE_LABELS.Entity} {id: k})`,
      `OPTIONAL MATCH (:${STORE_LABELS.Alias} {id: k})-[:${STORE_REL_TYPES.ALIAS_OF}]->(q:${STORE_LABELS.Entity})`,
      'WITH k, latestRun, coalesce(e, q) AS n',
      'WHERE n IS NOT NULL',
      'RETURN k AS key, n.id AS id, coalesce(n.isHub, false) AS isHub, n.brokerRank AS brokerRank, n.betweenness AS betweenness,',
      `  COLLECT { MATCH (n)-[m:${STORE_REL_TYPES.MEMBER_OF}]->(r:${STORE_LABELS.Ring}) WHERE m.run = latestRun AND r.run = latestRun RETURN {id: r.id, score: r.score} } AS rings`,
    ].join('\n'),
    params: { keys: [...keys] },
  };
}

export function existingLinksQuery(linkIds: readonly string[]): CypherQuery {
  const refs = linkIds.map((id) => {
    const r = parseLinkId(id);
    return { id, from: r.from, to: r.to, type: r.type, directed: LINK_KINDS[r.type as LinkKind].directed };
  });
  return {
    text: [
      'UNWIND $refs AS ref',
      `MATCH (a:${STORE_LABELS.Entity} {id: ref.from})`,
      `MATCH (b:${STORE_LABELS.Entity} {id: ref.to})`,
      'WITH ref, a, b',
      'WHERE CASE WHEN ref.directed',
      '  THEN EXISTS { MATCH (a)-[r]->(b) WHERE type(r) = ref.type }',
      '  ELSE EXISTS { MATCH (a)-[r]-(b) WHERE type(r) = ref.type } END',
      'RETURN ref.id AS id',
    ].join('\n'),
    params: { refs },
  };
}

export function existingRecordsQuery(keys: readonly string[]): CypherQuery {
  return {
    text: `UNWIND $keys AS k MATCH (s:${STORE_LABELS.SourceRecord} {key: k}) RETURN k AS key`,
    params: { keys: [...keys] },
  };
}

export function watchMatchesQuery(keys: readonly string[]): CypherQuery {
  return {
    text: [
      'UNWIND $keys AS k',
      `MATCH (w:${ALERT_LABELS.WatchEntry} {key: k})`,
      'RETURN k AS key, w.kind AS kind, w.identifier AS identifier, w.note AS note',
    ].join('\n'),
    params: { keys: [...keys] },
  };
}

/** A link from `member` (an identifier in ring `ring`) to a person of the same ring, best attested first. */
export function ringTieQuery(member: string, ring: string): CypherQuery {
  return {
    text: [
      LATEST_RUN_CALL,
      `MATCH (m:${STORE_LABELS.Entity} {id: $member})-[rel:${linkTypeAlternation()}]-(p:Person)-[pm:${STORE_REL_TYPES.MEMBER_OF}]->(r:${STORE_LABELS.Ring} {id: $ring})`,
      'WHERE pm.run = latestRun',
      `RETURN type(rel) AS type, startNode(rel).id AS from, endNode(rel).id AS to, coalesce(rel.${EVIDENCE_KEYS_PROP}, []) AS keys`,
      `ORDER BY size(coalesce(rel.${EVIDENCE_KEYS_PROP}, [])) DESC, p.id`,
      'LIMIT 1',
    ].join('\n'),
    params: { member, ring },
  };
}

function factsOf(r: { get(k: string): unknown }): EntityFactsForStore {
  const rank = r.get('brokerRank');
  const b = r.get('betweenness');
  return {
    id: r.get('id') as string,
    isHub: r.get('isHub') === true,
    brokerRank: rank === null || rank === undefined ? null : toSafeNumber(rank),
    betweenness: typeof b === 'number' ? b : null,
    rings: (r.get('rings') as Array<{ id: string; score: unknown }>)
      .map((x) => ({ id: x.id, score: Number(x.score ?? 0) }))
      .sort((x, y) => (x.id < y.id ? -1 : 1)),
  };
}

/** The AlertContext of a store (see core's alerts/types.ts). */
export class Neo4jAlertContext {
  constructor(
    private readonly db: Db,
    private readonly chunkSize: number,
  ) {}

  private async each<T>(context: string, items: readonly T[], build: (part: T[]) => CypherQuery, row: (rec: { get(k: string): unknown }) => void): Promise<void> {
    if (items.length === 0) return;
    await this.db.read(context, async (tx: Tx) => {
      for (const part of chunk([...items], this.chunkSize)) {
        const q = build(part);
        const res = await tx.run(q.text, q.params);
        for (const r of res.records) row(r as unknown as { get(k: string): unknown });
      }
    });
  }

  async resolve(keys: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    await this.each('alerts: resolving ids', [...new Set(keys)], resolveKeysQuery, (r) => out.set(r.get('key') as string, r.get('id') as string));
    return out;
  }

  async entityFacts(ids: readonly string[]): Promise<Map<string, EntityFactsForStore>> {
    const out = new Map<string, EntityFactsForStore>();
    await this.each('alerts: reading analysis facts', [...new Set(ids)], entityFactsQuery, (r) => {
      const f = factsOf(r);
      out.set(f.id, f);
    });
    return out;
  }

  /** `resolve`, then `entityFacts` of what it resolved, in one round trip per chunk (facts only for entities that have some). */
  async resolveWithFacts(keys: readonly string[]): Promise<{ resolved: Map<string, string>; facts: Map<string, EntityFactsForStore> }> {
    const resolved = new Map<string, string>();
    const facts = new Map<string, EntityFactsForStore>();
    await this.each('alerts: resolving ids with their analysis facts', [...new Set(keys)], resolveWithFactsQuery, (r) => {
      const f = factsOf(r);
      resolved.set(r.get('key') as string, f.id);
      if (f.isHub || f.brokerRank !== null || f.rings.length > 0) facts.set(f.id, f);
    });
    return { resolved, facts };
  }

  async existingLinks(linkIds: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    await this.each('alerts: checking links', [...new Set(linkIds)], existingLinksQuery, (r) => out.add(r.get('id') as string));
    return out;
  }

  async existingRecords(keys: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    await this.each('alerts: checking records', [...new Set(keys)], existingRecordsQuery, (r) => out.add(r.get('key') as string));
    return out;
  }

  async watchlistMatches(keys: readonly string[]): Promise<Map<string, WatchMatchForStore[]>> {
    const out = new Map<string, WatchMatchForStore[]>();
    await this.each('alerts: matching the watch list', [...new Set(keys)], watchMatchesQuery, (r) => {
      const key = r.get('key') as string;
      const list = out.get(key) ?? [];
      list.push({ key, kind: r.get('kind') as WatchMatchForStore['kind'], identifier: r.get('identifier') as string, note: (r.get('note') as string | null) ?? null });
      out.set(key, list);
    });
    return out;
  }

  async ringTie(memberId: string, ringId: string): Promise<HopForStore | undefined> {
    return this.db.read('alerts: explaining a ring tie', async (tx) => {
      const q = ringTieQuery(memberId, ringId);
      const rec = (await tx.run(q.text, q.params)).records[0];
      if (rec === undefined) return undefined;
      const keys = rec.get('keys') as string[];
      const byKey = await readEvidence(tx, keys.slice(0, 20));
      const type = rec.get('type') as LinkKind;
      const from = rec.get('from') as string;
      const to = rec.get('to') as string;
      const evidence: Evidence[] = sortedEvidence(keys.slice(0, 20), byKey);
      return { linkId: linkId(type, from, to), type, from, to, isNew: false, evidence };
    });
  }
}
