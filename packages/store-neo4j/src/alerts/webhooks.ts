/**
 * Webhooks and their outbox, in Neo4j.
 *
 *   (:Webhook {id, url, secret, description, rules, minSeverity, active, createdAt, createdBy})
 *   (:WebhookDelivery {id, webhookId, alertId, eventId, type, body, status, attempts,
 *                      nextAttemptAt, leaseUntil, leaseOwner, lastStatus, lastError,
 *                      createdAt, deliveredAt, log})
 *
 * A delivery is written in the same transaction as the alert it carries
 * (see alert-store.ts), so an alert that exists has its deliveries queued:
 * the outbox. Its id is derived from the webhook and the alert, so it is
 * the idempotency key receivers see, the same on every attempt. `body` is
 * the exact JSON sent (and signed) on every attempt.
 *
 * Status: `pending` (with `nextAttemptAt`, epoch ms) → `delivered`, or
 * `failed` when the retry budget is spent. A worker claims due deliveries
 * with a lease (`leaseUntil`, `leaseOwner`), so two workers never send the
 * same delivery at once and a worker that dies mid-attempt loses its claim
 * when the lease ends. `log` keeps the last attempts (JSON strings).
 */
import { createHash, randomBytes } from 'node:crypto';
import { RinglinkError } from '@ringlink/model';
import { int, toSafeNumber } from '../integers.js';
import type { Tx } from '../session.js';
import { ALERT_LABELS } from './schema.js';
import { SEVERITY_ORDER, type AlertRuleName, type SeverityName, type StoredAlert } from './types.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Webhook {
  id: string;
  url: string;
  description: string | null;
  /** Rules delivered; null: all. */
  rules: AlertRuleName[] | null;
  /** Least severity delivered; null: all. */
  minSeverity: SeverityName | null;
  active: boolean;
  createdAt: string;
  createdBy: string | null;
}

export interface WebhookWithSecret extends Webhook {
  secret: string;
}

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  /** HTTP status, null when no answer came (refused, timeout). */
  status: number | null;
  durationMs: number;
  error: string | null;
}

export interface Delivery {
  id: string;
  webhookId: string;
  alertId: string;
  eventId: number;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  /** Epoch ms of the next attempt (pending only). */
  nextAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  log: DeliveryAttempt[];
}

/** A claimed delivery: what a worker needs to send it. */
export interface ClaimedDelivery extends Delivery {
  url: string;
  secret: string;
  body: string;
}

/** Attempts kept in a delivery's log. */
export const DELIVERY_LOG_LIMIT = 20;

/** `whd-` + 32 hex of SHA-256(webhook id, alert id): stable per alert and webhook. */
export function deliveryIdOf(webhookId: string, alertId: string): string {
  return `whd-${createHash('sha256').update(`${webhookId}\u0000${alertId}`, 'utf8').digest('hex').slice(0, 32)}`;
}

export const newWebhookId = (): string => `wh-${randomBytes(8).toString('hex')}`;
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

export function webhookFromProps(p: Record<string, unknown>): WebhookWithSecret {
  return {
    id: String(p.id),
    url: String(p.url),
    secret: String(p.secret),
    description: (p.description as string | null | undefined) ?? null,
    rules: (p.rules as AlertRuleName[] | null | undefined) ?? null,
    minSeverity: (p.minSeverity as SeverityName | null | undefined) ?? null,
    active: p.active !== false,
    createdAt: String(p.createdAt),
    createdBy: (p.createdBy as string | null | undefined) ?? null,
  };
}

export function publicWebhook(w: WebhookWithSecret): Webhook {
  const { secret: _s, ...rest } = w;
  return rest;
}

export function deliveryFromProps(p: Record<string, unknown>): Delivery {
  const log = ((p.log as string[] | undefined) ?? []).map((s) => {
    try {
      return JSON.parse(s) as DeliveryAttempt;
    } catch {
      return null;
    }
  }).filter((x): x is DeliveryAttempt => x !== null);
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : toSafeNumber(v));
  return {
    id: String(p.id),
    webhookId: String(p.webhookId),
    alertId: String(p.alertId),
    eventId: toSafeNumber(p.eventId),
    type: String(p.type),
    status: p.status as DeliveryStatus,
    attempts: toSafeNumber(p.attempts ?? 0),
    nextAttemptAt: num(p.nextAttemptAt),
    lastStatus: num(p.lastStatus),
    lastError: (p.lastError as string | null | undefined) ?? null,
    createdAt: String(p.createdAt),
    deliveredAt: (p.deliveredAt as string | null | undefined) ?? null,
    log,
  };
}

/** Whether a webhook wants an alert (its rule and severity filters). */
export function webhookWants(w: Pick<Webhook, 'rules' | 'minSeverity' | 'active'>, alert: Pick<StoredAlert, 'rule' | 'severity'>): boolean {
  if (!w.active) return false;
  if (w.rules !== null && w.rules.length > 0 && !w.rules.includes(alert.rule)) return false;
  if (w.minSeverity !== null && SEVERITY_ORDER[alert.severity] < SEVERITY_ORDER[w.minSeverity]) return false;
  return true;
}

