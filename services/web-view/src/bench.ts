/**
 * The benchmark page (bench.html#nodes=4000&layoutMs=8000[&mode=fa2-only]): a synthetic
 * graph shaped like the real ones (rings of persons bound by shared
 * phones, accounts and documents; a few hubs; brokers between rings),
 * drawn by the same GraphView and laid out by the same LayoutRunner as
 * the analyst's view. It measures, in the browser:
 *
 *   - sigma start-up (shader compilation, first frame)
 *   - ForceAtlas2 iterations per second while the graph is drawn
 *   - frame intervals (requestAnimationFrame) and sigma's render time
 *     during the layout and during camera moves
 *   - main-thread stalls (lag of a 20 ms timer) during the layout
 *
 * With `mode=fa2-only` it runs the same layout through the same worker
 * supervisor on the same graph with nothing drawn: the baseline the drawn
 * rate is compared with.
 *
 * and leaves the result in `window.__benchResult`
 * (test/bench/sections/web-view.ts reads it).
 */
import './styles.css';
import Graph from 'graphology';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import { inferSettings } from 'graphology-layout-forceatlas2';
import { syntheticCase } from './bench-graph.js';
import { GraphView } from './graph/graph-view.js';
import { EDGES_HIDDEN_DURING_LAYOUT, LayoutRunner } from './graph/layout.js';

interface Stats {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  max: number;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { count: s.length, mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length), p50: q(0.5), p95: q(0.95), max: s[s.length - 1] ?? 0 };
}

function frame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

async function measureFrames(ms: number, during?: () => void): Promise<number[]> {
  const intervals: number[] = [];
  let last = await frame();
  const end = last + ms;
  during?.();
  for (;;) {
    const t = await frame();
    intervals.push(t - last);
    last = t;
    if (t >= end) return intervals;
  }
}

/** ForceAtlas2 through the worker supervisor on a graph no renderer listens to: iterations per second. */
async function fa2Only(graph: Graph, ms: number): Promise<{ iterations: number; seconds: number; iterationsPerSecond: number }> {
  let iterations = 0;
  const first = graph.nodes()[0];
  const supervisor = new FA2LayoutSupervisor(graph, {
    settings: { ...inferSettings(graph), outboundAttractionDistribution: true },
    getEdgeWeight: null,
    outputReducer: (key: string, a: Record<string, unknown>) => {
      if (key === first) iterations++;
      return a;
    },
  });
  const t = performance.now();
  supervisor.start();
  await new Promise((r) => setTimeout(r, ms));
  supervisor.kill();
  const seconds = (performance.now() - t) / 1000;
  return { iterations, seconds, iterationsPerSecond: iterations / seconds };
}

async function run(): Promise<void> {
  const params = new URLSearchParams(location.hash.slice(1));
  const nodes = Number(params.get('nodes') ?? 4000);
  const layoutMs = Number(params.get('layoutMs') ?? 8000);
  const cameraMs = Number(params.get('cameraMs') ?? 3000);
  const out = document.getElementById('bench-out')!;
  const log = (s: string): void => {
    out.textContent += `${s}\n`;
  };
  const { entities, links } = syntheticCase(nodes);

  // The baseline: the layout alone (worker + supervisor, nothing drawn).
  if (params.get('mode') === 'fa2-only') {
    const g = new Graph({ multi: true, type: 'directed' });
    for (const e of entities) g.addNode(e.id, { x: Math.cos(g.order) * Math.sqrt(g.order), y: Math.sin(g.order) * Math.sqrt(g.order) });
    for (const l of links) if (!g.hasEdge(l.id)) g.addDirectedEdgeWithKey(l.id, l.from, l.to);
    const fa2 = await fa2Only(g, layoutMs);
    log(`ForceAtlas2 alone: ${fa2.iterationsPerSecond.toFixed(1)} iterations/s`);
    (window as unknown as { __benchResult: unknown }).__benchResult = { nodes: g.order, links: g.size, fa2Only: fa2 };
    return;
  }

  let t = performance.now();
  const view = new GraphView(document.getElementById('graph')!, { selectNode() {}, selectEdge() {}, expandNode() {}, clearSelection() {}, changed() {} });
  const sigmaInitMs = performance.now() - t;
  // Knobs for finding where the time goes (not used by the bench section).
  if (params.get('labels') === '0') view.sigma.setSetting('renderLabels', false);
  const renders: number[] = [];
  let renderStart = 0;
  view.sigma.on('beforeRender', () => (renderStart = performance.now()));
  view.sigma.on('afterRender', () => renders.push(performance.now() - renderStart));

  t = performance.now();
  for (const e of entities) view.upsertEntity(e);
  if (params.get('edges') !== '0') for (const l of links) view.upsertLink(l);
  const loadMs = performance.now() - t;
  t = performance.now();
  await frame();
  await frame();
  const firstFrameMs = performance.now() - t;
  log(`graph: ${view.graph.order} nodes, ${view.graph.size} links; sigma start ${sigmaInitMs.toFixed(0)} ms, load ${loadMs.toFixed(0)} ms`);

  // The layout while drawing, as the analyst's view runs it: iterations, frames, stalls.
  renders.length = 0;
  const layout = new LayoutRunner(view.graph);
  const lags: number[] = [];
  let expected = performance.now() + 20;
  const lagTimer = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - expected));
    expected = now + 20;
  }, 20);
  const hideEdges = params.get('hideEdges') !== null ? params.get('hideEdges') === '1' : view.graph.size > EDGES_HIDDEN_DURING_LAYOUT;
  view.setEdgesHidden(hideEdges);
  const layoutFrames = await measureFrames(layoutMs, () => layout.start({ iterations: Number.POSITIVE_INFINITY, maxMs: layoutMs + 10_000 }));
  const layoutStats = layout.stats();
  layout.stop();
  clearInterval(lagTimer);
  view.setEdgesHidden(false);
  const layoutRenders = [...renders];
  log(`layout (drawn): ${layoutStats.iterations} iterations in ${(layoutStats.elapsedMs / 1000).toFixed(1)} s = ${layoutStats.iterationsPerSecond.toFixed(1)}/s`);

  // Camera moves after the layout, every link drawn: zoom in and out.
  await frame();
  renders.length = 0;
  const camera = view.sigma.getCamera();
  let zooming = true;
  const zooms = (async () => {
    while (zooming) {
      await camera.animate({ ratio: 0.3 }, { duration: 450 });
      await camera.animate({ ratio: 1 }, { duration: 450 });
    }
  })();
  const cameraFrames = await measureFrames(cameraMs);
  zooming = false;
  await zooms;
  const cameraRenders = [...renders];

  const result = {
    nodes: view.graph.order,
    links: view.graph.size,
    sigmaInitMs,
    loadMs,
    firstFrameMs,
    layout: { ...layoutStats, edgesHidden: hideEdges, frames: stats(layoutFrames), renderMs: stats(layoutRenders), timerLagMs: stats(lags) },
    camera: { frames: stats(cameraFrames), renderMs: stats(cameraRenders) },
    renderer: rendererName(view.sigma.getWebGLContext()),
  };
  log(JSON.stringify(result, null, 1));
  (window as unknown as { __benchResult: unknown }).__benchResult = result;
}

function rendererName(gl: WebGL2RenderingContext): string {
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
}

run().catch((err: unknown) => {
  (window as unknown as { __benchResult: unknown }).__benchResult = { error: err instanceof Error ? err.message : String(err) };
});
