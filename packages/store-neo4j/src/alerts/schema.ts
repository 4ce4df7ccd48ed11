/**
 * Labels, constraints and indexes of alerting, kept apart from the model's
 * schema (schema.ts) and asserted the same way (`schemaStatement`,
 * `checkSchema`) when an AlertStore opens:
 *
 *   (:Alert {id, key, rule, entity, ringIds, status, severityScore, createdAt, updatedAt, lastEventId, …})
 *   (:AlertEvent {eventId, type, alertId, at, payload})          the event log SSE resumes from
 *   (:AlertSequence {name, value})                               the event-id counter
 *   (:WatchEntry {key, kind, identifier, normalized, note, createdAt, createdBy})
 *   (:Webhook {id, url, secret, rules, minSeverity, active, createdAt, createdBy})
 *   (:WebhookDelivery {id, webhookId, alertId, eventId, status, attempts, nextAttemptAt, …})   the outbox
 *   (:StagedAlerts {id, stagedAt, candidates, meta})              candidates waiting for their write (JSON)
 */
import { RinglinkError } from '@ringlink/model';
import { checkSchema, schemaError, schemaStatement, type ExistingConstraint, type ExistingIndex, type SchemaItem } from '../schema.js';
import type { Db } from '../session.js';
import { int } from '../integers.js';

export const ALERT_LABELS = {
  Alert: 'Alert',
  AlertEvent: 'AlertEvent',
  AlertSequence: 'AlertSequence',
  WatchEntry: 'WatchEntry',
  Webhook: 'Webhook',
  WebhookDelivery: 'WebhookDelivery',
  StagedAlerts: 'StagedAlerts',
} as const;

/** Name of the event-id counter node. */
export const EVENT_SEQUENCE = 'alert-events';

export function alertSchemaPlan(): SchemaItem[] {
  const L = ALERT_LABELS;
  return [
    { name: 'alert_id_unique', type: 'UNIQUENESS', label: L.Alert, property: 'id', purpose: 'alerts by id' },
    { name: 'alert_key_unique', type: 'UNIQUENESS', label: L.Alert, property: 'key', purpose: 'deduplication of alerts (rule|entity|rings)' },
    { name: 'alert_event_id_unique', type: 'UNIQUENESS', label: L.AlertEvent, property: 'eventId', purpose: 'the event log SSE clients resume from' },
    { name: 'alert_sequence_name_unique', type: 'UNIQUENESS', label: L.AlertSequence, property: 'name', purpose: 'the event-id counter' },
    { name: 'watch_entry_key_unique', type: 'UNIQUENESS', label: L.WatchEntry, property: 'key', purpose: 'one watch-list entry per normalized identifier' },
    { name: 'webhook_id_unique', type: 'UNIQUENESS', label: L.Webhook, property: 'id', purpose: 'registered webhooks' },
    { name: 'webhook_delivery_id_unique', type: 'UNIQUENESS', label: L.WebhookDelivery, property: 'id', purpose: 'one delivery per alert and webhook (idempotency key)' },
    { name: 'staged_alerts_id_unique', type: 'UNIQUENESS', label: L.StagedAlerts, property: 'id', purpose: 'alert candidates staged across the write they wait for' },
    { name: 'alert_last_event', type: 'RANGE', label: L.Alert, property: 'lastEventId', purpose: 'alerts, most recent activity first' },
    { name: 'alert_updated_at', type: 'RANGE', label: L.Alert, property: 'updatedAt', purpose: 'alerts changed since' },
    { name: 'alert_status', type: 'RANGE', label: L.Alert, property: 'status', purpose: 'alerts by status' },
    { name: 'webhook_delivery_next', type: 'RANGE', label: L.WebhookDelivery, property: 'nextAttemptAt', purpose: 'due deliveries of the outbox' },
    { name: 'webhook_delivery_webhook', type: 'RANGE', label: L.WebhookDelivery, property: 'webhookId', purpose: 'the delivery log of a webhook' },
  ];
}

/** Creates what is missing, waits for it, checks everything (problems collected, then one STORE_ERROR). */
export async function ensureAlertSchema(db: Db): Promise<void> {
  const plan = alertSchemaPlan();
  const problems: string[] = [];
  for (const item of plan) {
    try {
      await db.autoCommit(`creating ${item.name}`, { text: schemaStatement(item), params: {} });
    } catch (err) {
      problems.push(`${item.name}: ${(err as Error).message}`);
    }
  }
  try {
    await db.autoCommit('waiting for alert indexes', { text: 'CALL db.awaitIndexes($seconds)', params: { seconds: int(300) } });
  } catch (err) {
    problems.push(`indexes did not come online: ${(err as Error).message}`);
  }
  const constraints = (await db.autoCommit('listing constraints', { text: 'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties', params: {} })).records.map(
    (r) => r.toObject() as unknown as ExistingConstraint,
  );
  const indexes = (
    await db.autoCommit('listing indexes', { text: 'SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state, owningConstraint', params: {} })
  ).records.map((r) => r.toObject() as unknown as ExistingIndex);
  problems.push(...checkSchema(plan, constraints, indexes));
  if (problems.length > 0) {
    const err = schemaError(problems);
    throw new RinglinkError(err.code, err.message.replace('store: schema', 'store: alert schema'), { details: err.details });
  }
}
