/**
 * Cypher for the batched, idempotent writes: every query is
 * `UNWIND $rows AS row … MERGE …` on a key with a uniqueness constraint,
 * parameterized; labels, relationship types and property names in the text
 * come from the model only (names.ts, ENTITY_KINDS, LINK_KINDS).
 *
 * Merge rules when a node or relationship already exists (the same rules as
 * the in-memory resolver): a scalar property already stored wins, list
 * properties are unioned (at most 20 values), a document's status only
 * becomes more severe, evidence is a set, and summed aggregates (PAID
 * amount, CALLED duration) are recomputed from per-record contributions
 * stored alongside the evidence keys, so a record counted once is never
 * counted again.
 */
import { ENTITY_KINDS, type EntityKind, type LinkKind, type RoleLabel } from '@ringlink/model';
import type { CypherQuery } from '../session.js';
import { STORE_LABELS, STORE_REL_TYPES, entityLabels, linkType } from './names.js';
import {
  CONTRIBUTION_SUFFIX,
  EVIDENCE_KEYS_PROP,
  summedProps,
  type AliasRow,
  type EntityRow,
  type LinkRow,
  type SourceFileRow,
  type SourceRecordRow,
} from '../write/rows.js';

/** Same cap as the resolver's list properties. */
export const MAX_LIST_VALUES = 20;

const SEVERITY = `CASE $status WHEN 'forged' THEN 3 WHEN 'suspect' THEN 2 WHEN 'genuine' THEN 1 ELSE 0 END`;
const severity = (expr: string): string => SEVERITY.replace('$status', expr);

export function upsertSourceRecords(rows: readonly SourceRecordRow[]): CypherQuery {
  return {
    text: [
      'UNWIND $rows AS row',
      `MERGE (s:${STORE_LABELS.SourceRecord} {key: row.key})`,
      'ON CREATE SET s += row',
      'RETURN count(*) AS written',
    ].join('\n'),
    params: { rows },
  };
}

/**
 * Entities of one kind and role set: MERGE on `:Entity {id}`, kind and role
 * labels added, properties merged, one MENTIONS relationship per record.
 */
export function upsertEntities(kind: EntityKind, roles: readonly RoleLabel[], rows: readonly EntityRow[]): CypherQuery {
  const declared = ENTITY_KINDS[kind].properties as Record<string, string>;
  const lists = Object.keys(declared).filter((p) => declared[p] === 'string[]');
  const sets: string[] = [];
  for (const p of lists) {
    sets.push(
      `e.${p} = CASE WHEN old.${p} IS NULL THEN row.props.${p} WHEN row.props.${p} IS NULL THEN old.${p} ` +
        `ELSE (old.${p} + [x IN row.props.${p} WHERE NOT x IN old.${p}])[..${MAX_LIST_VALUES}] END`,
    );
  }
  if (declared.status !== undefined) {
    sets.push(`e.status = CASE WHEN ${severity('row.props.status')} > ${severity('old.status')} THEN row.props.status ELSE old.status END`);
  }
  return {
    text: [
      'UNWIND $rows AS row',
      `MERGE (e:${STORE_LABELS.Entity} {id: row.id})`,
      `SET e${entityLabels(kind, roles)}`,
      'WITH e, row, properties(e) AS old',
      'SET e += row.props',
      'SET e += old',
      ...(sets.length > 0 ? [`SET ${sets.join(',\n    ')}`] : []),
      'WITH e, row',
      'UNWIND row.keys AS k',
      `MATCH (s:${STORE_LABELS.SourceRecord} {key: k})`,
      `MERGE (s)-[:${STORE_REL_TYPES.MENTIONS}]->(e)`,
      'RETURN count(*) AS mentions',
    ].join('\n'),
    params: { rows },
  };
}

