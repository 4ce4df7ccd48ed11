/**
 * Rings: communities of the hub-free analysis view that hold enough persons.
 *
 * 1. Hubs are removed (hubs.ts).
 * 2. Leaves — identifiers with one neighbour left, e.g. an applicant's own
 *    phone — are folded into that neighbour as a self-loop of the same
 *    weight. This is exactly Louvain's own aggregation step (Blondel et al.
 *    2008, phase 2) applied to nodes whose best community is never in
 *    doubt, so modularity is unchanged, and it halves the graph Louvain sees.
 * 3. Connected components with fewer than `minPersons` persons cannot hold
 *    a ring and each stays one community; the rest goes to Louvain
 *    (graphology-communities-louvain) with the seeded rng, the resolution
 *    parameter and nodes and edges added in id order, so the partition does
 *    not depend on input order. Louvain is a greedy heuristic whose result
 *    depends on the node order it draws; it runs `louvainRuns` times, each
 *    with its own stream derived from the seed, and the partition of highest
 *    modularity is kept (on the generated cases a single run sometimes
 *    merges two rings that a better optimum keeps apart).
 * 4. Every community is split into its connected parts: Louvain can return
 *    communities that are internally disconnected (Traag, Waltman & van Eck
 *    2019, the defect Leiden fixes; there is no production-ready Leiden in
 *    JS, and this split is the cheap part of its remedy).
 * 5. Membership (membership.ts): within a part, a person tied to fewer than
 *    `minTies` other persons of it is not counted — an honest applicant
 *    whose phone number turns up once on a ring's form is an associate of
 *    the ring, not a member. Peeled like a k-core; the remaining nodes are
 *    split into connected parts again.
 * 6. A ring is such a part with at least `minPersons` distinct persons
 *    (same-named record-only persons counted once, see membership.ts); its
 *    members are its nodes plus the leaves folded into them.
 * 7. Brokers are not members: a person who is the only link between two
 *    groups of a ring big enough to be rings themselves (Louvain merges the
 *    small rings one broker serves), or a person with at least as many
 *    links into other rings as into their own (the forger Louvain put with one of the
 *    four rings he serves) is taken out and the rings are formed again; the
 *    broker ranking (brokers.ts) then shows what they connect.
 *
 * References: V. D. Blondel, J.-L. Guillaume, R. Lambiotte, E. Lefebvre,
 * "Fast unfolding of communities in large networks", J. Stat. Mech. (2008)
 * P10008. V. A. Traag, L. Waltman, N. J. van Eck, "From Louvain to Leiden:
 * guaranteeing well-connected communities", Sci. Rep. 9, 5233 (2019).
 * S. B. Seidman, "Network structure and minimum degree", Soc. Networks 5
 * (1983) 269–287 (see membership.ts).
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { createRng, hashSeed } from '../rng.js';
import type { AnalysisView } from './analysis-view.js';
import { DisjointSet } from './disjoint-set.js';
import { peelMembers } from './membership.js';

type Louvain = typeof louvainModule.default;
const louvain: Louvain = (louvainModule as unknown as { default?: Louvain }).default ?? (louvainModule as unknown as Louvain);

export interface RingOptions {
  seed: number;
  resolution: number;
  minPersons: number;
  minTies: number;
  /** Louvain runs (each with its own seeded stream); the partition of highest modularity is kept. */
  louvainRuns: number;
}

export interface FoundRing {
  /** Node indices, ascending (= id order): persons, identifiers, folded leaves. */
  members: number[];
  persons: number[];
  /** Distinct persons (record-only persons with the name of another member counted once). */
  distinctPersons: number;
  /** Persons in no ring linked to a member directly or through a shared identifier. */
  associates: number[];
}

