/**
 * Alerting endpoints, declared like every other operation (zod, roles,
 * OpenAPI):
 *
 *   GET  /alerts                       list and filter (rule, ring, status, since, minSeverity, entity; paged)
 *   GET  /alerts/stream                server-sent events, resumable (Last-Event-ID)
 *   GET  /alerts/{id}                  one alert
 *   POST /alerts/{id}/ack|assign|dismiss   the life cycle (each change is an event and an audit line)
 *   GET|POST|DELETE /watchlist         the watch list (analysts)
 *   GET|POST /webhooks, DELETE /webhooks/{id}, GET /webhooks/{id}/deliveries   (admin)
 *   POST /screen                       the rules on one candidate record, stored nowhere
 */
import { z } from 'zod';
import { RinglinkError } from '@ringlink/model';
import { screenRecord, watchKeyOf, type MappingSpec } from '@ringlink/core';
import type { AlertStatus } from '@ringlink/store-neo4j';
import type { ServiceConfig } from '../config.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { entityIdParam, intParam, page, pageOf, pageParams, ringIdParam, strictQuery } from '../schemas/common.js';
import type { AlertRuntime } from './alert-runtime.js';
import {
  AckBodySchema,
  AlertRuleSchema,
  AlertSchema,
  AlertStatusSchema,
  AssignBodySchema,
  DeliverySchema,
  DismissBodySchema,
  ScreenBodySchema,
  ScreenResponseSchema,
  SeveritySchema,
  StatusChangeResponseSchema,
  WatchBodySchema,
  WatchEntrySchema,
  WatchKindSchema,
  WebhookBodySchema,
  WebhookCreatedSchema,
  WebhookSchema,
  alertIdParam,
  webhookIdParam,
} from './schemas.js';

export interface AlertRouteDeps {
  config: Readonly<ServiceConfig>;
  alerts: AlertRuntime;
  specs: readonly MappingSpec[];
}

const ISO = z.iso.datetime({ offset: true, error: 'since must be an ISO 8601 date-time such as 2026-11-01T00:00:00Z' });

function lastEventIdOf(header: string | undefined, query: number | undefined): number | null {
  if (query !== undefined) return query;
  if (header === undefined || header.trim() === '') return null;
  const n = Number(header.trim());
  if (!Number.isSafeInteger(n) || n < 0) throw new RinglinkError('INVALID_ARGUMENT', 'Last-Event-ID must be the id of an event this stream sent (a whole number)');
  return n;
}

