/**
 * Alert persistence: raising (deduplicated, evidence attached), the event
 * log with its monotonically increasing ids, the life cycle (acknowledge,
 * assign, dismiss), the watch list, webhooks and their outbox. One object
 * per open Neo4jStore; it is also the AlertContext the rules read through
 * (core's AlertBackend = context + sink).
 *
 * Event ids. Every change of an alert is one (:AlertEvent) numbered from
 * one counter node, (:AlertSequence {name: 'alert-events'}). A writer
 * takes the counter's write lock first and keeps it until it commits, so
 * ids are handed out and committed in the same order: once event n is
 * visible, every event below n is visible too. A reader that resumes
 * "after n" (SSE `Last-Event-ID`) therefore never skips an event that
 * commits later, in this process or another (the CLI raises alerts too).
 *
 * Raising runs in one transaction: lock the counter, read the stored
 * alerts of the candidates' keys, create the new ones, attach fresh
 * evidence (links and records not yet on the alert) to the others, write
 * one event per change and queue one webhook delivery per new alert and
 * interested webhook (the outbox). A candidate that brings nothing new
 * changes nothing. The transaction may be retried as a whole (transient
 * errors): every step reads before it writes.
 */
import { randomUUID } from 'node:crypto';
import { RinglinkError } from '@ringlink/model';
import { apiDb } from '../api-session.js';
import { int, toSafeNumber } from '../integers.js';
import type { Db, Tx } from '../session.js';
import type { Neo4jStore } from '../store.js';
import {
  alertFromProps,
  alertProps,
  freshEvidence,
  mergeCandidates,
  newAlert,
  servedAlert,
  withEvidence,
  type DedupLists,
} from './alert-records.js';
import { Neo4jAlertContext, type EntityFactsForStore } from './context.js';
import { ALERT_LABELS, EVENT_SEQUENCE, ensureAlertSchema } from './schema.js';
import {
  ALERT_STATUSES,
  SEVERITY_ORDER,
  type AlertCandidateForStore,
  type AlertEvent,
  type AlertEventType,
  type AlertRuleName,
  type AlertStatus,
  type HopForStore,
  type LeasedDelivery,
  type RaiseMetaForStore,
  type RaiseResult,
  type RaisedRef,
  type SeverityName,
  type StoredAlert,
  type WatchMatchForStore,
} from './types.js';
import {
  checkWebhookUrl,
  claimDue,
  deliveryBody,
  deliveryIdOf,
  deliveryProps,
  insertWebhook,
  nextDue,
  publicWebhook,
  readDeliveries,
  readWebhook,
  readWebhooks,
  recordAttempt,
  releaseClaims,
  removeWebhook,
  webhookFromProps,
  webhookWants,
  type ClaimedDelivery,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryStatus,
  type Webhook,
  type WebhookWithSecret,
} from './webhooks.js';
import { deleteWatch, readWatchlist, upsertWatch, type WatchEntry, type WatchInput } from './watchlist.js';

export interface AlertStoreOptions {
  /** Ids per lookup query of the rules' context. */
  chunkSize: number;
  /**
   * Lease the deliveries a raise queues to this worker at once (it sends
   * them without claiming them first: one round trip less); null: they
   * wait to be claimed.
   */
  deliveryLease: { owner: string; leaseMs: number } | null;
  /** Assert (create) the alert constraints and indexes on open; default true. */
  ensureSchema: boolean;
  /** Clock (tests). */
  now: () => Date;
}

export interface AlertFilter {
  rule?: AlertRuleName;
  ring?: string;
  status?: AlertStatus;
  /** ISO 8601: alerts raised or changed at or after. */
  since?: string;
  minSeverity?: SeverityName;
  entity?: string;
}

export type StatusChange =
  | { action: 'acknowledge'; by: string | null; note?: string | null }
  | { action: 'assign'; by: string | null; assignee: string; note?: string | null }
  | { action: 'dismiss'; by: string | null; reason: string };

export interface StatusChangeResult {
  alert: StoredAlert;
  /** False when the alert already was in that state (nothing written, no event). */
  changed: boolean;
  eventId: number | null;
  /** The event written (null when nothing changed). */
  event: AlertEvent | null;
}

const EVENT_FOR: Record<StatusChange['action'], AlertEventType> = {
  acknowledge: 'alert.acknowledged',
  assign: 'alert.assigned',
  dismiss: 'alert.dismissed',
};

