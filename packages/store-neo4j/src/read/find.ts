/**
 * Lookups: an entity by id (following aliases), and entities by any
 * identifier in any spelling (lookup-plan.ts decides what to try).
 */
import { ENTITY_KINDS, LINK_KIND_NAMES, RinglinkError, passportPersonId } from '@ringlink/model';
import { STORE_LABELS, STORE_REL_TYPES, kindLabel, linkType } from '../cypher/names.js';
import { int } from '../integers.js';
import type { CypherQuery, Tx } from '../session.js';
import { EVIDENCE_KEYS_PROP, IMPLYING_LINK_KINDS } from '../write/rows.js';
import { entityProjection, entityView, type EntityView, type RawNode } from './entity-view.js';
import { planLookup, type LookupOptions, type MatchReason, type PropertyLookup } from './lookup-plan.js';

export interface FoundEntity extends EntityView {
  /** How the query matched: the normalized reading, or `alias` when an old id led here. */
  matchedBy: MatchReason;
  /** The id or identifier value that matched. */
  matched: string;
}

export interface FindOptions extends LookupOptions {
  /** Most results; default 20. */
  limit?: number;
}

/** Entities by exact id or by alias, in the order given. */
export function entitiesByIds(ids: ReadonlyArray<{ id: string; how: string }>): CypherQuery {
  return {
    text: [
      'UNWIND range(0, size($ids) - 1) AS i',
      'WITH i, $ids[i] AS x',
      `OPTIONAL MATCH (e:${STORE_LABELS.Entity} {id: x.id})`,
      `OPTIONAL MATCH (:${STORE_LABELS.Alias} {id: x.id})-[:${STORE_REL_TYPES.ALIAS_OF}]->(a:${STORE_LABELS.Entity})`,
      'WITH i, x, coalesce(e, a) AS n, e IS NULL AS viaAlias',
      'WHERE n IS NOT NULL',
      `RETURN ${entityProjection('n')} AS node, x.id AS matched, CASE WHEN viaAlias THEN 'alias' ELSE x.how END AS how`,
      'ORDER BY i',
    ].join('\n'),
    params: { ids: ids.map((x) => ({ id: x.id, how: x.how })) },
  };
}

/** Entities of one kind by one declared identifier property (uses its index). */
export function entitiesByProperty(p: PropertyLookup, limit: number): CypherQuery {
  if (!(ENTITY_KINDS[p.kind].identifiers as readonly string[]).includes(p.property)) {
    throw new RinglinkError('INTERNAL', `store: ${p.kind}.${p.property} is not a declared identifier`);
  }
  return {
    text: [
      `MATCH (n:${kindLabel(p.kind)}) WHERE n.${p.property} = $value`,
      `RETURN ${entityProjection('n')} AS node`,
      'ORDER BY n.id',
      'LIMIT $limit',
    ].join('\n'),
    params: { value: p.value, limit: int(limit) },
  };
}

export async function findEntities(tx: Tx, query: string, options: FindOptions = {}): Promise<FoundEntity[]> {
  const limit = options.limit ?? 20;
  const plan = planLookup(query, options);
  const out: FoundEntity[] = [];
  const seen = new Set<string>();
  const add = (node: RawNode, how: MatchReason, matched: string): void => {
    const view = entityView(node);
    if (seen.has(view.id) || out.length >= limit) return;
    seen.add(view.id);
    out.push({ ...view, matchedBy: how, matched });
  };
  if (plan.ids.length > 0) {
    const q = entitiesByIds(plan.ids);
    for (const r of (await tx.run(q.text, q.params)).records) add(r.get('node') as RawNode, r.get('how') as MatchReason, r.get('matched') as string);
  }
  const passportHolders: Array<{ id: string; how: MatchReason }> = [];
  for (const p of plan.properties) {
    if (out.length >= limit) break;
    const q = entitiesByProperty(p, limit);
    for (const r of (await tx.run(q.text, q.params)).records) {
      const node = r.get('node') as RawNode;
      add(node, p.how, p.value);
      const props = node.props;
      if (props.docType === 'passport' && typeof props.issuer === 'string' && typeof props.number === 'string') {
        passportHolders.push({ id: passportPersonId(props.issuer, props.number), how: 'passport' });
      }
    }
  }
  if (passportHolders.length > 0 && out.length < limit) {
    const q = entitiesByIds(passportHolders);
    for (const r of (await tx.run(q.text, q.params)).records) add(r.get('node') as RawNode, 'passport', r.get('matched') as string);
  }
  return out;
}

export interface EntityDetail extends EntityView {
  /** Ids this entity was known by (merged persons, other identifiers of a person). */
  aliases: string[];
  /** The id asked for, when it was an alias. */
  requestedId?: string;
  /** Records that mention the entity. */
  evidenceCount: number;
  /** Links by kind. */
  degree: Record<string, number>;
}

export function entityDetail(id: string): CypherQuery {
  return {
    text: [
      `OPTIONAL MATCH (e:${STORE_LABELS.Entity} {id: $id})`,
      `OPTIONAL MATCH (:${STORE_LABELS.Alias} {id: $id})-[:${STORE_REL_TYPES.ALIAS_OF}]->(a:${STORE_LABELS.Entity})`,
      'WITH coalesce(e, a) AS n WHERE n IS NOT NULL',
      `RETURN ${entityProjection('n')} AS node,`,
      `  COLLECT { MATCH (x:${STORE_LABELS.Alias})-[:${STORE_REL_TYPES.ALIAS_OF}]->(n) RETURN x.id ORDER BY x.id } AS aliases,`,
      // Evidence: records that mention it, plus the records of its links (write/rows.ts, impliedEvidence).
      `  COUNT { MATCH (s:${STORE_LABELS.SourceRecord})-[:${STORE_REL_TYPES.MENTIONS}]->(n) RETURN s.key AS k`,
      `          UNION MATCH (n)-[r]-(:${STORE_LABELS.Entity}) WHERE type(r) IN $implying UNWIND r.${EVIDENCE_KEYS_PROP} AS k RETURN k } AS evidenceCount,`,
      `  {${LINK_KIND_NAMES.map((t) => `${linkType(t)}: COUNT { (n)-[:${t}]-() }`).join(', ')}} AS degree`,
    ].join('\n'),
    params: { id, implying: IMPLYING_LINK_KINDS },
  };
}

export async function getEntity(tx: Tx, id: string): Promise<EntityDetail | undefined> {
  const q = entityDetail(id);
  const rec = (await tx.run(q.text, q.params)).records[0];
  if (rec === undefined) return undefined;
  const view = entityView(rec.get('node') as RawNode);
  const degree: Record<string, number> = {};
  for (const [t, n] of Object.entries(rec.get('degree') as Record<string, number>)) if (n > 0) degree[t] = n;
  return {
    ...view,
    aliases: rec.get('aliases') as string[],
    ...(view.id !== id ? { requestedId: id } : {}),
    evidenceCount: rec.get('evidenceCount') as number,
    degree: Object.fromEntries(Object.entries(degree).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

/** The id an id or alias resolves to, or undefined. */
export async function resolveId(tx: Tx, id: string): Promise<string | undefined> {
  const q = entitiesByIds([{ id, how: 'id' }]);
  const rec = (await tx.run(q.text, q.params)).records[0];
  return rec === undefined ? undefined : entityView(rec.get('node') as RawNode).id;
}
