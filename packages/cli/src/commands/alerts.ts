/**
 * `ringlink alerts`: list alerts from the store, or follow them as they
 * are raised — by reading the store's event log every second, or (with
 * `--url`) from a running query service's server-sent events, resuming
 * after a dropped connection with Last-Event-ID.
 *
 * Also the CLI's side of raising alerts: `ringlink ingest` runs the alert
 * rules around its store write through `writeGraphWithAlerts`.
 */
import os from 'node:os';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { ALERT_RULES, AlertService, SEVERITIES, type AlertBatch, type RaiseOutcome } from '@ringlink/core';
import { RinglinkError } from '@ringlink/model';
import { ALERT_STATUSES, AlertStore, type AlertEvent, type AlertFilter, type Neo4jStore, type StoredAlert } from '@ringlink/store-neo4j';
// The SSE reader of the service, imported by path (as serve.ts imports the service).
import { readSse } from '@ringlink/query-api';
import { parseInteger } from '../options.js';
import { connectStore } from '../store-connection.js';

// ---------------------------------------------------------------- raising (ingest)

/** Runs `write` (the store write of `batch`) with the alert rules around it; see core's AlertService.withAlerts. */
export async function writeGraphWithAlerts<T>(
  store: Neo4jStore,
  batch: AlertBatch,
  write: () => Promise<T>,
  files: ReadonlyArray<{ file: string; sha256: string }>,
): Promise<{ result: T; alerts: RaiseOutcome; recovered: RaiseOutcome }> {
  const service = new AlertService(await AlertStore.open(store));
  const out = await service.withAlerts(batch, write, { via: 'cli', actor: `cli:${os.userInfo().username}`, files: files.map((f) => ({ file: f.file, sha256: f.sha256 })) });
  return { result: out.result, alerts: out.alerts, recovered: out.recovered };
}

export function formatAlertOutcome(o: RaiseOutcome, title = 'Alerts'): string {
  const lines = [`${title}: ${o.raised.length} raised, ${o.updated.length} updated with new evidence, ${o.unchanged} unchanged`];
  for (const a of [...o.raised, ...o.updated].slice(0, 20)) {
    lines.push(`  ${a.change === 'raised' ? 'new' : '+evidence'}  ${a.severity.padEnd(8)} ${a.rule.padEnd(13)} ${a.entity}  ${a.rings.join(', ')}  (${a.id})`);
  }
  if (o.raised.length + o.updated.length > 20) lines.push(`  … and ${o.raised.length + o.updated.length - 20} more (ringlink alerts)`);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- output

function formatAlert(a: StoredAlert): string {
  const rings = a.rings.map((r) => r.id).join('+') || '-';
  return [
    `${a.updatedAt.replace('T', ' ').slice(0, 19)}  ${a.severity.toUpperCase().padEnd(8)} ${a.rule.padEnd(13)} ${a.status.padEnd(12)} ${rings.padEnd(13)} ${a.id}`,
    `    ${a.summary}`,
    `    path: ${a.path.nodes.join(' — ')}`,
  ].join('\n');
}

function formatEvent(e: Pick<AlertEvent, 'eventId' | 'type' | 'at' | 'alert'>): string {
  return `#${e.eventId} ${e.type}  ${formatAlert(e.alert)}`;
}

// ---------------------------------------------------------------- following

function waitForStop(): { stopped: () => boolean; stop: () => void; wait: (ms: number) => Promise<void>; done: () => void } {
  let stop = false;
  let wake: (() => void) | undefined;
  const onSignal = (): void => {
    stop = true;
    wake?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stopped: () => stop,
    stop: onSignal,
    wait: (ms) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      }),
    done: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Reads the store's event log every `intervalMs` and prints new events until SIGINT (or `signal`). */
export async function followStore(
  alerts: Pick<AlertStore, 'eventsAfter' | 'headEventId'>,
  options: { from?: number; json: boolean; intervalMs: number; signal?: AbortSignal; write?: (s: string) => void },
): Promise<number> {
  const write = options.write ?? ((s: string) => process.stdout.write(s));
  let last = options.from ?? (await alerts.headEventId());
  process.stderr.write(`ringlink: following alerts after event ${last} (every ${options.intervalMs} ms; Ctrl-C stops)\n`);
  const s = waitForStop();
  const onAbort = (): void => s.stop();
  options.signal?.addEventListener('abort', onAbort);
  try {
    while (!s.stopped()) {
      for (;;) {
        const events = await alerts.eventsAfter(last, 500);
        for (const e of events) {
          write(options.json ? `${JSON.stringify(e)}\n` : `${formatEvent(e)}\n`);
          last = e.eventId;
        }
        if (events.length < 500) break;
      }
      await s.wait(options.intervalMs);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    s.done();
  }
  return last;
}

/** Follows a running service's SSE stream, reconnecting with Last-Event-ID. */
async function followService(url: string, key: string, from: number | undefined, json: boolean): Promise<void> {
  const endpoint = `${url.replace(/\/+$/, '')}/api/v1/alerts/stream`;
  let last: string | null = from !== undefined ? String(from) : null;
  const s = waitForStop();
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  process.stderr.write(`ringlink: following ${endpoint}${last !== null ? ` after event ${last}` : ''} (Ctrl-C stops)\n`);
  try {
    while (!s.stopped()) {
      try {
        const res = await fetch(endpoint, {
          headers: { Authorization: `Bearer ${key}`, Accept: 'text/event-stream', ...(last !== null ? { 'Last-Event-ID': last } : {}) },
          signal: abort.signal,
        });
        if (res.status === 401 || res.status === 403) throw new RinglinkError('INVALID_ARGUMENT', `the service refused the key (${res.status}); give an analyst key with --key or RINGLINK_API_KEY`);
        if (!res.ok || res.body === null) throw new Error(`HTTP ${res.status}`);
        for await (const e of readSse(res.body)) {
          if (e.id !== null) last = e.id;
          if (json) process.stdout.write(`${e.data}\n`);
          else process.stdout.write(`${formatEvent(JSON.parse(e.data) as AlertEvent)}\n`);
        }
      } catch (err) {
        if (s.stopped() || abort.signal.aborted) break;
        if (err instanceof RinglinkError) throw err;
        process.stderr.write(`ringlink: stream interrupted (${(err as Error).message}); reconnecting${last !== null ? ` after event ${last}` : ''}\n`);
      }
      await s.wait(1000);
    }
  } finally {
    s.done();
  }
}

// ---------------------------------------------------------------- command

function choice<T extends string>(name: string, values: readonly T[]) {
  return (v: string): T => {
    if (!(values as readonly string[]).includes(v)) throw new InvalidArgumentError(`${name} must be one of ${values.join(', ')}, got "${v}"`);
    return v as T;
  };
}

function isoDate(v: string): string {
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t)) throw new InvalidArgumentError(`expected an ISO 8601 date or date-time such as 2026-11-01T00:00:00Z, got "${v}"`);
  return new Date(t).toISOString();
}

