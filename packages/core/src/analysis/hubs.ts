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
 * used more widely, raises the bar with it. Entities on the allow-list
 * (known benign identifiers) are hubs whatever their degree. Persons are not
 * eligible by default: a person with many ties is a lead, not noise.
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
}

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
    `the ${pct}th percentile of the degrees of the ${shared.length} identifiers shared by two or more), or on the allow-list`;

  const isHub = new Uint8Array(n);
  const hubs: HubRecord[] = [];
  const allow = new Map(options.hubAllowList.map((e) => [e.id, e] as const));
  const unmatched: string[] = [];
  for (const entry of options.hubAllowList) if (!view.index.has(entry.id)) unmatched.push(entry.id);

  for (let u = 0; u < n; u++) {
    const id = view.ids[u]!;
    const degree = view.offsets[u + 1]! - view.offsets[u]!;
    const listed = allow.get(id);
    const byDegree = eligible.has(view.kinds[u]!) && degree >= threshold;
    if (!listed && !byDegree) continue;
    isHub[u] = 1;
    let persons = 0;
    for (let p = view.offsets[u]!; p < view.offsets[u + 1]!; p++) persons += view.isPerson[view.neighbors[p]!]!;
    const what = `${describeKind(view.kinds[u]!)} linked to ${degree} entities (${persons} persons)`;
    const reason = listed
      ? `on the allow-list of known benign identifiers${listed.reason ? ` (${listed.reason})` : ''}; ${what}`
      : `${what}: ${degree} ≥ hub threshold ${threshold}`;
    hubs.push({ id, kind: view.kinds[u]!, degree, persons, rule: listed ? 'allow-list' : 'degree', reason });
  }
  hubs.sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    isHub,
    hubs,
    record: { threshold, referenceDegree, eligibleKinds: [...options.hubKinds], allowListUnmatched: unmatched, rule },
  };
}
