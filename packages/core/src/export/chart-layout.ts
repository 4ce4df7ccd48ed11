/**
 * A deterministic layout of the package graph for the chart (and the x/y of
 * the GraphML, so Gephi opens on the same picture).
 *
 * ForceAtlas2 (Jacomy, Venturini, Heymann & Bastian, "ForceAtlas2, a
 * continuous graph layout algorithm for handy network visualization",
 * PLoS ONE 9(6): e98679, 2014), from graphology-layout-forceatlas2, run a
 * fixed number of iterations from a seeded start: nodes on a circle in
 * breadth-first order with a jitter from the project's seeded sfc32
 * generator (seed derived from the package scope). No clock, no Math.random: the same view
 * gives the same coordinates (the arithmetic is IEEE 754 double and Float32
 * throughout, the same on every platform). Coordinates are rounded to 0.1
 * unit before use.
 *
 * Parallel links between two entities (e.g. USES_PHONE and CALLED) count as
 * one edge whose weight is the sum of their evidence counts (log-damped).
 */
import { UndirectedGraph } from 'graphology';
import fa2Module from 'graphology-layout-forceatlas2';
import { createRng, hashSeed } from '../rng.js';
import type { PackageView } from './package-view.js';

type ForceAtlas2 = typeof fa2Module.default;
const forceAtlas2: ForceAtlas2 = (fa2Module as unknown as { default?: ForceAtlas2 }).default ?? (fa2Module as unknown as ForceAtlas2);

export interface Point {
  x: number;
  y: number;
}

export const LAYOUT_DEFAULTS = {
  /** Iterations for graphs up to `exactUpTo` nodes; larger graphs get fewer (see `iterationsFor`). */
  iterations: 600,
  scalingRatio: 10,
  gravity: 0.5,
  /** Above this many nodes repulsion is approximated by Barnes–Hut (θ = 0.5), O(n log n) per iteration instead of O(n²). */
  exactUpTo: 300,
} as const;

/** The fixed iteration count for a graph of `order` nodes (a published setting, not a tuning knob). */
export function iterationsFor(order: number): number {
  if (order <= LAYOUT_DEFAULTS.exactUpTo) return LAYOUT_DEFAULTS.iterations;
  if (order <= 1000) return 150;
  if (order <= 3000) return 80;
  return 50;
}

/** Positions keyed by shown node id, in arbitrary units (the chart fits them to the page). */
export function layoutPackage(view: PackageView): Map<string, Point> {
  const graph = new UndirectedGraph();
  for (const n of view.nodes) graph.addNode(n.id);
  for (const e of view.edges) {
    if (e.from === e.to) continue;
    const w = 1 + Math.log2(Math.max(1, e.evidence.length));
    graph.updateEdge(e.from, e.to, (attr: { weight?: number }) => ({ weight: (attr.weight ?? 0) + w }));
  }
  const seed = hashSeed('ringlink-chart', view.scope.type === 'ring' ? view.scope.ring : view.scope.entityIds.join(','));
  const rng = createRng(seed);
  const order = view.nodes.length;
  // Seeded start: nodes on a circle in breadth-first order (neighbours in sorted order, components one after
  // another), so linked nodes start close and few iterations settle the layout.
  const placed: string[] = [];
  const seen = new Set<string>();
  for (const start of view.nodes) {
    if (seen.has(start.id)) continue;
    seen.add(start.id);
    const queue = [start.id];
    for (let q = 0; q < queue.length; q++) {
      const id = queue[q]!;
      placed.push(id);
      for (const nb of [...graph.neighbors(id)].sort()) {
        if (!seen.has(nb)) {
          seen.add(nb);
          queue.push(nb);
        }
      }
    }
  }
  placed.forEach((id, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, order);
    const radius = 10 * Math.sqrt(order);
    graph.setNodeAttribute(id, 'x', radius * Math.cos(angle) + rng.float(-1, 1));
    graph.setNodeAttribute(id, 'y', radius * Math.sin(angle) + rng.float(-1, 1));
  });
  const positions = new Map<string, Point>();
  if (order > 1 && graph.size > 0) {
    const settings = {
      ...forceAtlas2.inferSettings(order),
      scalingRatio: LAYOUT_DEFAULTS.scalingRatio,
      gravity: LAYOUT_DEFAULTS.gravity,
      strongGravityMode: true,
      barnesHutOptimize: order > LAYOUT_DEFAULTS.exactUpTo,
    };
    forceAtlas2.assign(graph, { iterations: iterationsFor(order), settings, getEdgeWeight: 'weight' });
  }
  graph.forEachNode((id, attr) => {
    positions.set(id, { x: Math.round((attr.x as number) * 10) / 10, y: Math.round((attr.y as number) * 10) / 10 });
  });
  return positions;
}