interface AlertsOptions {
  rule?: AlertFilter['rule'];
  ring?: string;
  status?: AlertFilter['status'];
  since?: string;
  minSeverity?: AlertFilter['minSeverity'];
  limit: number;
  json?: boolean;
  follow?: boolean;
  url?: string;
  key?: string;
  fromEvent?: number;
  interval: number;
}

export function registerAlerts(program: Command): void {
  program
    .command('alerts')
    .description('List alerts (rings joined or bridged, watch-list hits), or follow them as ingests raise them (--follow)')
    .option('--rule <rule>', `only this rule (${ALERT_RULES.join(', ')})`, choice('--rule', ALERT_RULES))
    .option('--ring <id>', 'only alerts about this ring, e.g. R-0007')
    .option('--status <status>', `only this status (${ALERT_STATUSES.join(', ')})`, choice('--status', ALERT_STATUSES))
    .option('--since <time>', 'only alerts raised or changed since (ISO 8601)', isoDate)
    .option('--min-severity <level>', `at least this severe (${SEVERITIES.join(', ')})`, choice('--min-severity', SEVERITIES))
    .option('--limit <n>', 'most alerts listed (default 50)', parseInteger, 50)
    .option('--json', 'JSON (one alert or event per line when following)')
    .option('-f, --follow', 'print alert events as they happen (Ctrl-C stops)')
    .option('--url <url>', 'with --follow: a running query service to follow over server-sent events, e.g. http://127.0.0.1:8080')
    .option('--key <key>', 'with --url: an API key (default RINGLINK_API_KEY)')
    .option('--from-event <id>', 'with --follow: start after this event id (resume), not at the newest', parseInteger)
    .option('--interval <ms>', 'with --follow and no --url: how often the store is read (default 1000)', parseInteger, 1000)
    .action(async (opts: AlertsOptions) => {
      if (opts.follow && opts.url) {
        const key = opts.key ?? process.env.RINGLINK_API_KEY;
        if (!key) throw new RinglinkError('INVALID_ARGUMENT', '--url needs an API key: --key <key> or RINGLINK_API_KEY');
        await followService(opts.url, key, opts.fromEvent, opts.json === true);
        return;
      }
      if (opts.url) throw new RinglinkError('INVALID_ARGUMENT', '--url goes with --follow (listing reads the store)');
      const { store, close } = await connectStore();
      try {
        const alerts = await AlertStore.open(store);
        if (opts.follow) {
          await followStore(alerts, { ...(opts.fromEvent !== undefined ? { from: opts.fromEvent } : {}), json: opts.json === true, intervalMs: Math.max(100, opts.interval) });
          return;
        }
        const filter: AlertFilter = {
          ...(opts.rule ? { rule: opts.rule } : {}),
          ...(opts.ring ? { ring: opts.ring } : {}),
          ...(opts.status ? { status: opts.status } : {}),
          ...(opts.since ? { since: opts.since } : {}),
          ...(opts.minSeverity ? { minSeverity: opts.minSeverity } : {}),
        };
        const found = await alerts.list(filter, { offset: 0, limit: Math.max(1, opts.limit) });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ total: found.total, items: found.items }, null, 2)}\n`);
          return;
        }
        process.stdout.write(found.items.length === 0 ? 'No alerts.\n' : `${found.items.map(formatAlert).join('\n')}\n${found.total > found.items.length ? `(${found.items.length} of ${found.total}; --limit shows more)\n` : ''}`);
      } finally {
        await close();
      }
    });
}
