/**
 * Alerting inside the query service: the store's AlertStore (persistence,
 * the rules' context), core's AlertService (rules around an ingest), the
 * SSE stream and the webhook worker, started and stopped together.
 *
 * Opening is lazy and retried: the alert schema is asserted on first use,
 * so `createApp` stays synchronous and a Neo4j that is down at start-up
 * only delays alerting. `start()` (called by createApp) opens in the
 * background, then starts the stream and the worker, which resumes the
 * pending deliveries of earlier runs. `stop()` ends the SSE streams
 * (clients resume elsewhere with Last-Event-ID) and lets the attempts in
 * flight finish; their deliveries stay in the outbox.
 *
 * Options come from the environment through `loadAlertConfig(env)` (see
 * the README, "Alerts"), or from the caller (tests use short retry delays).
 */
import { z } from 'zod';
import { AlertService, EMPTY_OUTCOME, type AlertBackend, type AlertBatch, type AlertOptions, type RaiseMeta, type RaiseOutcome } from '@ringlink/core';
import { AlertStore, type AlertEvent, type Neo4jStore } from '@ringlink/store-neo4j';
import { RinglinkError } from '@ringlink/model';
import type { Logger } from '../http/logging.js';
import { loggableError } from '../http/logging.js';
import { ALERT_STREAM_DEFAULTS, AlertStream, type AlertStreamOptions } from './alert-stream.js';
import { WEBHOOK_WORKER_DEFAULTS, WebhookWorker, type WebhookWorkerOptions } from './webhook-worker.js';

export interface AlertRuntimeOptions {
  stream: AlertStreamOptions;
  webhooks: WebhookWorkerOptions;
  rules: Partial<AlertOptions>;
}

export interface AlertRuntimeOverrides {
  stream?: Partial<AlertStreamOptions>;
  webhooks?: Partial<WebhookWorkerOptions>;
  rules?: Partial<AlertOptions>;
}

const ms = (min: number, max: number) =>
  z.string().trim().regex(/^\d+$/, 'expected a whole number of milliseconds').transform(Number).pipe(z.number().int().min(min).max(max));

const AlertEnvSchema = z.object({
  RINGLINK_ALERT_POLL_MS: ms(50, 60_000).optional(),
  RINGLINK_SSE_HEARTBEAT_MS: ms(1000, 300_000).optional(),
  RINGLINK_WEBHOOK_TIMEOUT_MS: ms(100, 120_000).optional(),
  RINGLINK_WEBHOOK_RETRY_BASE_MS: ms(10, 3_600_000).optional(),
  RINGLINK_WEBHOOK_RETRY_MAX_MS: ms(10, 86_400_000).optional(),
  RINGLINK_WEBHOOK_MAX_ATTEMPTS: ms(0, 1_000_000).optional(),
  RINGLINK_WEBHOOK_MAX_AGE_MS: ms(1000, 90 * 86_400_000).optional(),
});

/** Alert options from the environment (only the variables that are set); INVALID_ARGUMENT naming every bad one. */
export function loadAlertConfig(env: Record<string, string | undefined>): AlertRuntimeOverrides {
  const input = Object.fromEntries(Object.keys(AlertEnvSchema.shape).map((k) => [k, env[k]?.trim() ? env[k] : undefined]));
  const parsed = AlertEnvSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new RinglinkError('INVALID_ARGUMENT', `query-api: bad environment: ${problems.join('; ')}`, { details: problems });
  }
  const e = parsed.data;
  const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    stream: defined({ pollMs: e.RINGLINK_ALERT_POLL_MS, heartbeatMs: e.RINGLINK_SSE_HEARTBEAT_MS }),
    webhooks: defined({
      pollMs: e.RINGLINK_ALERT_POLL_MS,
      timeoutMs: e.RINGLINK_WEBHOOK_TIMEOUT_MS,
      retryBaseMs: e.RINGLINK_WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: e.RINGLINK_WEBHOOK_RETRY_MAX_MS,
      maxAttempts: e.RINGLINK_WEBHOOK_MAX_ATTEMPTS,
      maxAgeMs: e.RINGLINK_WEBHOOK_MAX_AGE_MS,
    }),
  };
}

export function resolveAlertRuntimeOptions(o: AlertRuntimeOverrides = {}): AlertRuntimeOptions {
  const webhooks = { ...WEBHOOK_WORKER_DEFAULTS, ...o.webhooks };
  if (webhooks.leaseMs <= webhooks.timeoutMs) webhooks.leaseMs = webhooks.timeoutMs * 2 + 1000;
  return { stream: { ...ALERT_STREAM_DEFAULTS, ...o.stream }, webhooks, rules: { ...o.rules } };
}

interface Opened {
  store: AlertStore;
  service: AlertService;
}

export class AlertRuntime {
  readonly options: AlertRuntimeOptions;
  readonly stream: AlertStream;
  readonly worker: WebhookWorker;
  private opening: Promise<Opened> | undefined;
  private wanted = false;
  private stopped = false;

