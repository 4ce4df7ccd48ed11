/**
 * Shortest paths between two entities, each hop with its evidence. Hubs
 * (entities flagged `isHub` by analysis, or with more links than
 * `hubDegree`) are not passed through unless asked: a path through the
 * consulate's fee account ties everyone to everyone and proves nothing.
 * The endpoints themselves may be hubs.
 *
 * Uses Cypher's `ALL SHORTEST` with a quantified path pattern (Neo4j 5.21+),
 * whose inline predicate is checked while the search runs.
 */
import { RinglinkError, linkId, type Evidence, type LinkKind } from '@ringlink/model';
import { STORE_LABELS, linkTypeAlternation } from '../cypher/names.js';
import { int } from '../integers.js';
import type { CypherQuery, Tx } from '../session.js';
import { EVIDENCE_KEYS_PROP } from '../write/rows.js';
import { entityProjection, entityView, linkProps, type EntityView, type LinkView, type RawNode } from './entity-view.js';
import { readEvidence, sortedEvidence } from './evidence.js';
import { resolveId } from './find.js';

export interface PathOptions {
  /** Pass through hubs; default false. */
  includeHubs?: boolean;
  /** Most hops, 1–10; default 6. */
  maxDepth?: number;
  /** Most paths returned (all of the shortest length); default 10. */
  limit?: number;
  /** Only these link kinds; default all. */
  linkKinds?: LinkKind[];
  /** Links above which an entity counts as a hub; default the store's hubDegree. */
  hubDegree?: number;
}

export const PATH_DEFAULTS = { includeHubs: false, maxDepth: 6, limit: 10 } as const;

export interface Hop extends LinkView {
  evidence: Evidence[];
}

export interface EvidencedPath {
  nodes: EntityView[];
  hops: Hop[];
}

export function shortestPathQuery(from: string, to: string, options: Required<Omit<PathOptions, 'linkKinds'>> & { linkKinds?: readonly string[] }): CypherQuery {
  const depth = options.maxDepth;
  // The quantifier cannot be a parameter; it is a validated integer, never text from input.
  if (!Number.isInteger(depth) || depth < 1 || depth > 10) throw new RinglinkError('INVALID_ARGUMENT', `store: maxDepth must be 1–10, got ${depth}`);
  const types = linkTypeAlternation(options.linkKinds);
  return {
    text: [
      `MATCH (a:${STORE_LABELS.Entity} {id: $from})`,
      `MATCH (b:${STORE_LABELS.Entity} {id: $to})`,
      `MATCH p = ALL SHORTEST (a) ((x)-[:${types}]-(y:${STORE_LABELS.Entity})`,
      `    WHERE y = b OR $includeHubs OR (NOT coalesce(y.isHub, false) AND COUNT { (y)-[:${types}]-() } <= $hubDegree)){1,${depth}} (b)`,
      `RETURN [n IN nodes(p) | ${entityProjection('n')}] AS nodes,`,
      '       [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id, props: properties(r)}] AS rels',
      'LIMIT $limit',
    ].join('\n'),
    params: { from, to, includeHubs: options.includeHubs, hubDegree: int(options.hubDegree), limit: int(options.limit) },
  };
}

export async function shortestPaths(tx: Tx, from: string, to: string, options: PathOptions & { hubDegree: number }): Promise<EvidencedPath[] | undefined> {
  const a = await resolveId(tx, from);
  const b = await resolveId(tx, to);
  if (a === undefined || b === undefined) return undefined;
  if (a === b) return [];
  const q = shortestPathQuery(a, b, {
    includeHubs: options.includeHubs ?? PATH_DEFAULTS.includeHubs,
    maxDepth: options.maxDepth ?? PATH_DEFAULTS.maxDepth,
    limit: options.limit ?? PATH_DEFAULTS.limit,
    hubDegree: options.hubDegree,
    ...(options.linkKinds ? { linkKinds: options.linkKinds } : {}),
  });
  const res = await tx.run(q.text, q.params);
  const raw = res.records.map((r) => ({
    nodes: (r.get('nodes') as RawNode[]).map(entityView),
    rels: r.get('rels') as Array<{ type: LinkKind; from: string; to: string; props: Record<string, unknown> }>,
  }));
  const keys = raw.flatMap((p) => p.rels.flatMap((r) => (r.props[EVIDENCE_KEYS_PROP] as string[] | undefined) ?? []));
  const byKey = await readEvidence(tx, keys);
  return raw.map((p) => ({
    nodes: p.nodes,
    hops: p.rels.map((r) => {
      const k = (r.props[EVIDENCE_KEYS_PROP] as string[] | undefined) ?? [];
      return {
        id: linkId(r.type, r.from, r.to),
        type: r.type,
        from: r.from,
        to: r.to,
        props: linkProps(r.props),
        evidenceCount: k.length,
        evidence: sortedEvidence(k, byKey),
      };
    }),
  }));
}
