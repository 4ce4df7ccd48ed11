/**
 * A minimal server-sent-events reader over fetch (Node 20 has no
 * EventSource): parses `text/event-stream` into events and keeps the last
 * event id for a resume. Used by `ringlink alerts --follow --url`, the
 * tests and the benchmark. No dependencies.
 */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/** Parses a `text/event-stream` body (WHATWG rules: fields, comments, blank-line dispatch). */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buf = '';
  let id: string | null = null;
  let event = 'message';
  let data: string[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buf.search(/\r\n|\n|\r/)) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + (buf.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        if (data.length > 0) yield { id, event, data: data.join('\n') };
        event = 'message';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  }
}

/** One connection to an SSE endpoint that collects what arrives (with arrival times) for tests and benchmarks. */
export class SseConnection {
  readonly messages: Array<SseMessage & { receivedAt: number }> = [];
  status = 0;
  private readonly abort = new AbortController();
  private waiters: Array<() => void> = [];
  readonly done: Promise<void>;
  private opened!: () => void;
  /** Resolves when the response headers arrived. */
  readonly open: Promise<void> = new Promise((resolve) => (this.opened = resolve));

  constructor(url: string, headers: Record<string, string>) {
    this.done = (async () => {
      try {
        const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: this.abort.signal });
        this.status = res.status;
        this.opened();
        if (!res.ok || res.body === null) return;
        for await (const m of readSse(res.body)) {
          this.messages.push({ ...m, receivedAt: performance.now() });
          for (const w of this.waiters.splice(0)) w();
        }
      } catch {
        // aborted or dropped
      } finally {
        this.opened();
        for (const w of this.waiters.splice(0)) w();
      }
    })();
  }

  /** Waits for a message matching `test` (already received or future). */
  async next(test: (m: SseMessage) => boolean, timeoutMs = 10_000): Promise<SseMessage & { receivedAt: number }> {
    const deadline = Date.now() + timeoutMs;
    let seen = 0;
    for (;;) {
      for (; seen < this.messages.length; seen++) if (test(this.messages[seen]!)) return this.messages[seen]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`sse: no matching event within ${timeoutMs} ms (got ${this.messages.map((m) => `${m.id}:${m.event}`).join(', ') || 'none'})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    this.abort.abort();
    return this.done;
  }
}