/** The body sent to a webhook for an alert event: the exact bytes signed and re-sent on every attempt. */
export function deliveryBody(d: { id: string; webhookId: string; eventId: number; type: string }, alert: StoredAlert): string {
  return JSON.stringify({ type: d.type, eventId: d.eventId, deliveryId: d.id, webhookId: d.webhookId, alert });
}

// ---------------------------------------------------------------- registry

export async function insertWebhook(
  tx: Tx,
  input: { url: string; secret?: string; description?: string | null; rules?: AlertRuleName[] | null; minSeverity?: SeverityName | null },
  by: string | null,
  now: string,
): Promise<WebhookWithSecret> {
  const w: WebhookWithSecret = {
    id: newWebhookId(),
    url: input.url,
    secret: input.secret ?? newWebhookSecret(),
    description: input.description ?? null,
    rules: input.rules && input.rules.length > 0 ? [...new Set(input.rules)] : null,
    minSeverity: input.minSeverity ?? null,
    active: true,
    createdAt: now,
    createdBy: by,
  };
  await tx.run(`CREATE (w:${ALERT_LABELS.Webhook}) SET w = $props`, { props: { ...w } });
  return w;
}

export async function readWebhooks(tx: Tx): Promise<WebhookWithSecret[]> {
  const res = await tx.run(`MATCH (w:${ALERT_LABELS.Webhook}) RETURN properties(w) AS w ORDER BY w.createdAt, w.id`);
  return res.records.map((r) => webhookFromProps(r.get('w') as Record<string, unknown>));
}

export async function readWebhook(tx: Tx, id: string): Promise<WebhookWithSecret | undefined> {
  const rec = (await tx.run(`MATCH (w:${ALERT_LABELS.Webhook} {id: $id}) RETURN properties(w) AS w`, { id })).records[0];
  return rec ? webhookFromProps(rec.get('w') as Record<string, unknown>) : undefined;
}

/** Deletes a webhook and its outbox (pending deliveries are dropped with it). */
export async function removeWebhook(tx: Tx, id: string): Promise<boolean> {
  const rec = (
    await tx.run(
      [
        `MATCH (w:${ALERT_LABELS.Webhook} {id: $id})`,
        `CALL { WITH w MATCH (d:${ALERT_LABELS.WebhookDelivery} {webhookId: w.id}) DELETE d RETURN count(*) AS deliveries }`,
        'DELETE w',
        'RETURN deliveries',
      ].join('\n'),
      { id },
    )
  ).records[0];
  return rec !== undefined;
}

// ---------------------------------------------------------------- outbox

export interface DeliveryRow {
  id: string;
  webhookId: string;
  alertId: string;
  eventId: number;
  type: string;
  body: string;
}

/** The properties of a new (pending) delivery; with `lease`, already claimed by that worker. */
export function deliveryProps(
  row: DeliveryRow,
  now: string,
  nowMs: number,
  lease: { owner: string; untilMs: number } | null,
): Record<string, unknown> {
  return {
    id: row.id,
    webhookId: row.webhookId,
    alertId: row.alertId,
    eventId: int(row.eventId),
    type: row.type,
    body: row.body,
    status: 'pending',
    attempts: int(0),
    nextAttemptAt: int(nowMs),
    createdAt: now,
    log: [],
    leaseOwner: lease?.owner ?? null,
    leaseUntil: lease ? int(lease.untilMs) : null,
  };
}

/**
 * Claims up to `limit` due deliveries (pending, `nextAttemptAt` ≤ now, not
 * leased), oldest event first, skipping webhooks in `skipWebhooks`.
 */
export async function claimDue(
  tx: Tx,
  o: { nowMs: number; limit: number; leaseMs: number; owner: string; skipWebhooks: readonly string[] },
): Promise<ClaimedDelivery[]> {
  const res = await tx.run(
    [
      `MATCH (d:${ALERT_LABELS.WebhookDelivery})`,
      "WHERE d.nextAttemptAt <= $now AND d.status = 'pending' AND coalesce(d.leaseUntil, 0) < $now AND NOT d.webhookId IN $skip",
      'WITH d ORDER BY d.eventId, d.id LIMIT $limit',
      `MATCH (w:${ALERT_LABELS.Webhook} {id: d.webhookId})`,
      'SET d.leaseUntil = $now + $leaseMs, d.leaseOwner = $owner',
      'RETURN properties(d) AS d, w.url AS url, w.secret AS secret',
    ].join('\n'),
    { now: int(o.nowMs), limit: int(o.limit), leaseMs: int(o.leaseMs), owner: o.owner, skip: [...o.skipWebhooks] },
  );
  return res.records.map((r) => {
    const p = r.get('d') as Record<string, unknown>;
    return { ...deliveryFromProps(p), url: r.get('url') as string, secret: r.get('secret') as string, body: String(p.body) };
  });
}