export interface RingDetection {
  /** Final community (connected part) of each node; −1 for hubs. */
  community: Int32Array;
  communityCount: number;
  /** Rings in order of their smallest member. */
  rings: FoundRing[];
  /** Ring index of each node, −1 when in none. */
  ringOf: Int32Array;
  /** Identity of each candidate person (membership.ts: same-named record-only persons share one); −1 otherwise. */
  identity: Int32Array;
  /** Modularity of `community` on the hub-free view at the given resolution. */
  modularity: number;
  stats: {
    coreNodes: number;
    foldedLeaves: number;
    louvainNodes: number;
    louvainEdges: number;
    louvainCommunities: number;
    louvainModularity: number;
    louvainRuns: number;
    /** Which run (0-based) gave the kept partition. */
    louvainBestRun: number;
    splitCommunities: number;
    prunedPersons: number;
    /** Persons taken out of a ring because most of their ties go to other rings. */
    extractedBrokers: number;
  };
}

/** Modularity Q = Σ_c [ in_c / 2M − γ (tot_c / 2M)² ] over the edges among non-hub nodes. */
export function modularity(view: AnalysisView, community: Int32Array, isHub: Uint8Array, resolution: number): number {
  let M = 0;
  const count = community.reduce((mx, c) => Math.max(mx, c), -1) + 1;
  const inner = new Float64Array(count);
  const total = new Float64Array(count);
  for (let e = 0; e < view.edgeCount; e++) {
    const a = view.edgeA[e]!;
    const b = view.edgeB[e]!;
    if (isHub[a] || isHub[b]) continue;
    const w = view.edgeWeight[e]!;
    M += w;
    total[community[a]!]! += w;
    total[community[b]!]! += w;
    if (community[a] === community[b]) inner[community[a]!]! += 2 * w;
  }
  if (M === 0) return 0;
  let q = 0;
  for (let c = 0; c < count; c++) q += inner[c]! / (2 * M) - resolution * (total[c]! / (2 * M)) ** 2;
  return q;
}

/**
 * Splits every community of `label` into its connected parts, over the
 * nodes `mask` marks (edges of the view between them). Parts are numbered
 * in order of their smallest node; unmarked nodes get −1. `split` counts
 * the communities that were not connected.
 */
export function splitConnected(view: AnalysisView, label: Int32Array, mask: Uint8Array): { labels: Int32Array; parts: number; split: number } {
  const n = view.nodeCount;
  const { offsets, neighbors } = view;
  const labels = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const partsOf = new Map<number, number>();
  let parts = 0;
  for (let s = 0; s < n; s++) {
    if (!mask[s] || labels[s] !== -1) continue;
    const id = parts++;
    partsOf.set(label[s]!, (partsOf.get(label[s]!) ?? 0) + 1);
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    labels[s] = id;
    while (head < tail) {
      const u = queue[head++]!;
      for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
        const v = neighbors[p]!;
        if (labels[v] === -1 && mask[v] && label[v] === label[s]) {
          labels[v] = id;
          queue[tail++] = v;
        }
      }
    }
  }
  let split = 0;
  for (const c of partsOf.values()) if (c > 1) split++;
  return { labels, parts, split };
}

/**
 * Ring persons whose ties into other rings are at least as many as their
 * ties into their own. Every link of the person is one tie (one vote): to
 * the ring of the person it reaches, or for a shared identifier to the ring
 * most of its other users are in (the holders of a document he supplied).
 * Identifiers only this person uses are looked through: each of their links
 * is a tie (his phone called theirs). Links into no ring do not vote.
 */
