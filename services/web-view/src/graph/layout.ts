/**
 * ForceAtlas2 in a web worker (graphology-layout-forceatlas2/worker): the
 * supervisor copies the graph into typed arrays, a worker iterates, and
 * every iteration's positions are written back to the graph, which sigma
 * redraws. The page stays responsive while it runs.
 *
 * A run stops by itself after a time budget that grows with the graph, or
 * when the analyst stops it. Iterations are counted (through the
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
  /** Stop after this long (default: from 2 s for small graphs up to 15 s). */
  budgetMs?: number;
  onStats?: (stats: LayoutStats) => void;
}

export const layoutBudgetMs = (nodes: number): number => Math.min(15_000, 2000 + nodes * 3);

export class LayoutRunner {
  private supervisor: FA2LayoutSupervisor | undefined;
  private stopTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private iterations = 0;
  private startedAt = 0;
  private stoppedAt: number | undefined;
  private firstNode: string | undefined;
  private onStats: ((s: LayoutStats) => void) | undefined;

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
    this.firstNode = this.graph.nodes()[0];
    this.iterations = 0;
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
        if (key === this.firstNode) this.iterations++;
        return attributes;
      },
    });
    this.supervisor.start();
    this.stopTimer = setTimeout(() => this.stop(), options.budgetMs ?? layoutBudgetMs(this.graph.order));
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
    }
  }
}
