/**
 * The live alert feed: GET /api/v1/alerts/stream read with fetch (so the
 * Bearer key can be sent; EventSource cannot send headers), parsed as
 * server-sent events, reconnected with `Last-Event-ID` after a drop.
 */
import { API, type ApiClient } from './client.js';
import { SseParser } from './sse-parser.js';
import type { AlertEvent } from './types.js';

export type StreamStatus =
  | { state: 'connecting' }
  | { state: 'open' }
  | { state: 'retrying'; inMs: number; reason: string }
  | { state: 'unavailable'; reason: string };

export interface AlertStreamHandlers {
  onEvent(event: AlertEvent): void;
  onStatus(status: StreamStatus): void;
}

export class AlertStream {
  private controller: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastEventId = '';
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly api: ApiClient,
    private readonly handlers: AlertStreamHandlers,
    private readonly path = `${API}/alerts/stream`,
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(ms: number, reason: string, unavailable = false): void {
    if (this.stopped) return;
    this.handlers.onStatus(unavailable ? { state: 'unavailable', reason } : { state: 'retrying', inMs: ms, reason });
    this.timer = setTimeout(() => void this.connect(), ms);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    if (!this.api.key) return; // started again once a key is given
    this.controller = new AbortController();
    this.handlers.onStatus({ state: 'connecting' });
    const parser = new SseParser();
    parser.lastEventId = this.lastEventId;
    let res: Response;
    try {
      res = await this.api.request(this.path, {
        signal: this.controller.signal,
        headers: { Accept: 'text/event-stream', ...(this.lastEventId ? { 'Last-Event-ID': this.lastEventId } : {}) },
      });
    } catch (err) {
      if (this.stopped) return;
      this.failures++;
      this.schedule(this.backoff(), err instanceof Error ? err.message : String(err));
      return;
    }
    if (res.status === 404 || res.status === 405) {
      await res.body?.cancel();
      // The service has no alert stream (yet): look again now and then.
      this.schedule(60_000, 'this service has no alert stream', true);
      return;
    }
    if (res.status === 401) return; // the key dialog takes over; start() again after it
    if (!res.ok || res.body === null || !(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
      await res.body?.cancel();
      this.failures++;
      this.schedule(this.backoff(), `the stream answered ${res.status}`);
      return;
    }
    this.failures = 0;
    this.handlers.onStatus({ state: 'open' });
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const m of parser.push(value)) {
          this.lastEventId = m.lastEventId;
          try {
            const parsed = JSON.parse(m.data) as AlertEvent;
            if (parsed && typeof parsed === 'object' && parsed.alert) this.handlers.onEvent(parsed);
          } catch {
            // not an alert event (a hello, a heartbeat) or malformed: skipped
          }
        }
      }
    } catch (err) {
      if (this.stopped) return;
      this.schedule(parser.retryMs ?? this.backoff(), err instanceof Error ? err.message : String(err));
      return;
    }
    this.schedule(parser.retryMs ?? 1000, 'the stream ended');
  }

  private backoff(): number {
    return Math.min(30_000, 1000 * 2 ** Math.min(5, this.failures));
  }
}
