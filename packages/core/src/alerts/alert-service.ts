/**
 * The alert life cycle around an ingest, over two interfaces: the rules
 * read through an AlertContext, and an AlertSink persists (deduplicates,
 * numbers events, queues webhook deliveries). The store implements both;
 * the CLI and the query service wire them:
 *
 *   const alerts = new AlertService(backend);
 *   const { result, alerts: outcome } = await alerts.withAlerts(graph, () => store.writeGraph(graph, …), { via: 'cli' });
 *
 * Rules are evaluated before the batch is written (what is "new" is only
 * known then) and the alerts are raised after the write has committed, so
 * an alert never names a link the store does not hold. Listeners (the SSE
 * stream, the webhook worker) are told when new alert events exist.
 */
import { resolveAlertOptions, type AlertOptions } from './defaults.js';
import { evaluateAlerts } from './evaluate.js';
import type { AlertBatch, AlertCandidate, AlertContext, AlertRule, Severity } from './types.js';

/** Where a batch came from, kept with the alerts it raises. */
export interface RaiseMeta {
  /** `api`, `cli`, `screening`, … */
  via: string;
  /** Who sent it (API key id), when known. */
  actor?: string | null;
  /** Request id, when there is one. */
  requestId?: string | null;
  /** The batch's input files. */
  files?: Array<{ file: string; sha256: string }>;
}

/** One alert as the sink reports it after raising. */
export interface RaisedAlertRef {
  id: string;
  key: string;
  rule: AlertRule;
  entity: string;
  rings: string[];
  severity: Severity;
  /** The event recording this change. */
  eventId: number;
  change: 'raised' | 'evidence';
}

export interface RaiseOutcome {
  raised: RaisedAlertRef[];
  /** Stored alerts that got new evidence (deduplicated, not raised again). */
  updated: RaisedAlertRef[];
  /** Candidates that brought nothing new to their stored alert. */
  unchanged: number;
  /** Highest event id written, null when none. */
  lastEventId: number | null;
}

export interface AlertSink {
  raise(candidates: readonly AlertCandidate[], meta: RaiseMeta): Promise<RaiseOutcome>;
}

export type AlertBackend = AlertContext & AlertSink;

/** Told that alert events up to `lastEventId` exist (raised, updated, or changed by an analyst). */
export type AlertListener = (lastEventId: number) => void;

export interface WithAlertsResult<T> {
  result: T;
  alerts: RaiseOutcome;
  /** Candidates the rules produced (before deduplication against stored alerts). */
  candidates: number;
  timings: { evaluateMs: number; raiseMs: number };
}

export const EMPTY_OUTCOME: Readonly<RaiseOutcome> = Object.freeze({ raised: [], updated: [], unchanged: 0, lastEventId: null });

export class AlertService {
  readonly options: AlertOptions;
  private readonly listeners = new Set<AlertListener>();

  constructor(
    readonly backend: AlertBackend,
    options: Partial<AlertOptions> = {},
  ) {
    this.options = resolveAlertOptions(options);
  }

  /** The rules on a batch, against the store as it is now. Nothing is written. */
  evaluate(batch: AlertBatch): Promise<AlertCandidate[]> {
    return evaluateAlerts(batch, this.backend, this.options);
  }

  /** Persists candidates (deduplicated) and tells the listeners. */
  async raise(candidates: readonly AlertCandidate[], meta: RaiseMeta): Promise<RaiseOutcome> {
    if (candidates.length === 0) return { ...EMPTY_OUTCOME, raised: [], updated: [] };
    const outcome = await this.backend.raise(candidates, meta);
    if (outcome.lastEventId !== null) this.notify(outcome.lastEventId);
    return outcome;
  }

  /**
   * Evaluates the rules on `batch`, runs `write` (the store write of the
   * same batch), then raises the alerts. When `write` fails nothing is
   * raised; run the two inside the caller's write lock so that no other
   * batch lands in between.
   */
  async withAlerts<T>(batch: AlertBatch, write: () => Promise<T>, meta: RaiseMeta): Promise<WithAlertsResult<T>> {
    let t = performance.now();
    const candidates = await this.evaluate(batch);
    const evaluateMs = performance.now() - t;
    const result = await write();
    t = performance.now();
    const alerts = await this.raise(candidates, meta);
    return { result, alerts, candidates: candidates.length, timings: { evaluateMs, raiseMs: performance.now() - t } };
  }

  onEvents(listener: AlertListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the listeners that events up to `lastEventId` exist (call after any alert change). */
  notify(lastEventId: number): void {
    for (const l of this.listeners) {
      try {
        l(lastEventId);
      } catch {
        // A listener's failure is its own; the others are still told.
      }
    }
  }
}
