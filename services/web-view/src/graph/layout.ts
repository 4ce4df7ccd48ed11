/**
 * ForceAtlas2 in a web worker (graphology-layout-forceatlas2/worker).
 *
 * The supervisor runs on a mirror of the shown graph (same nodes, links
 * and positions, nothing else), not on the shown graph itself: the worker
 * iterates as fast as it can, and the positions are copied to the shown
 * graph — which sigma redraws — then again only after three times what
 * that redraw cost beyond two frames (measured from the copy to the second
 * animation frame after it, so the GPU's share counts too). Drawing takes at most about a
 * quarter of the page's time while the layout runs: on a laptop GPU that
 * is every few frames; on a slow one (software WebGL) the picture updates
 * less often, but the layout, which needs the page's main thread for each
 * iteration, keeps its pace. When the shown
 * graph gains or loses nodes or links, the mirror is rebuilt from it
 * (positions kept) and the run goes on.
 *
 * A run stops by itself once it has made enough iterations for the graph
 * to settle (more for larger graphs), or after a time limit whatever the
 * count (slow machines), or when the analyst stops it. Iterations are
 * counted through the supervisor's output reducer (called once per node
 * per iteration), so the rate can be shown and measured.
 *
 * Jacomy, Venturini, Heymann, Bastian (2014), "ForceAtlas2, a continuous
 * graph layout algorithm for handy network visualization designed for the
 * Gephi software", PLoS ONE 9(6): e98679.
 */
import Graph from 'graphology';
import { inferSettings } from 'graphology-layout-forceatlas2';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';

export interface LayoutStats {
  running: boolean;
  iterations: number;
  /** Since the run started. */
  elapsedMs: number;
  iterationsPerSecond: number;
  nodes: number;
  /** Times positions were copied to the shown graph. */
  flushes: number;
}

export interface LayoutOptions {
  /** Stop after this many iterations (default: layoutIterations(nodes)). */
  iterations?: number;
  /** Stop after this long whatever the count (default 20 s). */
  maxMs?: number;
  onStats?: (stats: LayoutStats) => void;
  /** Told once when the run ends (by itself, by stop(), or by a new start()). */
  onStop?: (stats: LayoutStats) => void;
}

/** Iterations after which a graph of this size has usually settled. */
export const layoutIterations = (nodes: number): number => (nodes < 50 ? 150 : nodes < 500 ? 300 : 500);
export const LAYOUT_MAX_MS = 20_000;
/** Above this many links, the view stops drawing links while the layout runs (GraphView.setEdgesHidden). */
export const EDGES_HIDDEN_DURING_LAYOUT = 2000;

/** Two animation frames at 60 Hz: what waiting for a copy to be drawn costs when drawing is free. */
const FRAMES_2 = 2 * 16.7;

type AnyGraph = Graph<Record<string, any>, Record<string, any>>;

export class LayoutRunner {
  private supervisor: FA2LayoutSupervisor | undefined;
  private mirror: AnyGraph | undefined;
  private stopTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  private iterations = 0;
  private target = 0;
  private flushes = 0;
  private dirty = false;
  private startedAt = 0;
  private stoppedAt: number | undefined;
  private firstNode: string | undefined;
  private onStats: ((s: LayoutStats) => void) | undefined;
  private onStop: ((s: LayoutStats) => void) | undefined;
  private run = 0;
  private readonly structureChanged = (): void => this.scheduleRebuild();

  /** What the last copy of positions cost to draw, ms. */
  private drawCost = 16;

  /** @param graph the shown graph (nodes carry x and y) */
  constructor(private readonly graph: AnyGraph) {}

  get running(): boolean {
    return this.supervisor?.isRunning() ?? false;
  }

  stats(): LayoutStats {
    const elapsedMs = this.startedAt ? (this.stoppedAt ?? performance.now()) - this.startedAt : 0;
    return {
      running: this.running,
      iterations: this.iterations,
      elapsedMs,
      iterationsPerSecond: elapsedMs > 0 ? (this.iterations * 1000) / elapsedMs : 0,
      nodes: this.graph.order,
      flushes: this.flushes,
    };
  }

