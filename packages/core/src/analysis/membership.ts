/**
 * Ring membership: who in a community counts as a member of the ring.
 *
 * A person counts when they are tied to at least `minTies` *other persons*
 * of the community through at least `minTies` different links of their own.
 * A tie runs directly (APPLIED_VIA, ASSOCIATE_OF), through an identifier
 * they share (the same statement account, forged document, phone), or
 * through their own identifier linked to another's (one account paid the
 * other, one phone called the other) — paths of up to three steps whose
 * inner nodes are identifiers of the community. An honest applicant whose
 * phone turns up on one ring form, the client of a legitimate agent who
 * shares nothing else with the agent's other clients, and the dozen
 * strangers who all wrote a visa centre's address are each tied through a
 * single link: associates of the ring, not members.
 *
 * Persons known only from one record (`person:record:…`, no CNIC or
 * passport) who carry the name key of another person of the community are
 * the same identity for this count (three records of one agent, two
 * without his CNIC, are one person): they are kept or dropped together.
 *
 * The rule is peeled like a k-core (S. B. Seidman, "Network structure and
 * minimum degree", Social Networks 5, 1983, 269–287): dropping a person
 * can leave another with too few ties, so the affected are checked again
 * until nothing changes. Processing order is by node index, so the result
 * is deterministic.
 */
import type { AnalysisView } from './analysis-view.js';

export interface MembershipResult {
  /** Identity representative of each person (itself unless folded into a same-named strong person). */
  identity: Int32Array;
  /** Persons dropped. */
  pruned: number;
}

/**
 * Peels `alive` (a mask of candidate nodes, modified in place) so that
 * every remaining identity has at least `minTies` partner identities in its
 * own `part`.
 */
export function peelMembers(view: AnalysisView, part: Int32Array, alive: Uint8Array, minTies: number): MembershipResult {
  const n = view.nodeCount;
  const { offsets, neighbors, isPerson } = view;
  const identity = new Int32Array(n).fill(-1);

  // Identities: strong persons are their own; record-only persons join a strong person
  // of the same part and name key, else the first record person with that key.
  const strongByName = new Map<string, number>();
  const recordByName = new Map<string, number>();
  const nameKey = (u: number): string | undefined => {
    const k = view.entities[u]?.props.nameKey;
    return typeof k === 'string' && k !== '' ? `${part[u]}\u0000${k}` : undefined;
  };
  const isRecord = (u: number): boolean => view.ids[u]!.startsWith('person:record:');
  for (let u = 0; u < n; u++) {
    if (!alive[u] || !isPerson[u] || isRecord(u)) continue;
    identity[u] = u;
    const k = nameKey(u);
    if (k !== undefined && !strongByName.has(k)) strongByName.set(k, u);
  }
  for (let u = 0; u < n; u++) {
    if (!alive[u] || !isPerson[u] || !isRecord(u)) continue;
    const k = nameKey(u);
    if (k === undefined) { identity[u] = u; continue; }
    const strong = strongByName.get(k);
    if (strong !== undefined) { identity[u] = strong; continue; }
    const first = recordByName.get(k);
    if (first === undefined) { recordByName.set(k, u); identity[u] = u; } else identity[u] = first;
  }
  const members = new Map<number, number[]>();
  for (let u = 0; u < n; u++) {
    const g = identity[u]!;
    if (g < 0) continue;
    let list = members.get(g);
    if (!list) members.set(g, (list = []));
    list.push(u);
  }
  if (minTies <= 1) return { identity, pruned: 0 };

  const same = (u: number, v: number): boolean => alive[v] === 1 && part[v] === part[u];
  /**
   * Partner identities of group g and the distinct first steps (channels)
   * that reach them; stops early once both reach `limit`.
   */
  const partners = (g: number, limit: number): { found: Set<number>; channels: number } => {
    const found = new Set<number>();
    let channels = 0;
    const done = (): boolean => found.size >= limit && channels >= limit;
    for (const p of members.get(g)!) {
      for (let a = offsets[p]!; a < offsets[p + 1]!; a++) {
        const x = neighbors[a]!;
        if (!same(p, x)) continue;
        let reached = false;
        const add = (q: number): void => {
          const h = identity[q]!;
          if (h !== g && h >= 0) { found.add(h); reached = true; }
        };
        if (isPerson[x]) add(x);
        else {
          for (let b = offsets[x]!; b < offsets[x + 1]!; b++) {
            const y = neighbors[b]!;
            if (y === p || !same(x, y)) continue;
            if (isPerson[y]) { add(y); continue; }
            for (let c = offsets[y]!; c < offsets[y + 1]!; c++) {
              const q = neighbors[c]!;
              if (q !== p && isPerson[q] && same(y, q)) add(q);
            }
          }
        }
        if (reached) channels++;
        if (done()) return { found, channels };
      }
    }
    return { found, channels };
  };
  const enough = (g: number): boolean => {
    const r = partners(g, minTies);
    return r.found.size >= minTies && r.channels >= minTies;
  };

  let pruned = 0;
  const removed = new Uint8Array(n);
  const work = [...members.keys()].sort((a, b) => b - a); // a stack: smallest first
  while (work.length > 0) {
    const g = work.pop()!;
    if (removed[g] || enough(g)) continue;
    const affected = partners(g, Infinity).found;
    removed[g] = 1;
    for (const p of members.get(g)!) { alive[p] = 0; pruned++; }
    for (const h of [...affected].sort((a, b) => b - a)) if (!removed[h]) work.push(h);
  }
  return { identity, pruned };
}
