/**
 * Delivers the webhook outbox (store-neo4j alerts/webhooks.ts): claims due
 * deliveries with a lease, POSTs each one signed (signature.ts), and
 * records every attempt. At least once: a delivery stays pending until a
 * receiver answers 2xx, across restarts of the service (the outbox is in
 * Neo4j; a new worker starts with whatever is pending); receivers
 * deduplicate by the Idempotency-Key header.
 *
 * Retries back off exponentially per delivery: retryBaseMs × 2^(attempt−1),
 * capped at retryMaxMs, ±10 % jitter. A delivery is given up (`failed`)
 * after maxAttempts attempts or once older than maxAgeMs. While a webhook
 * fails, its other deliveries wait behind the failing one (one attempt per
 * retry window instead of a burst against a receiver that is down); the
 * first success lets them all through, oldest first.
 *
 * A 2xx answer is success; anything else (3xx included: redirects are not
 * followed), a refused connection or a timeout is a failure.
 */
import { randomUUID } from 'node:crypto';
import type { AlertStore, ClaimedDelivery, DeliveryAttempt, LeasedDelivery } from '@ringlink/store-neo4j';
import { WEBHOOK_HEADERS, signWebhook } from './signature.js';

export interface WebhookWorkerOptions {
  /** Time a receiver has to answer one attempt, ms. */
  timeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Attempts before a delivery is given up (0: no limit, only maxAgeMs). */
  maxAttempts: number;
  /** A delivery older than this is given up after its next failure, ms. */
  maxAgeMs: number;
  /** How often the outbox is read for deliveries queued by other processes, ms. */
  pollMs: number;
  /** Lease on a claimed delivery, ms (longer than timeoutMs). */
  leaseMs: number;
  /** Deliveries claimed per round. */
  batch: number;
  /** Sent as User-Agent. */
  userAgent: string;
}

export const WEBHOOK_WORKER_DEFAULTS: Readonly<WebhookWorkerOptions> = Object.freeze({
  timeoutMs: 5000,
  retryBaseMs: 1000,
  retryMaxMs: 5 * 60_000,
  maxAttempts: 0,
  maxAgeMs: 3 * 24 * 3600_000,
  pollMs: 1000,
  leaseMs: 30_000,
  batch: 50,
  userAgent: 'ringlink-webhooks',
});

export function backoffMs(attempt: number, o: Pick<WebhookWorkerOptions, 'retryBaseMs' | 'retryMaxMs'>, random: () => number = Math.random): number {
  const base = Math.min(o.retryMaxMs, o.retryBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(base * (0.9 + 0.2 * random())));
}

type Outbox = Pick<AlertStore, 'claimDeliveries' | 'recordAttempt' | 'nextDeliveryDue' | 'releaseDeliveries'>;

