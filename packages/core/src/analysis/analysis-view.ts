/**
 * The analysis view: a weighted, undirected, simple graph over the entities
 * of a ResolvedGraph, held in compressed sparse rows (typed arrays) so that
 * a million links fit in a few hundred megabytes and every loop is cheap.
 *
 * - Nodes are the entities, indexed in code-unit order of their ids, so the
 *   view (and everything computed from it) does not depend on the order of
 *   the input arrays.
 * - Every link becomes part of one undirected edge between its endpoints;
 *   several links between the same pair (HOLDS_ACCOUNT and PAID_INTO, say)
 *   add up. Link kinds of weight 0 (POSSIBLY_SAME_AS: an analyst's
 *   question, not a tie) and self-links are left out.
 * - A link's weight is its kind's weight (LINK_KINDS, or an override) times
 *   1 + ln(records attesting it): repeated evidence adds weight with
 *   diminishing returns (1 record ×1, 2 ×1.69, 5 ×2.61, 20 ×4.00).
 *
 * Weights are strengths (Louvain, PageRank), never distances.
 * `toGraphology` gives the same view as a graphology UndirectedGraph for
 * callers that want one.
 */
import { UndirectedGraph } from 'graphology';
import { LINK_KINDS, kindOfId, type Entity, type EntityKind, type LinkKind, type ResolvedGraph } from '@ringlink/model';

export interface AnalysisView {
  readonly graph: ResolvedGraph;
  readonly nodeCount: number;
  /** Entity ids, sorted; a node's index is its position. */
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** The entity, or undefined for ids that only links mention. */
  readonly entities: ReadonlyArray<Entity | undefined>;
  readonly kinds: readonly EntityKind[];
  readonly isPerson: Uint8Array;
  readonly edgeCount: number;
  /** Edge endpoints, a < b, edges sorted by (a, b). */
  readonly edgeA: Int32Array;
  readonly edgeB: Int32Array;
  readonly edgeWeight: Float64Array;
  /** CSR: the neighbours of u are neighbors[offsets[u] .. offsets[u+1]), sorted. */
  readonly offsets: Int32Array;
  readonly neighbors: Int32Array;
  readonly neighborWeights: Float64Array;
  /** Edge index of each CSR entry. */
  readonly neighborEdges: Int32Array;
  /** For each link of `graph.links`: its edge, or −1 when left out. */
  readonly linkEdge: Int32Array;
  /** The weight each link kind was given. */
  readonly linkWeights: Readonly<Record<LinkKind, number>>;
  /** Links whose endpoints could not be placed (unknown id prefix). */
  readonly skippedLinks: number;
}

export interface AnalysisViewOptions {
  linkWeights?: Partial<Record<LinkKind, number>>;
}

/** 1 + ln(n): the factor by which n attesting records multiply a link's weight. */
export function evidenceFactor(records: number): number {
  return 1 + Math.log(Math.max(1, records));
}

/** Number of records attesting a link: its evidence, else its `count` property, else 1. */
export function recordCount(link: { evidence: readonly unknown[]; props: Record<string, unknown> }): number {
  if (link.evidence.length > 0) return link.evidence.length;
  const c = link.props.count;
  return typeof c === 'number' && c >= 1 ? Math.floor(c) : 1;
}

function isSorted(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) return false;
  return true;
}

