/**
 * The benchmark's baseline outside the browser: the same ForceAtlas2
 * iteration code (graphology-layout-forceatlas2, synchronous) on the same
 * synthetic graph (src/bench-graph.ts) in Node, iterations per second. What
 * the browser's worker could reach at best on this machine.
 */
import { MultiDirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import { syntheticCase } from '../src/bench-graph.js';

// A CommonJS module: under Node's ESM its default import is the function itself; TypeScript sees the namespace.
const forceAtlas2 = ((forceAtlas2Module as unknown as { default?: typeof forceAtlas2Module.default }).default ?? forceAtlas2Module) as typeof forceAtlas2Module.default;

export interface LayoutBaseline {
  nodes: number;
  links: number;
  iterations: number;
  seconds: number;
  iterationsPerSecond: number;
}

export function forceAtlas2Baseline(nodes: number, ms: number): LayoutBaseline {
  const { entities, links } = syntheticCase(nodes);
  const g = new MultiDirectedGraph();
  for (const e of entities) g.addNode(e.id, { x: Math.cos(g.order) * Math.sqrt(g.order), y: Math.sin(g.order) * Math.sqrt(g.order) });
  for (const l of links) if (!g.hasEdge(l.id)) g.addDirectedEdgeWithKey(l.id, l.from, l.to);
  const settings = { ...forceAtlas2.inferSettings(g), outboundAttractionDistribution: true };
  let iterations = 0;
  const t = performance.now();
  while (performance.now() - t < ms) {
    forceAtlas2.assign(g, { iterations: 5, settings, getEdgeWeight: null });
    iterations += 5;
  }
  const seconds = (performance.now() - t) / 1000;
  return { nodes: g.order, links: g.size, iterations, seconds, iterationsPerSecond: iterations / seconds };
}
