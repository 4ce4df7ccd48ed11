/**
 * Loading the stored graph back as a ResolvedGraph (for `analyze
 * --from-store`): keyset-paged reads, each page its own short read
 * transaction, so memory on the server stays flat and no transaction runs
 * long. Source records are read first (once each, shared by every entity
 * and link that cites them, as in the resolver), then entities in id order
 * with their aliases, MENTIONS and outgoing links, then merge records; an
 * entity's evidence is its MENTIONS plus the records of its links.
 */
import {
  LINK_KIND_NAMES,
  linkId,
  isLinkKind,
  type Entity,
  type Evidence,
  type Link,
  type MergeRecord,
  type ResolvedGraph,
} from '@ringlink/model';
import { STORE_LABELS, STORE_REL_TYPES } from '../cypher/names.js';
import { int } from '../integers.js';
import type { CypherQuery, Db } from '../session.js';
import { compareEvidence } from '../write/person-resolution.js';
import { EVIDENCE_KEYS_PROP, LINKS_WITHOUT_SHARED_RECORDS } from '../write/rows.js';
import { entityProjection, entityView, linkProps, type RawNode } from './entity-view.js';
import { evidenceOf } from './evidence.js';

export function sourceRecordPage(after: string, limit: number): CypherQuery {
  return {
    text: [
      `MATCH (s:${STORE_LABELS.SourceRecord}) WHERE s.key > $after`,
      'RETURN s.key AS key, properties(s) AS props',
      'ORDER BY s.key',
      'LIMIT $limit',
    ].join('\n'),
    params: { after, limit: int(limit) },
  };
}

export function entityPage(after: string, limit: number): CypherQuery {
  return {
    text: [
      `MATCH (e:${STORE_LABELS.Entity}) WHERE e.id > $after`,
      'WITH e ORDER BY e.id LIMIT $limit',
      `RETURN ${entityProjection('e')} AS node,`,
      `  COLLECT { MATCH (s:${STORE_LABELS.SourceRecord})-[:${STORE_REL_TYPES.MENTIONS}]->(e) RETURN s.key } AS keys,`,
      `  COLLECT { MATCH (a:${STORE_LABELS.Alias})-[:${STORE_REL_TYPES.ALIAS_OF}]->(e) RETURN a.id } AS aliases,`,
      `  COLLECT { MATCH (e)-[r]->(b:${STORE_LABELS.Entity}) WHERE type(r) IN $types RETURN {type: type(r), to: b.id, props: properties(r)} } AS links`,
      'ORDER BY e.id',
    ].join('\n'),
    params: { after, limit: int(limit), types: LINK_KIND_NAMES },
  };
}

export function mergeRecords(): CypherQuery {
  return {
    text: [
      `MATCH (a:${STORE_LABELS.Alias})-[:${STORE_REL_TYPES.ALIAS_OF}]->(e:${STORE_LABELS.Entity})`,
      'WHERE a.reason IS NOT NULL',
      'RETURN a.id AS merged, e.id AS survivor, a.reason AS reason, a.evidenceKey AS evidenceKey',
      'ORDER BY merged',
    ].join('\n'),
    params: {},
  };
}

/** An outgoing link as the entity queries collect it: `{type: type(r), to: b.id, props: properties(r)}`. */
export interface RawLink {
  type: string;
  to: string;
  props: Record<string, unknown>;
}

/** An entity as the resolver gives it, from its stored node, its evidence and the ids it was known by. */
export function storedEntity(node: RawNode, evidence: Evidence[], aliases: readonly string[]): Entity {
  const view = entityView(node);
  return { id: view.id, kind: view.kind, roles: view.roles, props: view.props, evidence, aliases: [...aliases].sort() };
}

/** The model's links of `from` among its collected outgoing relationships, each with the records its evidence keys name. */
export function storedLinks(from: string, raw: readonly RawLink[], evidence: (keys: readonly string[]) => Evidence[]): Link[] {
  const out: Link[] = [];
  for (const l of raw) {
    if (!isLinkKind(l.type)) continue;
    out.push({
      id: linkId(l.type, from, l.to),
      type: l.type,
      from,
      to: l.to,
      props: linkProps(l.props),
      evidence: evidence((l.props[EVIDENCE_KEYS_PROP] as string[] | undefined) ?? []),
    });
  }
  return out;
}

export interface LoadOptions {
  pageSize: number;
  onPage?: (progress: { phase: 'sourceRecords' | 'entities'; loaded: number }) => void;
}

export async function loadGraph(db: Db, options: LoadOptions): Promise<ResolvedGraph> {
  const records = new Map<string, Evidence>();
  for (let after = ''; ; ) {
    const res = await db.query('loading source records', sourceRecordPage(after, options.pageSize));
    for (const r of res.records) records.set(r.get('key') as string, evidenceOf(r.get('props') as Record<string, unknown>));
    options.onPage?.({ phase: 'sourceRecords', loaded: records.size });
    if (res.records.length < options.pageSize) break;
    after = res.records[res.records.length - 1]!.get('key') as string;
  }
  const evidence = (keys: readonly string[]): Evidence[] =>
    keys.map((k) => records.get(k)).filter((e): e is Evidence => e !== undefined).sort(compareEvidence);

  const entities: Entity[] = [];
  const links: Link[] = [];
  for (let after = ''; ; ) {
    const res = await db.query('loading entities', entityPage(after, options.pageSize));
    for (const r of res.records) {
      const entity = storedEntity(r.get('node') as RawNode, evidence(r.get('keys') as string[]), r.get('aliases') as string[]);
      entities.push(entity);
      links.push(...storedLinks(entity.id, r.get('links') as RawLink[], evidence));
    }
    options.onPage?.({ phase: 'entities', loaded: entities.length });
    if (res.records.length < options.pageSize) break;
    after = entities[entities.length - 1]!.id;
  }

  const merges: MergeRecord[] = [];
  const res = await db.query('loading merge records', mergeRecords());
  for (const r of res.records) {
    const ev = records.get(r.get('evidenceKey') as string);
    if (ev === undefined) continue;
    merges.push({ survivor: r.get('survivor') as string, merged: r.get('merged') as string, reason: r.get('reason') as string, evidence: ev });
  }
  // An entity's evidence: its MENTIONS plus the records of its links (see write/rows.ts, impliedEvidence).
  const implied = new Map<string, Evidence[]>();
  for (const l of links) {
    if (LINKS_WITHOUT_SHARED_RECORDS.includes(l.type)) continue;
    for (const id of [l.from, l.to]) {
      let list = implied.get(id);
      if (list === undefined) implied.set(id, (list = []));
      for (const ev of l.evidence) list.push(ev);
    }
  }
  for (const e of entities) {
    const more = implied.get(e.id);
    if (more === undefined) continue;
    const all = new Set([...e.evidence, ...more]); // shared Evidence objects: one per record
    e.evidence = [...all].sort(compareEvidence);
  }
  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  entities.sort(byId);
  links.sort(byId);
  return { entities, links, merges };
}