  constructor(
    private readonly graphStore: Neo4jStore,
    private readonly logger: Logger,
    overrides: AlertRuntimeOverrides = {},
    version = 'dev',
  ) {
    this.options = resolveAlertRuntimeOptions(overrides);
    this.options.webhooks.userAgent = `ringlink-webhooks/${version}`;
    const log = (what: string) => (err: unknown) => this.logger.error({ err: loggableError(err) }, what);
    this.stream = new AlertStream(async () => (await this.ready()).store, this.options.stream, log('alert stream: reading events failed'));
    this.worker = new WebhookWorker(async () => (await this.ready()).store, this.options.webhooks, log('webhooks: delivery round failed'), (d, a) => {
      if (a.error !== null) this.logger.warn({ webhook: d.webhookId, delivery: d.id, attempt: a.attempt, status: a.status, error: a.error }, 'webhook delivery failed');
    });
  }

  /** The alert store and service, opened once (retried after a failure). */
  ready(): Promise<Opened> {
    this.opening ??= (async () => {
      // New deliveries are leased to this process's worker in the raise itself, and the raise's events are
      // handed to the stream: a new alert reaches SSE clients and webhooks without another round trip to Neo4j.
      const store = await AlertStore.open(this.graphStore, { deliveryLease: { owner: this.worker.owner, leaseMs: this.options.webhooks.leaseMs } });
      const backend: AlertBackend = {
        resolve: (keys) => store.resolve(keys),
        entityFacts: (ids) => store.entityFacts(ids),
        resolveWithFacts: (keys) => store.resolveWithFacts(keys),
        existingLinks: (ids) => store.existingLinks(ids),
        existingRecords: (keys) => store.existingRecords(keys),
        watchlistMatches: (keys) => store.watchlistMatches(keys),
        ringTie: (member, ring) => store.ringTie(member, ring),
        stage: (candidates, meta) => store.stage(candidates, meta),
        staged: () => store.staged(),
        settle: (id, waiting) => store.settle(id, waiting),
        raise: async (candidates, meta) => {
          const out = await store.raise(candidates, meta);
          this.publish(out.events);
          if (this.worker.active) this.worker.sendNow(out.leased);
          else if (out.leased.length > 0) await store.releaseDeliveries(out.leased.map((d) => d.id), this.worker.owner);
          return out;
        },
      };
      const service = new AlertService(backend, this.options.rules);
      // Events of this process were published above; the kick only reads when some are missing. New deliveries
      // went to the worker with their lease (sendNow); it finds other processes' on its own polls.
      service.onEvents((lastEventId) => this.stream.kick(lastEventId));
      if (this.wanted && !this.stopped) this.startParts();
      return { store, service };
    })();
    this.opening.catch(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private startParts(): void {
    this.stream.start().catch((err) => this.logger.error({ err: loggableError(err) }, 'alert stream did not start'));
    this.worker.start();
  }

  /** Opens in the background and starts the stream and the worker; failures are logged and retried on use. */
  start(): void {
    this.wanted = true;
    this.ready().catch((err) => this.logger.error({ err: loggableError(err) }, 'alerts are not available yet (Neo4j?); retrying on first use'));
  }

  /** The rules around one store write (see core's AlertService.withAlerts). */
  async withAlerts<T>(batch: AlertBatch, write: () => Promise<T>, meta: RaiseMeta): Promise<{ result: T; alerts: RaiseOutcome }> {
    const { service } = await this.ready();
    const out = await service.withAlerts(batch, write, meta);
    if (out.recovered.raised.length + out.recovered.updated.length > 0) {
      this.logger.warn(
        { raised: out.recovered.raised.length, updated: out.recovered.updated.length },
        'alerts staged by an earlier ingest that stopped before raising them were raised now',
      );
    }
    if (out.alerts.raised.length + out.alerts.updated.length > 0) {
      this.logger.info(
        { raised: out.alerts.raised.length, updated: out.alerts.updated.length, evaluateMs: Math.round(out.timings.evaluateMs * 10) / 10, raiseMs: Math.round(out.timings.raiseMs * 10) / 10 },
        'alerts raised by an ingest',
      );
    }
    return { result: out.result, alerts: out.alerts };
  }

  /** Events this process just wrote: to the SSE clients at once. */
  publish(events: readonly AlertEvent[]): void {
    this.stream.publish(events);
  }

  /** Tells the stream and the worker that events up to `eventId` exist. */
  notify(eventId: number): void {
    void this.ready().then(({ service }) => service.notify(eventId));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stream.stop();
    await this.worker.stop();
  }
}

/** Runs `write` with the alert rules around it when alerting is on, else just `write`. */
export async function writeWithAlerts<T>(
  alerts: AlertRuntime | undefined,
  batch: AlertBatch,
  write: () => Promise<T>,
  meta: RaiseMeta,
): Promise<{ result: T; alerts: RaiseOutcome }> {
  if (alerts === undefined) return { result: await write(), alerts: { ...EMPTY_OUTCOME, raised: [], updated: [] } };
  return alerts.withAlerts(batch, write, meta);
}
