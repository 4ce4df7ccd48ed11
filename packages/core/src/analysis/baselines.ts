/**
 * The plain tools ringlink is measured against (benchmark only): what an
 * analyst gets from the graphology toolbox used as-is on the whole graph,
 * hubs included.
 *
 * - connected components (graphology-components);
 * - plain Louvain (graphology-communities-louvain, weighted view, seeded,
 *   one run, no hub removal, no connected split, no membership rule): a
 *   "ring" is a community with at least `minPersons` persons;
 * - plain betweenness (graphology-metrics, exact, unweighted, every node).
 */
import louvainModule from 'graphology-communities-louvain';
import { connectedComponents } from 'graphology-components';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { createRng, hashSeed } from '../rng.js';
import { toGraphology, type AnalysisView } from './analysis-view.js';

type Louvain = typeof louvainModule.default;
const louvain: Louvain = (louvainModule as unknown as { default?: Louvain }).default ?? (louvainModule as unknown as Louvain);
type Betweenness = typeof betweennessModule.default;
const betweennessCentrality: Betweenness =
  (betweennessModule as unknown as { default?: Betweenness }).default ?? (betweennessModule as unknown as Betweenness);

/** Groups of entity ids holding at least `minPersons` persons. */
export type PlainRings = string[][];

function withPersons(view: AnalysisView, groups: string[][], minPersons: number): PlainRings {
  return groups.filter((g) => g.filter((id) => view.isPerson[view.index.get(id)!]).length >= minPersons);
}

export function plainComponents(view: AnalysisView, minPersons = 3): PlainRings {
  return withPersons(view, connectedComponents(toGraphology(view)), minPersons);
}

export function plainLouvain(view: AnalysisView, seed = 1, minPersons = 3): PlainRings {
  const rng = createRng(hashSeed(seed, 'plain-louvain'));
  const mapping = louvain(toGraphology(view), { getEdgeWeight: 'weight', rng: () => rng.next() });
  const groups = new Map<number, string[]>();
  for (const [id, c] of Object.entries(mapping)) {
    let g = groups.get(c);
    if (!g) groups.set(c, (g = []));
    g.push(id);
  }
  return withPersons(view, [...groups.values()], minPersons);
}

/** Entity ids by plain betweenness, highest first (ties by id). */
export function plainBetweennessRanking(view: AnalysisView, top = 20): Array<{ id: string; betweenness: number }> {
  const scores = betweennessCentrality(toGraphology(view), { getEdgeWeight: null });
  return Object.entries(scores)
    .map(([id, betweenness]) => ({ id, betweenness }))
    .sort((a, b) => b.betweenness - a.betweenness || (a.id < b.id ? -1 : 1))
    .slice(0, top);
}
