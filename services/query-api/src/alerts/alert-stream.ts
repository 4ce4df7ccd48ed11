/**
 * Server-sent events of alerts (`GET /api/v1/alerts/stream`). The event log
 * in Neo4j is the one source: the stream reads events with ids above the
 * last one it sent and writes them to every connected analyst, in id
 * order. It reads when told that new events exist (an ingest or a status
 * change in this process) and, to pick up events of other processes (the
 * CLI raises alerts too), every `pollMs`.
 *
 *   id: 42
 *   event: alert.raised
 *   data: {"eventId":42,"type":"alert.raised","at":"…","alertId":"alert-…","alert":{…}}
 *
 * Events this process writes are handed over directly (`publish`), so
 * they reach clients without another read; the store is read only when
 * the ids do not follow on (another process wrote in between).
 *
 * Resume: a client that reconnects with `Last-Event-ID: 41` (EventSource
 * does it by itself) first gets every stored event above 41, then the live
 * ones; events that arrive while it catches up are held and sent after,
 * so nothing is lost or repeated. Event ids are persisted, so this works
 * across restarts of the service. Without `Last-Event-ID` a client gets
 * the events from the moment it connects.
 *
 * A client that does not read (its socket buffer above `maxBufferedBytes`)
 * is disconnected; it reconnects and resumes from the store.
 */
import type { Request, Response } from 'express';
import type { AlertEvent } from '@ringlink/store-neo4j';

export interface EventSource {
  eventsAfter(after: number, limit?: number): Promise<AlertEvent[]>;
  headEventId(): Promise<number>;
}

export interface AlertStreamOptions {
  /** How often the store is read for events of other processes, ms. */
  pollMs: number;
  /** Comment line sent to idle streams so proxies keep them open, ms. */
  heartbeatMs: number;
  /** `retry:` sent to clients (their reconnection delay), ms. */
  retryMs: number;
  /** Events read per query. */
  batch: number;
  /** A client whose unsent data exceeds this is dropped (it resumes on reconnect). */
  maxBufferedBytes: number;
}

export const ALERT_STREAM_DEFAULTS: Readonly<AlertStreamOptions> = Object.freeze({
  pollMs: 1000,
  heartbeatMs: 15_000,
  retryMs: 2000,
  batch: 500,
  maxBufferedBytes: 8 * 2 ** 20,
});

interface Client {
  res: Response;
  lastSent: number;
  catchingUp: boolean;
  pending: AlertEvent[];
  /** Only events of these types (null: all). */
  types: ReadonlySet<string> | null;
}

export function formatEvent(e: AlertEvent): string {
  const data = JSON.stringify({ eventId: e.eventId, type: e.type, at: e.at, alertId: e.alertId, alert: e.alert });
  return `id: ${e.eventId}\nevent: ${e.type}\ndata: ${data}\n\n`;
}

export class AlertStream {
  private readonly clients = new Set<Client>();
  private head = 0;
  /** Set once the head is known: nothing is read or sent before. */
  private ready = false;
  private starting: Promise<void> | undefined;
  private pumping: Promise<void> | undefined;
  private again = false;
  private poll: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly source: () => Promise<EventSource>,
    readonly options: AlertStreamOptions = ALERT_STREAM_DEFAULTS,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  get size(): number {
    return this.clients.size;
  }

  /** The highest event id read from the store so far. */
  get lastEventId(): number {
    return this.head;
  }

  /** Reads the head of the log (events before it are history) and starts polling. Concurrent calls share one start. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      this.head = await (await this.source()).headEventId();
      if (this.stopped) return;
      this.ready = true;
      this.poll = setInterval(() => this.kick(), this.options.pollMs);
      this.poll.unref();
      this.heartbeat = setInterval(() => {
        for (const c of this.clients) this.write(c, ': keepalive\n\n');
      }, this.options.heartbeatMs);
      this.heartbeat.unref();
    })();
    this.starting.catch(() => {
      this.starting = undefined; // retried by the next subscriber
    });
    return this.starting;
  }

  /** New events exist (up to `lastEventId` when known): read and send them. */
  kick(lastEventId?: number): void {
    if (this.stopped || !this.ready) return;
    if (lastEventId !== undefined && lastEventId <= this.head) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch((err) => this.onError(err))
      .finally(() => {
        this.pumping = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /**
   * Events just committed by this process, in any order: sent at once when
   * they follow the last one sent; a gap (events of another process, or of
   * a concurrent write not handed over yet) is filled from the store.
   */
  publish(events: readonly AlertEvent[]): void {
    if (this.stopped || !this.ready) return;
    let gap = false;
    for (const e of [...events].sort((a, b) => a.eventId - b.eventId)) {
      if (e.eventId <= this.head) continue;
      if (this.pumping || e.eventId !== this.head + 1) {
        gap = true;
        break;
      }
      this.head = e.eventId;
      for (const c of this.clients) this.deliver(c, e);
    }
    if (gap) this.kick();
  }

  private async pump(): Promise<void> {
    const src = await this.source();
    for (;;) {
      const events = await src.eventsAfter(this.head, this.options.batch);
      for (const e of events) {
        if (e.eventId <= this.head) continue;
        this.head = e.eventId;
        for (const c of this.clients) this.deliver(c, e);
      }
      if (events.length < this.options.batch) return;
    }
  }

  private deliver(c: Client, e: AlertEvent): void {
    if (c.catchingUp) {
      c.pending.push(e);
      return;
    }
    if (e.eventId <= c.lastSent) return;
    c.lastSent = e.eventId;
    if (c.types !== null && !c.types.has(e.type)) return;
    this.write(c, formatEvent(e));
  }

  private write(c: Client, chunk: string): void {
    if (c.res.writableEnded || c.res.destroyed) return;
    c.res.write(chunk);
    if (c.res.writableLength > this.options.maxBufferedBytes) {
      this.clients.delete(c);
      c.res.end();
    }
  }

  /**
   * Takes over the response: headers, then (with `lastEventId`) the stored
   * events after it, then live events until the client goes away.
   */
  async subscribe(req: Request, res: Response, lastEventId: number | null, types: readonly string[] | null = null): Promise<void> {
    await this.start();
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);
    const client: Client = {
      res,
      lastSent: lastEventId ?? this.head,
      catchingUp: lastEventId !== null,
      pending: [],
      types: types && types.length > 0 ? new Set(types) : null,
    };
    this.clients.add(client);
    res.write(`retry: ${this.options.retryMs}\n: ringlink alerts; resume with Last-Event-ID\n\n`);
    const drop = (): void => {
      this.clients.delete(client);
    };
    req.on('close', drop);
    res.on('close', drop);
    if (!client.catchingUp) return;
    void (async () => {
      try {
        const src = await this.source();
        for (;;) {
          const events = await src.eventsAfter(client.lastSent, this.options.batch);
          for (const e of events) {
            client.lastSent = e.eventId;
            if (client.types === null || client.types.has(e.type)) this.write(client, formatEvent(e));
          }
          if (events.length < this.options.batch || !this.clients.has(client)) break;
        }
      } catch (err) {
        this.onError(err);
        this.clients.delete(client);
        res.end();
        return;
      }
      client.catchingUp = false;
      for (const e of client.pending.splice(0)) this.deliver(client, e);
    })();
  }

  /** Ends every stream (clients reconnect elsewhere and resume) and stops reading. */
  stop(): void {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }

  /** Resolves when no read is in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }
}