export function buildAnalysisView(graph: ResolvedGraph, options: AnalysisViewOptions = {}): AnalysisView {
  const linkWeights = {} as Record<LinkKind, number>;
  for (const k of Object.keys(LINK_KINDS) as LinkKind[]) linkWeights[k] = options.linkWeights?.[k] ?? LINK_KINDS[k].weight;

  // Nodes: entity ids plus ids only links mention, sorted, deduplicated.
  let ids = graph.entities.map((e) => e.id);
  let inOrder = isSorted(ids); // then entity i is node i
  if (!inOrder) {
    ids.sort();
    ids = ids.filter((id, i) => i === 0 || id !== ids[i - 1]);
  }
  let index = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
  const L = graph.links.length;
  const linkA = new Int32Array(L);
  const linkB = new Int32Array(L);
  const place = (): string[] => {
    const extra = new Set<string>();
    for (let i = 0; i < L; i++) {
      const l = graph.links[i]!;
      const a = index.get(l.from);
      const b = index.get(l.to);
      linkA[i] = a ?? -1;
      linkB[i] = b ?? -1;
      if (a === undefined && kindOfId(l.from) !== undefined) extra.add(l.from);
      if (b === undefined && kindOfId(l.to) !== undefined) extra.add(l.to);
    }
    return [...extra];
  };
  const extra = place();
  if (extra.length > 0) {
    // Ids only links mention become nodes too (kind from the id prefix).
    ids = ids.concat(extra).sort();
    inOrder = false;
    index = new Map<string, number>();
    for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
    place();
  }
  const n = ids.length;
  let entities: Array<Entity | undefined>;
  if (inOrder) entities = graph.entities.slice();
  else {
    entities = new Array<Entity | undefined>(n).fill(undefined);
    for (const e of graph.entities) entities[index.get(e.id)!] = e;
  }
  const kinds: EntityKind[] = new Array(n);
  const isPerson = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = entities[i]?.kind ?? kindOfId(ids[i]!)!;
    kinds[i] = k;
    if (k === 'Person') isPerson[i] = 1;
  }

  // Edge keys: lo * n + hi (exact below 2^53 for any realistic n).
  const keys = new Float64Array(L);
  let skipped = 0;
  let used = 0;
  for (let i = 0; i < L; i++) {
    const a = linkA[i]!;
    const b = linkB[i]!;
    if (a < 0 || b < 0) { keys[i] = -1; skipped++; continue; }
    if (a === b || !(linkWeights[graph.links[i]!.type] > 0)) { keys[i] = -1; continue; }
    keys[i] = a < b ? a * n + b : b * n + a;
    used++;
  }
  const sorted = new Float64Array(used);
  for (let i = 0, j = 0; i < L; i++) if (keys[i]! >= 0) sorted[j++] = keys[i]!;
  sorted.sort();
  let m = 0;
  for (let i = 0; i < used; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i]!;
  const unique = sorted.subarray(0, m);
  const edgeA = new Int32Array(m);
  const edgeB = new Int32Array(m);
  const edgeWeight = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const key = unique[e]!;
    const a = Math.floor(key / n);
    edgeA[e] = a;
    edgeB[e] = key - a * n;
  }
  const linkEdge = new Int32Array(L).fill(-1);
  for (let i = 0; i < L; i++) {
    const key = keys[i]!;
    if (key < 0) continue;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (unique[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    linkEdge[i] = lo;
    const l = graph.links[i]!;
    edgeWeight[lo]! += linkWeights[l.type] * evidenceFactor(recordCount(l));
  }

  // CSR, neighbours sorted: first the lower-indexed ones (edges where u is b), then the higher.
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) { offsets[edgeA[e]! + 1]!++; offsets[edgeB[e]! + 1]!++; }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const neighbors = new Int32Array(2 * m);
  const neighborWeights = new Float64Array(2 * m);
  const neighborEdges = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    const b = edgeB[e]!;
    const p = fill[b]!++;
    neighbors[p] = edgeA[e]!;
    neighborWeights[p] = edgeWeight[e]!;
    neighborEdges[p] = e;
  }
  for (let e = 0; e < m; e++) {
    const a = edgeA[e]!;
    const p = fill[a]!++;
    neighbors[p] = edgeB[e]!;
    neighborWeights[p] = edgeWeight[e]!;
    neighborEdges[p] = e;
  }

  return {
    graph, nodeCount: n, ids, index, entities, kinds, isPerson,
    edgeCount: m, edgeA, edgeB, edgeWeight,
    offsets, neighbors, neighborWeights, neighborEdges,
    linkEdge, linkWeights, skippedLinks: skipped,
  };
}

/** Distinct neighbours of u. */
export function degreeOf(view: AnalysisView, u: number): number {
  return view.offsets[u + 1]! - view.offsets[u]!;
}

/**
 * The view (or the part of it whose nodes `keep` marks) as a graphology
 * UndirectedGraph with `kind` node attributes and `weight` edge attributes,
 * nodes and edges added in id order.
 */
export function toGraphology(view: AnalysisView, keep?: (node: number) => boolean): UndirectedGraph {
  const g = new UndirectedGraph();
  for (let u = 0; u < view.nodeCount; u++) if (!keep || keep(u)) g.addNode(view.ids[u]!, { kind: view.kinds[u] });
  for (let e = 0; e < view.edgeCount; e++) {
    const a = view.edgeA[e]!;
    const b = view.edgeB[e]!;
    if (keep && (!keep(a) || !keep(b))) continue;
    g.addEdge(view.ids[a]!, view.ids[b]!, { weight: view.edgeWeight[e]! });
  }
  return g;
}
