/**
 * Request and response schemas of alerting: alerts and their events, the
 * watch list, webhooks and their delivery log, screening. The same zod
 * objects validate requests and generate the OpenAPI components.
 */
import { z } from 'zod';
import { EntityKindSchema, LinkKindSchema } from '@ringlink/model';
import { ALERT_RULES, SEVERITIES, WATCH_KINDS } from '@ringlink/core';
import { ALERT_EVENT_TYPES, ALERT_STATUSES } from '@ringlink/store-neo4j';
import { EvidenceRecordSchema } from '../schemas/graph.js';

export const AlertRuleSchema = z.enum(ALERT_RULES).meta({ id: 'AlertRule', description: '`joined-ring`, `bridged-rings` or `watchlist-hit`.' });
export const SeveritySchema = z.enum(SEVERITIES).meta({ id: 'Severity' });
export const AlertStatusSchema = z.enum(ALERT_STATUSES).meta({ id: 'AlertStatus' });
export const WatchKindSchema = z.enum(WATCH_KINDS).meta({ id: 'WatchKind' });
export const AlertEventTypeSchema = z.enum(ALERT_EVENT_TYPES).meta({ id: 'AlertEventType' });

export const alertIdParam = z
  .string({ error: 'id must be an alert id' })
  .regex(/^alert-[0-9a-f]{16}$/, { error: 'id must be an alert id such as alert-0123456789abcdef' })
  .meta({ description: 'An alert id (`alert-<16 hex>`).', example: 'alert-0123456789abcdef' });

export const webhookIdParam = z
  .string({ error: 'id must be a webhook id' })
  .regex(/^wh-[0-9a-f]{16}$/, { error: 'id must be a webhook id such as wh-0123456789abcdef' })
  .meta({ description: 'A webhook id (`wh-<16 hex>`).' });

const RingRefSchema = z.object({ id: z.string(), score: z.number() }).meta({ id: 'AlertRing' });

export const AlertHopSchema = z
  .object({
    linkId: z.string(),
    type: LinkKindSchema,
    from: z.string(),
    to: z.string(),
    isNew: z.boolean().meta({ description: 'The link arrived with the batch that raised (or updated) the alert.' }),
    evidence: z.array(EvidenceRecordSchema),
  })
  .meta({ id: 'AlertHop', description: 'One link of an explaining path, with the records that attest it.' });

const WatchMatchSchema = z.object({ key: z.string(), kind: WatchKindSchema, identifier: z.string(), note: z.string().nullable() }).meta({ id: 'WatchMatch' });

const HistorySchema = z.object({
  at: z.string(),
  action: z.string().meta({ description: 'raised, evidence, acknowledged, assigned, dismissed.' }),
  by: z.string().nullable(),
  detail: z.string().nullable(),
  eventId: z.number().int(),
});

