/**
 * Readiness: a round trip to Neo4j, at most once a second whatever the
 * number of probes (a load balancer polling health never loads Neo4j).
 */
import type { QueryStore } from './store/query-store.js';

export interface ReadinessResult {
  up: boolean;
  latencyMs: number | null;
}

export class ReadinessProbe {
  private last: { at: number; result: ReadinessResult } | undefined;
  private pending: Promise<ReadinessResult> | undefined;

  constructor(
    private readonly queries: Pick<QueryStore, 'ping'>,
    private readonly timeoutMs = 2000,
    private readonly ttlMs = 1000,
  ) {}

  async check(): Promise<ReadinessResult> {
    const now = Date.now();
    if (this.last && now - this.last.at < this.ttlMs) return this.last.result;
    this.pending ??= (async () => {
      const t = performance.now();
      let result: ReadinessResult;
      try {
        await this.queries.ping(this.timeoutMs);
        result = { up: true, latencyMs: Math.round((performance.now() - t) * 10) / 10 };
      } catch {
        result = { up: false, latencyMs: null };
      }
      this.last = { at: Date.now(), result };
      return result;
    })().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }
}