  /** Starts (or restarts) a run over the graph as it is now. */
  start(options: LayoutOptions = {}): void {
    this.stop();
    if (this.graph.order < 2) return;
    this.onStats = options.onStats;
    this.onStop = options.onStop;
    this.iterations = 0;
    this.flushes = 0;
    this.drawCost = 16;
    this.target = options.iterations ?? layoutIterations(this.graph.order);
    this.startedAt = performance.now();
    this.stoppedAt = undefined;
    const run = ++this.run;
    this.spawn(run);
    for (const event of ['nodeAdded', 'nodeDropped', 'edgeAdded', 'edgeDropped', 'cleared', 'edgesCleared'] as const) this.graph.on(event, this.structureChanged);
    this.stopTimer = setTimeout(() => this.stop(), options.maxMs ?? LAYOUT_MAX_MS);
    this.statsTimer = setInterval(() => this.onStats?.(this.stats()), 500);
    this.scheduleFlush(run);
    this.onStats?.(this.stats());
  }

  /** A supervisor over a fresh mirror of the shown graph. */
  private spawn(run: number): void {
    this.supervisor?.kill();
    const mirror: AnyGraph = new Graph({ type: 'directed', multi: true, allowSelfLoops: false });
    this.graph.forEachNode((id, a) => mirror.addNode(id, { x: a.x as number, y: a.y as number }));
    this.graph.forEachEdge((id, _a, source, target) => {
      if (source !== target) mirror.addDirectedEdgeWithKey(id, source, target);
    });
    this.mirror = mirror;
    this.firstNode = mirror.nodes()[0];
    if (mirror.order < 2) {
      this.supervisor = undefined;
      return;
    }
    this.supervisor = new FA2LayoutSupervisor(mirror, {
      settings: {
        ...inferSettings(mirror),
        // Hubs (high degree) are pushed outwards instead of pulling every neighbour in.
        outboundAttractionDistribution: true,
        adjustSizes: false,
      },
      getEdgeWeight: null,
      outputReducer: (key: string, attributes: Record<string, unknown>) => {
        if (key === this.firstNode && this.run === run) {
          this.dirty = true;
          if (++this.iterations >= this.target) queueMicrotask(() => this.run === run && this.stop());
        }
        return attributes;
      },
    });
    this.supervisor.start();
  }

  private scheduleRebuild(): void {
    if (this.rebuildTimer) return;
    const run = this.run;
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = undefined;
      if (this.run !== run || this.supervisor === undefined) return;
      this.flush();
      this.spawn(run);
    }, 100);
  }

  /** Copy, wait until it is drawn (two animation frames), then wait three times what the drawing cost beyond those frames. */
  private scheduleFlush(run: number): void {
    this.flushTimer = setTimeout(() => {
      if (this.run !== run) return;
      const t = performance.now();
      this.flush();
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (this.run !== run) return;
          this.drawCost = performance.now() - t;
          this.scheduleFlush(run);
        }),
      );
    }, Math.min(10_000, 3 * Math.max(0, this.drawCost - FRAMES_2)));
  }

  /** Copies the mirror's positions to the shown graph (one update event, positions only). */
  private flush(): void {
    const mirror = this.mirror;
    if (!this.dirty || mirror === undefined) return;
    this.dirty = false;
    this.flushes++;
    this.graph.updateEachNodeAttributes(
      (id, a) => {
        if (mirror.hasNode(id)) {
          const m = mirror.getNodeAttributes(id);
          a.x = m.x;
          a.y = m.y;
        }
        return a;
      },
      { attributes: ['x', 'y'] },
    );
  }

  stop(): void {
    for (const t of [this.stopTimer, this.flushTimer, this.rebuildTimer]) if (t) clearTimeout(t);
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.stopTimer = this.flushTimer = this.rebuildTimer = undefined;
    this.statsTimer = undefined;
    for (const event of ['nodeAdded', 'nodeDropped', 'edgeAdded', 'edgeDropped', 'cleared', 'edgesCleared'] as const) this.graph.off(event, this.structureChanged);
    if (this.supervisor || this.mirror) {
      this.run++;
      this.supervisor?.kill();
      this.supervisor = undefined;
      this.flush();
      this.mirror = undefined;
      this.stoppedAt = performance.now();
      this.onStats?.(this.stats());
      const onStop = this.onStop;
      this.onStop = undefined;
      onStop?.(this.stats());
    }
  }
}
