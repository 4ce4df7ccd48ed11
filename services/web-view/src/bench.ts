/**
 * The benchmark page (bench.html#nodes=4000&layoutMs=8000): a synthetic
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
 *   - ForceAtlas2 iterations per second in the worker alone (no drawing):
 *     the baseline the drawn rate is compared with
 *
 * and leaves the result in `window.__benchResult`
 * (test/bench/sections/web-view.ts reads it).
 */
import './styles.css';
import Graph from 'graphology';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import { inferSettings } from 'graphology-layout-forceatlas2';
import type { Entity, Link } from './api/types.js';
import { GraphView } from './graph/graph-view.js';
import { LayoutRunner } from './graph/layout.js';

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

/** Mulberry32: the same graph every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticCase(nodes: number, seed = 7): { entities: Entity[]; links: Link[] } {
  const r = rng(seed);
  const entities: Entity[] = [];
  const links: Link[] = [];
  const kinds = ['Phone', 'BankAccount', 'Document', 'Email', 'Address'];
  const add = (e: Entity): string => {
    entities.push(e);
    return e.id;
  };
  const link = (from: string, to: string, type: string): void => {
    links.push({ id: `${from}|${type}|${to}`, type, from, to, props: {}, evidenceCount: 1 + Math.floor(r() * 3) });
  };
  const hubs = Array.from({ length: 4 }, (_, i) => add({ id: `account:HUB${i}`, kind: 'BankAccount', roles: [], props: { accountKey: `HUB${i}` }, isHub: true }));
  let ring = 0;
  const persons: string[][] = [];
  while (entities.length < nodes) {
    ring++;
    const size = 12 + Math.floor(r() * 30);
    const ids: string[] = [];
    const shared = Array.from({ length: 3 + Math.floor(size / 6) }, (_, j) => {
      const kind = kinds[j % kinds.length]!;
      return add({ id: `${kind.toLowerCase()}:r${ring}-${j}`, kind, roles: [], props: { e164: `+9230${ring}${j}`, iban: `PK00R${ring}X${j}`, number: `D${ring}${j}`, address: `r${ring}.${j}@example.com`, text: `Street ${ring}/${j}` }, isHub: false });
    });
    for (let i = 0; i < size && entities.length < nodes; i++) {
      const p = add({ id: `person:r${ring}-${i}`, kind: 'Person', roles: [i === 0 ? 'Agent' : 'Applicant'], props: { name: `Person ${ring}-${i}` }, isHub: false });
      ids.push(p);
      for (let k = 0; k < 2; k++) link(p, shared[Math.floor(r() * shared.length)]!, ['USES_PHONE', 'HOLDS_ACCOUNT', 'HOLDS_DOCUMENT', 'USES_EMAIL', 'LIVES_AT'][Math.floor(r() * 5)]!);
      if (i > 0) link(p, ids[0]!, 'APPLIED_VIA');
      if (r() < 0.3) link(p, hubs[Math.floor(r() * hubs.length)]!, 'PAID_INTO');
    }
    persons.push(ids);
  }
  // Brokers: a person of one ring tied to identifiers of others.
  for (let b = 0; b < Math.max(2, Math.floor(ring / 10)); b++) {
    const id = add({ id: `person:broker-${b}`, kind: 'Person', roles: ['Agent'], props: { name: `Broker ${b}` }, isHub: false, broker: { rank: b + 1, betweenness: 0.3 / (b + 1), bridging: 3, pagerank: 0.01 } });
    for (let k = 0; k < 4; k++) link(id, persons[Math.floor(r() * persons.length)]![0]!, 'ASSOCIATE_OF');
  }
  return { entities, links };
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

async function run(): Promise<void> {
  const params = new URLSearchParams(location.hash.slice(1));
  const nodes = Number(params.get('nodes') ?? 4000);
  const layoutMs = Number(params.get('layoutMs') ?? 8000);
  const cameraMs = Number(params.get('cameraMs') ?? 3000);
  const workerMs = Number(params.get('workerMs') ?? 3000);
  const out = document.getElementById('bench-out')!;
  const log = (s: string): void => {
    out.textContent += `${s}\n`;
  };

  const { entities, links } = syntheticCase(nodes);
  let t = performance.now();
  const view = new GraphView(document.getElementById('graph')!, { selectNode() {}, selectEdge() {}, expandNode() {}, clearSelection() {}, changed() {} });
  const sigmaInitMs = performance.now() - t;
  if (params.get('labels') === '0') view.sigma.setSetting('renderLabels', false);
  if (params.get('aa') === '0') view.sigma.setSettings({ antialiasEdges: false, antialiasNodes: false });
  if (params.get('ratio')) view.sigma.setSetting('pickingDownSizingRatio', Number(params.get('ratio')));
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

  // Baseline: ForceAtlas2 in the worker alone, on a copy no renderer listens to (sigma idle).
  const copy = view.graph.copy() as unknown as Graph;
  let workerIterations = 0;
  const first = copy.nodes()[0];
  const workerOnly = new FA2LayoutSupervisor(copy, {
    settings: { ...inferSettings(copy), outboundAttractionDistribution: true },
    getEdgeWeight: null,
    outputReducer: (key: string, a: Record<string, unknown>) => {
      if (key === first) workerIterations++;
      return a;
    },
  });
  t = performance.now();
  workerOnly.start();
  await new Promise((r) => setTimeout(r, workerMs));
  workerOnly.kill();
  const workerSeconds = (performance.now() - t) / 1000;


  // Layout while drawing: iterations, frames, stalls.
  renders.length = 0;
  const layout = new LayoutRunner(view.graph);
  const lags: number[] = [];
  let expected = performance.now() + 20;
  const lagTimer = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - expected));
    expected = now + 20;
  }, 20);
  const hideEdges = params.get('hideEdges') !== null ? params.get('hideEdges') === '1' : view.graph.size > 2000; // as the analyst's view does
  view.setEdgesHidden(hideEdges);
  const layoutFrames = await measureFrames(layoutMs, () => layout.start({ iterations: Number.POSITIVE_INFINITY, maxMs: layoutMs + 10_000 }));
  const layoutStats = layout.stats();
  layout.stop();
  clearInterval(lagTimer);
  view.setEdgesHidden(false);
  const layoutRenders = [...renders];
  log(`layout (drawn): ${layoutStats.iterations} iterations in ${(layoutStats.elapsedMs / 1000).toFixed(1)} s = ${layoutStats.iterationsPerSecond.toFixed(1)}/s`);

  // Camera moves after the layout: zoom in and out.
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
    workerOnly: { iterations: workerIterations, seconds: workerSeconds, iterationsPerSecond: workerIterations / workerSeconds },
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