export function alertOperations(deps: AlertRouteDeps): Operation[] {
  const { config, alerts } = deps;
  const paging = pageParams(config.limits.maxPageSize, config.limits.defaultPageSize);
  const store = async () => (await alerts.ready()).store;
  const idParams = z.object({ id: alertIdParam });

  const statusChange = (action: 'ack' | 'assign' | 'dismiss', summary: string, body: z.ZodType, description: string) =>
    defineOperation({
      operationId: { ack: 'acknowledgeAlert', assign: 'assignAlert', dismiss: 'dismissAlert' }[action],
      method: 'post',
      path: `/alerts/{id}/${action}`,
      tag: 'alerts',
      summary,
      description,
      role: 'analyst',
      params: idParams,
      body,
      responses: {
        200: { description: 'The alert after the change (`changed: false` when it already was so).', schema: StatusChangeResponseSchema },
        404: { description: 'No alert with that id.' },
        409: { description: 'The alert was dismissed.' },
      },
      handler: async ({ params, body: b, principal, res }) => {
        const by = principal?.keyId ?? null;
        const input = (b ?? {}) as { note?: string; assignee?: string; reason?: string };
        const s = await store();
        const out =
          action === 'ack'
            ? await s.changeStatus(params.id, { action: 'acknowledge', by, note: input.note ?? null })
            : action === 'assign'
              ? await s.changeStatus(params.id, { action: 'assign', by, assignee: input.assignee!, note: input.note ?? null })
              : await s.changeStatus(params.id, { action: 'dismiss', by, reason: input.reason! });
        res.locals.auditExtra = { alert: params.id, action, changed: out.changed, eventId: out.eventId, ...(input.assignee ? { assignee: input.assignee } : {}), ...(input.reason ? { reason: input.reason } : {}) };
        if (out.event !== null) alerts.publish([out.event]);
        return { body: out };
      },
    });

  return [
    defineOperation({
      operationId: 'listAlerts',
      method: 'get',
      path: '/alerts',
      tag: 'alerts',
      summary: 'Alerts, most recent activity first; filter by rule, ring, status, since',
      role: 'analyst',
      query: strictQuery({
        rule: AlertRuleSchema.optional(),
        ring: ringIdParam.optional(),
        status: AlertStatusSchema.optional(),
        since: ISO.optional().meta({ description: 'Only alerts raised or changed at or after this time.' }),
        minSeverity: SeveritySchema.optional(),
        entity: entityIdParam('entity').optional(),
        ...paging,
      }),
      responses: { 200: { description: 'A page of alerts.', schema: pageOf(AlertSchema, 'AlertPage', 'A page of alerts.') } },
      handler: async ({ query }) => {
        const req = { limit: query.limit, offset: query.cursor ?? 0 };
        const found = await (await store()).list(
          {
            ...(query.rule ? { rule: query.rule } : {}),
            ...(query.ring ? { ring: query.ring } : {}),
            ...(query.status ? { status: query.status as AlertStatus } : {}),
            ...(query.since ? { since: new Date(query.since).toISOString() } : {}),
            ...(query.minSeverity ? { minSeverity: query.minSeverity } : {}),
            ...(query.entity ? { entity: query.entity } : {}),
          },
          req,
        );
        return { body: page(found.items, req, found.total) };
      },
    }),

    defineOperation({
      operationId: 'streamAlerts',
      method: 'get',
      path: '/alerts/stream',
      tag: 'alerts',
      summary: 'Alerts as server-sent events, resumable with Last-Event-ID',
      description: [
        'A `text/event-stream`: each event has `id:` (a persisted, monotonically increasing event id), `event:` (`alert.raised`,',
        '`alert.evidence`, `alert.acknowledged`, `alert.assigned`, `alert.dismissed`) and `data:` (an AlertEvent, JSON).',
        'Reconnect with the `Last-Event-ID` header (browsers\' EventSource does so itself) or `?lastEventId=` to receive every',
        'event after that one first, across service restarts; without it the stream starts now. `: keepalive` comments keep idle',
        'connections open. `types` limits the event types sent.',
      ].join(' '),
      role: 'analyst',
      audit: true,
      query: strictQuery({
        lastEventId: intParam('lastEventId', 0, Number.MAX_SAFE_INTEGER).optional().meta({ description: 'Resume after this event (instead of the Last-Event-ID header).' }),
        types: z
          .string()
          .max(200)
          .optional()
          .meta({ description: 'Comma-separated event types to send (default all), e.g. `alert.raised`.' }),
      }),
      responses: { 200: { description: 'The event stream (never ends on its own).', contentType: 'text/event-stream', schema: z.string() } },
      handler: async ({ req, res, query }) => {
        const last = lastEventIdOf(req.headers['last-event-id'] as string | undefined, query.lastEventId);
        const types = query.types ? query.types.split(',').map((t) => t.trim()).filter((t) => t !== '') : null;
        res.locals.auditExtra = { lastEventId: last };
        await (await store()); // fail with a problem (not a broken stream) when alerting cannot open
        await alerts.stream.subscribe(req, res, last, types);
        return { body: null };
      },
    }),

    defineOperation({
      operationId: 'getAlert',
      method: 'get',
      path: '/alerts/{id}',
      tag: 'alerts',
      summary: 'One alert: rule, rings, entity, explaining path with evidence, severity, source records, history',
      role: 'analyst',
      params: idParams,
      responses: { 200: { description: 'The alert.', schema: AlertSchema }, 404: { description: 'No alert with that id.' } },
      handler: async ({ params }) => {
        const a = await (await store()).get(params.id);
        if (a === undefined) throw new RinglinkError('NOT_FOUND', `no alert ${params.id}`);
        return { body: a };
      },
    }),

    statusChange('ack', 'Acknowledge an alert', AckBodySchema, 'Marks the alert seen (an optional `note` goes to its history). Acknowledging twice changes nothing.'),
    statusChange('assign', 'Assign an alert to someone', AssignBodySchema, '`assignee` follows the alert up; its status becomes `assigned`.'),
    statusChange('dismiss', 'Dismiss an alert with a reason', DismissBodySchema, 'Closes the alert; `reason` is required and kept. A dismissed alert accepts no further change (409), but later evidence is still attached to it.'),

    defineOperation({
      operationId: 'listWatchlist',
      method: 'get',
      path: '/watchlist',
      tag: 'watchlist',
      summary: 'The watch list, newest first',
      role: 'analyst',
      query: strictQuery({ kind: WatchKindSchema.optional(), ...paging }),
      responses: { 200: { description: 'A page of watch-list entries.', schema: pageOf(WatchEntrySchema, 'WatchPage', 'A page of watch-list entries.') } },
      handler: async ({ query }) => {
        const req = { limit: query.limit, offset: query.cursor ?? 0 };
        const found = await (await store()).listWatch({ ...req, ...(query.kind ? { kind: query.kind } : {}) });
        return { body: page(found.items, req, found.total) };
      },
    }),

    defineOperation({
      operationId: 'addToWatchlist',
      method: 'post',
      path: '/watchlist',
      tag: 'watchlist',
      summary: 'Watch an identifier (phone, account, document, CNIC, passport, e-mail) in any spelling',
      description:
        'The identifier is normalized with the model\'s normalizers (`0300-1234567` = `+92 300 1234567`); one that cannot be is refused (400), never guessed. Every new record that carries it raises a `watchlist-hit` alert. Watching an identifier already listed updates its note (200).',
      role: 'analyst',
      body: WatchBodySchema,
      responses: {
        201: { description: 'Added.', schema: WatchEntrySchema },
        200: { description: 'Already listed; the note was updated.', schema: WatchEntrySchema },
      },
      handler: async ({ body, principal, res }) => {
        const w = watchKeyOf(body.kind, body.identifier, { phoneRegion: config.phoneRegion, ...(body.country ? { country: body.country } : {}) });
        const out = await (await store()).addWatch({ key: w.key, kind: w.kind, identifier: body.identifier, normalized: w.normalized, note: body.note ?? null }, principal?.keyId ?? null);
        res.locals.auditExtra = { watch: w.key, created: out.created };
        return { status: out.created ? 201 : 200, body: out.entry };
      },
    }),

    defineOperation({
      operationId: 'removeFromWatchlist',
      method: 'delete',
      path: '/watchlist',
      tag: 'watchlist',
      summary: 'Stop watching an identifier (given as when it was added, in any spelling)',
      role: 'analyst',
      query: strictQuery({
        identifier: z.string({ error: 'identifier is required' }).trim().min(1).max(200),
        kind: WatchKindSchema,
        country: z.string().trim().max(60).optional(),
      }),
      responses: { 200: { description: 'Removed; the entry as it was.', schema: WatchEntrySchema }, 404: { description: 'Not on the watch list.' } },
      handler: async ({ query, res }) => {
        const w = watchKeyOf(query.kind, query.identifier, { phoneRegion: config.phoneRegion, ...(query.country ? { country: query.country } : {}) });
        const removed = await (await store()).removeWatch(w.key);
        res.locals.auditExtra = { watch: w.key, removed: removed !== undefined };
        if (removed === undefined) throw new RinglinkError('NOT_FOUND', `${query.kind} ${w.normalized} is not on the watch list`);
        return { body: removed };
      },
    }),

    defineOperation({
      operationId: 'listWebhooks',
      method: 'get',
      path: '/webhooks',
      tag: 'webhooks',
      summary: 'Registered webhooks (admin; secrets are never shown again)',
      role: 'admin',
      responses: { 200: { description: 'The webhooks.', schema: z.object({ items: z.array(WebhookSchema) }).meta({ id: 'WebhookList' }) } },
      handler: async () => ({ body: { items: await (await store()).listWebhooks() } }),
    }),

    defineOperation({
      operationId: 'registerWebhook',
      method: 'post',
      path: '/webhooks',
      tag: 'webhooks',
      summary: 'Register a webhook for new alerts (admin)',
      description: [
        'Every new alert (optionally only some `rules`, or at least `minSeverity`) is POSTed to `url` as JSON, signed:',
        '`X-Ringlink-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Ringlink-Timestamp>.<body>")>`, with `Idempotency-Key`',
        '(the same on every attempt of one alert to one webhook). Failed deliveries are retried with exponential backoff',
        'until the receiver answers 2xx, also across restarts (at least once). The answer shows the secret once.',
      ].join(' '),
      role: 'admin',
      body: WebhookBodySchema,
      responses: { 201: { description: 'Registered; keep the secret.', schema: WebhookCreatedSchema } },
      handler: async ({ body, principal, res }) => {
        const w = await (await store()).addWebhook(
          {
            url: body.url,
            ...(body.secret ? { secret: body.secret } : {}),
            description: body.description ?? null,
            rules: body.rules ?? null,
            minSeverity: body.minSeverity ?? null,
          },
          principal?.keyId ?? null,
        );
        res.locals.auditExtra = { webhook: w.id, url: w.url };
        return { status: 201, body: w, headers: { Location: `/api/v1/webhooks/${w.id}/deliveries` } };
      },
    }),

    defineOperation({
      operationId: 'deleteWebhook',
      method: 'delete',
      path: '/webhooks/{id}',
      tag: 'webhooks',
      summary: 'Remove a webhook and its pending deliveries (admin)',
      role: 'admin',
      params: z.object({ id: webhookIdParam }),
      responses: { 200: { description: 'Removed.', schema: z.object({ deleted: z.string() }) }, 404: { description: 'No webhook with that id.' } },
      handler: async ({ params, res }) => {
        const ok = await (await store()).deleteWebhook(params.id);
        res.locals.auditExtra = { webhook: params.id, deleted: ok };
        if (!ok) throw new RinglinkError('NOT_FOUND', `no webhook ${params.id}`);
        return { body: { deleted: params.id } };
      },
    }),

    defineOperation({
      operationId: 'listWebhookDeliveries',
      method: 'get',
      path: '/webhooks/{id}/deliveries',
      tag: 'webhooks',
      summary: 'The delivery log of a webhook: every alert sent, its attempts and their answers (admin)',
      role: 'admin',
      params: z.object({ id: webhookIdParam }),
      query: strictQuery({ status: z.enum(['pending', 'delivered', 'failed']).optional(), ...paging }),
      responses: {
        200: { description: 'A page of deliveries, newest first.', schema: pageOf(DeliverySchema, 'DeliveryPage', 'A page of webhook deliveries.') },
        404: { description: 'No webhook with that id.' },
      },
      handler: async ({ params, query }) => {
        const s = await store();
        if ((await s.getWebhook(params.id)) === undefined) throw new RinglinkError('NOT_FOUND', `no webhook ${params.id}`);
        const req = { limit: query.limit, offset: query.cursor ?? 0 };
        const found = await s.deliveries(params.id, { ...req, ...(query.status ? { status: query.status } : {}) });
        return { body: page(found.items, req, found.total) };
      },
    }),

    defineOperation({
      operationId: 'screenRecord',
      method: 'post',
      path: '/screen',
      tag: 'alerts',
      summary: 'Screening: would this application tie its applicant to a known ring, and how? (nothing is stored)',
      description: [
        'Runs the alert rules on one candidate record (the columns of the source, e.g. `applications.csv`) against the store,',
        'without storing it: `tiedToRing`, the rings, and for each would-be alert the explaining path with its evidence.',
        'Watch-list hits are reported too. A record ingest would quarantine is answered with `rejected: true` and the issues.',
      ].join(' '),
      role: 'analyst',
      body: ScreenBodySchema,
      responses: { 200: { description: 'The verdict.', schema: ScreenResponseSchema }, 422: { description: 'Unknown source.' } },
      handler: async ({ body, res }) => {
        const spec = deps.specs.find((s) => s.name === body.source);
        if (spec === undefined) throw new RinglinkError('UNKNOWN_SOURCE', `no mapping spec named "${body.source}" (known: ${deps.specs.map((s) => s.name).join(', ')})`);
        const { store: s, service } = await alerts.ready();
        const out = await screenRecord(spec, body.record, s, service.options);
        res.locals.auditExtra = { source: body.source, tiedToRing: out.tiedToRing, rings: out.rings };
        return {
          body: {
            tiedToRing: out.tiedToRing,
            watchlistHit: out.watchlistHit,
            rejected: out.rejected,
            rings: out.rings,
            alerts: out.alerts.map((a) => ({
              key: a.key, rule: a.rule, entity: a.entity, rings: a.rings, member: a.member, severity: a.severity,
              severityScore: a.severityScore, summary: a.summary, path: a.path, watch: a.watch,
            })),
            issues: out.issues.map((i) => ({ field: i.field, code: i.code, message: i.message, action: i.action })),
            stored: false as const,
          },
        };
      },
    }),
  ];
}
