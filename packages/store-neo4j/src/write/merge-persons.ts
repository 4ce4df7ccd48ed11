/**
 * Folding a stored person into another, in plain Cypher (APOC is not
 * available on Community from Maven): one transaction per merge that
 *
 * 1. MERGEs the survivor (same upsert as any entity: its own scalar values
 *    win, lists union, role labels added);
 * 2. reads the merged person's link relationships, deletes them and writes
 *    them again from the survivor with the ordinary link upsert (one query
 *    per link kind, from LINK_KINDS), so evidence and per-record
 *    contributions union exactly as in an ingest, undirected kinds keep
 *    their sorted direction and links between the two become nothing;
 * 3. moves MENTIONS, MEMBER_OF, BROKER_FOR and ALIAS_OF (and turns the
 *    records of a vanished link between the two into MENTIONS, so they stay
 *    evidence of the person);
 * 4. deletes the merged node and leaves an :Alias with its id, the reason
 *    and the key of the record that proved it.
 *
 * Re-running a merge that already happened finds no node and does nothing.
 */
import { ENTITY_KINDS, LINK_KINDS, ROLE_LABELS, isLinkKind, type LinkKind, type Properties, type RoleLabel } from '@ringlink/model';
import { upsertAliases, upsertEntities, upsertLinks } from '../cypher/write-queries.js';
import { STORE_LABELS, STORE_REL_TYPES } from '../cypher/names.js';
import { encodeProps } from '../integers.js';
import type { CypherQuery, Tx } from '../session.js';
import type { StoreMerge } from './person-resolution.js';
import {
  CONTRIBUTION_SUFFIX,
  DERIVED_LINK_PROPS,
  EVIDENCE_KEYS_PROP,
  IMPLYING_LINK_KINDS,
  evidenceKey,
  summedProps,
  type LinkRow,
} from './rows.js';

/** Link kinds that can touch a person, from the model. */
export const PERSON_LINK_KINDS: LinkKind[] = (Object.keys(LINK_KINDS) as LinkKind[]).filter(
  (t) => (LINK_KINDS[t].from as readonly string[]).includes('Person') || (LINK_KINDS[t].to as readonly string[]).includes('Person'),
);

export function readPersonForMerge(id: string): CypherQuery {
  return {
    text: [
      `MATCH (s:${STORE_LABELS.Entity} {id: $id}) WHERE s:Person`,
      'OPTIONAL MATCH (s)-[r]-(o:Entity) WHERE type(r) IN $types',
      'RETURN labels(s) AS labels, properties(s) AS props,',
      '       collect(CASE WHEN r IS NULL THEN null ELSE {type: type(r), out: startNode(r) = s, other: o.id, props: properties(r)} END) AS rels',
    ].join('\n'),
    params: { id, types: PERSON_LINK_KINDS },
  };
}

export function deletePersonLinks(id: string): CypherQuery {
  return {
    text: `MATCH (s:${STORE_LABELS.Entity} {id: $id})-[r]-(:Entity) WHERE type(r) IN $types DELETE r`,
    params: { id, types: PERSON_LINK_KINDS },
  };
}

/** MENTIONS from records to an entity (records whose link to it vanished in a merge). */
export function mentionsOf(id: string, keys: readonly string[]): CypherQuery {
  return {
    text: [
      `MATCH (e:${STORE_LABELS.Entity} {id: $id})`,
      'UNWIND $keys AS k',
      `MATCH (s:${STORE_LABELS.SourceRecord} {key: k})`,
      `MERGE (s)-[:${STORE_REL_TYPES.MENTIONS}]->(e)`,
    ].join('\n'),
    params: { id, keys },
  };
}

/** Moves the bookkeeping relationships and replaces the node by an alias. */
export function finishPersonMerge(m: StoreMerge): CypherQuery[] {
  const from = `MATCH (s:${STORE_LABELS.Entity} {id: $from}) MATCH (t:${STORE_LABELS.Entity} {id: $into})`;
  const params = { from: m.from, into: m.into };
  return [
    {
      text: `${from}\nMATCH (src:${STORE_LABELS.SourceRecord})-[x:${STORE_REL_TYPES.MENTIONS}]->(s)\nMERGE (src)-[:${STORE_REL_TYPES.MENTIONS}]->(t)\nDELETE x`,
      params,
    },
    ...[STORE_REL_TYPES.MEMBER_OF, STORE_REL_TYPES.BROKER_FOR].map((type) => ({
      text: `${from}\nMATCH (s)-[x:${type}]->(ring:${STORE_LABELS.Ring})\nMERGE (t)-[y:${type} {run: x.run}]->(ring)\nSET y += properties(x)\nDELETE x`,
      params,
    })),
    {
      text: `${from}\nMATCH (a:${STORE_LABELS.Alias})-[x:${STORE_REL_TYPES.ALIAS_OF}]->(s)\nMERGE (a)-[:${STORE_REL_TYPES.ALIAS_OF}]->(t)\nDELETE x`,
      params,
    },
    { text: `MATCH (s:${STORE_LABELS.Entity} {id: $from}) DETACH DELETE s`, params: { from: m.from } },
    upsertAliases([{ id: m.from, target: m.into, reason: m.reason, evidenceKey: evidenceKey(m.evidence) }]),
  ];
}

