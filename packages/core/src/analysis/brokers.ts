/**
 * Brokers: the persons and identifiers that connect rings — the forger who
 * supplies several rings, the money mule their payments pass through, the
 * fixer who calls their agents — ranked above the nodes that are merely
 * central inside one ring (a ring's own agent and his phone top plain
 * betweenness and are no news to anyone).
 *
 * Everything is computed on the broker graph (broker-graph.ts: hubs out,
 * identifiers used by one person, and documents supplied by one person,
 * folded into that person).
 *
 * - Rings connected: a node's ties to a ring are the ring persons it is
 *   linked to, and the ring persons who use an identifier it uses (the
 *   holder of a document the forger supplied; the applicants who gave the
 *   phone the fixer called) — if no person uses it, the ring nodes linked to
 *   the identifier, else the identifier's own ring. On the raw view that is
 *   within two to three hops through non-hub nodes, the node's own
 *   identifiers not counting. Not through another person (their brokerage is
 *   their own), unless the node is in no ring and that is the only way it
 *   reaches a second ring (a leader whose contacts lead into several). So the
 *   ring's account that pays the money mule does not connect the mule's
 *   other rings — the mule does. A node connects its own ring and every ring
 *   that receives at least `bridgeMinShare` of its ring ties — so one stray
 *   shared phone does not make a ring's agent a broker. `bridging` = the
 *   number of rings connected.
 * - Ring betweenness: the share of shortest paths between persons of
 *   different rings that pass through the node (betweenness.ts, group
 *   variant; exact, or sampled with sources stratified by ring).
 * - Betweenness: plain normalized shortest-path betweenness (Brandes 2001).
 * - Participation coefficient (R. Guimerà, L. A. N. Amaral, "Functional
 *   cartography of complex metabolic networks", Nature 433, 2005, 895–900):
 *   P = 1 − Σ_c (k_c / k)², over the communities of the node's neighbours.
 * - Brokerage roles (R. V. Gould, R. M. Fernandez, "Structures of
 *   mediation: a formal approach to brokerage in transaction networks",
 *   Sociological Methodology 19, 1989, 89–126): for every pair of
 *   neighbours a, b of v that are not linked to each other, by the
 *   communities of a, v, b — coordinator (all one), consultant (a and b
 *   share one, v is outside), gatekeeper/representative (v shares with one
 *   of them), liaison (all three differ). Most links here are not flows, so
 *   the directed gatekeeper and representative roles are counted together.
 * - PageRank (pagerank.ts) on the weighted broker graph.
 *
 * When there are rings, only the components of the broker graph that hold
 * ring members are scored: a node in a component without rings connects
 * none and is nobody's broker (at a million links this skips thousands of
 * small background clusters). PageRank is computed over those components
 * too. Without rings every component is scored.
 *
 * Ranking, in tiers: nodes connecting two or more rings with strong ties
 * (summed link weight into each ≥ `strongTie`: an account or document link,
 * or repeated calls or payments — a node's own ring counts as strong);
 * then nodes connecting rings through weak ties only (one stray e-mail
 * address); then the rest. Within the first two tiers by ring betweenness,
 * then rings connected, then betweenness; the rest by betweenness and
 * PageRank; ties by id. A node inside one ring therefore never ranks above a
 * node that connects rings.
 */
import type { AnalysisView } from './analysis-view.js';
import { betweenness as computeBetweenness } from './betweenness.js';
import { buildBrokerGraph, type BrokerGraph } from './broker-graph.js';
import { describe, joinAnd, kindNoun, percent, plural, round6 } from './explain.js';
import { pagerank } from './pagerank.js';
import type { RingDetection } from './rings.js';
import type { BetweennessRecord, BrokerRecord, RingTie } from './types.js';

export interface BrokerOptions {
  seed: number;
  bridgeMinShare: number;
  brokerLimit: number;
  betweenness: 'auto' | 'exact' | 'sampled';
  betweennessExactWork: number;
  pivotBatch: number;
  minPivots: number;
  maxPivots: number;
  stableRounds: number;
  errorDelta: number;
  pagerankDamping: number;
  /** Summed link weight into a ring that makes a tie strong (one account or document link, or repeated contact). */
  strongTie: number;
}

