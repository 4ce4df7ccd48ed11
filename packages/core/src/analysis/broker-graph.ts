/**
 * The broker graph: the hub-free analysis view with every identifier used
 * by exactly one person folded into that person (an agent and the phone
 * only he uses are one node; a money mule and the account only she holds
 * are one node), and every document supplied by exactly one person folded
 * into its supplier (the forger and the letters he made for applicants of
 * several rings are one node: the brokerage is his, and a dozen letters do
 * not crowd the broker list). Other identifiers shared by two or more
 * persons, and identifiers no person uses, stay nodes of their own;
 * identifiers hanging off those (a leaf account) are folded into them.
 *
 * Why: a fixer reaches the rings he serves through his own phone, which
 * calls the agents' phones. On the raw view the phone, not the man, lies on
 * the paths between rings, and his betweenness is zero. Folding puts the
 * brokerage where an investigator looks for it, and it shrinks the graph
 * that betweenness — the O(n·m) part — runs on.
 *
 * Edges are unweighted for betweenness (hops) and keep the summed link
 * weights for PageRank.
 */
import type { AnalysisView } from './analysis-view.js';

export interface BrokerGraph {
  n: number;
  /** View node that represents each broker-graph node (a person, or an unfolded identifier). */
  node: Int32Array;
  /** Broker-graph node of each view node; −1 for hubs. */
  of: Int32Array;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  edges: number;
}

/** Documents (view nodes) supplied by exactly one non-hub person → that person (SUPPLIED_DOCUMENT links in the view). */
function soleSuppliers(view: AnalysisView, isHub: Uint8Array): Map<number, number> {
  const out = new Map<number, number>();
  const links = view.graph.links;
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    if (l.type !== 'SUPPLIED_DOCUMENT' || view.linkEdge[i]! < 0) continue;
    const from = view.index.get(l.from);
    const to = view.index.get(l.to);
    if (from === undefined || to === undefined || isHub[from] || isHub[to] || !view.isPerson[from]) continue;
    const seen = out.get(to);
    out.set(to, seen === undefined || seen === from ? from : -2); // −2: two suppliers, no fold
  }
  return out;
}

export function buildBrokerGraph(view: AnalysisView, isHub: Uint8Array): BrokerGraph {
  const n = view.nodeCount;
  const { offsets, neighbors, isPerson } = view;
  const rep = new Int32Array(n).fill(-1);
  const solePerson = (u: number): number => {
    let found = -1;
    for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
      const v = neighbors[p]!;
      if (isHub[v] || !isPerson[v]) continue;
      if (found !== -1) return -2;
      found = v;
    }
    return found;
  };
  const supplier = soleSuppliers(view, isHub);
  for (let u = 0; u < n; u++) {
    if (isHub[u]) continue;
    if (isPerson[u]) { rep[u] = u; continue; }
    const s = supplier.get(u);
    const p = s ?? solePerson(u);
    if (p >= 0) rep[u] = p;
  }
  // Identifiers no person uses: leaves fold into their one neighbour, the rest stand alone.
  const unused: number[] = [];
  for (let u = 0; u < n; u++) {
    if (isHub[u] || rep[u] !== -1) continue;
    rep[u] = u;
    unused.push(u);
  }
  for (const u of unused) {
    let only = -1;
    let count = 0;
    for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
      const v = neighbors[p]!;
      if (isHub[v]) continue;
      if (++count > 1) break;
      only = v;
    }
    // A leaf: fold into its neighbour's representative (two leaves linked to each other stay one pair).
    if (count === 1 && rep[only] !== u) rep[u] = rep[only]!;
  }

  // Number the representatives in view order.
  const of = new Int32Array(n).fill(-1);
  let k = 0;
  for (let u = 0; u < n; u++) if (!isHub[u] && rep[u] === u) of[u] = k++;
  const node = new Int32Array(k);
  for (let u = 0; u < n; u++) if (of[u]! >= 0) node[of[u]!] = u;
  for (let u = 0; u < n; u++) if (!isHub[u] && rep[u] !== u) of[u] = of[rep[u]!]!;

  // Contracted edges, aggregated by key.
  const keys: number[] = [];
  const weightOf = new Map<number, number>();
  for (let e = 0; e < view.edgeCount; e++) {
    const a = view.edgeA[e]!;
    const b = view.edgeB[e]!;
    if (isHub[a] || isHub[b]) continue;
    const ca = of[a]!;
    const cb = of[b]!;
    if (ca === cb) continue;
    const key = ca < cb ? ca * k + cb : cb * k + ca;
    const w = weightOf.get(key);
    if (w === undefined) { weightOf.set(key, view.edgeWeight[e]!); keys.push(key); }
    else weightOf.set(key, w + view.edgeWeight[e]!);
  }
  const sorted = Float64Array.from(keys).sort();
  const m = sorted.length;
  const deg = new Int32Array(k + 1);
  for (let i = 0; i < m; i++) {
    const a = Math.floor(sorted[i]! / k);
    const b = sorted[i]! - a * k;
    deg[a + 1]!++;
    deg[b + 1]!++;
  }
  for (let i = 0; i < k; i++) deg[i + 1]! += deg[i]!;
  const fill = deg.slice(0, k);
  const targets = new Int32Array(2 * m);
  const weights = new Float64Array(2 * m);
  // Lower neighbours first, then higher: each list ends up sorted.
  for (let i = 0; i < m; i++) {
    const a = Math.floor(sorted[i]! / k);
    const b = sorted[i]! - a * k;
    const p = fill[b]!++;
    targets[p] = a;
    weights[p] = weightOf.get(sorted[i]!)!;
  }
  for (let i = 0; i < m; i++) {
    const a = Math.floor(sorted[i]! / k);
    const b = sorted[i]! - a * k;
    const p = fill[a]!++;
    targets[p] = b;
    weights[p] = weightOf.get(sorted[i]!)!;
  }
  return { n: k, node, of, offsets: deg, targets, weights, edges: m };
}