function page(o: { offset: number; limit: number }): void {
  if (!Number.isSafeInteger(o.offset) || o.offset < 0) throw new RinglinkError('INVALID_ARGUMENT', `store: offset must be a non-negative integer, got ${o.offset}`);
  if (!Number.isSafeInteger(o.limit) || o.limit < 1) throw new RinglinkError('INVALID_ARGUMENT', `store: limit must be a positive integer, got ${o.limit}`);
}

/** Locks the event counter (creating it) and returns its value. Call first in every writing transaction. */
async function lockSequence(tx: Tx): Promise<number> {
  const rec = (
    await tx.run(
      // A real write (not a no-op SET) takes the node's write lock before the value is read: without it two
      // writers could read the same value (Neo4j reads are read-committed) and hand out the same ids.
      `MERGE (s:${ALERT_LABELS.AlertSequence} {name: $name}) ON CREATE SET s.value = 0 SET s.lock = NOT coalesce(s.lock, false) RETURN s.value AS v`,
      { name: EVENT_SEQUENCE },
    )
  ).records[0]!;
  return toSafeNumber(rec.get('v'));
}

async function bumpSequence(tx: Tx, n: number): Promise<number> {
  const rec = (
    await tx.run(`MATCH (s:${ALERT_LABELS.AlertSequence} {name: $name}) SET s.value = s.value + $n RETURN s.value AS v`, { name: EVENT_SEQUENCE, n: int(n) })
  ).records[0]!;
  return toSafeNumber(rec.get('v'));
}

function eventRow(eventId: number, type: AlertEventType, at: string, alert: StoredAlert): Record<string, unknown> {
  return { eventId: int(eventId), type, at, alertId: alert.id, payload: JSON.stringify(servedAlert(alert)) };
}

async function writeEvents(tx: Tx, rows: Array<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  await tx.run(`UNWIND $rows AS row CREATE (e:${ALERT_LABELS.AlertEvent}) SET e = row`, { rows });
}

export class AlertStore {
  readonly context: Neo4jAlertContext;

  private constructor(
    readonly db: Db,
    private readonly options: AlertStoreOptions,
  ) {
    this.context = new Neo4jAlertContext(db, options.chunkSize);
  }

  /** Alert persistence on an open store; asserts the alert schema first (by default). */
  static async open(store: Neo4jStore, options: Partial<AlertStoreOptions> = {}): Promise<AlertStore> {
    const o: AlertStoreOptions = {
      chunkSize: options.chunkSize ?? store.options.lookupBatchSize,
      deliveryLease: options.deliveryLease ?? null,
      ensureSchema: options.ensureSchema ?? true,
      now: options.now ?? (() => new Date()),
    };
    const db = apiDb(store);
    if (o.ensureSchema) await ensureAlertSchema(db);
    return new AlertStore(db, o);
  }

  private now(): Date {
    return this.options.now();
  }

  // ------------------------------------------------------------ AlertContext

  resolve(keys: readonly string[]): Promise<Map<string, string>> {
    return this.context.resolve(keys);
  }

  entityFacts(ids: readonly string[]): Promise<Map<string, EntityFactsForStore>> {
    return this.context.entityFacts(ids);
  }

  resolveWithFacts(keys: readonly string[]): Promise<{ resolved: Map<string, string>; facts: Map<string, EntityFactsForStore> }> {
    return this.context.resolveWithFacts(keys);
  }

  existingLinks(linkIds: readonly string[]): Promise<Set<string>> {
    return this.context.existingLinks(linkIds);
  }

  existingRecords(keys: readonly string[]): Promise<Set<string>> {
    return this.context.existingRecords(keys);
  }

  watchlistMatches(keys: readonly string[]): Promise<Map<string, WatchMatchForStore[]>> {
    return this.context.watchlistMatches(keys);
  }

  ringTie(memberId: string, ringId: string): Promise<HopForStore | undefined> {
    return this.context.ringTie(memberId, ringId);
  }

  // ------------------------------------------------------------ staging (core's AlertOutbox)