export interface BrokerAnalysis {
  brokers: BrokerRecord[];
  betweenness: BetweennessRecord;
  /** The broker graph, for callers that want more than the top list. */
  graph: BrokerGraph;
}

const MAX_ROLE_NEIGHBOURS = 2000;
/** Sampling stops when this many top brokers have not changed for `stableRounds` rounds. */
const STABLE_TOP = 10;

function hasEdge(g: BrokerGraph, a: number, b: number): boolean {
  let lo = g.offsets[a]!;
  let hi = g.offsets[a + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const t = g.targets[mid]!;
    if (t === b) return true;
    if (t < b) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function analyzeBrokers(
  view: AnalysisView,
  isHub: Uint8Array,
  detection: RingDetection,
  ringIds: readonly string[],
  options: BrokerOptions,
): BrokerAnalysis {
  const g = buildBrokerGraph(view, isHub);
  const { n, node } = g;
  const ringOfNode = new Int32Array(n);
  const commOf = new Int32Array(n);
  const member = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const u = node[v]!;
    ringOfNode[v] = detection.ringOf[u]!;
    commOf[v] = detection.community[u]!;
    if (view.isPerson[u] && ringOfNode[v]! >= 0) member[v] = 1;
  }

  // Rings connected: ties (distinct ring nodes reached) per ring.
  const isPersonNode = (w: number): boolean => view.isPerson[node[w]!] === 1;
  /**
   * Calls `tie(ring, end, via, weight)` for every tie of v; stops when it returns true.
   * A person neighbour ties to its ring. Through an identifier v reaches the ring persons
   * who use it (the holder of the document the forger supplied, the applicants who gave
   * the phone the fixer called); if none, the ring nodes linked to it; if none, its own
   * ring. Someone in no ring, when `viaPersons`, also reaches through persons in no ring.
   */
  const visitTies = (v: number, viaPersons: boolean, tie: (r: number, end: number, via: number, weight: number) => boolean): void => {
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const w = g.targets[p]!;
      const wt = g.weights[p]!;
      if (isPersonNode(w)) {
        if (ringOfNode[w]! >= 0) { if (tie(ringOfNode[w]!, w, -1, wt)) return; continue; }
        if (!viaPersons || ringOfNode[v]! >= 0) continue;
        for (let q = g.offsets[w]!; q < g.offsets[w + 1]!; q++) {
          const x = g.targets[q]!;
          if (x !== v && ringOfNode[x]! >= 0 && tie(ringOfNode[x]!, x, w, Math.min(wt, g.weights[q]!))) return;
        }
        continue;
      }
      let any = false;
      for (let pass = 0; pass < 2 && !any; pass++) {
        for (let q = g.offsets[w]!; q < g.offsets[w + 1]!; q++) {
          const x = g.targets[q]!;
          if (x === v || ringOfNode[x]! < 0 || isPersonNode(x) !== (pass === 0)) continue;
          any = true;
          if (tie(ringOfNode[x]!, x, w, Math.min(wt, g.weights[q]!))) return;
        }
      }
      if (!any && ringOfNode[w]! >= 0 && tie(ringOfNode[w]!, w, -1, wt)) return;
    }
  };
  const tieWeight = new Map<number, number>();
  let lastTies = new Map<number, Set<number>>();
  /** Ties per ring; also fills `tieWeight` (per ring, the summed weight of the ties). */
  const tiesOf = (v: number, paths?: Map<number, number[][]>, viaPersons = false): Map<number, Set<number>> => {
    const ties = new Map<number, Set<number>>();
    tieWeight.clear();
    visitTies(v, viaPersons, (r, end, via, weight) => {
      let set = ties.get(r);
      if (!set) ties.set(r, (set = new Set()));
      if (set.has(end)) return false;
      set.add(end);
      tieWeight.set(r, (tieWeight.get(r) ?? 0) + weight);
      if (paths) {
        let list = paths.get(r);
        if (!list) paths.set(r, (list = []));
        if (list.length < 3) list.push(via >= 0 ? [v, via, end] : [v, end]);
      }
      return false;
    });
    lastTies = ties;
    return ties;
  };
  /** The rings a node connects: its own, and every ring with at least bridgeMinShare of its ties. */
  const ringsOf = (v: number, paths?: Map<number, number[][]>): number[] => {
    const rings = ringsFrom(v, tiesOf(v, paths));
    // Someone in no ring who reaches at most one ring that way: also through persons in no ring.
    if (rings.length >= 2 || ringOfNode[v]! >= 0) return rings;
    paths?.clear();
    return ringsFrom(v, tiesOf(v, paths, true));
  };
  const ringsFrom = (v: number, ties: Map<number, Set<number>>): number[] => {
    let total = 0;
    for (const set of ties.values()) total += set.size;
    const own = ringOfNode[v]!;
    const rings: number[] = own >= 0 ? [own] : [];
    for (const [r, set] of ties) if (r !== own && set.size >= options.bridgeMinShare * total) rings.push(r);
    return rings.sort((a, b) => a - b);
  };
  /** Cheap pre-check: does any tie of v lead to a ring other than its first one? */
  const mayBridge = (v: number): boolean => {
    let first = ringOfNode[v]!;
    let found = false;
    visitTies(v, ringOfNode[v]! < 0, (r) => {
      if (first < 0) first = r;
      found = r !== first;
      return found;
    });
    return found;
  };
  // Tier 2: connects two or more rings with strong ties; tier 1: connects rings; tier 0: the rest.
  const tier = new Uint8Array(n);
  const bridging = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    if (!mayBridge(v)) continue;
    const rings = ringsOf(v);
    if (rings.length < 2) continue;
    bridging.set(v, rings);
    const own = ringOfNode[v]!;
    const strong = rings.filter((r) => r === own || (tieWeight.get(r) ?? 0) >= options.strongTie).length;
    tier[v] = strong >= 2 ? 2 : 1;
  }
  const ringsConnected = (v: number): number[] => bridging.get(v) ?? (ringOfNode[v]! >= 0 ? [ringOfNode[v]!] : []);

  const bc = computeBetweenness(g, {
    mode: options.betweenness,
    exactWork: options.betweennessExactWork,
    pivotBatch: options.pivotBatch,
    minPivots: options.minPivots,
    maxPivots: options.maxPivots,
    stableRounds: options.stableRounds,
    delta: options.errorDelta,
    seed: options.seed,
    group: ringOfNode,
    member,
    topK: Math.max(1, Math.min(STABLE_TOP, options.brokerLimit)),
    tier,
    onlyGrouped: ringIds.length > 0,
  });
  const pr = pagerank({ n, offsets: g.offsets, targets: g.targets, weights: g.weights }, { damping: options.pagerankDamping }, bc.computed);

  // Ranking.
  const candidates: number[] = [];
  for (let v = 0; v < n; v++) if (bc.computed[v] && (tier[v] || bc.raw[v]! > 0)) candidates.push(v);
  const id = (v: number): string => view.ids[node[v]!]!;
  candidates.sort((a, b) => {
    if (tier[a] !== tier[b]) return tier[b]! - tier[a]!;
    if (tier[a]! > 0) {
      if (bc.groupShare[a] !== bc.groupShare[b]) return bc.groupShare[b]! - bc.groupShare[a]!;
      const ra = ringsConnected(a).length;
      const rb = ringsConnected(b).length;
      if (ra !== rb) return rb - ra;
    }
    if (bc.raw[a] !== bc.raw[b]) return bc.raw[b]! - bc.raw[a]!;
    if (pr.scores[a] !== pr.scores[b]) return pr.scores[b]! - pr.scores[a]!;
    return id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
  });
  const top = candidates.slice(0, options.brokerLimit);

  // Folded entities per listed node.
  const listed = new Map<number, number>();
  top.forEach((v, i) => listed.set(v, i));
  const includes: number[][] = top.map(() => []);
  for (let u = 0; u < view.nodeCount; u++) {
    const v = g.of[u]!;
    if (v < 0) continue;
    const i = listed.get(v);
    if (i !== undefined) includes[i]!.push(u);
  }

  // Entities of each broker-graph node (CSR), for concrete paths.
  const memberStart = new Int32Array(n + 1);
  for (let u = 0; u < view.nodeCount; u++) if (g.of[u]! >= 0) memberStart[g.of[u]! + 1]!++;
  for (let v = 0; v < n; v++) memberStart[v + 1]! += memberStart[v]!;
  const memberList = new Int32Array(memberStart[n]!);
  {
    const fill = memberStart.slice(0, n);
    for (let u = 0; u < view.nodeCount; u++) if (g.of[u]! >= 0) memberList[fill[g.of[u]!]!++] = u;
  }
  /** A view link between an entity of broker node a and one of b: [x, y]. */
  const concreteEdge = (a: number, b: number): [number, number] => {
    for (let i = memberStart[a]!; i < memberStart[a + 1]!; i++) {
      const x = memberList[i]!;
      for (let p = view.offsets[x]!; p < view.offsets[x + 1]!; p++) {
        const y = view.neighbors[p]!;
        if (!isHub[y] && g.of[y] === b) return [x, y];
      }
    }
    return [node[a]!, node[b]!];
  };
  const concretePath = (path: readonly number[]): number[] => {
    const out: number[] = [];
    for (let i = 0; i + 1 < path.length; i++) {
      const [x, y] = concreteEdge(path[i]!, path[i + 1]!);
      if (out[out.length - 1] !== x) out.push(x);
      out.push(y);
    }
    return out;
  };

  const sampledNote = bc.components.some((c) => c.mode === 'sampled') ? 'estimated by sampling' : 'exact';
  const brokers: BrokerRecord[] = top.map((v, i) => {
    const u = node[v]!;
    // Participation coefficient over neighbour communities.
    const byComm = new Map<number, number>();
    const deg = g.offsets[v + 1]! - g.offsets[v]!;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const c = commOf[g.targets[p]!]!;
      byComm.set(c, (byComm.get(c) ?? 0) + 1);
    }
    let sumSq = 0;
    for (const c of byComm.values()) sumSq += (c / deg) ** 2;
    const participation = deg > 0 ? 1 - sumSq : 0;

    // Gould–Fernandez roles (undirected), over at most MAX_ROLE_NEIGHBOURS neighbours.
    const roles = { coordinator: 0, consultant: 0, gatekeeperRepresentative: 0, liaison: 0 };
    const nb = Array.from(g.targets.subarray(g.offsets[v]!, Math.min(g.offsets[v + 1]!, g.offsets[v]! + MAX_ROLE_NEIGHBOURS)));
    const cv = commOf[v]!;
    for (let x = 0; x < nb.length; x++) {
      const a = nb[x]!;
      const ca = commOf[a]!;
      for (let y = x + 1; y < nb.length; y++) {
        const b = nb[y]!;
        if (hasEdge(g, a, b)) continue;
        const cb = commOf[b]!;
        if (ca === cv && cb === cv) roles.coordinator++;
        else if (ca === cb) roles.consultant++;
        else if (ca === cv || cb === cv) roles.gatekeeperRepresentative++;
        else roles.liaison++;
      }
    }

    // Ties per ring, with up to three concrete paths (view entities) to ring entities.
    const paths = new Map<number, number[][]>();
    const ringList = ringsOf(v, paths);
    const ties = lastTies;
    const ringTies: RingTie[] = ringList.map((r) => ({
      ring: ringIds[r]!,
      ties: ties.get(r)?.size ?? 0,
      weight: round6(tieWeight.get(r) ?? 0),
      via: (paths.get(r) ?? []).map((path) => concretePath(path).map((x) => view.ids[x]!)),
    }));

    const who = describe(view, u);
    const kind = view.kinds[u]!;
    const noun = kind === 'Person' ? 'this person' : `this ${kindNoun(kind)}`;
    const folded = includes[i]!.filter((x) => x !== u);
    let text: string;
    if (ringList.length >= 2) {
      const parts = ringTies.map((t) => {
        const ex = t.via[0];
        const own = ringOfNode[v] === ringList[ringTies.indexOf(t)] ? ' (its own ring)' : '';
        const eg = ex ? `, e.g. ${ex.map((id) => describe(view, view.index.get(id)!)).join(' – ')}` : '';
        return `${t.ring}${own} through ${plural(t.ties, 'tie')}${eg}`;
      });
      text =
        `${who} connects ${ringList.length} rings${tier[v] === 1 ? ' through weak ties only (a single low-weight link into all but one of them)' : ''}: ${parts.join('; ')}. ` +
        `${percent(bc.groupShare[v]!)} of the shortest connections between persons of different rings pass through ${noun} ` +
        `(${sampledNote}); betweenness ${round6(bc.normalized[v]!)}; participation coefficient ${participation.toFixed(2)}.`;
    } else if (ringList.length === 1) {
      const where = ringOfNode[v] === ringList[0] ? `central inside ${ringIds[ringList[0]!]} only` : `tied to ${ringIds[ringList[0]!]} only, not a member`;
      text =
        `${who} is ${where} (betweenness ${round6(bc.normalized[v]!)}, ${sampledNote}); ` +
        `it does not connect rings.`;
    } else {
      text = `${who} lies on shortest paths between other entities (betweenness ${round6(bc.normalized[v]!)}, ${sampledNote}) but belongs to no ring and connects none.`;
    }
    if (folded.length > 0) {
      const shown = folded.slice(0, 5).map((x) => describe(view, x));
      text += ` Counted together with the identifiers only ${noun === 'this person' ? 'this person uses or supplied' : 'it links to'}: ${joinAnd(shown)}${folded.length > 5 ? ` and ${folded.length - 5} more` : ''}.`;
    }
    return {
      id: view.ids[u]!,
      kind,
      rank: i + 1,
      tier: tier[v] as 0 | 1 | 2,
      betweenness: round6(bc.normalized[v]!),
      ringBetweenness: round6(bc.groupShare[v]!),
      bridging: ringList.length,
      rings: ringList.map((r) => ringIds[r]!),
      participation: round6(participation),
      pagerank: round6(pr.scores[v]!),
      degree: deg,
      brokerageRoles: roles,
      ringTies,
      includes: folded.map((x) => view.ids[x]!),
      explanation: text,
    };
  });

  const exactComponents = bc.components.filter((c) => c.mode === 'exact').length;
  const sampledComponents = bc.components.length - exactComponents;
  const record: BetweennessRecord = {
    mode: bc.components.length === 0 ? 'none' : sampledComponents === 0 ? 'exact' : exactComponents === 0 ? 'sampled' : 'mixed',
    nodes: n,
    edges: g.edges,
    components: bc.components.length,
    skippedComponents: bc.skippedComponents,
    exactComponents,
    sampledComponents,
    pivots: bc.pivots,
    pivotPopulation: bc.pivotPopulation,
    epsilon: round6(bc.epsilon),
    delta: options.errorDelta,
    note:
      (bc.skippedComponents > 0 ? `${bc.skippedComponents} components without any ring member not scored; ` : '') +
      (sampledComponents === 0
        ? 'every component holding ring members computed exactly'
        : bc.components
            .filter((c) => c.mode === 'sampled')
            .map((c) => `component of ${c.nodes} nodes / ${c.edges} edges: ${c.pivots} sources in ${c.rounds} rounds, stopped: ${c.stoppedBecause}`)
            .join('; ')),
  };
  return { brokers, betweenness: record, graph: g };
}
