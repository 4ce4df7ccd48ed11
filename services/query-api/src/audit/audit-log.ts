/**
 * The audit trail: who asked what, and when. One JSON line per request
 * (health checks excepted), appended to a file opened in append mode with
 * owner-only permissions, never rewritten.
 *
 * Each line carries `prev`, the SHA-256 of the line before it (the first
 * line of a new file has 64 zeros), so any line removed or edited breaks
 * the chain from there on: `verifyAuditChain` checks a file. Lines are
 * written in request-completion order through one queue.
 *
 * The log is internal and keeps what was asked, identifiers included: key
 * id (never the key), role, method, path template, path and query
 * parameters, status, time, duration, client address.
 *
 * When a line cannot be written the log marks itself failed and the
 * service refuses further requests (503) rather than answer unaudited.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export interface AuditEvent {
  /** When the request arrived (ISO 8601). */
  time: string;
  requestId: string;
  keyId: string | null;
  role: string | null;
  method: string;
  /** Path template (`/api/v1/entities/{id}`), or the raw path when no route matched. */
  route: string;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  status: number;
  durationMs: number;
  /** Problem code when the answer was a problem. */
  problem?: string;
  ip: string | null;
  /** Extra facts of some operations (ingest: bytes and SHA-256 of the body). */
  extra?: Record<string, unknown>;
}

export interface AuditSink<E extends object = AuditEvent> {
  append(event: E): void;
  /** True once a write failed: requests are refused. */
  readonly failed: boolean;
  /** Resolves when everything appended so far is written. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export const GENESIS = '0'.repeat(64);
const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** Most characters kept of one parameter value (a pasted document stays readable, not unbounded). */
const MAX_VALUE = 1000;
const clip = (v: string): string => (v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…(${v.length} chars)` : v);

export function clipQuery(query: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (query === null || typeof query !== 'object') return out;
  for (const [k, v] of Object.entries(query as Record<string, unknown>).slice(0, 50)) {
    const key = clip(k);
    if (typeof v === 'string') out[key] = clip(v);
    else if (Array.isArray(v)) out[key] = v.slice(0, 20).map((x) => clip(String(x)));
    else if (v !== undefined) out[key] = clip(JSON.stringify(v) ?? '');
  }
  return out;
}

async function lastLineHash(file: string): Promise<string> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return GENESIS;
  }
  if (size === 0) return GENESIS;
  const fh = await open(file, 'r');
  try {
    // Read backwards in chunks until a full last line is in hand.
    let tail = '';
    let pos = size;
    while (pos > 0) {
      const len = Math.min(64 * 1024, pos);
      pos -= len;
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, pos);
      tail = buf.toString('utf8') + tail;
      const trimmed = tail.replace(/\n+$/, '');
      const nl = trimmed.lastIndexOf('\n');
      if (nl >= 0 || pos === 0) return sha256(trimmed.slice(nl + 1));
    }
    return GENESIS;
  } finally {
    await fh.close();
  }
}

/** A hash-chained JSONL log of any kind of event (requests here; the CLI logs its exports with it). */
export class JsonlAuditLog<E extends object = AuditEvent> implements AuditSink<E> {
  private queue: Promise<void>;
  private fh: FileHandle | undefined;
  private prev = GENESIS;
  private broken = false;

  /** Opens (creates) the file in the background; appends wait for it. */
  constructor(
    readonly file: string,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.queue = (async () => {
      try {
        await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        this.prev = await lastLineHash(file);
        this.fh = await open(file, 'a', 0o600);
      } catch (err) {
        this.broken = true;
        this.onError(err);
      }
    })();
  }

  /** Opens the file and waits until it is ready (throws when it cannot be opened). */
  static async open<E extends object = AuditEvent>(file: string, onError?: (err: unknown) => void): Promise<JsonlAuditLog<E>> {
    let failure: unknown;
    const log = new JsonlAuditLog<E>(file, (err) => {
      failure = err;
      onError?.(err);
    });
    await log.flush();
    if (log.failed) throw failure;
    return log;
  }

  get failed(): boolean {
    return this.broken;
  }

  append(event: E): void {
    this.queue = this.queue.then(async () => {
      if (this.broken || this.fh === undefined) return;
      const line = JSON.stringify({ ...event, prev: this.prev });
      try {
        await this.fh.appendFile(`${line}\n`, 'utf8');
        this.prev = sha256(line);
      } catch (err) {
        this.broken = true;
        this.onError(err);
      }
    });
  }

  async flush(): Promise<void> {
    await this.queue;
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.fh) {
      await this.fh.sync().catch(() => {});
      await this.fh.close();
      this.fh = undefined;
    }
  }
}

/** Checks an audit file's chain; returns the 1-based number of the first bad line, or 0 when intact. */
export function verifyAuditChain(text: string): { lines: number; firstBadLine: number } {
  const lines = text.split('\n').filter((l) => l !== '');
  let prev = GENESIS;
  for (let i = 0; i < lines.length; i++) {
    let parsed: { prev?: unknown };
    try {
      parsed = JSON.parse(lines[i]!) as { prev?: unknown };
    } catch {
      return { lines: lines.length, firstBadLine: i + 1 };
    }
    if (parsed.prev !== prev) return { lines: lines.length, firstBadLine: i + 1 };
    prev = sha256(lines[i]!);
  }
  return { lines: lines.length, firstBadLine: 0 };
}