export function extractBrokers(view: AnalysisView, isHub: Uint8Array, ringOf: Int32Array): number[] {
  const { offsets, neighbors, isPerson } = view;
  const out: number[] = [];
  const votes = new Map<number, number>();
  /** Ring most other person users of x are in (ties: lowest ring); else x's own ring; −1 if none. */
  const voteOf = (x: number, p: number): number => {
    votes.clear();
    for (let a = offsets[x]!; a < offsets[x + 1]!; a++) {
      const y = neighbors[a]!;
      if (y === p || !isPerson[y] || isHub[y] || ringOf[y]! < 0) continue;
      votes.set(ringOf[y]!, (votes.get(ringOf[y]!) ?? 0) + 1);
    }
    let best = -1;
    let most = 0;
    for (const [r, c] of votes) if (c > most || (c === most && r < best)) { best = r; most = c; }
    return best >= 0 ? best : ringOf[x]!;
  };
  const soleUser = (x: number, p: number): boolean => {
    for (let a = offsets[x]!; a < offsets[x + 1]!; a++) {
      const y = neighbors[a]!;
      if (y !== p && isPerson[y] && !isHub[y]) return false;
    }
    return true;
  };
  for (let p = 0; p < view.nodeCount; p++) {
    const own = ringOf[p]!;
    if (own < 0 || !isPerson[p]) continue;
    let mine = 0;
    let others = 0;
    const tie = (r: number): void => {
      if (r < 0) return;
      if (r === own) mine++;
      else others++;
    };
    for (let a = offsets[p]!; a < offsets[p + 1]!; a++) {
      const x = neighbors[a]!;
      if (isHub[x]) continue;
      if (isPerson[x]) tie(ringOf[x]!);
      else if (soleUser(x, p)) {
        for (let b = offsets[x]!; b < offsets[x + 1]!; b++) {
          const z = neighbors[b]!;
          if (z !== p && !isHub[z]) tie(isPerson[z] ? ringOf[z]! : voteOf(z, p));
        }
      } else tie(voteOf(x, p));
    }
    if (others > 0 && others >= mine) out.push(p);
  }
  return out;
}

/**
 * Persons that are cut vertices of a ring (on the ring with identifiers used
 * by one person folded into that person) whose removal leaves at least two
 * parts with `minPersons` distinct persons each. Articulation points by
 * Hopcroft–Tarjan (iterative DFS). Returns every person of such identities.
 */
export function cutVertexBrokers(
  view: AnalysisView,
  isHub: Uint8Array,
  ringOf: Int32Array,
  rings: readonly FoundRing[],
  identity: Int32Array,
  minPersons: number,
): number[] {
  const { offsets, neighbors, isPerson } = view;
  const out: number[] = [];
  rings.forEach((ring, r) => {
    if (ring.distinctPersons < 2 * minPersons) return;
    // Local contracted graph: a node per identity and per identifier shared by 2+ identities (or none).
    const local = new Map<number, number>(); // view node → local node
    const rep: number[] = []; // local node → view node (identity rep or identifier)
    const personsOf: number[] = []; // local node → 1 for an identity
    const nodeOf = (u: number): number => {
      let l = local.get(u);
      if (l === undefined) { l = rep.length; local.set(u, l); rep.push(u); personsOf.push(isPerson[u] ? 1 : 0); }
      return l;
    };
    const members = ring.members;
    for (const u of members) if (isPerson[u]) local.set(u, nodeOf(identity[u]!));
    for (const u of members) {
      if (isPerson[u]) continue;
      let only = -1;
      let many = false;
      for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
        const y = neighbors[p]!;
        if (!isPerson[y] || isHub[y] || ringOf[y] !== r) continue;
        const id = identity[y]!;
        if (only === -1) only = id;
        else if (only !== id) { many = true; break; }
      }
      local.set(u, !many && only !== -1 ? local.get(only)! : nodeOf(u));
    }
    const n = rep.length;
    const adj: number[][] = Array.from({ length: n }, () => []);
    for (const u of members) {
      const a = local.get(u)!;
      for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
        const v = neighbors[p]!;
        if (v <= u || ringOf[v] !== r || isHub[v]) continue;
        const b = local.get(v);
        if (b === undefined || a === b) continue;
        adj[a]!.push(b);
        adj[b]!.push(a);
      }
    }
    // Iterative DFS with discovery times, low links and subtree person counts.
    const disc = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const sub = new Int32Array(n);
    const separated = new Int32Array(n); // persons in child subtrees cut off by the node
    const bigParts = new Int32Array(n); // such subtrees with ≥ minPersons persons
    const total = personsOf.reduce((x, y) => x + y, 0);
    let time = 0;
    for (let root = 0; root < n; root++) {
      if (disc[root] !== -1) continue;
      const stack: Array<[number, number, number]> = [[root, -1, 0]];
      disc[root] = low[root] = time++;
      sub[root] = personsOf[root]!;
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const [v, parentNode, i] = top;
        if (i < adj[v]!.length) {
          top[2]++;
          const w = adj[v]![i]!;
          if (disc[w] === -1) {
            disc[w] = low[w] = time++;
            sub[w] = personsOf[w]!;
            stack.push([w, v, 0]);
          } else if (w !== parentNode) low[v] = Math.min(low[v]!, disc[w]!);
        } else {
          stack.pop();
          if (parentNode >= 0) {
            low[parentNode] = Math.min(low[parentNode]!, low[v]!);
            sub[parentNode]! += sub[v]!;
            if (low[v]! >= disc[parentNode]!) {
              separated[parentNode]! += sub[v]!;
              if (sub[v]! >= minPersons) bigParts[parentNode]!++;
            }
          }
        }
      }
    }
    for (let a = 0; a < n; a++) {
      if (!personsOf[a]) continue;
      // The part left with the DFS root side (everything not cut off below a, minus a).
      const rest = total - 1 - separated[a]!;
      const parts = bigParts[a]! + (disc[a] !== 0 && rest >= minPersons ? 1 : 0);
      if (parts >= 2) {
        const id = rep[a]!;
        for (const u of members) if (isPerson[u] && identity[u] === id) out.push(u);
      }
    }
  });
  return out;
}