  /** Keeps candidates until their write has committed and they are raised; returns the staged batch's id. */
  async stage(candidates: readonly AlertCandidateForStore[], meta: RaiseMetaForStore): Promise<string> {
    const id = `staged-${randomUUID()}`;
    await this.db.write('alerts: staging candidates', (tx) =>
      tx.run(`CREATE (s:${ALERT_LABELS.StagedAlerts}) SET s = $props`, {
        props: { id, stagedAt: this.now().toISOString(), candidates: JSON.stringify(candidates), meta: JSON.stringify(meta) },
      }),
    );
    return id;
  }

  /** Staged batches not settled yet, oldest first (at most `limit`); the candidates come back as they were staged (`C`). */
  async staged<C extends AlertCandidateForStore = AlertCandidateForStore, M extends RaiseMetaForStore = RaiseMetaForStore>(
    limit = 50,
  ): Promise<Array<{ id: string; stagedAt: string; candidates: C[]; meta: M }>> {
    const res = await this.db.query('alerts: reading staged candidates', {
      text: `MATCH (s:${ALERT_LABELS.StagedAlerts}) RETURN properties(s) AS s ORDER BY s.stagedAt, s.id LIMIT $limit`,
      params: { limit: int(limit) },
    });
    return res.records.map((r) => {
      const p = r.get('s') as Record<string, unknown>;
      return { id: String(p.id), stagedAt: String(p.stagedAt), candidates: JSON.parse(String(p.candidates)) as C[], meta: JSON.parse(String(p.meta)) as M };
    });
  }

  /** Keeps only `waiting` of a staged batch; removes it when none are left. */
  async settle(id: string, waiting: readonly AlertCandidateForStore[]): Promise<void> {
    await this.db.write('alerts: settling staged candidates', (tx) =>
      waiting.length === 0
        ? tx.run(`MATCH (s:${ALERT_LABELS.StagedAlerts} {id: $id}) DELETE s`, { id })
        : tx.run(`MATCH (s:${ALERT_LABELS.StagedAlerts} {id: $id}) SET s.candidates = $candidates`, { id, candidates: JSON.stringify(waiting) }),
    );
  }

  // ------------------------------------------------------------ raising