export class WebhookWorker {
  readonly owner = `worker-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /** Webhooks failing right now: not tried again before this time (epoch ms). */
  private readonly blocked = new Map<string, number>();

  constructor(
    private readonly outbox: () => Promise<Outbox>,
    readonly options: WebhookWorkerOptions = WEBHOOK_WORKER_DEFAULTS,
    private readonly onError: (err: unknown) => void = () => {},
    private readonly onAttempt: (d: ClaimedDelivery, a: DeliveryAttempt) => void = () => {},
  ) {}

  /** Started and not stopped. */
  get active(): boolean {
    return !this.stopped;
  }

  /** Starts delivering (pending deliveries of earlier runs first). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.kick();
  }

  /** Deliveries may be due: run a round now. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.running = this.round()
      .catch((err) => {
        this.onError(err);
        return this.options.pollMs;
      })
      .then((delay) => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
        } else {
          this.schedule(delay);
        }
      });
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, Math.max(1, delay));
    this.timer.unref();
  }

  /** One round; returns the delay until the next one. Reads first: an idle outbox costs one read per poll, no write. */
  private async round(): Promise<number> {
    const outbox = await this.outbox();
    const now = Date.now();
    for (const [id, until] of this.blocked) if (until <= now) this.blocked.delete(id);
    const skipWebhooks = [...this.blocked.keys()];
    const due = await outbox.nextDeliveryDue({ nowMs: now, skipWebhooks });
    if (due !== null && due <= now) {
      const claimed = await outbox.claimDeliveries({ nowMs: now, limit: this.options.batch, leaseMs: this.options.leaseMs, owner: this.owner, skipWebhooks });
      const byHook = new Map<string, ClaimedDelivery[]>();
      for (const d of claimed) byHook.set(d.webhookId, [...(byHook.get(d.webhookId) ?? []), d]);
      await Promise.all(
        [...byHook.values()].map(async (list) => {
          for (let i = 0; i < list.length; i++) {
            if (this.stopped) {
              await outbox.releaseDeliveries(list.slice(i).map((d) => d.id), this.owner);
              return;
            }
            const ok = await this.attempt(outbox, list[i]!);
            if (!ok) {
              await outbox.releaseDeliveries(list.slice(i + 1).map((d) => d.id), this.owner);
              return;
            }
          }
        }),
      );
      if (claimed.length >= this.options.batch) return 0;
    }
    const after = Date.now();
    const next = await outbox.nextDeliveryDue({ nowMs: after, skipWebhooks: [...this.blocked.keys()] });
    const blockedUntil = this.blocked.size > 0 ? Math.min(...this.blocked.values()) : Infinity;
    const at = Math.min(next ?? Infinity, blockedUntil, after + this.options.pollMs);
    // Never spin: something due that could not be claimed (a race with another worker) waits a little.
    return Math.max(10, at - after);
  }

  private async attempt(outbox: Outbox, d: ClaimedDelivery): Promise<boolean> {
    const n = d.attempts + 1;
    const at = new Date();
    const timestamp = Math.floor(at.getTime() / 1000);
    const t = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': this.options.userAgent,
          [WEBHOOK_HEADERS.event]: d.type,
          [WEBHOOK_HEADERS.delivery]: d.id,
          [WEBHOOK_HEADERS.idempotencyKey]: d.id,
          [WEBHOOK_HEADERS.attempt]: String(n),
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(d.secret, timestamp, d.body),
        },
        body: d.body,
      });
      status = res.status;
      await res.body?.cancel().catch(() => {});
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      error = e.name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : (e.cause?.code ?? e.message ?? String(err)).slice(0, 200);
    }
    const attempt: DeliveryAttempt = { attempt: n, at: at.toISOString(), status, durationMs: Math.round((performance.now() - t) * 10) / 10, error };
    const ok = error === null;
    let next: number | null = null;
    if (!ok) {
      const giveUp =
        (this.options.maxAttempts > 0 && n >= this.options.maxAttempts) || Date.now() - Date.parse(d.createdAt) > this.options.maxAgeMs;
      next = giveUp ? null : Date.now() + backoffMs(n, this.options);
      if (next !== null) this.blocked.set(d.webhookId, next);
    }
    await outbox.recordAttempt(d.id, this.owner, attempt, { ok, next });
    this.onAttempt(d, attempt);
    return ok;
  }

  /**
   * Sends deliveries a raise has just queued and leased to this worker
   * (`owner`), without claiming them: the fast path of a new alert. A
   * webhook that is failing right now is not tried; its deliveries are
   * given back to the outbox and wait their turn.
   */
  sendNow(leased: readonly LeasedDelivery[]): void {
    if (leased.length === 0) return;
    const byHook = new Map<string, LeasedDelivery[]>();
    for (const d of leased) byHook.set(d.webhookId, [...(byHook.get(d.webhookId) ?? []), d]);
    const work = (async () => {
      const outbox = await this.outbox();
      await Promise.all(
        [...byHook].map(async ([hook, list]) => {
          for (let i = 0; i < list.length; i++) {
            const until = this.blocked.get(hook);
            if (this.stopped || (until !== undefined && until > Date.now())) {
              await outbox.releaseDeliveries(list.slice(i).map((d) => d.id), this.owner);
              return;
            }
            const d = list[i]!;
            const claimed: ClaimedDelivery = {
              ...d, status: 'pending', nextAttemptAt: Date.parse(d.createdAt), lastStatus: null, lastError: null, deliveredAt: null, log: [],
            };
            if (!(await this.attempt(outbox, claimed))) {
              await outbox.releaseDeliveries(list.slice(i + 1).map((x) => x.id), this.owner);
              return;
            }
          }
        }),
      );
    })().catch((err) => this.onError(err));
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private readonly inFlight = new Set<Promise<void>>();

  /** Stops after the attempts in flight; their deliveries stay in the outbox. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    await Promise.all([...this.inFlight]);
  }

  /** Resolves when no round is running (tests). */
  async idle(): Promise<void> {
    while (this.running || this.inFlight.size > 0) {
      await this.running;
      await Promise.all([...this.inFlight]);
    }
  }
}
