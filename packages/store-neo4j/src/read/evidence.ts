/**
 * Evidence read back: a relationship's `evidenceKeys` resolve to
 * :SourceRecord nodes (source, file and its SHA-256, row, record id and
 * digest, observation time), which become the model's Evidence again.
 */
import { LINK_KIND_NAMES, LINK_KINDS, RinglinkError, linkId, type Evidence, type LinkKind } from '@ringlink/model';
import { STORE_LABELS, STORE_REL_TYPES, linkType } from '../cypher/names.js';
import { toSafeNumber } from '../integers.js';
import type { CypherQuery, Tx } from '../session.js';
import { compareEvidence } from '../write/person-resolution.js';
import { EVIDENCE_KEYS_PROP } from '../write/rows.js';
import { entityProjection, entityView, linkProps, type EntityView, type LinkView, type RawNode } from './entity-view.js';

export function evidenceOf(props: Record<string, unknown>): Evidence {
  return {
    source: String(props.source),
    file: String(props.file),
    fileSha256: String(props.fileSha256),
    row: toSafeNumber(props.row),
    recordId: String(props.recordId),
    recordSha256: String(props.recordSha256),
    observedAt: typeof props.observedAt === 'string' ? props.observedAt : null,
  };
}

export function sourceRecordsByKey(keys: readonly string[]): CypherQuery {
  return {
    text: `UNWIND $keys AS k MATCH (s:${STORE_LABELS.SourceRecord} {key: k}) RETURN k AS key, properties(s) AS props`,
    params: { keys: [...new Set(keys)] },
  };
}

/** Evidence for record keys, in the store's evidence order; keys without a record are skipped. */
export async function readEvidence(tx: Tx, keys: readonly string[]): Promise<Map<string, Evidence>> {
  const out = new Map<string, Evidence>();
  if (keys.length === 0) return out;
  const q = sourceRecordsByKey(keys);
  const res = await tx.run(q.text, q.params);
  for (const r of res.records) out.set(r.get('key') as string, evidenceOf(r.get('props') as Record<string, unknown>));
  return out;
}

export function sortedEvidence(keys: readonly string[], byKey: ReadonlyMap<string, Evidence>): Evidence[] {
  return keys.map((k) => byKey.get(k)).filter((e): e is Evidence => e !== undefined).sort(compareEvidence);
}

export interface LinkRef {
  from: string;
  type: string;
  to: string;
}

/** `<from>|<TYPE>|<to>` back into its parts (entity ids may contain `|`; the type is found among the declared ones). */
export function parseLinkId(id: string): LinkRef {
  for (const type of LINK_KIND_NAMES) {
    const sep = `|${type}|`;
    const at = id.indexOf(sep);
    if (at > 0) return { from: id.slice(0, at), type, to: id.slice(at + sep.length) };
  }
  throw new RinglinkError('INVALID_ARGUMENT', `store: "${id}" is not a link id (<from>|<LINK_KIND>|<to>)`);
}

/** The relationship of a link, endpoints resolved through aliases; undirected kinds match either way. */
export function linkByEnds(ref: LinkRef): CypherQuery {
  const type = linkType(ref.type);
  const arrow = LINK_KINDS[type as LinkKind].directed ? '->' : '-';
  return {
    text: [
      `OPTIONAL MATCH (fa:${STORE_LABELS.Alias} {id: $from})-[:${STORE_REL_TYPES.ALIAS_OF}]->(fe)`,
      `OPTIONAL MATCH (ta:${STORE_LABELS.Alias} {id: $to})-[:${STORE_REL_TYPES.ALIAS_OF}]->(te)`,
      'WITH coalesce(fe.id, $from) AS fromId, coalesce(te.id, $to) AS toId',
      `MATCH (a:${STORE_LABELS.Entity} {id: fromId})-[r:${type}]${arrow}(b:${STORE_LABELS.Entity} {id: toId})`,
      `RETURN ${entityProjection('startNode(r)')} AS from, ${entityProjection('endNode(r)')} AS to, properties(r) AS props`,
      'LIMIT 1',
    ].join('\n'),
    params: { from: ref.from, to: ref.to },
  };
}

export interface LinkEvidence {
  link: LinkView;
  from: EntityView;
  to: EntityView;
  evidence: Evidence[];
}

export async function readLinkEvidence(tx: Tx, ref: LinkRef): Promise<LinkEvidence | undefined> {
  const q = linkByEnds(ref);
  const res = await tx.run(q.text, q.params);
  const rec = res.records[0];
  if (rec === undefined) return undefined;
  const from = entityView(rec.get('from') as RawNode);
  const to = entityView(rec.get('to') as RawNode);
  const raw = rec.get('props') as Record<string, unknown>;
  const keys = (raw[EVIDENCE_KEYS_PROP] as string[] | undefined) ?? [];
  const byKey = await readEvidence(tx, keys);
  return {
    link: { id: linkId(ref.type as LinkKind, from.id, to.id), type: ref.type, from: from.id, to: to.id, props: linkProps(raw), evidenceCount: keys.length },
    from,
    to,
    evidence: sortedEvidence(keys, byKey),
  };
}
