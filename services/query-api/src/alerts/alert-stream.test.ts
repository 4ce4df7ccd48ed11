/**
 * The SSE stream over real HTTP with an in-memory event log: live events,
 * resume after Last-Event-ID with events arriving during the catch-up,
 * gaps filled from the log, slow clients; and the webhook signature and
 * backoff helpers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertEvent, StoredAlert } from '@ringlink/store-neo4j';
import { AlertStream, formatEvent, type EventSource } from './alert-stream.js';
import { readSse, SseConnection } from './sse-client.js';
import { signWebhook, verifyWebhookSignature } from './signature.js';
import { backoffMs } from './webhook-worker.js';

function event(id: number, type: AlertEvent['type'] = 'alert.raised'): AlertEvent {
  return { eventId: id, type, at: new Date(0).toISOString(), alertId: `alert-${String(id).padStart(16, '0')}`, alert: { id: `alert-${id}` } as unknown as StoredAlert };
}

class Log implements EventSource {
  events: AlertEvent[] = [];
  delayMs = 0;
  reads = 0;
  async eventsAfter(after: number, limit = 500): Promise<AlertEvent[]> {
    this.reads++;
    const out = this.events.filter((e) => e.eventId > after).slice(0, limit);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    return out;
  }
  async headEventId(): Promise<number> {
    return this.events.at(-1)?.eventId ?? 0;
  }
}

let server: Server | undefined;
let stream: AlertStream | undefined;
const connections: SseConnection[] = [];

async function serve(log: Log, options: Partial<AlertStream['options']> = {}): Promise<string> {
  stream = new AlertStream(async () => log, { pollMs: 60_000, heartbeatMs: 60_000, retryMs: 100, batch: 2, maxBufferedBytes: 1 << 20, ...options });
  await stream.start();
  const app = express();
  app.get('/stream', (req, res) => {
    const h = req.headers['last-event-id'];
    void stream!.subscribe(req, res, typeof h === 'string' ? Number(h) : null);
  });
  server = createServer(app);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
}

function connect(url: string, last?: number): SseConnection {
  const c = new SseConnection(url, last !== undefined ? { 'Last-Event-ID': String(last) } : {});
  connections.push(c);
  return c;
}

const ids = (c: SseConnection): number[] => c.messages.map((m) => Number(m.id));

afterEach(async () => {
  stream?.stop();
  await Promise.all(connections.splice(0).map((c) => c.close()));
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

describe('AlertStream', () => {
  it('sends events published after a client connects, not before', async () => {
    const log = new Log();
    log.events.push(event(1), event(2));
    const url = await serve(log);
    const c = connect(url);
    await c.open;
    await new Promise((r) => setTimeout(r, 50));
    log.events.push(event(3));
    stream!.publish([event(3)]);
    await c.next((m) => m.id === '3');
    expect(ids(c)).toEqual([3]);
    expect(c.messages[0]!.event).toBe('alert.raised');
    expect(JSON.parse(c.messages[0]!.data)).toMatchObject({ eventId: 3, alertId: event(3).alertId });
  });

  it('resumes after Last-Event-ID: stored events first, then live ones, each once, in order', async () => {
    const log = new Log();
    for (let i = 1; i <= 7; i++) log.events.push(event(i));
    const url = await serve(log);
    log.delayMs = 80; // catch-up reads are slow…
    const c = connect(url, 2);
    await c.open;
    // …and events arrive while the client catches up.
    log.events.push(event(8), event(9));
    stream!.publish([event(8), event(9)]);
    await c.next((m) => m.id === '9');
    log.delayMs = 0;
    log.events.push(event(10));
    stream!.publish([event(10)]);
    await c.next((m) => m.id === '10');
    expect(ids(c)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('fills a gap from the log (events of another process), and polls for them', async () => {
    const log = new Log();
    log.events.push(event(1));
    const url = await serve(log, { pollMs: 50 });
    const c = connect(url);
    await c.open;
    await new Promise((r) => setTimeout(r, 20));
    log.events.push(event(2), event(3), event(4));
    stream!.publish([event(4)]); // 2 and 3 were written elsewhere
    await c.next((m) => m.id === '4');
    expect(ids(c)).toEqual([2, 3, 4]);
    log.events.push(event(5)); // nobody publishes: the poll finds it
    await c.next((m) => m.id === '5', 2000);
    expect(ids(c)).toEqual([2, 3, 4, 5]);
  });

  it('formats events as SSE and the reader parses them back', async () => {
    const text = formatEvent(event(42, 'alert.dismissed')) + ': comment\n\n';
    const body = new ReadableStream<Uint8Array>({
      start(ctl) {
        const b = new TextEncoder().encode(text);
        ctl.enqueue(b.slice(0, 7)); // split anywhere
        ctl.enqueue(b.slice(7));
        ctl.close();
      },
    });
    const got = [];
    for await (const m of readSse(body)) got.push(m);
    expect(got).toEqual([{ id: '42', event: 'alert.dismissed', data: expect.stringContaining('"eventId":42') }]);
  });

  it('drops a client that does not read, which resumes from the log when it comes back', async () => {
    const log = new Log();
    const url = await serve(log, { maxBufferedBytes: 1 });
    const c = connect(url);
    await c.open;
    log.events.push(event(1));
    stream!.publish([event(1)]);
    await c.done; // the server ended it
    expect(stream!.size).toBe(0);
    const again = connect(url, 0);
    await again.next((m) => m.id === '1');
  });
});

describe('webhook signatures and backoff', () => {
  it('signs timestamp.body with HMAC-SHA256 and verifies in constant time, refusing tampering and stale timestamps', () => {
    const body = '{"type":"alert.raised"}';
    const now = 1_767_225_600;
    const sig = signWebhook('s3cret-0123456789', now, body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret: 's3cret-0123456789', body, signature: sig, timestamp: String(now), now })).toBe(true);
    expect(verifyWebhookSignature({ secret: 's3cret-0123456789', body: Buffer.from(body), signature: sig, timestamp: String(now), now: now + 299 })).toBe(true);
    expect(verifyWebhookSignature({ secret: 's3cret-0123456789', body, signature: sig, timestamp: String(now), now: now + 301 })).toBe(false);
    expect(verifyWebhookSignature({ secret: 's3cret-0123456789', body: `${body} `, signature: sig, timestamp: String(now), now })).toBe(false);
    expect(verifyWebhookSignature({ secret: 'other-secret-012345', body, signature: sig, timestamp: String(now), now })).toBe(false);
    expect(verifyWebhookSignature({ secret: 's3cret-0123456789', body, signature: sig, timestamp: String(now + 1), now })).toBe(false);
    expect(verifyWebhookSignature({ secret: 's3cret-0123456789', body, signature: undefined, timestamp: String(now), now })).toBe(false);
  });

  it('backs off exponentially with jitter, capped', () => {
    const o = { retryBaseMs: 1000, retryMaxMs: 300_000 };
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 10, 30].map((n) => backoffMs(n, o, mid))).toEqual([1000, 2000, 4000, 8000, 300_000, 300_000]);
    expect(backoffMs(1, o, () => 0)).toBe(900);
    expect(backoffMs(1, o, () => 1)).toBe(1100);
  });
});
