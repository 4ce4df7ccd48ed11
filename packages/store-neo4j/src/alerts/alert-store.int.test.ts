/**
 * Alert persistence against a real Neo4j: the rules' context queries,
 * raising with deduplication, event ids (monotonic, persisted, unique
 * under concurrent writers), the life cycle, the watch list, webhooks and
 * the outbox with leases.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isRinglinkError, linkId, type Entity, type Evidence, type Link, type LinkKind, type ResolvedGraph } from '@ringlink/model';
import { openStore, type Neo4jStore } from '../store.js';
import { AlertStore } from './alert-store.js';
import type { AlertCandidateForStore, HopForStore } from './types.js';

const AGENT = 'person:cnic:3520111111111';
const AGENT_PHONE = 'phone:+923001111111';
const FEE = 'account:PK36SCBL0000001123456702';
const HUB = 'account:PK89HABB0865481794406941';
const MEMBER = 'person:cnic:3520122222222';
const OLD = 'person:passport:PAK:AB1234567';

let n = 0;
function ev(recordId: string): Evidence {
  n++;
  return { source: 'applications', file: 'a.csv', fileSha256: 'a'.repeat(64), row: n, recordId, recordSha256: n.toString(16).padStart(64, '0'), observedAt: '2024-01-01T00:00:00Z' };
}

function graph(links: Array<[LinkKind, string, string]>, record = ev('APP-0')): ResolvedGraph {
  const entities = new Map<string, Entity>();
  const kind = (id: string): Entity['kind'] => (id.startsWith('person') ? 'Person' : id.startsWith('phone') ? 'Phone' : 'BankAccount');
  const out: Link[] = [];
  for (const [type, from, to] of links) {
    for (const id of [from, to]) entities.set(id, { id, kind: kind(id), roles: [], props: {}, evidence: [record], aliases: [] });
    out.push({ id: linkId(type, from, to), type, from, to, props: {}, evidence: [record] });
  }
  return { entities: [...entities.values()], links: out, merges: [] };
}

function candidate(key: string, extra: Partial<AlertCandidateForStore> = {}): AlertCandidateForStore {
  const record = ev(`REC-${key}`);
  const hop: HopForStore = { linkId: `x|USES_PHONE|${key}`, type: 'USES_PHONE', from: 'x', to: key, isNew: true, evidence: [record] };
  return {
    key, rule: 'joined-ring', entity: `person:record:t:${key}:applicant`, entityKind: 'Person', rings: [{ id: 'R-0001', score: 80 }],
    member: AGENT_PHONE, severity: 'high', severityScore: 60, severityParts: { formula: 'test' },
    path: { nodes: ['x', key], hops: [hop] }, links: [hop], records: [record], watch: [], summary: `summary ${key}`,
    ...extra,
  };
}

let store: Neo4jStore;
let alerts: AlertStore;

beforeAll(async () => {
  store = await openStore({ uri: inject('neo4jUri') });
  await store.clear();
  alerts = await AlertStore.open(store);
  await store.writeGraph(graph([
    ['USES_PHONE', AGENT, AGENT_PHONE],
    ['APPLIED_VIA', MEMBER, AGENT],
    ['PAID_INTO', MEMBER, FEE],
    ['PAID_INTO', MEMBER, HUB],
    ['USES_PHONE', OLD, AGENT_PHONE],
  ]));
  await store.writeAnalysis({
    run: { id: 'run-0000000000000001', seed: 1, parameters: {}, software: {}, inputs: [], hubs: [{ id: HUB, rule: 'degree', reason: 'test hub' }], modularity: 0.5 },
    rings: [{ id: 'R-0001', members: [AGENT, AGENT_PHONE, FEE, MEMBER], persons: [AGENT, MEMBER], score: 80, explanation: 'test ring' }],
    ringEvents: [{ type: 'new', id: 'R-0001' }],
    brokers: [{ id: AGENT, rank: 1, betweenness: 0.5, bridging: 1, rings: ['R-0001'], explanation: 'test broker' }],
  });
});

afterAll(async () => {
  await store?.close();
});

describe('the rules\' context', () => {
  it('resolves ids and aliases, reads current rings, hub flags and broker ranks', async () => {
    const resolved = await alerts.resolve([AGENT, 'person:cnic:9999999999999', FEE]);
    expect([...resolved]).toEqual([[AGENT, AGENT], [FEE, FEE]]);
    const facts = await alerts.entityFacts([AGENT, AGENT_PHONE, HUB, OLD]);
    expect(facts.get(AGENT)).toEqual({ id: AGENT, isHub: false, brokerRank: 1, betweenness: 0.5, rings: [{ id: 'R-0001', score: 80 }] });
    expect(facts.get(AGENT_PHONE)?.rings.map((r) => r.id)).toEqual(['R-0001']);
    expect(facts.get(HUB)?.isHub).toBe(true);
    expect(facts.has(OLD)).toBe(false); // no facts at all
    // The same in one round trip.
    const both = await alerts.resolveWithFacts([AGENT, 'person:cnic:9999999999999', FEE, OLD]);
    expect([...both.resolved]).toEqual([[AGENT, AGENT], [FEE, FEE], [OLD, OLD]]);
    expect(both.facts.get(AGENT)).toEqual(facts.get(AGENT));
    expect(both.facts.has(OLD)).toBe(false);
  });

  it('checks links with their direction, and records', async () => {
    const present = linkId('USES_PHONE', AGENT, AGENT_PHONE);
    const reversed = linkId('USES_PHONE', AGENT_PHONE, AGENT);
    const absent = linkId('PAID_INTO', AGENT, FEE);
    expect([...(await alerts.existingLinks([present, reversed, absent]))]).toEqual([present]);
    expect((await alerts.existingRecords(['applications|APP-0|' + '1'.padStart(64, '0'), 'nope|x|y'])).size).toBe(1);
  });

  it('explains an identifier member through a ring person, with evidence', async () => {
    const tie = await alerts.ringTie(AGENT_PHONE, 'R-0001');
    expect(tie).toMatchObject({ type: 'USES_PHONE', from: AGENT, to: AGENT_PHONE, isNew: false });
    expect(tie!.evidence[0]!.recordId).toBe('APP-0');
    expect(await alerts.ringTie(AGENT_PHONE, 'R-0999')).toBeUndefined();
  });
});

describe('raising', () => {
  it('creates, deduplicates and attaches later evidence, numbering events', async () => {
    const head = await alerts.headEventId();
    const first = await alerts.raise([candidate('k1')], { via: 'test', actor: 'key-1' });
    expect(first.raised.map((r) => [r.key, r.eventId])).toEqual([['k1', head + 1]]);
    // The same candidate again: nothing new.
    const again = await alerts.raise([candidate('k1', { links: first.raised.length ? (await alerts.get(first.raised[0]!.id))!.links : [], records: (await alerts.get(first.raised[0]!.id))!.records })], { via: 'test' });
    expect(again).toMatchObject({ raised: [], updated: [], unchanged: 1, lastEventId: null });
    // Later evidence: attached, one evidence event.
    const later = await alerts.raise([candidate('k1', { severityScore: 90, severity: 'critical' })], { via: 'test' });
    expect(later.updated.map((r) => [r.key, r.change, r.eventId])).toEqual([['k1', 'evidence', head + 2]]);
    const a = (await alerts.get(first.raised[0]!.id))!;
    expect(a).toMatchObject({ sightings: 2, severity: 'critical', severityScore: 90, status: 'open', firstEventId: head + 1, lastEventId: head + 2 });
    expect(a.links).toHaveLength(1); // the same link id, a new record
    expect(a.records).toHaveLength(2);
    expect(a.history.map((h) => h.action)).toEqual(['raised', 'evidence']);
    const events = await alerts.eventsAfter(head);
    expect(events.map((e) => [e.eventId, e.type])).toEqual([[head + 1, 'alert.raised'], [head + 2, 'alert.evidence']]);
    expect(events[1]!.alert.sightings).toBe(2);
  });

  it('numbers events uniquely and without gaps under concurrent writers, and the numbers survive a reconnect', async () => {
    const head = await alerts.headEventId();
    const other = await openStore({ uri: inject('neo4jUri'), ensureSchema: false });
    try {
      const second = await AlertStore.open(other, { ensureSchema: false });
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? alerts : second).raise([candidate(`c${i}`), candidate(`d${i}`)], { via: 'test' })),
      );
      const ids = outcomes.flatMap((o) => o.raised.map((r) => r.eventId)).sort((x, y) => x - y);
      expect(ids).toEqual(Array.from({ length: 16 }, (_, i) => head + 1 + i));
      expect(await second.headEventId()).toBe(head + 16);
      const events = await second.eventsAfter(head);
      expect(events.map((e) => e.eventId)).toEqual(ids);
    } finally {
      await other.close();
    }
  });
});

describe('staging (candidates waiting for their write)', () => {
  it('keeps staged candidates as they were until settled', async () => {
    const a = candidate('stage-a');
    const b = candidate('stage-b');
    const first = await alerts.stage([a, b], { via: 'cli', actor: 'cli:test', files: [{ file: 'a.csv', sha256: 'a'.repeat(64) }] });
    const second = await alerts.stage([candidate('stage-c')], { via: 'api' });
    const byId = async () => new Map((await alerts.staged()).map((x) => [x.id, x]));
    let staged = await byId();
    expect([...staged.keys()].sort()).toEqual([first, second].sort());
    expect(staged.get(first)!.candidates).toEqual([a, b]);
    expect(staged.get(first)!.meta).toEqual({ via: 'cli', actor: 'cli:test', files: [{ file: 'a.csv', sha256: 'a'.repeat(64) }] });
    await alerts.settle(first, [b]);
    staged = await byId();
    expect(staged.get(first)!.candidates.map((c) => c.key)).toEqual(['stage-b']);
    expect(staged.get(second)!.candidates.map((c) => c.key)).toEqual(['stage-c']);
    await alerts.settle(first, []);
    await alerts.settle(second, []);
    expect(await alerts.staged()).toEqual([]);
  });
});

describe('life cycle', () => {
  it('acknowledge, assign, dismiss; closed once dismissed', async () => {
    const { raised } = await alerts.raise([candidate('life')], { via: 'test' });
    const id = raised[0]!.id;
    const ack = await alerts.changeStatus(id, { action: 'acknowledge', by: 'key-a' });
    expect(ack).toMatchObject({ changed: true, alert: { status: 'acknowledged' } });
    expect((await alerts.changeStatus(id, { action: 'acknowledge', by: 'key-a' })).changed).toBe(false);
    const assigned = await alerts.changeStatus(id, { action: 'assign', by: 'key-a', assignee: 'inspector.khan' });
    expect(assigned.alert).toMatchObject({ status: 'assigned', assignee: 'inspector.khan' });
    const dismissed = await alerts.changeStatus(id, { action: 'dismiss', by: 'key-b', reason: 'household, not the ring' });
    expect(dismissed.alert).toMatchObject({ status: 'dismissed', dismissReason: 'household, not the ring' });
    expect(dismissed.alert.history.map((h) => [h.action, h.by])).toEqual([['raised', 'test'], ['acknowledged', 'key-a'], ['assigned', 'key-a'], ['dismissed', 'key-b']]);
    await expect(alerts.changeStatus(id, { action: 'acknowledge', by: null })).rejects.toSatisfy((e) => isRinglinkError(e, 'CONFLICT'));
    await expect(alerts.changeStatus('alert-0000000000000000', { action: 'acknowledge', by: null })).rejects.toSatisfy((e) => isRinglinkError(e, 'NOT_FOUND'));
    const events = await alerts.eventsAfter(dismissed.eventId! - 3);
    expect(events.map((e) => e.type)).toEqual(['alert.acknowledged', 'alert.assigned', 'alert.dismissed']);
  });

  it('lists with filters, most recent activity first', async () => {
    await alerts.raise([candidate('w1', { rule: 'watchlist-hit', rings: [], severity: 'low', severityScore: 20 })], { via: 'test' });
    const all = await alerts.list({}, { offset: 0, limit: 100 });
    expect(all.items[0]!.key).toBe('w1');
    expect(all.total).toBe(all.items.length);
    const watch = await alerts.list({ rule: 'watchlist-hit' }, { offset: 0, limit: 10 });
    expect(watch.items.map((a) => a.key)).toEqual(['w1']);
    expect((await alerts.list({ ring: 'R-0001', minSeverity: 'high' }, { offset: 0, limit: 100 })).items.every((a) => a.rule === 'joined-ring')).toBe(true);
    expect((await alerts.list({ status: 'dismissed' }, { offset: 0, limit: 10 })).items.map((a) => a.key)).toEqual(['life']);
    expect((await alerts.list({ since: '2999-01-01T00:00:00.000Z' }, { offset: 0, limit: 10 })).total).toBe(0);
    const page2 = await alerts.list({}, { offset: 1, limit: 1 });
    expect(page2.items[0]!.id).toBe(all.items[1]!.id);
  });
});

describe('watch list', () => {
  it('adds, updates the note, matches, removes', async () => {
    const input = { key: 'phone:+923004444444', kind: 'phone', identifier: '0300-4444444', normalized: '+923004444444', note: 'courier' };
    expect((await alerts.addWatch(input, 'key-a')).created).toBe(true);
    const again = await alerts.addWatch({ ...input, identifier: '+92 300 4444444', note: 'courier (seen twice)' }, 'key-a');
    expect(again).toMatchObject({ created: false, entry: { identifier: '0300-4444444', note: 'courier (seen twice)' } });
    expect((await alerts.listWatch({ offset: 0, limit: 10 })).items.map((w) => w.key)).toEqual(['phone:+923004444444']);
    expect((await alerts.watchlistMatches(['phone:+923004444444', 'phone:+923000000000'])).get('phone:+923004444444')).toEqual([
      { key: 'phone:+923004444444', kind: 'phone', identifier: '0300-4444444', note: 'courier (seen twice)' },
    ]);
    expect((await alerts.removeWatch('phone:+923004444444'))?.key).toBe('phone:+923004444444');
    expect(await alerts.removeWatch('phone:+923004444444')).toBeUndefined();
  });
});

describe('webhooks and the outbox', () => {
  it('queues one delivery per new alert and webhook; claims with a lease; records attempts', async () => {
    await expect(alerts.addWebhook({ url: 'ftp://x' }, null)).rejects.toSatisfy((e) => isRinglinkError(e, 'INVALID_ARGUMENT'));
    const hook = await alerts.addWebhook({ url: 'http://127.0.0.1:9/hook' }, 'key-admin');
    expect(hook.secret).toMatch(/^whsec_/);
    const picky = await alerts.addWebhook({ url: 'http://127.0.0.1:9/critical', rules: ['bridged-rings'] }, 'key-admin');
    expect((await alerts.listWebhooks()).map((w) => w.id)).toEqual([hook.id, picky.id]);
    expect(JSON.stringify(await alerts.listWebhooks())).not.toContain(hook.secret);

    const out = await alerts.raise([candidate('hooked')], { via: 'test' });
    expect(out.deliveries).toBe(1);
    // Evidence for a stored alert queues nothing more.
    expect((await alerts.raise([candidate('hooked')], { via: 'test' })).deliveries).toBe(0);

    const now = Date.now() + 1000;
    const claimed = await alerts.claimDeliveries({ nowMs: now, limit: 10, leaseMs: 30_000, owner: 'w1', skipWebhooks: [] });
    expect(claimed.map((d) => [d.webhookId, d.alertId])).toEqual([[hook.id, out.raised[0]!.id]]);
    expect(claimed[0]!.secret).toBe(hook.secret);
    expect(JSON.parse(claimed[0]!.body)).toMatchObject({ type: 'alert.raised', deliveryId: claimed[0]!.id, alert: { key: 'hooked' } });
    expect(await alerts.claimDeliveries({ nowMs: now, limit: 10, leaseMs: 30_000, owner: 'w2', skipWebhooks: [] })).toEqual([]);

    const failed = await alerts.recordAttempt(claimed[0]!.id, 'w1', { attempt: 1, at: new Date().toISOString(), status: 503, durationMs: 3, error: 'HTTP 503' }, { ok: false, next: now + 500 });
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 503, nextAttemptAt: now + 500 });
    expect(await alerts.nextDeliveryDue()).toBe(now + 500);
    // A stale owner cannot record.
    expect(await alerts.recordAttempt(claimed[0]!.id, 'w1', { attempt: 2, at: '', status: 200, durationMs: 1, error: null }, { ok: true, next: null })).toBeUndefined();
    expect(await alerts.claimDeliveries({ nowMs: now + 100, limit: 10, leaseMs: 30_000, owner: 'w1', skipWebhooks: [] })).toEqual([]);
    const retry = await alerts.claimDeliveries({ nowMs: now + 600, limit: 10, leaseMs: 30_000, owner: 'w3', skipWebhooks: [] });
    expect(retry.map((d) => d.id)).toEqual([claimed[0]!.id]);
    const done = await alerts.recordAttempt(retry[0]!.id, 'w3', { attempt: 2, at: new Date().toISOString(), status: 204, durationMs: 2, error: null }, { ok: true, next: null });
    expect(done).toMatchObject({ status: 'delivered', attempts: 2, nextAttemptAt: null });
    expect(done!.log.map((l) => l.status)).toEqual([503, 204]);
    expect(await alerts.nextDeliveryDue()).toBeNull();
    const log = await alerts.deliveries(hook.id, { offset: 0, limit: 10 });
    expect(log.total).toBe(1);
    expect((await alerts.deliveries(picky.id, { offset: 0, limit: 10 })).total).toBe(0);

    expect(await alerts.deleteWebhook(hook.id)).toBe(true);
    expect(await alerts.deleteWebhook(hook.id)).toBe(false);
    expect((await alerts.deliveries(hook.id, { offset: 0, limit: 10 })).total).toBe(0);
  });
});