  /** Persists candidates: new alerts, evidence attached to stored ones, events, webhook deliveries. */
  async raise(candidates: readonly AlertCandidateForStore[], meta: RaiseMetaForStore): Promise<RaiseResult> {
    const merged = mergeCandidates(candidates);
    if (merged.length === 0) return { raised: [], updated: [], unchanged: 0, lastEventId: null, deliveries: 0, events: [], leased: [] };
    const date = this.now();
    const now = date.toISOString();
    // Two statements in one transaction: lock the counter and read what the decision needs; write everything.
    return this.db.write('alerts: raising', async (tx) => {
      const head = (
        await tx.run(
          [
            `MERGE (s:${ALERT_LABELS.AlertSequence} {name: $name}) ON CREATE SET s.value = 0`,
            // A real write takes the counter's lock before anything is read (see lockSequence).
            'SET s.lock = NOT coalesce(s.lock, false)',
            'WITH s',
            'RETURN s.value AS v,',
            `  COLLECT { UNWIND $keys AS k MATCH (a:${ALERT_LABELS.Alert} {key: k}) RETURN properties(a) } AS alerts,`,
            `  COLLECT { MATCH (w:${ALERT_LABELS.Webhook}) RETURN properties(w) } AS hooks`,
          ].join('\n'),
          { name: EVENT_SEQUENCE, keys: merged.map((c) => c.key) },
        )
      ).records[0]!;
      const stored = new Map<string, StoredAlert & DedupLists>();
      for (const p of head.get('alerts') as Array<Record<string, unknown>>) {
        const a = alertFromProps(p);
        stored.set(a.key, a);
      }
      const hooks = (head.get('hooks') as Array<Record<string, unknown>>).map(webhookFromProps).sort((a, b) => (a.id < b.id ? -1 : 1));
      // Decide first, number after (ids in candidate order: most severe first).
      type Plan = { kind: 'new'; c: AlertCandidateForStore } | { kind: 'evidence'; c: AlertCandidateForStore; old: StoredAlert & DedupLists; fresh: ReturnType<typeof freshEvidence> };
      const plans: Plan[] = [];
      let unchanged = 0;
      for (const c of merged) {
        const old = stored.get(c.key);
        if (old === undefined) {
          plans.push({ kind: 'new', c });
          continue;
        }
        const fresh = freshEvidence(old, c);
        if (fresh.links.length === 0 && fresh.records.length === 0) unchanged++;
        else plans.push({ kind: 'evidence', c, old, fresh });
      }
      if (plans.length === 0) return { raised: [], updated: [], unchanged, lastEventId: null, deliveries: 0, events: [], leased: [] };
      const first = toSafeNumber(head.get('v')) + 1;
      const last = first + plans.length - 1;
      const creates: Array<Record<string, unknown>> = [];
      const updates: Array<Record<string, unknown>> = [];
      const events: Array<Record<string, unknown>> = [];
      const written: AlertEvent[] = [];
      const raised: RaisedRef[] = [];
      const updated: RaisedRef[] = [];
      const deliveries: Array<Record<string, unknown>> = [];
      const leased: LeasedDelivery[] = [];
      const lease = this.options.deliveryLease;
      plans.forEach((p, i) => {
        const eventId = first + i;
        const alert = p.kind === 'new' ? newAlert(p.c, meta, now, eventId) : withEvidence(p.old, p.c, p.fresh, meta, now, eventId);
        (p.kind === 'new' ? creates : updates).push(alertProps(alert));
        const type: AlertEventType = p.kind === 'new' ? 'alert.raised' : 'alert.evidence';
        events.push(eventRow(eventId, type, now, alert));
        written.push({ eventId, type, at: now, alertId: alert.id, alert: servedAlert(alert) });
        const ref: RaisedRef = {
          id: alert.id, key: alert.key, rule: alert.rule, entity: alert.entity, rings: alert.rings.map((r) => r.id),
          severity: alert.severity, eventId, change: p.kind === 'new' ? 'raised' : 'evidence',
        };
        if (p.kind !== 'new') {
          updated.push(ref);
          return;
        }
        raised.push(ref);
        // The outbox: one delivery per interested webhook, written with the alert.
        for (const w of hooks) {
          if (!webhookWants(w, alert)) continue;
          const d = { id: deliveryIdOf(w.id, alert.id), webhookId: w.id, alertId: alert.id, eventId, type: 'alert.raised' };
          const body = deliveryBody(d, servedAlert(alert));
          deliveries.push(deliveryProps({ ...d, body }, now, date.getTime(), lease ? { owner: lease.owner, untilMs: date.getTime() + lease.leaseMs } : null));
          if (lease) leased.push({ ...d, body, url: w.url, secret: w.secret, attempts: 0, createdAt: now });
        }
      });
      await tx.run(
        [
          `MATCH (s:${ALERT_LABELS.AlertSequence} {name: $name})`,
          'SET s.value = $last',
          'WITH s',
          `CALL { UNWIND $creates AS row CREATE (a:${ALERT_LABELS.Alert}) SET a = row }`,
          `CALL { UNWIND $updates AS row MATCH (a:${ALERT_LABELS.Alert} {id: row.id}) SET a += row }`,
          `CALL { UNWIND $events AS row CREATE (e:${ALERT_LABELS.AlertEvent}) SET e = row }`,
          `CALL { UNWIND $deliveries AS row MERGE (d:${ALERT_LABELS.WebhookDelivery} {id: row.id}) ON CREATE SET d = row }`,
          'RETURN s.value AS v',
        ].join('\n'),
        { name: EVENT_SEQUENCE, last: int(last), creates, updates, events, deliveries },
      );
      return { raised, updated, unchanged, lastEventId: last, deliveries: deliveries.length, events: written, leased };
    });
  }

  // ------------------------------------------------------------ reading

  async get(id: string): Promise<StoredAlert | undefined> {
    return this.db.read('alerts: reading an alert', async (tx) => {
      const rec = (await tx.run(`MATCH (a:${ALERT_LABELS.Alert} {id: $id}) RETURN properties(a) AS a`, { id })).records[0];
      return rec ? servedAlert(alertFromProps(rec.get('a') as Record<string, unknown>)) : undefined;
    });
  }

