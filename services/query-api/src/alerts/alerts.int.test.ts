/**
 * Alerting end to end: real HTTP over the real Neo4j of the integration
 * setup, holding a generated case (ingested, analysed, written back).
 * New records go in through POST /ingest/{source}; alerts come out of the
 * API, the SSE stream (with resume, also across a restart) and a real
 * webhook receiver on 127.0.0.1 that fails, then recovers.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore, type Neo4jStore } from '@ringlink/store-neo4j';
import { testConfig } from '../config.js';
import { startServer, type RunningServer } from '../server.js';
import { loadGeneratedCase, type LoadedCase } from '../testing/case-fixture.js';
import { nationalSpelling } from '../sample-case.js';
import { SseConnection } from './sse-client.js';
import { WEBHOOK_HEADERS, verifyWebhookSignature } from './signature.js';
import type { AlertRuntimeOverrides } from './alert-runtime.js';

const KEYS = { analyst: 'alerts-analyst-key-0123456789', ingest: 'alerts-ingest-key-0123456789', admin: 'alerts-admin-key-0123456789' };
const FAST: AlertRuntimeOverrides = {
  stream: { pollMs: 200, heartbeatMs: 1000, retryMs: 200 },
  webhooks: { retryBaseMs: 150, retryMaxMs: 600, pollMs: 200, timeoutMs: 2000 },
};

let store: Neo4jStore;
let fixture: LoadedCase;
let tmp: string;
let server: RunningServer;
let base: string;

const HEADER = [
  'application_id', 'submitted_at', 'consulate', 'visa_type', 'applicant_name', 'applicant_dob', 'applicant_cnic', 'applicant_passport_no',
  'applicant_passport_country', 'applicant_phone', 'applicant_email', 'applicant_address', 'agent_name', 'agent_phone', 'agent_cnic',
  'agency_name', 'payment_account', 'statement_account', 'documents', 'decision',
];

let serial = 0;
/** One applications row: a new applicant (a fresh CNIC) unless `cnic` is given. */
function application(fields: Record<string, string>): Record<string, string> {
  serial++;
  return {
    application_id: `ALERT-TEST-${serial}`,
    submitted_at: '2026-11-20',
    applicant_name: `Test Applicant ${serial}`,
    applicant_dob: '1991-03-04',
    applicant_cnic: `3740${String(100000000 + serial).padStart(9, '0')}`,
    ...fields,
  };
}

function csv(rows: Array<Record<string, string>>): string {
  const esc = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [HEADER.join(','), ...rows.map((r) => HEADER.map((h) => esc(r[h] ?? '')).join(','))].join('\n') + '\n';
}