/** Aliases (and merge records) pointing at their entity; an alias pointing elsewhere is re-pointed. */
export function upsertAliases(rows: readonly AliasRow[]): CypherQuery {
  return {
    text: [
      'UNWIND $rows AS row',
      `MATCH (e:${STORE_LABELS.Entity} {id: row.target})`,
      `MERGE (a:${STORE_LABELS.Alias} {id: row.id})`,
      'SET a.reason = coalesce(a.reason, row.reason), a.evidenceKey = coalesce(a.evidenceKey, row.evidenceKey)',
      'WITH a, e',
      `OPTIONAL MATCH (a)-[stale:${STORE_REL_TYPES.ALIAS_OF}]->(other) WHERE other <> e`,
      'DELETE stale',
      'WITH DISTINCT a, e',
      `MERGE (a)-[:${STORE_REL_TYPES.ALIAS_OF}]->(e)`,
      'RETURN count(*) AS written',
    ].join('\n'),
    params: { rows },
  };
}

/**
 * Links of one kind between existing entities. A row whose records are all
 * already on the relationship changes nothing (not even a property write),
 * which is what makes re-ingesting and resuming after a crash idempotent.
 */
export function upsertLinks(type: LinkKind, rows: readonly LinkRow[]): CypherQuery {
  const t = linkType(type);
  const summed = summedProps(type);
  const withs = summed.map((p) => `coalesce(old.${p}${CONTRIBUTION_SUFFIX}, []) + [i IN fresh | coalesce(row.agg.${p}[i], 0.0)] AS ${p}List`);
  const sets = [
    `r.${EVIDENCE_KEYS_PROP} = keys`,
    'r.count = size(keys)',
    'r.firstSeen = CASE WHEN row.firstSeen IS NULL OR (old.firstSeen IS NOT NULL AND old.firstSeen <= row.firstSeen) THEN old.firstSeen ELSE row.firstSeen END',
    'r.lastSeen = CASE WHEN row.lastSeen IS NULL OR (old.lastSeen IS NOT NULL AND old.lastSeen >= row.lastSeen) THEN old.lastSeen ELSE row.lastSeen END',
    ...summed.flatMap((p) => [
      `r.${p}${CONTRIBUTION_SUFFIX} = ${p}List`,
      `r.${p} = CASE WHEN old.${p} IS NULL AND NOT row.aggPresent.${p} THEN null ELSE reduce(total = 0.0, x IN ${p}List | total + x) END`,
    ]),
  ];
  return {
    text: [
      'UNWIND $rows AS row',
      `MATCH (a:${STORE_LABELS.Entity} {id: row.from})`,
      `MATCH (b:${STORE_LABELS.Entity} {id: row.to})`,
      `MERGE (a)-[r:${t}]->(b)`,
      `ON CREATE SET r.${EVIDENCE_KEYS_PROP} = []`,
      `WITH r, row, properties(r) AS old, [i IN range(0, size(row.keys) - 1) WHERE NOT row.keys[i] IN r.${EVIDENCE_KEYS_PROP}] AS fresh`,
      'WHERE size(fresh) > 0',
      `WITH r, row, old, fresh, old.${EVIDENCE_KEYS_PROP} + [i IN fresh | row.keys[i]] AS keys${withs.map((w) => `,\n     ${w}`).join('')}`,
      'SET r += row.props',
      'SET r += old',
      `SET ${sets.join(',\n    ')}`,
      'RETURN count(*) AS written',
    ].join('\n'),
    params: { rows },
  };
}

/** Files, written last: a SourceFile node means every record of the file is in the store. */
export function upsertSourceFiles(rows: readonly SourceFileRow[]): CypherQuery {
  return {
    text: [
      'UNWIND $rows AS row',
      `MERGE (f:${STORE_LABELS.SourceFile} {sha256: row.sha256})`,
      'ON CREATE SET f += row',
      'RETURN count(*) AS written',
    ].join('\n'),
    params: { rows },
  };
}

/** For each id: the stored person it is (its own id) or resolves to (an alias of it). */
export function lookupPersons(ids: readonly string[]): CypherQuery {
  return {
    text: [
      'UNWIND $ids AS k',
      `OPTIONAL MATCH (p:${STORE_LABELS.Entity} {id: k}) WHERE p:Person`,
      `OPTIONAL MATCH (:${STORE_LABELS.Alias} {id: k})-[:${STORE_REL_TYPES.ALIAS_OF}]->(q:Person)`,
      'WITH k, coalesce(p.id, q.id) AS stored',
      'WHERE stored IS NOT NULL',
      'RETURN k AS key, stored',
    ].join('\n'),
    params: { ids },
  };
}