  /** Alerts matching the filter, most recent activity first. */
  async list(filter: AlertFilter, window: { offset: number; limit: number }): Promise<{ items: StoredAlert[]; total: number }> {
    page(window);
    if (filter.status !== undefined && !(ALERT_STATUSES as readonly string[]).includes(filter.status)) {
      throw new RinglinkError('INVALID_ARGUMENT', `store: unknown alert status ${JSON.stringify(filter.status)}`);
    }
    const where = [
      '($rule IS NULL OR a.rule = $rule)',
      '($status IS NULL OR a.status = $status)',
      '($ring IS NULL OR $ring IN a.ringIds)',
      '($since IS NULL OR a.updatedAt >= $since)',
      '($minSeverity IS NULL OR a.severityRank >= $minSeverity)',
      '($entity IS NULL OR a.entity = $entity)',
    ].join(' AND ');
    const params = {
      rule: filter.rule ?? null,
      status: filter.status ?? null,
      ring: filter.ring ?? null,
      since: filter.since ?? null,
      minSeverity: filter.minSeverity ? int(SEVERITY_ORDER[filter.minSeverity]) : null,
      entity: filter.entity ?? null,
      offset: int(window.offset),
      limit: int(window.limit),
    };
    return this.db.read('alerts: listing', async (tx) => {
      const total = toSafeNumber((await tx.run(`MATCH (a:${ALERT_LABELS.Alert}) WHERE ${where} RETURN count(a) AS n`, params)).records[0]!.get('n'));
      const res = await tx.run(
        `MATCH (a:${ALERT_LABELS.Alert}) WHERE ${where} WITH a ORDER BY a.lastEventId DESC SKIP $offset LIMIT $limit RETURN properties(a) AS a`,
        params,
      );
      return { total, items: res.records.map((r) => servedAlert(alertFromProps(r.get('a') as Record<string, unknown>))) };
    });
  }

  /** Events with ids above `after`, in id order (at most `limit`). */
  async eventsAfter(after: number, limit = 500): Promise<AlertEvent[]> {
    return this.db.read('alerts: reading events', async (tx) => {
      const res = await tx.run(
        `MATCH (e:${ALERT_LABELS.AlertEvent}) WHERE e.eventId > $after RETURN e.eventId AS id, e.type AS type, e.at AS at, e.alertId AS alertId, e.payload AS payload ORDER BY e.eventId LIMIT $limit`,
        { after: int(Math.max(0, Math.floor(after))), limit: int(limit) },
      );
      return res.records.map((r) => ({
        eventId: toSafeNumber(r.get('id')),
        type: r.get('type') as AlertEventType,
        at: r.get('at') as string,
        alertId: r.get('alertId') as string,
        alert: JSON.parse(r.get('payload') as string) as StoredAlert,
      }));
    });
  }

  /** The highest event id committed (0 when none). */
  async headEventId(): Promise<number> {
    return this.db.read('alerts: reading the event head', async (tx) => {
      const rec = (await tx.run(`MATCH (s:${ALERT_LABELS.AlertSequence} {name: $name}) RETURN s.value AS v`, { name: EVENT_SEQUENCE })).records[0];
      return rec ? toSafeNumber(rec.get('v')) : 0;
    });
  }

  // ------------------------------------------------------------ life cycle

  /** Acknowledges, assigns or dismisses an alert; NOT_FOUND, or CONFLICT once it is dismissed. */
  async changeStatus(id: string, change: StatusChange): Promise<StatusChangeResult> {
    const now = this.now().toISOString();
    return this.db.write(`alerts: ${change.action} ${id}`, async (tx) => {
      await lockSequence(tx);
      const rec = (await tx.run(`MATCH (a:${ALERT_LABELS.Alert} {id: $id}) RETURN properties(a) AS a`, { id })).records[0];
      if (rec === undefined) throw new RinglinkError('NOT_FOUND', `store: no alert ${id}`);
      const alert = alertFromProps(rec.get('a') as Record<string, unknown>);
      if (alert.status === 'dismissed') {
        throw new RinglinkError('CONFLICT', `store: alert ${id} was dismissed (${alert.dismissReason ?? 'no reason'}); it can no longer be ${change.action === 'assign' ? 'assigned' : change.action === 'acknowledge' ? 'acknowledged' : 'dismissed'}`);
      }
      let status: AlertStatus;
      let detail: string | null;
      const next = { ...alert };
      switch (change.action) {
        case 'acknowledge':
          if (alert.status === 'acknowledged' || alert.status === 'assigned') return { alert: servedAlert(alert), changed: false, eventId: null, event: null };
          status = 'acknowledged';
          detail = change.note ?? null;
          break;
        case 'assign':
          if (alert.status === 'assigned' && alert.assignee === change.assignee) return { alert: servedAlert(alert), changed: false, eventId: null, event: null };
          status = 'assigned';
          next.assignee = change.assignee;
          detail = `to ${change.assignee}${change.note ? `: ${change.note}` : ''}`;
          break;
        case 'dismiss':
          status = 'dismissed';
          next.dismissReason = change.reason;
          detail = change.reason;
          break;
      }
      const eventId = await bumpSequence(tx, 1);
      next.status = status;
      next.updatedAt = now;
      next.lastEventId = eventId;
      next.history = [...alert.history, { at: now, action: status, by: change.by, detail, eventId }];
      await tx.run(`MATCH (a:${ALERT_LABELS.Alert} {id: $id}) SET a += $props`, { id, props: alertProps(next) });
      await writeEvents(tx, [eventRow(eventId, EVENT_FOR[change.action], now, next)]);
      const served = servedAlert(next);
      return { alert: served, changed: true, eventId, event: { eventId, type: EVENT_FOR[change.action], at: now, alertId: id, alert: served } };
    });
  }

