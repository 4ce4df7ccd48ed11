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
 * Entities of one kind and role set: MERGE on `:Entity {id}`. A new entity
 * gets its labels and properties in one step; an existing one gets the
 * labels and, property by declared property (ENTITY_KINDS), the merge rule.
 * Then one MENTIONS relationship per record (MERGE: a set).
 */
export function upsertEntities(kind: EntityKind, roles: readonly RoleLabel[], rows: readonly EntityRow[]): CypherQuery {
  const labels = entityLabels(kind, roles); // validates kind and roles first
  const declared = ENTITY_KINDS[kind].properties as Record<string, string>;
  const onMatch = [`e${labels}`, 'e.kind = row.props.kind'];
  for (const [p, type] of Object.entries(declared)) {
    if (type === 'string[]') {
      onMatch.push(
        `e.${p} = CASE WHEN e.${p} IS NULL THEN row.props.${p} WHEN row.props.${p} IS NULL THEN e.${p} ` +
          `ELSE (e.${p} + [x IN row.props.${p} WHERE NOT x IN e.${p}])[..${MAX_LIST_VALUES}] END`,
      );
    } else if (p === 'status') {
      onMatch.push(`e.status = CASE WHEN ${severity('row.props.status')} > ${severity('e.status')} THEN row.props.status ELSE e.status END`);
    } else {
      onMatch.push(`e.${p} = coalesce(e.${p}, row.props.${p})`);
    }
  }
  return {
    text: [
      'UNWIND $rows AS row',
      `MERGE (e:${STORE_LABELS.Entity} {id: row.id})`,
      `ON CREATE SET e${labels}, e += row.props`,
      `ON MATCH SET ${onMatch.join(',\n    ')}`,
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
 * Links of one kind between existing entities. A new relationship is
 * written in one step (ON CREATE). An existing one is only touched when the
 * row brings records it does not have yet: then the new keys and their
 * contributions are appended, sums, count and first/last seen recomputed,
 * and scalar properties it lacks added (those it has win). A row whose
 * records are all there already writes nothing, which keeps re-ingesting
 * and resuming after a crash idempotent and cheap. Evidence keys are kept
 * sorted (rows arrive sorted, see linkRow), so the stored list does not
 * depend on the order files were ingested in. Returns the number of
 * existing relationships updated (new ones are in the summary counters).
 */
export function upsertLinks(type: LinkKind, rows: readonly LinkRow[]): CypherQuery {
  const t = linkType(type);
  const summed = summedProps(type);
  const K = EVIDENCE_KEYS_PROP;
  const onCreate = [
    'r += row.props',
    `r.${K} = row.keys`,
    'r.count = size(row.keys)',
    'r.firstSeen = row.firstSeen',
    'r.lastSeen = row.lastSeen',
    ...summed.flatMap((p) => [
      `r.${p}${CONTRIBUTION_SUFFIX} = [x IN row.agg.${p} | coalesce(x, 0.0)]`,
      `r.${p} = CASE WHEN row.aggPresent.${p} THEN reduce(total = 0.0, x IN row.agg.${p} | total + coalesce(x, 0.0)) ELSE null END`,
    ]),
  ];
  // Update path: old and fresh records merged, kept sorted by key (with their contributions alongside).
  const lists = summed.map((p) => `${p}List`);
  const withs = summed.map((p) => `coalesce(old.${p}${CONTRIBUTION_SUFFIX}, []) + [i IN fresh | coalesce(row.agg.${p}[i], 0.0)] AS ${p}List`);
  const sortCall = [
    'CALL {',
    `  WITH allKeys${lists.map((l) => `, ${l}`).join('')}`,
    '  UNWIND range(0, size(allKeys) - 1) AS j',
    `  WITH allKeys[j] AS k${lists.map((l) => `, ${l}[j] AS ${l}Item`).join('')}`,
    '  ORDER BY k',
    `  RETURN collect(k) AS keys${lists.map((l) => `, collect(${l}Item) AS sorted${l}`).join('')}`,
    '}',
  ];
  const update = [
    `r.${K} = keys`,
    'r.count = size(keys)',
    'r.firstSeen = CASE WHEN row.firstSeen IS NULL OR (old.firstSeen IS NOT NULL AND old.firstSeen <= row.firstSeen) THEN old.firstSeen ELSE row.firstSeen END',
    'r.lastSeen = CASE WHEN row.lastSeen IS NULL OR (old.lastSeen IS NOT NULL AND old.lastSeen >= row.lastSeen) THEN old.lastSeen ELSE row.lastSeen END',
    ...summed.flatMap((p) => [
      `r.${p}${CONTRIBUTION_SUFFIX} = sorted${p}List`,
      `r.${p} = CASE WHEN old.${p} IS NULL AND NOT row.aggPresent.${p} THEN null ELSE reduce(total = 0.0, x IN sorted${p}List | total + x) END`,
    ]),
  ];
  return {
    text: [
      'UNWIND $rows AS row',
      `MATCH (a:${STORE_LABELS.Entity} {id: row.from})`,
      `MATCH (b:${STORE_LABELS.Entity} {id: row.to})`,
      `MERGE (a)-[r:${t}]->(b)`,
      `ON CREATE SET ${onCreate.join(',\n    ')}`,
      // Equal lists (a relationship just created, or the same records again) short-cut the membership test.
      `WITH r, row, CASE WHEN r.${K} = row.keys THEN [] ELSE [i IN range(0, size(row.keys) - 1) WHERE NOT row.keys[i] IN r.${K}] END AS fresh`,
      'WHERE size(fresh) > 0',
      'WITH r, row, fresh, properties(r) AS old',
      `WITH r, row, old, fresh, old.${K} + [i IN fresh | row.keys[i]] AS allKeys${withs.map((w) => `,\n     ${w}`).join('')}`,
      ...sortCall,
      'SET r += row.props',
      'SET r += old',
      `SET ${update.join(',\n    ')}`,
      'RETURN count(*) AS updated',
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