async function api(url: string, init: RequestInit & { key?: string } = {}): Promise<{ status: number; body: any }> {
  const { key = KEYS.analyst, ...rest } = init;
  const res = await fetch(`${base}${url}`, { ...rest, headers: { Authorization: `Bearer ${key}`, ...(rest.body && !(rest.headers as Record<string, string> | undefined)?.['Content-Type'] ? { 'Content-Type': 'application/json' } : {}), ...(rest.headers as Record<string, string> | undefined) } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function ingest(rows: Array<Record<string, string>>): Promise<any> {
  const r = await api(`/ingest/applications?file=alerts-${serial}.csv`, { method: 'POST', key: KEYS.ingest, headers: { 'Content-Type': 'text/csv' }, body: csv(rows) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

function sse(lastEventId?: number | string, query = ''): SseConnection {
  return new SseConnection(`${base}/alerts/stream${query}`, { Authorization: `Bearer ${KEYS.analyst}`, ...(lastEventId !== undefined ? { 'Last-Event-ID': String(lastEventId) } : {}) });
}

async function start(): Promise<RunningServer> {
  const config = testConfig(
    [
      { key: KEYS.analyst, role: 'analyst' },
      { key: KEYS.ingest, role: 'ingest' },
      { key: KEYS.admin, role: 'admin' },
    ],
    { auditLogFile: path.join(tmp, 'audit.jsonl'), limits: { rateLimit: 100_000 } },
  );
  const s = await startServer({ config, store, port: 0, host: '127.0.0.1', alerts: FAST });
  base = `${s.url}/api/v1`;
  return s;
}

/** Ring facts of the case: the `index`th ring that has a phone (not a hub) and a person with a CNIC. */
function ringFacts(index: number) {
  const hubs = new Set(fixture.analysis.run.hubs.map((h) => h.id));
  const usable = fixture.analysis.rings
    .map((ring) => ({
      ring,
      phone: ring.members.find((m) => m.startsWith('phone:') && !hubs.has(m) && fixture.analysis.rings.filter((r) => r.members.includes(m)).length === 1),
      person: ring.personIds.find((p) => p.startsWith('person:cnic:')),
    }))
    .filter((x): x is { ring: typeof x.ring; phone: string; person: string } => x.phone !== undefined && x.person !== undefined);
  const found = usable[index % usable.length];
  if (found === undefined) throw new Error('the generated case has no usable ring');
  return found;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ringlink-alerts-int-'));
  store = await openStore({ uri: inject('neo4jUri') });
  fixture = await loadGeneratedCase(store, { seed: 5, rings: 4, brokers: 2 });
  server = await start();
});

afterAll(async () => {
  await server?.close();
  await store?.close();
  await fixture?.cleanup();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('rules on ingest', () => {
  let alertId: string;
  let applicant: Record<string, string>;

  it('joined-ring: a new applicant giving a ring\'s phone raises one alert, streamed at once, with path, evidence and severity', async () => {
    const { ring, phone } = ringFacts(0);
    const stream = sse();
    await stream.open;
    applicant = application({ applicant_phone: nationalSpelling(phone.slice('phone:'.length)) });
    const body = await ingest([applicant]);
    const cnic = applicant.applicant_cnic!;
    expect(body.alerts.raised).toEqual([expect.objectContaining({ rule: 'joined-ring', entity: `person:cnic:${cnic}`, rings: [ring.id] })]);
    alertId = body.alerts.raised[0].id;
    const event = await stream.next((m) => m.event === 'alert.raised');
    const data = JSON.parse(event.data);
    expect(Number(event.id)).toBe(body.alerts.raised[0].eventId);
    expect(data.alert).toMatchObject({ id: alertId, rule: 'joined-ring', entity: `person:cnic:${cnic}`, member: phone, status: 'open' });
    expect(data.alert.path.nodes.slice(0, 2)).toEqual([`person:cnic:${cnic}`, phone]);
    expect(data.alert.path.hops[0]).toMatchObject({ type: 'USES_PHONE', isNew: true });
    expect(data.alert.path.hops[0].evidence[0]).toMatchObject({ source: 'applications', recordId: applicant.application_id, row: 1 });
    // The hop from the phone to a person of the ring, with its stored evidence.
    expect(data.alert.path.nodes).toHaveLength(3);
    expect(ring.personIds).toContain(data.alert.path.nodes[2]);
    expect(data.alert.path.hops[1].evidence.length).toBeGreaterThan(0);
    expect(data.alert.records.map((r: { recordId: string }) => r.recordId)).toEqual([applicant.application_id]);
    expect(data.alert.severityParts.ringScore).toBeCloseTo(ring.score, 0);
    expect(['low', 'medium', 'high', 'critical']).toContain(data.alert.severity);
    await stream.close();
  });

  it('deduplicates: the same applicant joining the same ring again adds evidence to the alert, raises nothing new', async () => {
    const { ring } = ringFacts(0);
    const fee = ring.members.find(
      (m) => m.startsWith('account:') && !fixture.analysis.run.hubs.some((h) => h.id === m) && fixture.analysis.rings.filter((r) => r.members.includes(m)).length === 1,
    )!;
    const again = application({ applicant_cnic: applicant.applicant_cnic!, applicant_phone: applicant.applicant_phone!, payment_account: fee.slice('account:'.length) });
    const body = await ingest([again]);
    expect(body.alerts.raised).toEqual([]);
    expect(body.alerts.updated.map((u: { id: string }) => u.id)).toEqual([alertId]);
    const a = await api(`/alerts/${alertId}`);
    expect(a.body).toMatchObject({ sightings: 2, status: 'open' });
    expect(a.body.records.map((r: { recordId: string }) => r.recordId)).toEqual([applicant.application_id, again.application_id]);
    expect(a.body.history.map((h: { action: string }) => h.action)).toEqual(['raised', 'evidence']);
  });

  it('raises nothing when nothing new joins: a re-sent batch, an unrelated applicant', async () => {
    const body = csv([applicant]);
    const r = await api('/ingest/applications?file=alerts-again.csv', { method: 'POST', key: KEYS.ingest, headers: { 'Content-Type': 'text/csv' }, body });
    expect(r.body.alerts).toEqual({ raised: [], updated: [], unchanged: 0 });
    const unrelated = await ingest([application({ applicant_phone: '0345-7654321', applicant_email: 'someone.new@example.com', applicant_address: 'house 9 street 99 quetta' })]);
    expect(unrelated.alerts).toEqual({ raised: [], updated: [], unchanged: 0 });
  });

  it('bridged-rings: a member of one ring giving another ring\'s phone', async () => {
    const a = ringFacts(1);
    const b = ringFacts(2);
    const person = a.ring.personIds.find((p) => p.startsWith('person:cnic:') && !b.ring.members.includes(p))!;
    const body = await ingest([application({ applicant_cnic: person.slice('person:cnic:'.length), applicant_phone: nationalSpelling(b.phone.slice('phone:'.length)) })]);
    const ids = [a.ring.id, b.ring.id].sort();
    expect(body.alerts.raised).toEqual([expect.objectContaining({ rule: 'bridged-rings', entity: person, rings: ids })]);
    expect(body.alerts.raised.some((x: { rule: string }) => x.rule === 'joined-ring')).toBe(false);
  });

  it('hub identifiers do not raise: a ring member paying into a hub account', async () => {
    const hubAccount = fixture.analysis.run.hubs.find((h) => h.id.startsWith('account:'));
    expect(hubAccount, 'the generated case has a hub account').toBeDefined();
    let person: string | undefined;
    for (const r of fixture.analysis.rings) {
      for (const p of r.personIds.filter((x) => x.startsWith('person:cnic:'))) {
        if ((await store.linkEvidence(`${p}|PAID_INTO|${hubAccount!.id}`)) === undefined) person = p;
        if (person) break;
      }
      if (person) break;
    }
    expect(person, 'a ring person not yet paying into the hub').toBeDefined();
    const body = await ingest([application({ applicant_cnic: person!.slice('person:cnic:'.length), payment_account: hubAccount!.id.slice('account:'.length) })]);
    expect(body.alerts.raised).toEqual([]);
    expect(await store.linkEvidence(`${person}|PAID_INTO|${hubAccount!.id}`)).toBeDefined(); // a new link, written all the same
  });

  it('watchlist-hit: an identifier watched in one spelling, seen in another; managed through the API', async () => {
    const added = await api('/watchlist', { method: 'POST', body: JSON.stringify({ identifier: '0311-2223344', kind: 'phone', note: 'courier seen at the border' }) });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ key: 'phone:+923112223344', normalized: '+923112223344', note: 'courier seen at the border' });
    expect((await api('/watchlist', { method: 'POST', body: JSON.stringify({ identifier: '+92 311 2223344', kind: 'phone' }) })).status).toBe(200);
    expect((await api('/watchlist', { method: 'POST', body: JSON.stringify({ identifier: 'not a phone', kind: 'phone' }) })).status).toBe(400);
    const list = await api('/watchlist');
    expect(list.body.items.map((w: { key: string }) => w.key)).toEqual(['phone:+923112223344']);
    const body = await ingest([application({ applicant_phone: '+92 (311) 222 3344' })]);
    expect(body.alerts.raised).toEqual([expect.objectContaining({ rule: 'watchlist-hit', entity: 'phone:+923112223344' })]);
    const removed = await api(`/watchlist?kind=phone&identifier=${encodeURIComponent('923112223344')}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect((await api(`/watchlist?kind=phone&identifier=03112223344`, { method: 'DELETE' })).status).toBe(404);
  });

  it('lists and filters alerts', async () => {
    const all = await api('/alerts?limit=50');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const joined = await api('/alerts?rule=joined-ring');
    expect(joined.body.items.every((a: { rule: string }) => a.rule === 'joined-ring')).toBe(true);
    const ring = await api(`/alerts?ring=${ringFacts(0).ring.id}&status=open`);
    expect(ring.body.items.map((a: { id: string }) => a.id)).toContain(alertId);
    expect((await api('/alerts?since=2999-01-01T00:00:00Z')).body.items).toEqual([]);
    const page1 = await api('/alerts?limit=1');
    const page2 = await api(`/alerts?limit=1&cursor=${page1.body.next}`);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    expect((await api('/alerts?rule=nope')).status).toBe(400);
  });
});

describe('life cycle and the SSE stream', () => {
  it('ack, assign, dismiss as events; a reconnect with Last-Event-ID resumes exactly, also after a restart', async () => {
    const raised = (await api('/alerts?rule=joined-ring&status=open&limit=1')).body.items[0];
    const from = (await api('/alerts?limit=1')).body.items[0].lastEventId as number; // the newest event so far
    const ack = await api(`/alerts/${raised.id}/ack`, { method: 'POST', body: JSON.stringify({ note: 'looking' }) });
    expect(ack.body).toMatchObject({ changed: true, alert: { status: 'acknowledged' } });
    const assign = await api(`/alerts/${raised.id}/assign`, { method: 'POST', body: JSON.stringify({ assignee: 'inspector.rana' }) });
    expect(assign.body.alert).toMatchObject({ status: 'assigned', assignee: 'inspector.rana' });
    expect((await api(`/alerts/${raised.id}/dismiss`, { method: 'POST', body: JSON.stringify({}) })).status).toBe(400); // a reason is required

    // Resume after `from`: the two changes first, in order, then live events.
    const resumed = sse(from);
    const e1 = await resumed.next((m) => m.event === 'alert.acknowledged');
    const e2 = await resumed.next((m) => m.event === 'alert.assigned');
    expect([Number(e1.id), Number(e2.id)]).toEqual([ack.body.eventId, assign.body.eventId]);
    expect(resumed.messages.filter((m) => m.id !== null).map((m) => Number(m.id))).toEqual(
      [...resumed.messages.map((m) => Number(m.id))].sort((a, b) => a - b),
    );
    const dismiss = await api(`/alerts/${raised.id}/dismiss`, { method: 'POST', body: JSON.stringify({ reason: 'a cousin, not the ring' }) });
    const e3 = await resumed.next((m) => m.event === 'alert.dismissed');
    expect(Number(e3.id)).toBe(dismiss.body.eventId);
    expect(JSON.parse(e3.data).alert).toMatchObject({ status: 'dismissed', dismissReason: 'a cousin, not the ring' });
    await resumed.close();
    expect((await api(`/alerts/${raised.id}/ack`, { method: 'POST' })).status).toBe(409);

    // The ids are persisted: a new service on the same store resumes the same way.
    await server.close();
    server = await start();
    const afterRestart = sse(undefined, `?lastEventId=${from}`);
    const again = await afterRestart.next((m) => m.event === 'alert.dismissed');
    expect(Number(again.id)).toBe(dismiss.body.eventId);
    expect(afterRestart.messages.map((m) => m.event)).toEqual(['alert.acknowledged', 'alert.assigned', 'alert.dismissed']);
    await afterRestart.close();

    // Every change is in the audit log.
    const audit = (await readFile(path.join(tmp, 'audit.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const changes = audit.filter((l) => /\/alerts\/\{id\}\/(ack|assign|dismiss)$/.test(l.route) && l.status === 200);
    expect(changes.map((l) => l.extra.action)).toEqual(['ack', 'assign', 'dismiss']);
    expect(changes[2].extra).toMatchObject({ alert: raised.id, reason: 'a cousin, not the ring', changed: true });
  });

  it('refuses an analyst without a key and a malformed Last-Event-ID', async () => {
    expect((await fetch(`${base}/alerts/stream`)).status).toBe(401);
    const bad = await fetch(`${base}/alerts/stream`, { headers: { Authorization: `Bearer ${KEYS.analyst}`, 'Last-Event-ID': 'yesterday' } });
    expect(bad.status).toBe(400);
  });
});

describe('webhooks', () => {
  interface Received {
    headers: IncomingMessage['headers'];
    body: string;
    answered: number;
  }

  function receiver(answers: number[], port = 0): Promise<{ server: Server; url: string; got: Received[]; port: number }> {
    const got: Received[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answered = answers[got.length] ?? 200;
        got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
        res.writeHead(answered).end();
      });
    });
    return new Promise((resolve) =>
      server.listen(port, '127.0.0.1', () => {
        const p = (server.address() as AddressInfo).port;
        resolve({ server, url: `http://127.0.0.1:${p}/hook`, got, port: p });
      }),
    );
  }

  const close = (s: Server): Promise<void> => new Promise((resolve) => s.close(() => resolve()));

  async function until<T>(what: string, f: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await f();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('signs every delivery, retries a failing receiver with backoff and delivers once it recovers', async () => {
    const rx = await receiver([503, 500]); // fails twice, then answers 200
    const secret = 'whsec_test_secret_0123456789abcdef';
    expect((await api('/webhooks', { method: 'POST', body: JSON.stringify({ url: rx.url, secret }) })).status).toBe(403); // analyst
    const reg = await api('/webhooks', { method: 'POST', key: KEYS.admin, body: JSON.stringify({ url: rx.url, secret, description: 'test receiver' }) });
    expect(reg.status).toBe(201);
    expect(reg.body.secret).toBe(secret);
    const hookId = reg.body.id as string;
    expect((await api('/webhooks', { key: KEYS.admin })).body.items.map((w: { id: string; secret?: string }) => [w.id, w.secret])).toContainEqual([hookId, undefined]);

    const { phone } = ringFacts(3);
    const body = await ingest([application({ applicant_phone: nationalSpelling(phone.slice('phone:'.length)) })]);
    const alert = body.alerts.raised[0];
    expect(alert).toBeDefined();

    const delivered = await until('a 200 delivery', () => rx.got.find((g) => g.answered === 200));
    expect(rx.got.map((g) => g.answered)).toEqual([503, 500, 200]);
    const keys = new Set(rx.got.map((g) => g.headers['idempotency-key']));
    expect(keys.size).toBe(1); // the same on every attempt
    expect(rx.got.map((g) => g.headers['x-ringlink-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(rx.got.map((g) => g.body)).size).toBe(1); // the same bytes every time
    for (const g of rx.got) {
      expect(verifyWebhookSignature({ secret, body: g.body, signature: g.headers['x-ringlink-signature'] as string, timestamp: g.headers['x-ringlink-timestamp'] as string })).toBe(true);
      expect(verifyWebhookSignature({ secret: 'another-secret-0123456789', body: g.body, signature: g.headers['x-ringlink-signature'] as string, timestamp: g.headers['x-ringlink-timestamp'] as string })).toBe(false);
      expect(verifyWebhookSignature({ secret, body: g.body.replace('joined-ring', 'joined-rinG'), signature: g.headers['x-ringlink-signature'] as string, timestamp: g.headers['x-ringlink-timestamp'] as string })).toBe(false);
    }
    expect(delivered.headers[WEBHOOK_HEADERS.event.toLowerCase()]).toBe('alert.raised');
    const payload = JSON.parse(delivered.body);
    expect(payload).toMatchObject({ type: 'alert.raised', webhookId: hookId, alert: { id: alert.id, rule: 'joined-ring' } });

    const log = await until('the delivery log to show delivered', async () => {
      const r = await api(`/webhooks/${hookId}/deliveries`, { key: KEYS.admin });
      return r.body.items[0]?.status === 'delivered' ? r.body : undefined;
    });
    expect(log.items[0]).toMatchObject({ alertId: alert.id, attempts: 3, lastStatus: 200, id: delivered.headers['idempotency-key'] });
    expect(log.items[0].log.map((a: { status: number }) => a.status)).toEqual([503, 500, 200]);
    await close(rx.server);
    expect((await api(`/webhooks/${hookId}`, { method: 'DELETE', key: KEYS.admin })).status).toBe(200);
    expect((await api(`/webhooks/${hookId}/deliveries`, { key: KEYS.admin })).status).toBe(404);
  });

  it('a receiver that is down gets everything once it is back, even across a restart of the service (persistent outbox)', async () => {
    // Reserve a port, then free it: the receiver is "down" (connections refused).
    const probe = await receiver([]);
    const port = probe.port;
    await close(probe.server);
    const reg = await api('/webhooks', { method: 'POST', key: KEYS.admin, body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook`, rules: ['joined-ring'] }) });
    const hookId = reg.body.id as string;

    const raisedIds: string[] = [];
    for (const i of [0, 1]) {
      const { phone } = ringFacts(i);
      const body = await ingest([application({ applicant_phone: nationalSpelling(phone.slice('phone:'.length)) })]);
      raisedIds.push(...body.alerts.raised.map((a: { id: string }) => a.id));
    }
    expect(raisedIds.length).toBeGreaterThanOrEqual(2);
    await until('a failed attempt', async () => {
      const r = await api(`/webhooks/${hookId}/deliveries?status=pending`, { key: KEYS.admin });
      return r.body.items.some((d: { attempts: number }) => d.attempts > 0) ? true : undefined;
    });

    // The service goes down with deliveries pending; the receiver comes back; a new service starts.
    await server.close();
    const rx = await receiver([], port);
    server = await start();
    await until('every delivery', () => (new Set(rx.got.map((g) => g.headers['idempotency-key'])).size === raisedIds.length ? true : undefined));
    const got = rx.got.map((g) => JSON.parse(g.body).alert.id as string);
    expect(new Set(got)).toEqual(new Set(raisedIds));
    // The worker records an attempt once the receiver has answered: the log catches up just after the receiver got it.
    await until('every delivery recorded', async () => {
      const log = await api(`/webhooks/${hookId}/deliveries`, { key: KEYS.admin });
      return log.body.items.length === raisedIds.length && log.body.items.every((d: { status: string }) => d.status === 'delivered') ? true : undefined;
    });
    await close(rx.server);
  });
});

describe('screening and the published API', () => {
  it('screens one application without storing it', async () => {
    const { ring, phone } = ringFacts(0);
    const record = application({ applicant_phone: nationalSpelling(phone.slice('phone:'.length)) });
    const before = await store.stats();
    const r = await api('/screen', { method: 'POST', body: JSON.stringify({ record }) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ tiedToRing: true, rejected: false, stored: false });
    expect(r.body.rings).toContain(ring.id);
    expect(r.body.alerts[0].path.nodes[1]).toBe(phone);
    expect((await store.stats()).totalNodes).toBe(before.totalNodes);
    const clean = await api('/screen', { method: 'POST', body: JSON.stringify({ record: application({ applicant_phone: '0301-9998887' }) }) });
    expect(clean.body).toMatchObject({ tiedToRing: false, alerts: [] });
  });

  it('publishes every alert route in the OpenAPI document', async () => {
    const doc = (await api('/openapi.json')).body;
    for (const p of ['/api/v1/alerts', '/api/v1/alerts/stream', '/api/v1/alerts/{id}', '/api/v1/alerts/{id}/ack', '/api/v1/alerts/{id}/assign', '/api/v1/alerts/{id}/dismiss', '/api/v1/watchlist', '/api/v1/webhooks', '/api/v1/webhooks/{id}', '/api/v1/webhooks/{id}/deliveries', '/api/v1/screen']) {
      expect(doc.paths[p], p).toBeDefined();
    }
    expect(Object.keys(doc.paths['/api/v1/watchlist']).sort()).toEqual(['delete', 'get', 'post']);
    expect(doc.paths['/api/v1/webhooks'].post['x-required-role']).toBe('admin');
  });
});