export function findRings(view: AnalysisView, isHub: Uint8Array, options: RingOptions): RingDetection {
  const n = view.nodeCount;
  const { offsets, neighbors, neighborWeights, isPerson } = view;

  // Hub-free degree.
  const deg = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    if (isHub[u]) continue;
    let d = 0;
    for (let p = offsets[u]!; p < offsets[u + 1]!; p++) if (!isHub[neighbors[p]!]) d++;
    deg[u] = d;
  }
  const soleNeighbor = (u: number): number => {
    for (let p = offsets[u]!; p < offsets[u + 1]!; p++) if (!isHub[neighbors[p]!]) return p;
    return -1;
  };

  // Fold leaves (non-persons with one neighbour) into that neighbour.
  const parent = new Int32Array(n).fill(-1);
  const loopWeight = new Float64Array(n);
  let folded = 0;
  for (let u = 0; u < n; u++) {
    if (isHub[u] || isPerson[u] || deg[u] !== 1) continue;
    const p = soleNeighbor(u);
    const v = neighbors[p]!;
    if (!isPerson[v] && deg[v] === 1) continue; // two identifiers linked only to each other
    parent[u] = v;
    loopWeight[v]! += neighborWeights[p]!;
    folded++;
  }
  const isCore = (u: number): boolean => !isHub[u] && parent[u] === -1;

  // Components of the core.
  const ds = new DisjointSet(n);
  for (let e = 0; e < view.edgeCount; e++) {
    const a = view.edgeA[e]!;
    const b = view.edgeB[e]!;
    if (isCore(a) && isCore(b)) ds.union(a, b);
  }
  const compPersons = new Int32Array(n);
  const compSize = new Int32Array(n);
  let coreNodes = 0;
  for (let u = 0; u < n; u++) {
    if (!isCore(u)) continue;
    coreNodes++;
    const r = ds.find(u);
    compSize[r]!++;
    compPersons[r]! += isPerson[u]!;
  }
  const inLouvain = (u: number): boolean => {
    if (!isCore(u)) return false;
    const r = ds.find(u);
    return compPersons[r]! >= options.minPersons && compSize[r]! >= 2;
  };

  // Louvain on the components that can hold a ring.
  const g = new UndirectedGraph();
  let louvainNodes = 0;
  for (let u = 0; u < n; u++) {
    if (!inLouvain(u)) continue;
    g.addNode(view.ids[u]!);
    louvainNodes++;
  }
  let louvainEdges = 0;
  for (let u = 0; u < n; u++) {
    if (!inLouvain(u)) continue;
    if (loopWeight[u]! > 0) g.addEdge(view.ids[u]!, view.ids[u]!, { weight: loopWeight[u]! });
    for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
      const v = neighbors[p]!;
      if (v > u && inLouvain(v)) {
        g.addEdge(view.ids[u]!, view.ids[v]!, { weight: neighborWeights[p]! });
        louvainEdges++;
      }
    }
  }
  const raw = new Int32Array(n).fill(-1);
  let louvainCommunities = 0;
  let louvainModularity = 0;
  let louvainRunsUsed = 0;
  let bestRun = -1;
  if (louvainNodes > 0) {
    let best: ReturnType<Louvain['detailed']> | undefined;
    for (let run = 0; run < options.louvainRuns; run++) {
      const rng = createRng(hashSeed(options.seed, 'louvain', run));
      const result = louvain.detailed(g, {
        getEdgeWeight: 'weight',
        resolution: options.resolution,
        rng: () => rng.next(),
        randomWalk: true,
      });
      louvainRunsUsed++;
      if (best === undefined || result.modularity > best.modularity) { best = result; bestRun = run; }
    }
    louvainCommunities = best!.count;
    louvainModularity = best!.modularity;
    for (let u = 0; u < n; u++) if (inLouvain(u)) raw[u] = best!.communities[view.ids[u]!]!;
  }
  // Components not given to Louvain are one community each.
  let nextLabel = louvainCommunities;
  const compLabel = new Int32Array(n).fill(-1);
  for (let u = 0; u < n; u++) {
    if (!isCore(u) || raw[u] !== -1) continue;
    const r = ds.find(u);
    if (compLabel[r] === -1) compLabel[r] = nextLabel++;
    raw[u] = compLabel[r]!;
  }

  // Split every community into its connected parts.
  const coreMask = new Uint8Array(n);
  for (let u = 0; u < n; u++) if (isCore(u)) coreMask[u] = 1;
  const { labels: community, parts, split: splitCommunities } = splitConnected(view, raw, coreMask);
  for (let u = 0; u < n; u++) if (parent[u] !== -1) community[u] = community[parent[u]!]!;

  const q = modularity(view, community, isHub, options.resolution);

  // Membership: peel persons with too few ties, per part that could be a ring (membership.ts).
  const partPersons = new Int32Array(parts);
  for (let u = 0; u < n; u++) if (isCore(u) && isPerson[u]) partPersons[community[u]!]!++;
  const alive = new Uint8Array(n);
  for (let u = 0; u < n; u++) if (isCore(u) && partPersons[community[u]!]! >= options.minPersons) alive[u] = 1;
  const { pruned, identity } = peelMembers(view, community, alive, options.minTies);
  // An identifier whose users are all outside the ring (e.g. an associate's own phone) is not a member.
  const dropOrphans = (): void => {
    for (let x = 0; x < n; x++) {
      if (!alive[x] || isPerson[x]) continue;
      let users = 0;
      let members = 0;
      for (let p = offsets[x]!; p < offsets[x + 1]!; p++) {
        const y = neighbors[p]!;
        if (!isPerson[y] || isHub[y]) continue;
        users++;
        if (alive[y] && community[y] === community[x]) members++;
      }
      if (users > 0 && members === 0) alive[x] = 0;
    }
  };
  dropOrphans();
  const sameAlive = (u: number, v: number): boolean => alive[v] === 1 && community[v] === community[u];

  // Rings: connected parts of what is left, with enough persons.
  const ringOf = new Int32Array(n).fill(-1);
  let rings: FoundRing[] = [];
  const formRings = (): void => {
    ringOf.fill(-1);
    rings = [];
    const seen = new Uint8Array(n);
    for (let s = 0; s < n; s++) {
      if (!alive[s] || seen[s]) continue;
      const nodes: number[] = [s];
      seen[s] = 1;
      for (let h = 0; h < nodes.length; h++) {
        const u = nodes[h]!;
        for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
          const v = neighbors[p]!;
          if (!seen[v] && sameAlive(u, v)) { seen[v] = 1; nodes.push(v); }
        }
      }
      const distinct = new Set(nodes.filter((u) => isPerson[u]).map((u) => identity[u]!)).size;
      if (distinct < options.minPersons) continue;
      const r = rings.length;
      for (const u of nodes) ringOf[u] = r;
      rings.push({ members: nodes, persons: [], distinctPersons: distinct, associates: [] });
    }
  };
  formRings();

  // Brokers are not members: a person whose ties into other rings are at least as many as
  // into the ring Louvain put them in (a forger serving four rings sits in one of them) is
  // taken out, and the rings are formed again.
  const extracted = extractBrokers(view, isHub, ringOf);
  if (extracted.length > 0) {
    for (const p of extracted) alive[p] = 0;
    dropOrphans();
    formRings();
  }
  // A person who is the only link between two groups of a ring, each big enough to be a ring
  // (Louvain merges the small rings a broker serves), is a broker too: taken out, the groups
  // become rings of their own. Repeated while anything changes.
  let cut = 0;
  for (let round = 0; round < 10; round++) {
    const cutters = cutVertexBrokers(view, isHub, ringOf, rings, identity, options.minPersons);
    if (cutters.length === 0) break;
    cut += cutters.length;
    for (const p of cutters) alive[p] = 0;
    dropOrphans();
    formRings();
  }
  for (let u = 0; u < n; u++) if (parent[u] !== -1 && ringOf[parent[u]!] !== -1) ringOf[u] = ringOf[parent[u]!]!;
  for (let u = 0; u < n; u++) {
    const r = ringOf[u]!;
    if (r === -1) continue;
    const ring = rings[r]!;
    if (isPerson[u]) ring.persons.push(u);
  }
  for (const ring of rings) {
    ring.members = [];
  }
  for (let u = 0; u < n; u++) if (ringOf[u]! !== -1) rings[ringOf[u]!]!.members.push(u);
  // Associates: persons in no ring linked to a member directly or through a shared (non-hub) identifier.
  const assoc = new Map<number, Set<number>>();
  const addAssociate = (r: number, q: number): void => {
    if (ringOf[q] !== -1 || !isPerson[q] || isHub[q]) return;
    let set = assoc.get(r);
    if (!set) assoc.set(r, (set = new Set()));
    set.add(q);
  };
  for (let u = 0; u < n; u++) {
    const r = ringOf[u]!;
    if (r === -1) continue;
    for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
      const x = neighbors[p]!;
      if (isHub[x]) continue;
      if (isPerson[x]) addAssociate(r, x);
      else if (isPerson[u] && ringOf[x] === -1) for (let q = offsets[x]!; q < offsets[x + 1]!; q++) addAssociate(r, neighbors[q]!);
    }
  }
  for (const [r, set] of assoc) rings[r]!.associates = [...set].sort((a, b) => a - b);

  return {
    community,
    communityCount: parts,
    rings,
    ringOf,
    identity,
    modularity: q,
    stats: {
      coreNodes, foldedLeaves: folded, louvainNodes, louvainEdges, louvainCommunities, louvainModularity,
      louvainRuns: louvainRunsUsed, louvainBestRun: bestRun,
      splitCommunities, prunedPersons: pruned, extractedBrokers: extracted.length + cut,
    },
  };
}
