/**
 * A server-sent-events parser (the WHATWG "event stream interpretation"),
 * fed with decoded text chunks as they arrive from a fetch body. Used
 * instead of EventSource because EventSource cannot send the
 * `Authorization` header the service requires.
 */

export interface SseMessage {
  /** `message` when the event has no `event:` field. */
  event: string;
  data: string;
  /** The last event id seen so far (sent back as `Last-Event-ID` on reconnect). */
  lastEventId: string;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private sawCarriageReturn = false;
  lastEventId = '';
  /** Reconnection delay the server asked for (`retry:`), ms. */
  retryMs: number | undefined;

  /** Feeds a chunk; returns the events it completed. */
  push(chunk: string): SseMessage[] {
    let text = chunk;
    // A CR ending the previous chunk and an LF starting this one are one line break.
    if (this.sawCarriageReturn && text.startsWith('\n')) text = text.slice(1);
    this.sawCarriageReturn = text.endsWith('\r');
    this.buffer += text;
    const out: SseMessage[] = [];
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    // A trailing CR already ended its line: split left an empty remainder, which is right.
    for (const line of lines) {
      const m = this.line(line);
      if (m) out.push(m);
    }
    return out;
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return undefined;
      }
      const message = { event: this.event || 'message', data: this.data.join('\n'), lastEventId: this.lastEventId };
      this.data = [];
      this.event = '';
      return message;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break;
    }
    return undefined;
  }
}
