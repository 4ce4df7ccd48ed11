/**
 * The alert contract as the store reads and writes it: structural types of
 * core's alert candidates (packages/core/src/alerts/types.ts), so that the
 * store depends on the contract, not on core's code (core's candidates and
 * context fit these; the CLI and the query service, which wire the two,
 * are type-checked against both). Stored alerts and events add the life
 * cycle: ids, status, event numbers, history.
 */
import type { Evidence, LinkKind } from '@ringlink/model';

export type AlertRuleName = 'joined-ring' | 'bridged-rings' | 'watchlist-hit';
export type SeverityName = 'low' | 'medium' | 'high' | 'critical';
export const ALERT_STATUSES = ['open', 'acknowledged', 'assigned', 'dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const SEVERITY_ORDER: Readonly<Record<SeverityName, number>> = Object.freeze({ low: 1, medium: 2, high: 3, critical: 4 });

export interface RingRefForStore {
  id: string;
  score: number;
}

export interface HopForStore {
  linkId: string;
  type: LinkKind;
  from: string;
  to: string;
  isNew: boolean;
  evidence: Evidence[];
}

/** What a watch-list entry identifies (core's WatchKind). */
export const WATCH_KIND_NAMES = ['phone', 'account', 'document', 'cnic', 'passport', 'email'] as const;
export type WatchKindName = (typeof WATCH_KIND_NAMES)[number];

export interface WatchMatchForStore {
  key: string;
  kind: WatchKindName;
  identifier: string;
  note: string | null;
}

export interface AlertCandidateForStore {
  key: string;
  rule: AlertRuleName;
  entity: string;
  entityKind: string;
  rings: RingRefForStore[];
  member: string | null;
  severity: SeverityName;
  severityScore: number;
  severityParts: unknown;
  path: { nodes: string[]; hops: HopForStore[] };
  links: HopForStore[];
  records: Evidence[];
  watch: WatchMatchForStore[];
  summary: string;
}

export interface RaiseMetaForStore {
  via: string;
  actor?: string | null;
  requestId?: string | null;
  files?: Array<{ file: string; sha256: string }>;
}

export interface AlertHistoryEntry {
  at: string;
  /** raised, evidence, acknowledged, assigned, dismissed. */
  action: string;
  /** API key id, CLI user, or the batch's origin. */
  by: string | null;
  detail: string | null;
  eventId: number;
}

/** An alert as stored and served. */
export interface StoredAlert {
  id: string;
  key: string;
  rule: AlertRuleName;
  entity: string;
  entityKind: string;
  rings: RingRefForStore[];
  member: string | null;
  severity: SeverityName;
  severityScore: number;
  severityParts: unknown;
  status: AlertStatus;
  assignee: string | null;
  dismissReason: string | null;
  summary: string;
  path: { nodes: string[]; hops: HopForStore[] };
  /** Links behind the alert, every batch's (newest last, capped). */
  links: HopForStore[];
  /** Source records that caused it, every batch's (capped). */
  records: Evidence[];
  watch: WatchMatchForStore[];
  /** Batches that brought evidence (1 + evidence updates). */
  sightings: number;
  createdAt: string;
  updatedAt: string;
  firstEventId: number;
  lastEventId: number;
  /** Where the first evidence came from. */
  source: RaiseMetaForStore;
  history: AlertHistoryEntry[];
}

export const ALERT_EVENT_TYPES = ['alert.raised', 'alert.evidence', 'alert.acknowledged', 'alert.assigned', 'alert.dismissed'] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

/** One entry of the event log: what SSE sends (as `id:`, `event:`, `data:`). */
export interface AlertEvent {
  eventId: number;
  type: AlertEventType;
  at: string;
  alertId: string;
  /** The alert as it was after this event. */
  alert: StoredAlert;
}

export interface RaisedRef {
  id: string;
  key: string;
  rule: AlertRuleName;
  entity: string;
  rings: string[];
  severity: SeverityName;
  eventId: number;
  change: 'raised' | 'evidence';
}

export interface RaiseResult {
  raised: RaisedRef[];
  updated: RaisedRef[];
  unchanged: number;
  lastEventId: number | null;
  /** Webhook deliveries queued. */
  deliveries: number;
  /** The events written, in id order (for publishing without reading them back). */
  events: AlertEvent[];
  /**
   * Deliveries queued already leased to the store's `deliveryLease.owner`
   * (a local worker sends them at once, without claiming); empty without
   * a lease owner.
   */
  leased: LeasedDelivery[];
}

/** A delivery handed to a worker with its lease (see webhooks.ts ClaimedDelivery). */
export interface LeasedDelivery {
  id: string;
  webhookId: string;
  alertId: string;
  eventId: number;
  type: string;
  url: string;
  secret: string;
  body: string;
  attempts: number;
  createdAt: string;
}
