/**
 * ForceAtlas2 in a web worker (graphology-layout-forceatlas2/worker): the
 * supervisor copies the graph into typed arrays, a worker iterates, and
 * every iteration's positions are written back to the graph, which sigma
 * redraws. The page stays responsive while it runs.
 *
 * A run stops by itself once it has made enough iterations for the graph
 * to settle (more for larger graphs), or after a time limit whatever the
 * count (slow machines, software WebGL), or when the analyst stops it. Iterations are counted (through the
 * supervisor's output reducer, called once per node per iteration), so the
 * rate can be shown and measured.
 *
 * Jacomy, Venturini, Heymann, Bastian (2014), "ForceAtlas2, a continuous
 * graph layout algorithm for handy network visualization designed for the
 * Gephi software", PLoS ONE 9(6): e98679.
 */
import type Graph from 'graphology';
import { inferSettings } from 'graphology-layout-forceatlas2';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';

export interface LayoutStats {
  running: boolean;
  iterations: number;
  /** Since the run started. */
  elapsedMs: number;
  iterationsPerSecond: number;
  nodes: number;
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

export class LayoutRunner {
  private supervisor: FA2LayoutSupervisor | undefined;
  private stopTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private iterations = 0;
  private startedAt = 0;
  private stoppedAt: number | undefined;
  private firstNode: string | undefined;
  private onStats: ((s: LayoutStats) => void) | undefined;
  private onStop: ((s: LayoutStats) => void) | undefined;
  private run = 0;

  constructor(private readonly graph: Graph) {}

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
    };
  }

  /** Starts (or restarts) a run over the graph as it is now. */
  start(options: LayoutOptions = {}): void {
    this.stop();
    if (this.graph.order < 2) return;
    this.onStats = options.onStats;
    this.onStop = options.onStop;
    this.firstNode = this.graph.nodes()[0];
    this.iterations = 0;
    const run = ++this.run;
    this.startedAt = performance.now();
    this.stoppedAt = undefined;
    const settings = {
      ...inferSettings(this.graph),
      // Hubs (high degree) are pushed outwards instead of pulling every neighbour in.
      outboundAttractionDistribution: true,
      adjustSizes: false,
    };
    this.supervisor = new FA2LayoutSupervisor(this.graph, {
      settings,
      getEdgeWeight: null,
      outputReducer: (key: string, attributes: Record<string, unknown>) => {
        if (key === this.firstNode && ++this.iterations >= target) {
          queueMicrotask(() => {
            if (this.run === run) this.stop();
          });
        }
        return attributes;
      },
    });
    const target = options.iterations ?? layoutIterations(this.graph.order);
    this.supervisor.start();
    this.stopTimer = setTimeout(() => this.stop(), options.maxMs ?? LAYOUT_MAX_MS);
    this.statsTimer = setInterval(() => this.onStats?.(this.stats()), 500);
    this.onStats?.(this.stats());
  }

  stop(): void {
    if (this.stopTimer) clearTimeout(this.stopTimer);
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.stopTimer = undefined;
    this.statsTimer = undefined;
    if (this.supervisor) {
      this.supervisor.kill();
      this.supervisor = undefined;
      this.stoppedAt = performance.now();
      this.onStats?.(this.stats());
      const onStop = this.onStop;
      this.onStop = undefined;
      onStop?.(this.stats());
    }
  }
}
