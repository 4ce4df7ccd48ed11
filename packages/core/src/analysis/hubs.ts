/**
 * Hub identifiers: a consulate's fee account, a visa centre's address, a
 * call centre's number — used by hundreds of unrelated people. Left in,
 * they make every applicant one ring (connected components give one giant
 * component) and take the top of every centrality ranking. They stay in the
 * graph and the store, visible to analysts, and are left out of community
 * detection and broker scores. Every hub is reported with its reason.
 *
 * Rule (degree relative to the graph): an entity of an eligible kind is a
 * hub when its number of distinct neighbours reaches
 *
 *   threshold = max(hubMinDegree, ⌈hubDegreeFactor × q⌉)
 *
 * where q is the `hubQuantile` quantile (nearest rank) of the degrees of the
 * eligible entities shared by at least two neighbours. A small case keeps
 * the absolute floor; a large one, whose ordinary shared identifiers are
 * used more widely, raises the bar with it.
 *
 * Shared by strangers: below that threshold, an eligible entity used by at
 * least `hubStrangerMinPersons` persons is a hub when fewer than
 * `hubStrangerShare` of them share anything else — another identifier or a
 * direct link — with one another. A ring's account or phone is used by
 * people who also share an agent, a forged statement, an address; a visa
 * centre's address or a consulate's account is used by people who have
 * nothing else in common. This is Burt's redundancy ("Structural holes",
 * 1992) turned around: a hub is an identifier whose contacts are
 * non-redundant. Up to 64 of the persons (evenly spaced in id order) are
 * checked, so the cost stays linear.
 *
 * Entities on the allow-list (known benign identifiers) are hubs whatever
 * their degree. Persons are not eligible by default: a person with many ties
 * is a lead, not noise.
 */
import type { EntityKind } from '@ringlink/model';
import type { AnalysisView } from './analysis-view.js';
import type { HubAllowListEntry } from './defaults.js';
import type { HubDetectionRecord, HubRecord } from './types.js';

export interface HubOptions {
  hubKinds: readonly EntityKind[];
  hubMinDegree: number;
  hubDegreeFactor: number;
  hubQuantile: number;
  hubAllowList: readonly HubAllowListEntry[];
  hubStrangerMinPersons: number;
  hubStrangerShare: number;
}

const STRANGER_SAMPLE = 64;

export interface HubDetection {
  /** 1 for hubs, by node index. */
  isHub: Uint8Array;
  hubs: HubRecord[];
  record: HubDetectionRecord;
}

/** Nearest-rank quantile of an ascending array (0 when empty). */
export function quantile(sortedAscending: ArrayLike<number>, q: number): number {
  const n = sortedAscending.length;
  if (n === 0) return 0;
  const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
  return sortedAscending[rank - 1]!;
}

function describeKind(kind: EntityKind): string {
  switch (kind) {
    case 'BankAccount': return 'bank account';
    case 'Email': return 'e-mail address';
    default: return kind.toLowerCase();
  }
}