/** A stored relationship as a link row, so it can be written again between other endpoints. */
export function storedLinkRow(type: LinkKind, from: string, to: string, props: Properties & Record<string, unknown>): LinkRow {
  const summed = summedProps(type);
  const keys = (props[EVIDENCE_KEYS_PROP] as string[] | undefined) ?? [];
  const skip = new Set<string>([EVIDENCE_KEYS_PROP, ...DERIVED_LINK_PROPS, ...summed, ...summed.map((p) => `${p}${CONTRIBUTION_SUFFIX}`)]);
  const rest: Properties = {};
  for (const [k, v] of Object.entries(props)) if (!skip.has(k)) rest[k] = v as Properties[string];
  const agg: Record<string, Array<number | null>> = {};
  const aggPresent: Record<string, boolean> = {};
  for (const p of summed) {
    const list = props[`${p}${CONTRIBUTION_SUFFIX}`] as number[] | undefined;
    agg[p] = keys.map((_, i) => list?.[i] ?? null);
    aggPresent[p] = typeof props[p] === 'number';
  }
  return {
    from,
    to,
    props: encodeProps(rest),
    keys,
    firstSeen: typeof props.firstSeen === 'string' ? props.firstSeen : null,
    lastSeen: typeof props.lastSeen === 'string' ? props.lastSeen : null,
    agg,
    aggPresent,
  };
}

interface StoredRel {
  type: string;
  out: boolean;
  other: string;
  props: Properties & Record<string, unknown>;
}

const ROLES = new Set<string>(ROLE_LABELS);

/** Runs one merge inside a write transaction. Returns false when `from` no longer exists. */
export async function mergeStoredPerson(tx: Tx, m: StoreMerge): Promise<boolean> {
  const q = readPersonForMerge(m.from);
  const res = await tx.run(q.text, q.params);
  const rec = res.records[0];
  if (rec === undefined) return false;
  const labels = rec.get('labels') as string[];
  const props = rec.get('props') as Record<string, unknown>;
  const rels = (rec.get('rels') as Array<StoredRel | null>).filter((r): r is StoredRel => r !== null);

  // 1. The survivor, with the merged person's properties and roles.
  const roles = labels.filter((l) => ROLES.has(l)) as RoleLabel[];
  const declared = ENTITY_KINDS.Person.properties as Record<string, string>;
  const personProps: Properties = {};
  for (const [k, v] of Object.entries(props)) if (declared[k] !== undefined) personProps[k] = v as Properties[string];
  const survivor = upsertEntities('Person', roles, [{ id: m.into, props: { ...encodeProps(personProps), kind: 'Person' }, keys: [] }]);
  await tx.run(survivor.text, survivor.params);

  // 2. Links, rewritten from the survivor.
  const del = deletePersonLinks(m.from);
  await tx.run(del.text, del.params);
  const byType = new Map<LinkKind, LinkRow[]>();
  const orphaned: string[] = [];
  for (const r of rels) {
    if (!isLinkKind(r.type)) continue;
    let from = r.out ? m.into : r.other;
    let to = r.out ? r.other : m.into;
    if (from === to) {
      // A link between the two persons vanishes; its records still name the person.
      if (IMPLYING_LINK_KINDS.includes(r.type)) orphaned.push(...((r.props[EVIDENCE_KEYS_PROP] as string[] | undefined) ?? []));
      continue;
    }
    if (!LINK_KINDS[r.type].directed && to < from) [from, to] = [to, from];
    let rows = byType.get(r.type);
    if (rows === undefined) byType.set(r.type, (rows = []));
    rows.push(storedLinkRow(r.type, from, to, r.props));
  }
  for (const [type, rows] of byType) {
    const w = upsertLinks(type, rows);
    await tx.run(w.text, w.params);
  }
  if (orphaned.length > 0) {
    const q = mentionsOf(m.into, [...new Set(orphaned)]);
    await tx.run(q.text, q.params);
  }
  // 3–4. Bookkeeping relationships, then the node becomes an alias.
  for (const step of finishPersonMerge(m)) await tx.run(step.text, step.params);
  return true;
}