/**
 * Records one attempt. `next`: epoch ms of the next attempt after a
 * failure, or null when the delivery succeeded (`ok`) or gave up. Only
 * the lease owner may record (a stale worker's late answer is ignored).
 */
export async function recordAttempt(
  tx: Tx,
  id: string,
  owner: string,
  attempt: DeliveryAttempt,
  outcome: { ok: boolean; next: number | null },
): Promise<Delivery | undefined> {
  const status: DeliveryStatus = outcome.ok ? 'delivered' : outcome.next === null ? 'failed' : 'pending';
  const rec = (
    await tx.run(
      [
        `MATCH (d:${ALERT_LABELS.WebhookDelivery} {id: $id})`,
        'WHERE d.leaseOwner = $owner',
        'SET d.attempts = d.attempts + 1, d.status = $status, d.lastStatus = $httpStatus, d.lastError = $error,',
        '    d.nextAttemptAt = $next, d.leaseUntil = null, d.leaseOwner = null,',
        '    d.deliveredAt = CASE WHEN $ok THEN $at ELSE d.deliveredAt END,',
        `    d.log = (coalesce(d.log, []) + [$entry])[-${DELIVERY_LOG_LIMIT}..]`,
        'RETURN properties(d) AS d',
      ].join('\n'),
      {
        id,
        owner,
        status,
        ok: outcome.ok,
        at: attempt.at,
        httpStatus: attempt.status === null ? null : int(attempt.status),
        error: attempt.error,
        next: outcome.next === null ? null : int(outcome.next),
        entry: JSON.stringify(attempt),
      },
    )
  ).records[0];
  return rec ? deliveryFromProps(rec.get('d') as Record<string, unknown>) : undefined;
}

/** Gives claimed deliveries back (not attempted): the next round may claim them at once. */
export async function releaseClaims(tx: Tx, ids: readonly string[], owner: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.run(
    `UNWIND $ids AS id MATCH (d:${ALERT_LABELS.WebhookDelivery} {id: id}) WHERE d.leaseOwner = $owner SET d.leaseUntil = null, d.leaseOwner = null`,
    { ids: [...ids], owner },
  );
}

/**
 * Epoch ms of the earliest pending attempt, null when nothing is pending.
 * With `o`: the earliest a worker could claim one — a leased delivery when
 * its lease ends, deliveries of `skipWebhooks` not at all.
 */
export async function nextDue(tx: Tx, o?: { nowMs: number; skipWebhooks: readonly string[] }): Promise<number | null> {
  const rec = (
    o === undefined
      ? await tx.run(`MATCH (d:${ALERT_LABELS.WebhookDelivery}) WHERE d.nextAttemptAt >= 0 RETURN d.nextAttemptAt AS at ORDER BY d.nextAttemptAt LIMIT 1`)
      : await tx.run(
          [
            `MATCH (d:${ALERT_LABELS.WebhookDelivery}) WHERE d.nextAttemptAt >= 0 AND NOT d.webhookId IN $skip`,
            'WITH CASE WHEN coalesce(d.leaseUntil, 0) > d.nextAttemptAt THEN d.leaseUntil ELSE d.nextAttemptAt END AS at',
            'RETURN min(at) AS at',
          ].join('\n'),
          { skip: [...o.skipWebhooks] },
        )
  ).records[0];
  const at = rec?.get('at');
  return at === null || at === undefined ? null : toSafeNumber(at);
}

export async function readDeliveries(
  tx: Tx,
  webhookId: string,
  o: { offset: number; limit: number; status?: DeliveryStatus },
): Promise<{ items: Delivery[]; total: number }> {
  const where = `d.webhookId = $webhookId${o.status ? ' AND d.status = $status' : ''}`;
  const params = { webhookId, status: o.status ?? null, offset: int(o.offset), limit: int(o.limit) };
  const total = toSafeNumber((await tx.run(`MATCH (d:${ALERT_LABELS.WebhookDelivery}) WHERE ${where} RETURN count(d) AS n`, params)).records[0]!.get('n'));
  const res = await tx.run(
    `MATCH (d:${ALERT_LABELS.WebhookDelivery}) WHERE ${where} RETURN properties(d) AS d ORDER BY d.eventId DESC, d.id SKIP $offset LIMIT $limit`,
    params,
  );
  return { total, items: res.records.map((r) => deliveryFromProps(r.get('d') as Record<string, unknown>)) };
}

export function checkWebhookUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RinglinkError('INVALID_ARGUMENT', `store: webhook url ${JSON.stringify(url.slice(0, 80))} is not a URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new RinglinkError('INVALID_ARGUMENT', 'store: a webhook url must be http:// or https://');
  if (u.username !== '' || u.password !== '') throw new RinglinkError('INVALID_ARGUMENT', 'store: a webhook url must not carry credentials; the signature authenticates ringlink');
}