export const AlertSchema = z
  .object({
    id: z.string(),
    key: z.string().meta({ description: 'Deduplication key: `rule|entity|ring(s)` (`watchlist-hit|entity|watch key`).' }),
    rule: AlertRuleSchema,
    entity: z.string().meta({ description: 'The entity that joined, the bridging endpoint, or the watch-listed entity.' }),
    entityKind: EntityKindSchema,
    rings: z.array(RingRefSchema),
    member: z.string().nullable().meta({ description: 'The ring member the new link touched (joined-ring), the other endpoint (bridged-rings).' }),
    severity: SeveritySchema,
    severityScore: z.number(),
    severityParts: z.unknown(),
    status: AlertStatusSchema,
    assignee: z.string().nullable(),
    dismissReason: z.string().nullable(),
    summary: z.string(),
    path: z.object({ nodes: z.array(z.string()), hops: z.array(AlertHopSchema) }).meta({ description: 'The shortest explaining path, each hop with its evidence.' }),
    links: z.array(AlertHopSchema).meta({ description: 'The links behind the alert, every batch\'s.' }),
    records: z.array(EvidenceRecordSchema).meta({ description: 'The source records that caused it.' }),
    watch: z.array(WatchMatchSchema),
    sightings: z.number().int().meta({ description: 'Batches that brought evidence (later evidence is attached, not raised again).' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    firstEventId: z.number().int(),
    lastEventId: z.number().int(),
    source: z.object({ via: z.string() }).passthrough(),
    history: z.array(HistorySchema),
  })
  .meta({ id: 'Alert' });

export const AlertEventSchema = z
  .object({ eventId: z.number().int(), type: AlertEventTypeSchema, at: z.string(), alertId: z.string(), alert: AlertSchema })
  .meta({ id: 'AlertEvent', description: 'The `data:` of one server-sent event (also the body a webhook receives, with `deliveryId` and `webhookId`).' });

export const StatusChangeResponseSchema = z
  .object({ alert: AlertSchema, changed: z.boolean(), eventId: z.number().int().nullable() })
  .meta({ id: 'AlertStatusChange' });

export const AckBodySchema = z.strictObject({ note: z.string().trim().max(1000).optional() }).meta({ id: 'AcknowledgeAlert' });
export const AssignBodySchema = z
  .strictObject({
    assignee: z.string({ error: 'assignee is required: who is to follow the alert up' }).trim().min(1, { error: 'assignee must not be empty' }).max(200),
    note: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'AssignAlert' });
export const DismissBodySchema = z
  .strictObject({
    reason: z.string({ error: 'reason is required: why the alert is dismissed' }).trim().min(3, { error: 'reason must say why (at least 3 characters)' }).max(2000),
  })
  .meta({ id: 'DismissAlert' });

export const WatchEntrySchema = z
  .object({
    key: z.string(),
    kind: WatchKindSchema,
    identifier: z.string(),
    normalized: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WatchEntry' });

export const WatchBodySchema = z
  .strictObject({
    identifier: z.string({ error: 'identifier is required' }).trim().min(1).max(200).meta({ description: 'As you have it, in any spelling.', example: '0300-1234567' }),
    kind: WatchKindSchema,
    country: z.string().trim().max(60).optional().meta({ description: 'Issuing country of a passport given without one (or write `PAK:AB1234567`).' }),
    note: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'WatchRequest' });

export const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    rules: z.array(AlertRuleSchema).nullable(),
    minSeverity: SeveritySchema.nullable(),
    active: z.boolean(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'Webhook' });

export const WebhookCreatedSchema = WebhookSchema.extend({
  secret: z.string().meta({ description: 'The signing secret. Shown once: keep it where the receiver can read it.' }),
}).meta({ id: 'WebhookCreated' });

export const WebhookBodySchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/, error: 'url must be an http:// or https:// URL' }).max(2000),
    secret: z.string().min(16, { error: 'secret must be at least 16 characters' }).max(200).optional().meta({ description: 'Default: generated.' }),
    description: z.string().trim().max(500).optional(),
    rules: z.array(AlertRuleSchema).max(3).optional().meta({ description: 'Only these rules (default all).' }),
    minSeverity: SeveritySchema.optional().meta({ description: 'Only alerts at least this severe (default all).' }),
  })
  .meta({ id: 'WebhookRequest' });

export const DeliverySchema = z
  .object({
    id: z.string().meta({ description: 'Also the Idempotency-Key the receiver saw.' }),
    webhookId: z.string(),
    alertId: z.string(),
    eventId: z.number().int(),
    type: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.number().int().nullable().meta({ description: 'Epoch ms of the next attempt (pending only).' }),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    log: z.array(z.object({ attempt: z.number().int(), at: z.string(), status: z.number().int().nullable(), durationMs: z.number(), error: z.string().nullable() })),
  })
  .meta({ id: 'WebhookDelivery' });

export const ScreenBodySchema = z
  .strictObject({
    source: z.string().default('applications').meta({ description: 'The mapping spec that reads the record (default `applications`).' }),
    record: z
      .record(z.string().max(100), z.string().max(2000))
      .refine((r) => Object.keys(r).length > 0 && Object.keys(r).length <= 200, { error: 'record must have 1–200 fields' })
      .meta({ description: 'One record as its columns and values, e.g. the columns of `applications.csv`.' }),
  })
  .meta({ id: 'ScreenRequest' });

export const ScreenResponseSchema = z
  .object({
    tiedToRing: z.boolean(),
    watchlistHit: z.boolean(),
    rejected: z.boolean().meta({ description: 'The record could not be read (ingest would quarantine it): see `issues`.' }),
    rings: z.array(z.string()),
    alerts: z.array(
      z.object({
        key: z.string(),
        rule: AlertRuleSchema,
        entity: z.string(),
        rings: z.array(RingRefSchema),
        member: z.string().nullable(),
        severity: SeveritySchema,
        severityScore: z.number(),
        summary: z.string(),
        path: z.object({ nodes: z.array(z.string()), hops: z.array(AlertHopSchema) }),
        watch: z.array(WatchMatchSchema),
      }),
    ),
    issues: z.array(z.object({ field: z.string().nullable(), code: z.string(), message: z.string(), action: z.string() })),
    stored: z.literal(false).meta({ description: 'Always false: screening stores nothing.' }),
  })
  .meta({ id: 'ScreenResult' });

export const IngestAlertsSchema = z
  .object({
    raised: z.array(z.object({ id: z.string(), rule: AlertRuleSchema, entity: z.string(), rings: z.array(z.string()), severity: SeveritySchema, eventId: z.number().int() })),
    updated: z.array(z.object({ id: z.string(), rule: AlertRuleSchema, entity: z.string(), rings: z.array(z.string()), severity: SeveritySchema, eventId: z.number().int() })),
    unchanged: z.number().int(),
  })
  .meta({ id: 'IngestAlerts', description: 'Alerts the batch raised, and stored alerts it added evidence to.' });

export type AlertDto = z.infer<typeof AlertSchema>;
