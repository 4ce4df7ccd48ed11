/**
 * k-hop neighbourhoods (depth 1–3), level by level: each level is one query
 * over the whole frontier. Every node shows at most `hubCap` of its
 * neighbours (in id order, so the answer is stable) and reports how many
 * more it has ("and N more"): a consulate's fee account used by 10,000
 * applicants costs `hubCap` rows, not 10,000.
 */
import { ENTITY_KIND_NAMES, RinglinkError, linkId, type EntityKind, type LinkKind } from '@ringlink/model';
import { STORE_LABELS, linkTypeAlternation } from '../cypher/names.js';
import { int } from '../integers.js';
import type { CypherQuery, Tx } from '../session.js';
import { EVIDENCE_KEYS_PROP } from '../write/rows.js';
import { entityProjection, entityView, linkProps, type EntityView, type LinkView, type RawNode } from './entity-view.js';
import { resolveId } from './find.js';

export interface NeighborOptions {
  /** 1–3; default 1. */
  depth?: number;
  /** Only neighbours of these entity kinds (and only expand through them). */
  kinds?: EntityKind[];
  /** Only these link kinds; default all. */
  linkKinds?: LinkKind[];
  /** Most neighbours shown per node; default 25. */
  hubCap?: number;
}

export const NEIGHBOR_DEFAULTS = { depth: 1, hubCap: 25 } as const;

export interface Truncation {
  id: string;
  shown: number;
  /** Neighbours not shown ("and N more"). */
  more: number;
}

export interface Neighborhood {
  center: EntityView;
  /** Every node reached, with its distance from the center (the center at 0). */
  nodes: Array<EntityView & { depth: number }>;
  links: LinkView[];
  truncated: Truncation[];
}

export function neighborLevel(ids: readonly string[], options: { kinds: EntityKind[] | null; linkKinds?: readonly string[]; cap: number }): CypherQuery {
  const types = linkTypeAlternation(options.linkKinds);
  const match = `(n)-[r:${types}]-(m:${STORE_LABELS.Entity}) WHERE $kinds IS NULL OR m.kind IN $kinds`;
  return {
    text: [
      'UNWIND $ids AS id',
      `MATCH (n:${STORE_LABELS.Entity} {id: id})`,
      'CALL {',
      '  WITH n',
      `  MATCH ${match}`,
      '  WITH r, m ORDER BY m.id LIMIT $cap',
      `  RETURN collect({type: type(r), from: startNode(r).id, to: endNode(r).id, props: properties(r), node: ${entityProjection('m')}}) AS rels`,
      '}',
      `RETURN n.id AS id, COUNT { MATCH ${match} } AS degree, rels`,
    ].join('\n'),
    params: { ids, kinds: options.kinds, cap: int(options.cap) },
  };
}

export async function neighbors(tx: Tx, id: string, options: NeighborOptions = {}): Promise<Neighborhood | undefined> {
  const depth = options.depth ?? NEIGHBOR_DEFAULTS.depth;
  const cap = options.hubCap ?? NEIGHBOR_DEFAULTS.hubCap;
  if (!Number.isInteger(depth) || depth < 1 || depth > 3) throw new RinglinkError('INVALID_ARGUMENT', `store: depth must be 1, 2 or 3, got ${depth}`);
  if (!Number.isInteger(cap) || cap < 1) throw new RinglinkError('INVALID_ARGUMENT', `store: hubCap must be a positive integer, got ${cap}`);
  for (const k of options.kinds ?? []) {
    if (!ENTITY_KIND_NAMES.includes(k)) throw new RinglinkError('INVALID_ARGUMENT', `store: unknown entity kind "${k}"`);
  }
  const centerId = await resolveId(tx, id);
  if (centerId === undefined) return undefined;
  const centerRes = await tx.run(`MATCH (n:${STORE_LABELS.Entity} {id: $id}) RETURN ${entityProjection('n')} AS node`, { id: centerId });
  const center = entityView(centerRes.records[0]!.get('node') as RawNode);

  const nodes = new Map<string, EntityView & { depth: number }>([[center.id, { ...center, depth: 0 }]]);
  const links = new Map<string, LinkView>();
  const truncated: Truncation[] = [];
  let frontier = [center.id];
  for (let d = 1; d <= depth && frontier.length > 0; d++) {
    const q = neighborLevel(frontier, { kinds: options.kinds ?? null, ...(options.linkKinds ? { linkKinds: options.linkKinds } : {}), cap });
    const res = await tx.run(q.text, q.params);
    const next: string[] = [];
    for (const r of res.records) {
      const rels = r.get('rels') as Array<{ type: LinkKind; from: string; to: string; props: Record<string, unknown>; node: RawNode }>;
      const degree = r.get('degree') as number;
      if (degree > rels.length) truncated.push({ id: r.get('id') as string, shown: rels.length, more: degree - rels.length });
      for (const rel of rels) {
        const view = entityView(rel.node);
        if (!nodes.has(view.id)) {
          nodes.set(view.id, { ...view, depth: d });
          next.push(view.id);
        }
        const lid = linkId(rel.type, rel.from, rel.to);
        if (!links.has(lid)) {
          const keys = (rel.props[EVIDENCE_KEYS_PROP] as string[] | undefined) ?? [];
          links.set(lid, { id: lid, type: rel.type, from: rel.from, to: rel.to, props: linkProps(rel.props), evidenceCount: keys.length });
        }
      }
    }
    frontier = next;
  }
  return { center, nodes: [...nodes.values()], links: [...links.values()], truncated };
}