export function detectHubs(view: AnalysisView, options: HubOptions): HubDetection {
  const n = view.nodeCount;
  const eligible = new Set(options.hubKinds);
  const shared: number[] = [];
  for (let u = 0; u < n; u++) {
    if (!eligible.has(view.kinds[u]!)) continue;
    const d = view.offsets[u + 1]! - view.offsets[u]!;
    if (d >= 2) shared.push(d);
  }
  const sortedDegrees = Float64Array.from(shared).sort();
  const referenceDegree = quantile(sortedDegrees, options.hubQuantile);
  const threshold = Math.max(options.hubMinDegree, Math.ceil(options.hubDegreeFactor * referenceDegree));
  const pct = Math.round(options.hubQuantile * 100);
  const rule =
    `an entity of kind ${options.hubKinds.join(', ')} with at least ${threshold} distinct neighbours ` +
    `(the larger of the floor ${options.hubMinDegree} and ${options.hubDegreeFactor} × ${referenceDegree}, ` +
    `the ${pct}th percentile of the degrees of the ${shared.length} identifiers shared by two or more); ` +
    `or used by at least ${options.hubStrangerMinPersons} persons of whom fewer than ${Math.round(options.hubStrangerShare * 100)}% ` +
    `share any other identifier or link with one another; or on the allow-list`;

  const isHub = new Uint8Array(n);
  const hubs: HubRecord[] = [];
  const allow = new Map(options.hubAllowList.map((e) => [e.id, e] as const));
  const unmatched: string[] = [];
  for (const entry of options.hubAllowList) if (!view.index.has(entry.id)) unmatched.push(entry.id);

  const personsOf = (u: number): number => {
    let persons = 0;
    for (let p = view.offsets[u]!; p < view.offsets[u + 1]!; p++) persons += view.isPerson[view.neighbors[p]!]!;
    return persons;
  };
  const describeUse = (u: number, degree: number, persons: number): string =>
    `${describeKind(view.kinds[u]!)} linked to ${degree} entities (${persons} persons)`;

  // Allow-list and degree.
  for (let u = 0; u < n; u++) {
    const id = view.ids[u]!;
    const degree = view.offsets[u + 1]! - view.offsets[u]!;
    const listed = allow.get(id);
    const byDegree = eligible.has(view.kinds[u]!) && degree >= threshold;
    if (!listed && !byDegree) continue;
    isHub[u] = 1;
    const persons = personsOf(u);
    const what = describeUse(u, degree, persons);
    const reason = listed
      ? `on the allow-list of known benign identifiers${listed.reason ? ` (${listed.reason})` : ''}; ${what}`
      : `${what}: ${degree} ≥ hub threshold ${threshold}`;
    hubs.push({ id, kind: view.kinds[u]!, degree, persons, rule: listed ? 'allow-list' : 'degree', reason });
  }

  // Shared by strangers (judged with the hubs above already left out).
  // Repeated until nothing changes: each pass judges with every hub found so far left out.
  const mark = new Int32Array(n).fill(-1);
  const strangers: number[] = [];
  const users: number[] = [];
  for (let pass = 0; pass < 10; pass++) {
    const found: number[] = [];
    for (let x = 0; x < n; x++) {
      if (isHub[x] || !eligible.has(view.kinds[x]!)) continue;
      if (view.offsets[x + 1]! - view.offsets[x]! < options.hubStrangerMinPersons) continue;
      users.length = 0;
      for (let p = view.offsets[x]!; p < view.offsets[x + 1]!; p++) {
        const q = view.neighbors[p]!;
        if (view.isPerson[q]) { users.push(q); mark[q] = x; }
      }
      const k = users.length;
      if (k < options.hubStrangerMinPersons) continue;
      const sample = Math.min(k, STRANGER_SAMPLE);
      let redundant = 0;
      for (let i = 0; i < sample; i++) {
        const p = users[Math.floor((i * k) / sample)]!;
        let hit = false;
        for (let a = view.offsets[p]!; a < view.offsets[p + 1]! && !hit; a++) {
          const y = view.neighbors[a]!;
          if (y === x || isHub[y]) continue;
          if (mark[y] === x) { hit = true; break; }
          for (let b = view.offsets[y]!; b < view.offsets[y + 1]!; b++) {
            const q = view.neighbors[b]!;
            if (q !== p && mark[q] === x) { hit = true; break; }
          }
        }
        if (hit) redundant++;
      }
      if (redundant < options.hubStrangerShare * sample) found.push(x, redundant, sample);
      for (const q of users) mark[q] = -1;
    }
    if (found.length === 0) break;
    for (let i = 0; i < found.length; i += 3) isHub[found[i]!] = 1;
    strangers.push(...found);
  }
  for (let i = 0; i < strangers.length; i += 3) {
    const u = strangers[i]!;
    const redundant = strangers[i + 1]!;
    const sample = strangers[i + 2]!;
    isHub[u] = 1;
    const degree = view.offsets[u + 1]! - view.offsets[u]!;
    const persons = personsOf(u);
    const checked = sample < persons ? ` (${sample} of them checked)` : '';
    hubs.push({
      id: view.ids[u]!, kind: view.kinds[u]!, degree, persons, rule: 'strangers',
      reason:
        `${describeUse(u, degree, persons)}: only ${redundant} of ${sample} persons${checked} share any other identifier or link ` +
        `with another of its users, so it is shared by unrelated people (a public or service identifier), not by a ring`,
    });
  }
  hubs.sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    isHub,
    hubs,
    record: { threshold, referenceDegree, eligibleKinds: [...options.hubKinds], allowListUnmatched: unmatched, rule },
  };
}
