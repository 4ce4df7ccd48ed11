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
 *
 * Between the write and the raise a process can stop (a crash, a kill, a
 * lost connection). Once the write has committed, the batch is no longer
 * "new" and evaluating it again finds nothing, so those alerts would be
 * lost. When the backend is also an AlertOutbox, the candidates are staged
 * in the store before the write and settled after the raise; every
 * withAlerts first raises what an earlier run staged and did not settle,
 * as soon as the links (or records) it names are stored. Raising twice is
 * harmless: the sink deduplicates by alert key.
 */
import { resolveAlertOptions, type AlertOptions } from './defaults.js';
import { evaluateAlerts } from './evaluate.js';
import { recordKey, type AlertBatch, type AlertCandidate, type AlertContext, type AlertRule, type Severity } from './types.js';

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

/** Candidates staged before the write they wait for. */
export interface StagedAlerts {
  id: string;
  stagedAt: string;
  candidates: AlertCandidate[];
  meta: RaiseMeta;
}

/** Keeps evaluated candidates in the store across the write they wait for (see the module comment). */
export interface AlertOutbox {
  /** Stages candidates before their write; returns the staged batch's id. */
  stage(candidates: readonly AlertCandidate[], meta: RaiseMeta): Promise<string>;
  /** Staged batches not settled yet, oldest first. */
  staged(): Promise<StagedAlerts[]>;
  /** Keeps only `waiting` of a staged batch, or removes it when none are left. */
  settle(id: string, waiting: readonly AlertCandidate[]): Promise<void>;
}

export type AlertBackend = AlertContext & AlertSink & Partial<AlertOutbox>;

/** Told that alert events up to `lastEventId` exist (raised, updated, or changed by an analyst). */
export type AlertListener = (lastEventId: number) => void;

export interface WithAlertsResult<T> {
  result: T;
  alerts: RaiseOutcome;
  /** Alerts staged by an earlier call that stopped before raising them, raised now. */
  recovered: RaiseOutcome;
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
   * raised now; with an outbox, candidates whose links the failed write did
   * store are raised by a later call. Run the two inside the caller's
   * write lock so that no other batch lands in between.
   */
  async withAlerts<T>(batch: AlertBatch, write: () => Promise<T>, meta: RaiseMeta): Promise<WithAlertsResult<T>> {
    const recovered = await this.raiseStaged();
    let t = performance.now();
    const candidates = await this.evaluate(batch);
    const evaluateMs = performance.now() - t;
    const staged = candidates.length > 0 && this.backend.stage ? await this.backend.stage(candidates, meta) : undefined;
    const result = await write();
    t = performance.now();
    const alerts = await this.raise(candidates, meta);
    if (staged !== undefined) await this.backend.settle!(staged, []);
    return { result, alerts, recovered, candidates: candidates.length, timings: { evaluateMs, raiseMs: performance.now() - t } };
  }

  /**
   * Raises the staged candidates whose links (or, without links, records)
   * are now stored, with the meta of the batch that staged them, and
   * settles each staged batch. The rest keep waiting.
   */
  async raiseStaged(): Promise<RaiseOutcome> {
    const outcome: RaiseOutcome = { ...EMPTY_OUTCOME, raised: [], updated: [] };
    if (!this.backend.staged || !this.backend.settle) return outcome;
    for (const batch of await this.backend.staged()) {
      const linkIds = [...new Set(batch.candidates.flatMap((c) => c.links.map((l) => l.linkId)))];
      const keys = [...new Set(batch.candidates.filter((c) => c.links.length === 0).flatMap((c) => c.records.map(recordKey)))];
      const links = linkIds.length > 0 ? await this.backend.existingLinks(linkIds) : new Set<string>();
      const records = keys.length > 0 ? await this.backend.existingRecords(keys) : new Set<string>();
      const isStored = (c: AlertCandidate): boolean =>
        c.links.length > 0 ? c.links.every((l) => links.has(l.linkId)) : c.records.length > 0 && c.records.every((r) => records.has(recordKey(r)));
      const due = batch.candidates.filter(isStored);
      if (due.length > 0) {
        const out = await this.raise(due, batch.meta);
        outcome.raised.push(...out.raised);
        outcome.updated.push(...out.updated);
        outcome.unchanged += out.unchanged;
        if (out.lastEventId !== null) outcome.lastEventId = Math.max(outcome.lastEventId ?? 0, out.lastEventId);
      }
      await this.backend.settle(batch.id, batch.candidates.filter((c) => !isStored(c)));
    }
    return outcome;
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