  // ------------------------------------------------------------ watch list

  async addWatch(input: WatchInput, by: string | null): Promise<{ entry: WatchEntry; created: boolean }> {
    const now = this.now().toISOString();
    return this.db.write('alerts: adding to the watch list', (tx) => upsertWatch(tx, input, by, now));
  }

  async removeWatch(key: string): Promise<WatchEntry | undefined> {
    return this.db.write('alerts: removing from the watch list', (tx) => deleteWatch(tx, key));
  }

  async listWatch(window: { offset: number; limit: number; kind?: string }): Promise<{ items: WatchEntry[]; total: number }> {
    page(window);
    return this.db.read('alerts: listing the watch list', (tx) => readWatchlist(tx, window));
  }

  // ------------------------------------------------------------ webhooks

  /** Registers a webhook; the answer carries its secret (shown once). */
  async addWebhook(
    input: { url: string; secret?: string; description?: string | null; rules?: AlertRuleName[] | null; minSeverity?: SeverityName | null },
    by: string | null,
  ): Promise<WebhookWithSecret> {
    checkWebhookUrl(input.url);
    if (input.secret !== undefined && input.secret.length < 16) throw new RinglinkError('INVALID_ARGUMENT', 'store: a webhook secret must be at least 16 characters');
    const now = this.now().toISOString();
    return this.db.write('alerts: registering a webhook', (tx) => insertWebhook(tx, input, by, now));
  }

  async listWebhooks(): Promise<Webhook[]> {
    return (await this.db.read('alerts: listing webhooks', (tx) => readWebhooks(tx))).map(publicWebhook);
  }

  async getWebhook(id: string): Promise<Webhook | undefined> {
    const w = await this.db.read('alerts: reading a webhook', (tx) => readWebhook(tx, id));
    return w ? publicWebhook(w) : undefined;
  }

  async deleteWebhook(id: string): Promise<boolean> {
    return this.db.write('alerts: deleting a webhook', (tx) => removeWebhook(tx, id));
  }

  async deliveries(webhookId: string, window: { offset: number; limit: number; status?: DeliveryStatus }): Promise<{ items: Delivery[]; total: number }> {
    page(window);
    return this.db.read('alerts: reading deliveries', (tx) => readDeliveries(tx, webhookId, window));
  }

  async claimDeliveries(o: { nowMs: number; limit: number; leaseMs: number; owner: string; skipWebhooks: readonly string[] }): Promise<ClaimedDelivery[]> {
    return this.db.write('alerts: claiming deliveries', (tx) => claimDue(tx, o));
  }

  async recordAttempt(id: string, owner: string, attempt: DeliveryAttempt, outcome: { ok: boolean; next: number | null }): Promise<Delivery | undefined> {
    return this.db.write('alerts: recording a delivery attempt', (tx) => recordAttempt(tx, id, owner, attempt, outcome));
  }

  async releaseDeliveries(ids: readonly string[], owner: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.write('alerts: releasing deliveries', (tx) => releaseClaims(tx, ids, owner));
  }

  /** Epoch ms of the earliest pending delivery, null when none is pending. */
  async nextDeliveryDue(o?: { nowMs: number; skipWebhooks: readonly string[] }): Promise<number | null> {
    return this.db.read('alerts: next delivery', (tx) => nextDue(tx, o));
  }
}
